"""The printed edition: PDF booklets per language and audience, made from the built pages.

No MkDocs here: the adapter (``mdbabel.mkdocs_plugin``) hands over plain data, the article
HTML of each page in navigation order, and gets the PDFs back. The parts:

- ``plan``: which pages go into which booklet (audiences, navigation order, what is left out);
- ``content``: a page's article HTML made fit for print (absolute links, ids unique per
  chapter, no permalinks) and a QR code to its online address;
- ``render``: the whole booklet as one HTML document (``templates/booklet.html``,
  ``templates/booklet.css``), the PDF made from it by WeasyPrint, and the digest of its
  inputs;
- ``batch``: a build's booklets, from the cache (``.cache/mdbabel/booklets/``) where their
  inputs did not change, the others rendered side by side, one process per core.

Engine and reasons: ``dev/decisions/booklet-engine.md``; how it is used: ``dev/booklets.md``.
"""

from mdbabel.booklets.plan import BOOKLETS, BookletSpec, PageInput, plan_booklets
from mdbabel.booklets.batch import BookletRequest, build_booklet, build_booklets
from mdbabel.booklets.render import Booklet, Labels

__all__ = ["BOOKLETS", "Booklet", "BookletRequest", "BookletSpec", "Labels", "PageInput", "build_booklet",
           "build_booklets", "plan_booklets"]
