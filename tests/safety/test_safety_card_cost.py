"""A translated page title is drawn on the page's share card: what a hostile one costs.

The judge lets a translation be up to 20,000 characters. The card's line breaking cut a word
longer than a line by trying every shorter length in turn, and wrapped the whole title at
each font size although the card shows a few lines: a title of one 20,000-character word
took hours to draw (1,000 characters: 4 s), in every build of the site. Now a long word is
cut by halving and the wrapping stops past the lines the card shows. Measured here as the
number of times text is measured, not as time.
"""

from __future__ import annotations

import pytest

from mdbabel import share_cards


@pytest.fixture
def measures(monkeypatch) -> list[int]:
    count = [0]
    length = share_cards.Faces.length

    def counting(self, text):
        count[0] += 1
        return length(self, text)

    monkeypatch.setattr(share_cards.Faces, "length", counting)
    return count


@pytest.mark.parametrize("title", ["x" * 1500, "Contributions " * 1500,
                                   "Đóng bảo hiểm " + "ư" * 3000])
def test_a_huge_title_is_drawn_with_few_measures(title, measures):
    png = share_cards.draw_card(share_cards.CardText(title, "Người lao động nước ngoài", "Trang"),
                                share_cards.FONTS_DIR)
    assert png.startswith(b"\x89PNG")
    assert measures[0] < 1500, measures[0]


def test_a_long_word_is_cut_where_the_line_is_full():
    faces = share_cards.Faces(share_cards.card_fonts.chain_paths(share_cards.FONTS_DIR,
                                                                 share_cards.card_fonts.BOLD), 40)
    lines = share_cards._wrap("a" * 400 + " end", faces, 600)
    assert "".join(lines[:-1]) + lines[-1].split(" ")[0] == "a" * 400
    for line in lines[:-1]:
        assert faces.length(line) <= 600 < faces.length(line + "a")
