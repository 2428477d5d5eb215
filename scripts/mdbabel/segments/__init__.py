"""Split Markdown (Python-Markdown dialect) into translatable units.

The site renders with Python-Markdown and its extensions (admonition,
pymdownx.details/tabbed/superfences, tables, attr_list, def_list, footnotes,
abbr, md_in_html, toc), so this segmenter follows Python-Markdown's own block
rules rather than CommonMark: the page is cut into blocks at blank lines and
each block is tried against the same processors in the same order
(admonitions before code blocks, headings and rules may split a paragraph,
lists need a blank line before them, 4-space indentation nests). A
CommonMark parser would read an indented admonition body as code.

Every unit records the exact source characters it came from
(:class:`SourceSpan`), so :mod:`mdbabel.translate` can write a translation
back without touching anything else.

The package's modules, in the order a page goes through them:

``units``         :class:`Unit` and :class:`SourceSpan`, what the segmenter gives
``front_matter``  the front matter: safe YAML, :func:`front_matter_message` (the one rule
                  for title/description messages) and its units
``lines``         a source line with its container prefixes removed
``cutting``       a container's lines cut into blocks
``rules``         the block rules in a registry with priorities (:data:`BLOCK_RULES`):
                  what each block is; add a rule by registering it
``leaves``        paragraphs, headings, tables, terms -> units
``containers``    admonitions, details, tabs, quotes, lists, footnotes, definitions,
                  md_in_html -> a title unit and a parsed body
``state``         what the blocks being parsed are inside of
``patterns``      the dialect's patterns; what counts as text (:func:`is_translatable`)
``registry``      the registry (as ``markdown.util.Registry``)
``segmenter``     :func:`segment`: the page's units in document order
"""

from __future__ import annotations

from .front_matter import (
    FRONT_MATTER_RE,
    FrontMatterLoader,
    _plain_text_scalar,
    front_matter_message,
    front_matter_units,
    load_front_matter,
)
from .patterns import _BLOCK_TAGS, _HTML_OPEN, _I18N_SKIP, _MD_ATTR, is_translatable
from .rules import BLOCK_RULES, Block, block_rule
from .segmenter import segment
from .units import SourceSpan, Unit

__all__ = ["Unit", "SourceSpan", "segment", "FRONT_MATTER_RE", "front_matter_message",
           "load_front_matter", "FrontMatterLoader", "front_matter_units", "is_translatable",
           "BLOCK_RULES", "Block", "block_rule",
           "_plain_text_scalar", "_BLOCK_TAGS", "_HTML_OPEN", "_I18N_SKIP", "_MD_ATTR"]
