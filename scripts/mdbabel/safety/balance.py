"""Tags of a rendering that act beyond the unit, on the page around it.

:mod:`.compare` parses a unit's rendering alone, as a fragment: there the HTML parser closes
what is left open at the end, ignores an end tag that has nothing to close and drops
``<html>``, ``<head>`` and ``<body>`` tags. On the page the same tags act on what is around
the unit:

- an end tag with nothing of its name open in the unit closes an element of the page (the
  article, an admonition, the table or the list the unit sits in): the rest of the page moves
  out of place;
- an element left open reaches into what follows: an ``<a>`` or ``<strong>`` is opened again
  in every following paragraph (the rest of the page becomes a link, or bold), and a ``<p>``
  opening a paragraph starts a raw HTML block that takes the rest of the page as raw text;
- an ``<html>`` or ``<body>`` tag gives the page's own root element its attributes
  (``<body onload=...>``, ``<body background=//other.host/...>``).

So the rendering is also read as the sequence of tags a browser's tokenizer reads (html5lib's,
the one its parser uses), each end tag matched with the nearest open start tag of its name;
the translation may leave unmatched, or write as a root tag, only what its source does.
Linear in the number of tags.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from html5lib._tokenizer import HTMLTokenizer  # html5lib pinned (requirements/lock.txt)
from html5lib.constants import tokenTypes

__all__ = ["Balance", "balance", "balance_problems"]

#: Elements without content: no end tag (``</br>`` is read as ``<br>``).
VOID = frozenset("area base basefont bgsound br col embed frame hr img input keygen link meta "
                 "param source track wbr".split())
#: Start tags whose attributes a browser adds to the page's own elements, not a new element.
ROOT = frozenset({"html", "head", "body", "frameset"})
_START = (tokenTypes["StartTag"], tokenTypes["EmptyTag"])
_END = tokenTypes["EndTag"]
_FIX = "or leave the entry untranslated"


@dataclass
class Balance:
    """The tags of a rendering that are not closed within it, by name."""

    stray: Counter = field(default_factory=Counter)     # end tags with nothing of their name open
    unclosed: Counter = field(default_factory=Counter)  # start tags never closed by their own end tag
    root: Counter = field(default_factory=Counter)      # <html>, <head>, <body>, <frameset>


def balance(html: str) -> Balance:
    """The unmatched and root tags of *html*, as a tokenizer reads them."""
    found = Balance()
    if "<" not in html:
        return found
    stack: list[str] = []
    for token in HTMLTokenizer(html):
        kind = token["type"]
        if kind in _START:
            name = token["name"].lower()
            if name in ROOT:
                found.root[name] += 1
            elif name not in VOID:  # "<span/>" opens a span (the slash is ignored in HTML)
                stack.append(name)
        elif kind == _END:
            name = token["name"].lower()
            if name in VOID:
                found.stray[name] += 1  # "</br>" makes a <br>, "</img>" is an error
                continue
            if name not in stack:
                found.stray[name] += 1
                continue
            while stack:  # closes the elements opened inside it, without their end tags
                top = stack.pop()
                if top == name:
                    break
                found.unclosed[top] += 1
    found.unclosed.update(stack)
    return found


def balance_problems(source: Balance, target: Balance) -> list[str]:
    """What the translation's tags would do to the page that its source's do not (one
    problem per kind, naming the tags)."""
    problems = []
    root = sorted(target.root - source.root)
    if root:
        problems.append(f"translation has {_tags(root)}, which a page has once: on the page its "
                        f"attributes would go to the page's own element; remove it {_FIX}")
    stray = sorted(target.stray - source.stray)
    if stray:
        problems.append(f"translation has {_tags(stray, end=True)} with nothing of that name "
                        "open before it: on the page it would close an element around the text "
                        f"and put the rest of the page out of place; remove it {_FIX}")
    unclosed = sorted(target.unclosed - source.unclosed)
    if unclosed:
        problems.append(f"translation leaves {_tags(unclosed)} open: on the page it would reach "
                        "into the text after it (a link or bold text to the end of the page); "
                        f"close it as in the source {_FIX}")
    return problems


def _tags(names: list[str], *, end: bool = False) -> str:
    slash = "/" if end else ""
    return ", ".join(f'"<{slash}{name}>"' for name in names)
