"""Property: whatever text a page holds, a written catalog reads back to the same messages
and is written again byte for byte."""

from babel.messages.catalog import Catalog, Message
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mdbabel.catalogs import read_po_file, render_catalog
from mdbabel.textnorm import is_normal

# texts in the normal form every reader gives (NFC, no carriage return: mdbabel.textnorm); a
# text in another form reads back as its normal form (tests/edits/test_edits_normal_form.py)
texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"),
                min_size=1, max_size=200).filter(lambda t: t.strip() and is_normal(t))

HEADERS = [("Language", "en"), ("Content-Type", "text/plain; charset=UTF-8")]


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(msgid=texts, msgstr=st.one_of(st.just(""), texts), previous=texts,
       context=st.one_of(st.none(), texts))
def test_written_catalog_reads_back_identically(tmp_path, msgid, msgstr, previous, context):
    catalog = Catalog(locale="en")
    catalog.add(msgid, msgstr, [("docs/a b.md", 3)], flags=["fuzzy"], auto_comments=["paragraph"],
                previous_id=[previous], context=context)
    catalog.obsolete[("old", None)] = Message("old " + msgid, "cũ " + msgstr)
    text = render_catalog(catalog, HEADERS)
    path = tmp_path / "en" / "LC_MESSAGES" / "x.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    po = read_po_file(path)
    [message] = [m for m in po.catalog if m.id]
    assert (message.id, message.string, message.context) == (msgid, msgstr, context)
    assert message.previous_id == [previous] and message.fuzzy
    assert render_catalog(po.catalog, po.headers) == text
