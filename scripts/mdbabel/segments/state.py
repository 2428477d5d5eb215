"""Parse state of the segmenter: what the blocks being parsed are inside of (:class:`Where`,
for units' kinds and comments) and each container's state (:class:`Container`)."""

from __future__ import annotations

from dataclasses import dataclass

from .lines import Line


@dataclass(frozen=True)
class Where:
    """What the blocks being parsed are inside of, for kinds and comments."""

    paragraph_kind: str = "paragraph"
    comment: str = "paragraph"


class Container:
    """Parse state of one container (page, list item, admonition body, ...).

    Python-Markdown attaches an indented block to the previous sibling
    element (a list, an admonition, a definition list) whatever lies between
    them that leaves no element (footnote or abbreviation definitions), so
    each container remembers its last such child.
    """

    def __init__(self, where: Where, *, kind: str = "box", context: str | None = None,
                 skip: bool = False) -> None:
        self.where = where
        self.kind = kind              # "li", "dd" (continued like lists), "box", "quote"
        self.lazy = kind in ("li", "dd")  # continuation keeps unindented lines
        self.context = context        # msgctxt from <!-- i18n-context -->
        self.skip = skip              # under <!-- i18n-skip -->
        self.last: Container | None = None
        self.last_paragraph: tuple[int, list[Line]] | None = None
        self.started = False          # an element was written in it (Python-Markdown's sibling)

