"""Open Graph data of each page and its 1200 x 630 share card (``mdbabel.share_cards``, which
knows no MkDocs), written into the site under ``assets/cards/``."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from mdbabel import lang_marks, share_cards
from mdbabel.catalogs import SITE_DOMAIN
from mdbabel.escaping import plain_text


class ShareCards:
    """Share data and cards (a part of :class:`mdbabel.mkdocs_plugin.plugin.MdBabelPlugin`)."""

    def _card_origins(self, card: share_cards.CardText, page: Page) -> dict[str, str]:
        """{field: catalog line} for the card's texts that are translations (page catalog
        for the title, _site.po for the section and site name), so that a character the
        font lacks is reported where the translator can fix it."""
        if self.is_source_build:
            return {}
        domain = page.file.src_uri.rsplit(".", 1)[0]
        found = {}
        for name, text, catalog in (("title", card.title, domain), ("section", card.section, SITE_DOMAIN),
                                    ("site name", card.site_name, SITE_DOMAIN)):
            for translation in self.translations(self.language, catalog).values():
                if text and " ".join(translation.text.split()) == text:
                    found[name] = translation.origin
                    break
        return found

    def share(self, page: Page, config) -> dict[str, Any]:
        """Open Graph values of *page* (plain text: the template escapes them), and its card
        written into the site (``assets/cards/<page url>/card.png``)."""
        # (titles, site name and description reach here escaped for the theme, as Markup:
        # their plain text is drawn and given to the template, which escapes it once)
        title = page.meta.get("title") if isinstance(page.meta.get("title"), str) else page.title
        # a title from another language carries its lang mark (mdbabel.lang_marks): not drawn
        title = " ".join(lang_marks.strip(plain_text(title or config.site_name or "")).split())
        section = page.parent
        while section is not None and section.parent is not None:
            section = section.parent
        card = share_cards.CardText(title, " ".join(plain_text(getattr(section, "title", "") or "").split()),
                                    " ".join(plain_text(config.site_name or "").split()))
        fonts_dir = (self._root / self.config.card_fonts_dir if self.config.card_fonts_dir
                     else share_cards.FONTS_DIR)
        where = self._shown_source(page.file.src_uri)
        if self._cards is None:
            self._cards = share_cards.CardCache(
                self._root / share_cards.CARDS_CACHE_DIR if self.config.cache else None)
        path = "assets/cards/" + (page.url[:-5] + "/" if page.url.endswith(".html") else page.url) + "card.png"
        target = Path(config.site_dir) / path
        try:
            if not self._cards.place(card, fonts_dir, target):  # (a kept card was checked when it was drawn)
                share_cards.check_card_text(card, fonts_dir, where=where, language=self.language,
                                            origins=self._card_origins(card, page))
                self._cards.place(card, fonts_dir, target, self._cards.draw(card, fonts_dir))
        except share_cards.CardError as error:
            raise PluginError(str(error)) from None
        except OSError as error:
            raise PluginError(f"{where}: the share card's font cannot be read ({error}); "
                              f"restore it, or set card_fonts_dir to a folder that has the fonts "
                              f"its {share_cards.card_fonts.CHAIN_FILE} names (else "
                              f"{' and '.join(share_cards.FONTS)})") from None
        base = config.site_url or ""
        own = "" if self.language == self.default_language else f"{self.language}/"
        home = page.url in (own, own + "index.html", own or "./")
        alt = " — ".join(part for part in (card.title, card.section, card.site_name) if part)
        # in the language the page is shown in (its source's when too little is translated)
        writing = getattr(self._page_data.get(page.file.src_uri), "content_language", "") or self.language
        description = plain_text(page.meta["description"]) if isinstance(page.meta.get("description"), str) else None
        return {
            "title": title,
            "description": share_cards.page_description(
                description and lang_marks.strip(description), page.content, writing,
                description and lang_marks.language_of(description)),
            "url": page.canonical_url,
            "type": "website" if home else "article",
            "locale": share_cards.og_locale(writing),
            "alternate_locales": [share_cards.og_locale(code) for code in self.published_languages()
                                  if code != writing],
            "site_name": card.site_name,
            "image": urljoin(base, path) if base else None,
            "image_alt": alt,
            "image_width": share_cards.CARD_SIZE[0],
            "image_height": share_cards.CARD_SIZE[1],
        }
