"""Judging untrusted translations: the parts :func:`mdbabel.checks.check_translation` runs.

- :mod:`.invisible`: zero-width and bidirectional control characters;
- :mod:`.budget`: a complexity budget checked before rendering;
- :mod:`.figures_compare`: figures as typed values (dates, amounts, document numbers);
- :mod:`.text_hosts`: web addresses written in the text (not links), only the source's;
- :mod:`.render`: a unit rendered by the site's Markdown converter, in its construct;
- :mod:`.urls`: the scheme and host a browser reads in a URL;
- :mod:`.compare`: two renderings compared as HTML trees, nh3 as a last line;
- :mod:`.balance`: tags of a rendering that would act on the page around the unit.

No MkDocs import here (the core knows no MkDocs).
"""
