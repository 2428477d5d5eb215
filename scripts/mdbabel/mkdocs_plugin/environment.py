"""The theme's Jinja environment in a language build: ``jinja2.ext.i18n`` with ``_site.po``
(escaped, ``mdbabel.escaping``), autoescape for the project's templates, the compiled-template
cache (``mdbabel.template_cache``), the navigation renderer (``nav_html``) and the ``mdbabel``
global the templates read."""

from __future__ import annotations

from typing import Any

from mdbabel.escaping import ProjectAutoescape, install_escaped_gettext
from mdbabel.mkdocs_plugin.interface import language_name
from mdbabel.mkdocs_plugin.nav_html import NavRenderer


class ThemeEnvironment:
    """The plugin's Jinja set-up (a part of :class:`mdbabel.mkdocs_plugin.plugin.MdBabelPlugin`)."""

    def _install_env(self, env, config):
        if "jinja2.ext.i18n" not in env.extensions:
            env.add_extension("jinja2.ext.i18n")
        # msgids are extracted with trimmed whitespace (catalogs.extract._template_strings)
        env.policies["ext.i18n.trimmed"] = True
        # the project's templates escape everything, translations too (mdbabel.escaping)
        if not isinstance(env.autoescape, ProjectAutoescape):
            env.autoescape = ProjectAutoescape([config.theme.custom_dir] if config.theme.custom_dir else [])
            if env.cache is not None:
                env.cache.clear()  # a template compiled before (another plugin's) is compiled again
        install_escaped_gettext(env, self._site_gettext)
        env.globals["mdbabel"] = self._site_context(config)
        # the theme compiled once, not once per language and per rebuild (mdbabel.template_cache)
        env.bytecode_cache = self._template_cache[1]
        env.globals["mdbabel_nav"] = (NavRenderer(config.theme.get("features"))
                                      if self.config.fast_nav else None)
        return env

    def _site_context(self, config) -> dict[str, Any]:
        return {
            "language": self.language,
            "language_name": language_name(self.language, self.language),
            "source_language": self.config.source_language,
            "source_language_name": language_name(self.config.source_language, self.language),
            "default_language": self.default_language,
            "languages": [(code, language_name(code)) for code in self.languages],
            # publishing (mdbabel.languages): a preview language's pages say noindex
            "preview": not self.is_published(self.language),
            "published": [code for code in self.languages if self.is_published(code)],
            "home_url": "" if self.language == self.default_language else f"{self.language}/",
        }
