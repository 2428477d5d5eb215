"""The not-found pages: the theme renders ``404.html`` at the site's root in the default
language's build; every other language gets its own at ``/<lang>/404.html``, with the
language roots as its language menu and its own Content-Security-Policy."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.plugins import event_priority

from mdbabel.mkdocs_plugin.publishing import LanguageLink


class NotFoundPages:
    """The 404 pages (a part of :class:`mdbabel.mkdocs_plugin.plugin.MdBabelPlugin`)."""

    def _write_not_found_page(self, config) -> None:
        # 404 page of this language at /<lang>/404.html (the theme only renders the root one).
        from mkdocs.commands.build import _build_template  # the theme's own 404 rendering path

        # the build's own environment: its templates are compiled already (a new one from
        # config.theme.get_env() compiles them all again)
        env = self._install_env(self._env or config.theme.get_env(), config)
        template = env.get_template("404.html")
        nav, files = self._not_found_context or (None, None)
        if files is None:
            return
        output = _build_template("404.html", template, files, config, nav)
        target = Path(config.site_dir) / self.language / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")

    @event_priority(-30)  # after the search plugin (-20) added its box to the 404 pages
    def _not_found_policy(self, config):
        """The Content-Security-Policy of this language's 404 page (rendered outside the
        pages, so on_post_page never saw it)."""
        if self._serving:
            return
        name = "404.html" if self.language == self.default_language else f"{self.language}/404.html"
        target = Path(config.site_dir) / name
        if target.is_file():
            text = target.read_text(encoding="utf-8")
            target.write_text(self._with_policy(text, name), encoding="utf-8")

    def on_template_context(self, context, template_name, config):
        if template_name == "404.html":
            context["mdbabel_alternates"] = [
                LanguageLink(code, name, "" if code == self.default_language else f"{code}/",
                             urljoin(config.site_url or "/", "" if code == self.default_language else f"{code}/"),
                             code == self.language, not self.is_published(code))
                for code, name in ((code, self._menu_name(code)) for code in self.languages)
            ]
        return context
