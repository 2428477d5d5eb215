"""Each page's Content-Security-Policy (``mdbabel.csp``) in the build: the hashes of the inline
scripts the theme's templates write, and a warning for any other inline script. Not under
``mkdocs serve``, which injects its own live-reload script."""

from __future__ import annotations

import logging
import os

from mkdocs.plugins import event_priority

from mdbabel import csp

log = logging.getLogger("mkdocs.plugins.mdbabel")


class ContentPolicy:
    """The pages' policy (a part of :class:`mdbabel.mkdocs_plugin.plugin.MdBabelPlugin`)."""

    @event_priority(-1000)  # after every plugin that changes the page (search: -50, i18n: -100)
    def _page_policy(self, output, page, config):
        """The page's Content-Security-Policy, with the hashes of its inline scripts (csp)."""
        return output if self._serving else self._with_policy(output, self._shown_source(page.file.src_uri))

    def _with_policy(self, output: str, where: str) -> str:
        refused: list[str] = []
        output = csp.add_policy(output, self._scripts, refused)
        for script in dict.fromkeys(refused):
            log.warning(f"{where}: an inline script that no template writes is not allowed by the "
                        f"Content-Security-Policy, so browsers will not run it "
                        f"({' '.join(script.split())[:60]!r}); put the script in a .js file "
                        "(extra_javascript in mkdocs.yml) or in a template under overrides/")
        return output


def _template_sources(env):
    """The source of every HTML template the theme's loader finds (the project's first).

    The theme's folders are walked without their hidden folders (Material's ``.icons`` holds
    some 14,000 SVG files and no template): a tenth of the time of ``list_templates``."""
    from jinja2 import FileSystemLoader, TemplateNotFound

    loader = env.loader
    if not isinstance(loader, FileSystemLoader):
        names = env.list_templates(extensions=["html"])
    else:
        found = set()
        for folder in loader.searchpath:
            for directory, subfolders, files in os.walk(folder):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                relative = os.path.relpath(directory, folder).replace(os.sep, "/")
                found.update(name if relative == "." else f"{relative}/{name}"
                             for name in files if name.endswith(".html"))
        names = sorted(found)
    for name in names:
        try:
            yield loader.get_source(env, name)[0]
        except TemplateNotFound:
            continue
