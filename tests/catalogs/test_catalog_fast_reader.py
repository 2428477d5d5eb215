"""Specifications of the fast readers: the one behind ``load_translations`` (the build) and
the one behind ``read_po_file`` (``mdbabel update`` and ``check``). Whatever a catalog holds,
loading it gives exactly what Babel's parser gives (the translations, the line of each
msgstr, the fuzzy count; for ``read_po_file`` every message with its comments, flags,
locations, previous msgid and line, the obsolete entries and the header), and a catalog
Babel's parser rejects is rejected with the very same message. Regular catalogs really take
the fast paths: they must not quietly give up."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mdbabel.catalogs import translations as catalog_translations
from mdbabel.po import read as po_read
from mdbabel.catalogs import (CatalogError, catalog_stats, fuzzy_count, load_translations,
                              read_po_file, render_catalog)

from repo_data import REPO  # the repository under test (MDBABEL_TEST_REPO)
SHOWN = "locales/en/LC_MESSAGES/x.po"
HEADER = ('msgid ""\nmsgstr ""\n"Language: en\\n"\n'
          '"Content-Type: text/plain; charset=UTF-8\\n"\n')
# with its dates: a catalog without POT-Creation-Date is read by Babel with the time of the
# read, and two reads a minute apart would differ
HEADERS = [("Language", "en"), ("Content-Type", "text/plain; charset=UTF-8"),
           ("POT-Creation-Date", "2026-01-01 00:00+0000"), ("PO-Revision-Date", "2026-01-01 00:00+0000")]


def plain(translations) -> list[tuple]:
    """Translations as comparable data, in file order."""
    return [(key, translation.text, translation.origin)
            for key, translation in translations.items()]


def babel_read(path: Path, shown: str, language: str | None = None):
    """read_po_file with Babel's parser only."""
    fast, po_read.parse_regular = po_read.parse_regular, lambda text: None
    try:
        return read_po_file(path, shown=shown, language=language)
    finally:
        po_read.parse_regular = fast


def babel_outcome(path: Path, shown: str, language: str | None = None):
    """What Babel's parser makes of a catalog: (translations, fuzzy count), or the error."""
    try:
        po = babel_read(path, shown, language)
    except CatalogError as error:
        return "error", str(error)
    return plain(catalog_translations.translations_of(po)), catalog_stats(po.catalog).fuzzy


def _message_data(message: Message) -> tuple:
    return (message.id, message.string, message.locations, sorted(message.flags),
            message.auto_comments, message.user_comments, message.previous_id, message.lineno,
            message.context, message.fuzzy)


def po_data(po) -> tuple:
    """Everything read_po_file gives, as comparable data (messages in catalog order)."""
    catalog = po.catalog
    return ([_message_data(m) for m in catalog._messages.values()],
            [(key, _message_data(m)) for key, m in catalog.obsolete.items()],
            list(catalog._messages), po.headers, po.header_comments, po.header_fuzzy,
            po.msgstr_lines, catalog.num_plurals, catalog.locale, catalog.mime_headers)


def read_outcome(path: Path, shown: str, language: str | None = None, *, fast: bool):
    try:
        po = read_po_file(path, shown=shown, language=language) if fast else \
            babel_read(path, shown, language)
    except CatalogError as error:
        return "error", str(error)
    return po_data(po)


def assert_read_as_babel(path: Path, *, regular: bool, shown: str = SHOWN) -> None:
    """read_po_file gives what Babel's parser gives; a *regular* file takes the fast path."""
    expected = read_outcome(path, shown, fast=False)
    assert read_outcome(path, shown, fast=True) == expected
    if regular and expected[0] != "error":
        assert po_read.parse_regular(path.read_bytes().decode("utf-8-sig")) is not None


def loaded_outcome(path: Path, root: Path, language: str | None = None):
    """What load_translations and fuzzy_count make of it (read afresh, not from the cache)."""
    catalog_translations._TRANSLATIONS_CACHE.clear()
    try:
        translations = load_translations(path, root=root, language=language)
    except CatalogError as error:
        return "error", str(error)
    return plain(translations), fuzzy_count(path, root=root, language=language)


def fast_path_taken(path: Path) -> bool:
    return catalog_translations.read_translations_fast(path, SHOWN, None) is not None


def write_catalog(root: Path, text: str | bytes) -> Path:
    path = root / SHOWN
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


# --------------------------------------------------------------------------- the site's catalogs


def test_every_catalog_of_the_site_loads_as_babel_reads_it():
    paths = sorted((REPO / "locales").rglob("*.po"))
    assert paths, "the site has catalogs"
    for path in paths:
        shown = path.relative_to(REPO).as_posix()
        expected = babel_outcome(path, shown)
        assert expected[0] != "error", expected
        assert loaded_outcome(path, REPO) == expected, shown
        assert catalog_translations.read_translations_fast(path, shown, None) is not None, shown
        assert_read_as_babel(path, regular=True, shown=shown)


# --------------------------------------------------------------------------- generated catalogs


# Characters that need escaping or make wrapping and stripping interesting, Vietnamese, any.
special = st.sampled_from(list('"\\\n\t\r {}%#~|,:') + ["{{ fig }}", "\\n", '\\"'])
vietnamese = st.sampled_from(list("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"))
anything = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
pieces = st.one_of(special, vietnamese, anything)
texts = st.lists(pieces, min_size=1, max_size=120).map("".join)
comments = st.lists(st.lists(pieces, max_size=30).map("".join), max_size=2)
flags = st.sets(st.sampled_from(["fuzzy", "no-wrap", "md-text"]))

messages = st.lists(st.tuples(texts, st.one_of(st.just(""), texts), st.none() | texts, flags,
                              comments, comments, texts), max_size=8)
obsolete_messages = st.lists(st.tuples(texts, texts, st.none() | texts, flags), max_size=3)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(messages=messages, obsolete=obsolete_messages, header_comments=comments,
       header_fuzzy=st.booleans())
def test_catalogs_written_by_mdbabel_load_as_babel_reads_them(tmp_path, messages, obsolete,
                                                              header_comments, header_fuzzy):
    catalog = Catalog(locale="en")
    for index, (msgid, msgstr, context, flag_set, user, auto, previous) in enumerate(messages):
        catalog.add(msgid, msgstr, [(f"docs/page-{index}.md", index + 1)], flags=flag_set,
                    auto_comments=auto, user_comments=user, context=context,
                    previous_id=[previous] if "fuzzy" in flag_set else [])
    for msgid, msgstr, context, flag_set in obsolete:
        catalog.obsolete[(msgid, context)] = Message(msgid, msgstr, flags=flag_set,
                                                     context=context)
    text = render_catalog(catalog, HEADERS, header_comments=header_comments,
                          header_fuzzy=header_fuzzy)
    path = write_catalog(tmp_path, text)
    expected = babel_outcome(path, SHOWN)
    assert loaded_outcome(path, tmp_path) == expected
    assert fast_path_taken(path)
    assert_read_as_babel(path, regular=True)


# Escapes as written in a PO file: those Babel turns into characters and others it keeps.
ESCAPES = ["\\n", "\\t", '\\"', "\\\\", "\\r", "\\a", "\\b", "\\f", "\\v", "\\x41", "\\0",
           "\\u00e9", "\\q"]
escaped_pieces = st.lists(st.one_of(st.sampled_from(ESCAPES),
                                    st.text(st.one_of(vietnamese, anything), min_size=1,
                                            max_size=12).map(escape).map(lambda s: s[1:-1])),
                          min_size=1, max_size=10)
COMMENT_LINES = ["#. auto comment", "#: docs/x.md:3 docs/y.md:7", "# translator's note",
                 "#", "#| msgid \"older text\"", '# | msgid "mangled previous"', "#, no-wrap",
                 "#,fuzzy", "#, md-text, fuzzy", "#, fuzzy-ish", "#. fuzzy logic",
                 "#, fuzzy ", "#~| msgid \"history\"", "", "#: docs/x.md:abc docs/y.md a:b:3",
                 "#:  docs/z.md:+4 docs/z.md:4", "#,", "#. ", "#. same", "#. same"]
# Layouts Babel reads but the fast path leaves to it, or that are wrong.
IRREGULAR = ["crlf", "blank line inside an entry", "indented keyword", "trailing space",
             "obsolete without space", "plural", "isolates", "msgstr twice", "tab separator"]


@st.composite
def po_strings(draw) -> list[str]:
    """A string as the quoted lines of a PO file, wrapped anywhere between escapes."""
    escaped = draw(escaped_pieces)
    cuts = sorted(draw(st.sets(st.integers(1, len(escaped)), max_size=4)))
    lines = ['"' + "".join(escaped[a:b]) + '"' for a, b in zip([0, *cuts], [*cuts, len(escaped)])]
    return (['""'] if draw(st.booleans()) else []) + [line for line in lines if line != '""']


@st.composite
def hand_written_catalogs(draw) -> tuple[str, bool]:
    """PO text written line by line, and whether it keeps to the regular layout."""
    lines = draw(st.lists(st.sampled_from(COMMENT_LINES), max_size=2)) + HEADER.splitlines()
    for _ in range(draw(st.integers(0, 6))):
        prefix = "#~ " if draw(st.integers(0, 4)) == 0 else ""
        lines += draw(st.lists(st.sampled_from(COMMENT_LINES), max_size=3))
        for keyword in (["msgctxt"] if draw(st.booleans()) else []) + ["msgid", "msgstr"]:
            first, *rest = draw(po_strings())
            lines += [f"{prefix}{keyword} {first}", *(prefix + line for line in rest)]
    irregular = draw(st.lists(st.sampled_from(IRREGULAR), max_size=2, unique=True))
    index = draw(st.integers(0, len(lines) - 1))
    for kind in irregular:
        if kind == "blank line inside an entry":
            lines.insert(next((i for i, line in enumerate(lines) if line.startswith("msgstr")),
                              len(lines)), "")
        elif kind == "indented keyword":
            lines[index] = "  " + lines[index]
        elif kind == "trailing space":
            lines[index] += " "
        elif kind == "obsolete without space":
            lines = [line.replace("#~ ", "#~", 1) for line in lines]
        elif kind == "plural":
            lines += ['msgid "one"', 'msgid_plural "many"', 'msgstr[0] "một"', 'msgstr[1] "nhiều"']
        elif kind == "isolates":
            lines.insert(index, "#: \u2068docs/a b.md\u2069:3")
        elif kind == "msgstr twice":
            lines += ['msgid "again"', 'msgstr "a"', 'msgstr "b"']
        elif kind == "tab separator":
            lines += ['msgid\t"tab"', 'msgstr "tab"']
    text = "\n".join(lines) + ("\n" if draw(st.booleans()) else "")
    if "crlf" in irregular:
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text, not irregular


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(catalog=hand_written_catalogs())
def test_hand_written_catalogs_load_as_babel_reads_them(tmp_path, catalog):
    text, regular = catalog
    path = write_catalog(tmp_path, text)
    expected = babel_outcome(path, SHOWN)
    assert loaded_outcome(path, tmp_path) == expected
    if regular and expected[0] != "error":
        assert fast_path_taken(path)
    assert_read_as_babel(path, regular=regular)


def test_escapes_are_unescaped_as_babel_does(tmp_path):
    path = write_catalog(tmp_path, HEADER + '\nmsgid "x"\nmsgstr ""\n"a\\nb\\tc\\"d\\\\e"\n'
                                            '"\\x41\\u00e9\\q\\a"\n')
    assert fast_path_taken(path)
    [translation] = load_translations(path, root=tmp_path).values()
    assert translation.text == 'a\nb\tc"d\\e\\x41\\u00e9\\q\a'
    assert translation.origin == f"{SHOWN}:7"


def test_isolates_inside_a_translation_keep_the_fast_path(tmp_path):
    path = write_catalog(tmp_path, HEADER + '\nmsgid "Tệp"\nmsgstr "File \u2068a b.md\u2069"\n')
    assert fast_path_taken(path)
    assert loaded_outcome(path, tmp_path) == babel_outcome(path, SHOWN)


def test_fuzzy_obsolete_empty_and_plural_entries_are_not_loaded(tmp_path):
    path = write_catalog(tmp_path, HEADER + (
        '\n#, fuzzy\nmsgid "Hai"\nmsgstr "Two"\n'
        '\n#, no-wrap, fuzzy\nmsgctxt "nút"\nmsgid "Ba"\nmsgstr "Three"\n'
        '\nmsgid "Bốn"\nmsgstr ""\n'
        '\n#, fuzzy\n#~ msgid "Năm"\n#~ msgstr "Five"\n'
        '\nmsgid "Một"\nmsgstr "One"\n'))
    assert fast_path_taken(path)
    assert plain(load_translations(path, root=tmp_path)) == [
        ((None, "Một"), "One", f"{SHOWN}:23")]
    assert fuzzy_count(path, root=tmp_path) == 2
    assert loaded_outcome(path, tmp_path) == babel_outcome(path, SHOWN)


# --------------------------------------------------------------------------- bad catalogs


BODY = '\nmsgid "Một"\nmsgstr "One"\n'
BAD = {
    "missing header": BODY,
    "header not first": BODY + "\n" + HEADER,
    "obsolete entry before the header": '#~ msgid "Cũ"\n#~ msgstr "Old"\n\n' + HEADER,
    "second header": HEADER + "\n" + HEADER,
    "duplicate entry": HEADER + BODY + BODY,
    "duplicate obsolete entry": HEADER + '\n#~ msgid "Cũ"\n#~ msgstr "Old"\n' * 2,
    "duplicate with msgctxt": HEADER + '\nmsgctxt "c"' + BODY + '\nmsgctxt "c"' + BODY,
    "unterminated string": HEADER + '\nmsgid "Một"\nmsgstr "One\n',
    "quote inside a string": HEADER + '\nmsgid "Một"\nmsgstr "O"ne"\n',
    "escaped closing quote": HEADER + '\nmsgid "Một"\nmsgstr "One\\"\n',
    "unknown keyword": HEADER + BODY + 'bogus "x"\n',
    "unknown obsolete keyword": HEADER + BODY + '#~ bogus "x"\n',
    "entry without msgstr": HEADER + '\nmsgid "Một"\n\nmsgid "Hai"\nmsgstr ""\n',
    "msgid without msgstr at the end": HEADER + '\nmsgid "Một"\n',
    "comment between msgid and msgstr": HEADER + '\nmsgid "Một"\n# note\nmsgstr "One"\n',
    "empty msgid with msgctxt": HEADER + '\nmsgctxt "c"\nmsgid ""\nmsgstr "x"\n',
    "empty obsolete msgid": HEADER + '\n#~ msgid ""\n#~ msgstr "x"\n',
    "continuation outside a string": HEADER + '\n# note\n"stray"\n' + BODY,
    "conflict marker": HEADER + "\n#-#-#-#-# x.po #-#-#-#-#\n" + BODY,
    "unbalanced isolates": HEADER + "\n#: \u2068docs/a b.md:3\n" + BODY,
    "header line without colon": 'msgid ""\nmsgstr ""\n"Language en\\n"\n' + BODY,
    "wrong Language": HEADER.replace("Language: en", "Language: fr") + BODY,
    "unknown Language": HEADER.replace("Language: en", "Language: xx-nowhere") + BODY,
    "no Language": HEADER.replace('"Language: en\\n"\n', "") + BODY,
    "charset not UTF-8": HEADER.replace("charset=UTF-8", "charset=ISO-8859-1") + BODY,
    "no Content-Type": HEADER.replace('"Content-Type: text/plain; charset=UTF-8\\n"\n', "")
    + BODY,
    "plural with too many forms": HEADER + '\nmsgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\n'
                                           'msgstr[1] "y"\nmsgstr[2] "z"\n',
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_catalog_fails_with_the_message_of_read_po_file(tmp_path, case):
    path = write_catalog(tmp_path, BAD[case])
    with pytest.raises(CatalogError) as babel:
        babel_read(path, SHOWN)
    catalog_translations._TRANSLATIONS_CACHE.clear()
    with pytest.raises(CatalogError) as loaded:
        load_translations(path, root=tmp_path)
    assert str(loaded.value) == str(babel.value)
    assert not fast_path_taken(path)
    with pytest.raises(CatalogError) as read:
        read_po_file(path, shown=SHOWN)
    assert str(read.value) == str(babel.value)


def test_bytes_that_are_not_utf8_fail_as_read_po_file_does(tmp_path):
    path = write_catalog(tmp_path, (HEADER + '\nmsgid "x"\nmsgstr "café"\n').encode()
                         .replace("é".encode(), b"\xe9"))
    with pytest.raises(CatalogError) as babel:
        read_po_file(path, shown=SHOWN)
    with pytest.raises(CatalogError) as loaded:
        load_translations(path, root=tmp_path)
    assert str(loaded.value) == str(babel.value)
    assert str(loaded.value).startswith(f"{SHOWN}:7: not UTF-8 text")


def test_language_asked_for_is_checked_as_read_po_file_does(tmp_path):
    path = write_catalog(tmp_path, HEADER + BODY)
    with pytest.raises(CatalogError) as babel:
        read_po_file(path, shown=SHOWN, language="fr")
    with pytest.raises(CatalogError) as loaded:
        load_translations(path, root=tmp_path, language="fr")
    assert str(loaded.value) == str(babel.value)
    assert 'does not match the folder "fr"' in str(loaded.value)


ODD_BUT_VALID = {
    "crlf line ends": (HEADER + BODY).replace("\n", "\r\n"),
    "blank line inside an entry": HEADER + '\nmsgid "Một"\n\nmsgstr "One"\n',
    "indented lines": HEADER + '\n  msgid "Một"\n  msgstr "One"\n',
    "plural entry": HEADER + BODY + '\nmsgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\n'
                                    'msgstr[1] "y"\n',
    "isolated file name": HEADER + "\n#: \u2068docs/a b.md\u2069:3" + BODY,
    "only comments after the header": HEADER + "\n# nothing else\n",
    "obsolete continuation of an active msgstr": HEADER + BODY + '#~ "more"\n',
}


@pytest.mark.parametrize("case", sorted(ODD_BUT_VALID))
def test_odd_but_valid_catalog_loads_as_babel_reads_it(tmp_path, case):
    path = write_catalog(tmp_path, ODD_BUT_VALID[case])
    expected = babel_outcome(path, SHOWN)
    assert expected[0] != "error", expected
    assert loaded_outcome(path, tmp_path) == expected
    assert_read_as_babel(path, regular=False)
