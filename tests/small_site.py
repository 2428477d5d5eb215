"""The mkdocs.yml of the small two-language sites that tests build (Vietnamese source,
English catalogs, Material with no web fonts, the mdbabel plugin), with what a test sets."""

from __future__ import annotations


def mkdocs_yml(*, pages: tuple[str, ...] = ("index.md",), mdbabel_options: str = "",
               site_lines: str = "") -> str:
    """*mdbabel_options*: YAML lines under the plugin (``cache: false``); *site_lines*: more
    top-level lines (``site_description: ...``)."""
    plugin = "  - mdbabel" + (":\n" + "".join(f"      {line}\n" for line in mdbabel_options.splitlines())
                              if mdbabel_options else "\n")
    return ("site_name: Trang thử\n" + site_lines
            + "theme:\n  name: material\n  language: vi\n  font: false\n"
            + "plugins:\n  - i18n:\n      docs_structure: suffix\n      languages:\n"
            + "        - locale: vi\n          default: true\n          name: Tiếng Việt\n"
            + "        - locale: en\n          name: English\n"
            + plugin
            + "nav:\n" + "".join(f"  - {page}\n" for page in pages))


def build_in_process(root, site_dir=None) -> None:
    """``mkdocs build`` of the project at *root* in this process (its plugins started and
    shut down as the command does), into *site_dir* (default ``root/site``)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir or root / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
