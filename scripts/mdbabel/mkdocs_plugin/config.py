"""The options of the ``mdbabel`` plugin in mkdocs.yml, and mkdocs.yml's own texts (site name,
nav labels, ``extra``) brought into the normal form the catalogs were extracted in."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from mdbabel import languages as languages_module
from mdbabel.textnorm import normal_text


class MdBabelConfig(base.Config):
    locales_dir = c.Type(str, default="locales")
    source_language = c.Type(str, default="vi")
    threshold = c.Type((int, float), default=0.8)
    strict = c.Type((bool, str), default=False)
    figures_dir = c.Type(str, default="_data")  # inside docs_dir
    # the site's front matter rules in the build (mdbabel.site_checks: known keys, reviewed,
    # sources); a front matter that does not parse is a problem either way
    front_matter_rules = c.Type(bool, default=False)
    # keep page translations between builds in .cache/mdbabel/ (mdbabel.build_cache)
    cache = c.Type(bool, default=True)
    # write the navigation's items in Python instead of Material's macros (mdbabel.nav_html)
    fast_nav = c.Type(bool, default=True)
    # a language below this share of translated page messages is built as a preview
    # (noindex, out of the sitemap and hreflang); see mdbabel.languages
    publish_threshold = c.Type((int, float), default=languages_module.DEFAULT_PUBLISH_THRESHOLD)
    # where a missing interface string (_site.po) comes from: {ko: [en]}; the source last
    fallback = c.Type(dict, default={})
    # Open Graph data and a 1200 x 630 card per page (mdbabel.share_cards), drawn with the
    # fonts of this folder (relative to mkdocs.yml; default: the package's own, mdbabel/fonts)
    share_cards = c.Type(bool, default=True)
    card_fonts_dir = c.Optional(c.Type(str))
    # the printed booklets (mdbabel.booklets): made by `make site` (MDBABEL_BOOKLETS=true)
    booklets = c.Type((bool, str), default=False)


def _normal(value):
    """*value* with every string (dict keys too) in the normal form (mdbabel.textnorm)."""
    if isinstance(value, str):
        return normal_text(value)
    if isinstance(value, list):
        return [_normal(item) for item in value]
    if isinstance(value, dict):
        return {_normal(key): _normal(item) for key, item in value.items()}
    return value


def _normal_config(config) -> None:
    """The texts MkDocs read from mkdocs.yml (site name, nav labels, toc's permalink title,
    ``extra``) in the normal form, as they were extracted: an NFD mkdocs.yml gives the same
    site. (MkDocs reads the file itself, before any plugin runs.)"""
    for key in ("site_name", "site_description", "site_author", "copyright"):
        if isinstance(config.get(key), str):
            config[key] = normal_text(config[key])
    for key in ("nav", "extra", "mdx_configs"):
        value = config.get(key)
        if isinstance(value, (list, dict)):
            normal = _normal(value)
            if normal != value:
                if isinstance(value, dict):  # keep the config's own mapping type
                    value.clear()
                    value.update(normal)
                else:
                    config[key] = normal
