"""The page's front matter: how it is read (safe YAML, :func:`load_front_matter`), the one
rule that makes a ``title`` or ``description`` value a message (:func:`front_matter_message`),
and the units it gives (:func:`front_matter_units`: title, description, and each legal
source's title and note)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from .units import SourceSpan, Unit


class FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML where a date that does not exist (``2026-13-25``) stays a string, so one bad
    value never hides the page's other keys (title, description, sources)."""


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


_YAML_RESOLVER = yaml.resolver.Resolver()


def _plain_text_scalar(raw: str) -> bool:
    """Whether YAML reads the one-line value *raw* (a mapping value, stripped) as the string
    *raw* itself: a plain scalar that starts with a letter, holds no comment or mapping
    indicator, and that YAML's implicit rules do not take for a boolean, null or number."""
    return (raw[:1].isalpha() and "#" not in raw and ":" not in raw
            and _YAML_RESOLVER.resolve(yaml.ScalarNode, raw, (True, False))
            == "tag:yaml.org,2002:str")


def load_front_matter(text: str) -> Any:
    """Parse front matter YAML (raises ``yaml.YAMLError`` when it is not YAML)."""
    return yaml.load(text, Loader=FrontMatterLoader)  # noqa: S506 - a safe loader


def front_matter_message(value: str) -> str:
    """The message of a front-matter ``title`` or ``description`` value as YAML read it: the
    catalogs hold it and the MkDocs adapter looks it up with this one rule. Line breaks of a
    folded value become spaces, a block scalar (ending in a newline) keeps them; spaces inside
    a line are kept ("A  B" stays "A  B")."""
    return value.strip() if value.endswith("\n") else " ".join(value.split("\n")).strip()


#: the front matter block: "---" lines around YAML (a "..." line may close it)
FRONT_MATTER_RE = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.S)


def front_matter_units(source: str) -> tuple[list[Unit], int]:
    """The units of *source*'s front matter (title, description, then the legal sources'),
    and the offset where its Markdown starts (0 without front matter)."""
    units: list[Unit] = []
    m = FRONT_MATTER_RE.match(source)
    if not m:
        return units, 0
    body = m.group(1) or ""
    body_off = m.start(1) if m.group(1) else m.end()
    try:
        data = load_front_matter(body)
    except (yaml.YAMLError, ValueError, RecursionError):  # not YAML: no units from it
        data = None
    if not isinstance(data, dict):
        return units, m.end()
    lines = body.split("\n")
    offs = []
    pos = body_off
    for text in lines:
        offs.append(pos)
        pos += len(text) + 1
    for key in ("title", "description"):
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        for i, text in enumerate(lines):
            km = re.match(rf"^{key}[ \t]*:[ \t]*", text)
            if not km:
                continue
            start = offs[i] + km.end()
            stop = i + 1
            while stop < len(lines) and (not lines[stop].strip() or lines[stop][:1] in " \t"):
                stop += 1
            while stop - 1 > i and not lines[stop - 1].strip():
                stop -= 1
            end = offs[stop - 1] + len(lines[stop - 1].rstrip())
            if end <= start:
                break
            value = front_matter_message(value)
            span = SourceSpan(start, end, "", "yaml")
            units.append(Unit(value, f"front matter {key}", i + 2,
                              f"page {key} (front matter)", None, span))
            break
    units.extend(_source_units(data, lines, offs))
    return units, m.end()

def _source_units(data: dict, lines: list[str], offs: list[int]) -> list[Unit]:
    """The title and note of each legal source listed under ``sources:``.

    The page shows them in the reader's language, so they are messages too. Only
    one-line scalars are extracted; the span is the value after ``title:``/``note:``.
    """
    units: list[Unit] = []
    sources = data.get("sources")
    if not isinstance(sources, list):
        return units
    wanted = {(key, entry[key]) for entry in sources if isinstance(entry, dict)
              for key in ("title", "note") if isinstance(entry.get(key), str) and entry[key].strip()}
    inside = False
    for i, text in enumerate(lines):
        if re.match(r"^sources[ \t]*:", text):
            inside = True
            continue
        if inside and text[:1] not in (" ", "\t", "-", ""):
            break
        km = inside and re.match(r"^[ \t]*(?:-[ \t]+)?(title|note)[ \t]*:[ \t]*", text)
        if not km:
            continue
        raw = text[km.end():].rstrip()
        if (km.group(1), raw) in wanted and _plain_text_scalar(raw):
            value = raw  # what YAML reads it as: no need to ask it
        else:
            try:
                value = load_front_matter(raw)
            except (yaml.YAMLError, ValueError, RecursionError):
                continue
        if not isinstance(value, str) or (km.group(1), value) not in wanted:
            continue
        span = SourceSpan(offs[i] + km.end(), offs[i] + km.end() + len(raw), "", "yaml")
        units.append(Unit(value, f"front matter source {km.group(1)}", i + 2,
                          f"legal source {km.group(1)} (front matter)", None, span))
    return units

