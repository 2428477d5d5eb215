"""The figures' labels as ``_site`` messages: what ``mdbabel extract`` adds to ``_site.pot``.

A label (``label:`` in ``docs/_data/*.yml``) names a figure for readers on the "What has
changed" page and in the calculator; it is written in the source language and translated in
``_site.po`` like any interface text. Read with PyYAML's composer, so each message keeps the
line it comes from. A file that does not read (not UTF-8, not YAML) is a :class:`CatalogError`
with its line, as the build words it: an update would otherwise drop every label of it.
"""

from __future__ import annotations

from pathlib import Path
from collections.abc import Callable, Iterator

import yaml

from ..problems import CatalogError
from .formula import FigureError
from .history import data_files, read_data_file, read_data_text


def figure_labels(data_dir: Path, shown: Callable[[Path], str]) -> Iterator[tuple[str, tuple[str, int]]]:
    """``(label, (file as shown, line))`` of every figure of *data_dir*, in file order."""
    for path in data_files(data_dir):
        try:
            root = yaml.compose(read_data_text(path, shown(path)), Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            try:
                read_data_file(path, shown(path))  # words the error as the build does
            except FigureError as error:
                raise CatalogError(str(error)) from None
            raise  # (not reached: what compose refuses, load refuses)
        except FigureError as error:
            raise CatalogError(str(error)) from None
        if not isinstance(root, yaml.MappingNode):
            continue
        for _name, entry in root.value:
            if not isinstance(entry, yaml.MappingNode):
                continue
            for key, value in entry.value:
                if (isinstance(key, yaml.ScalarNode) and key.value == "label"
                        and isinstance(value, yaml.ScalarNode) and value.value.strip()):
                    yield value.value, (shown(path), value.start_mark.line + 1)
