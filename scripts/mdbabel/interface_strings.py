"""Interface strings the MkDocs adapter writes into pages itself (not through a template).

They belong to the ``_site`` domain, like the strings in ``overrides/`` templates. ``N_``
only marks a string for extraction (``pybabel extract`` / ``mdbabel extract`` find it with
the Python method); the adapter translates it at build time with the reader's catalog.
Source language of every interface string: Vietnamese, like the pages.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark *message* for extraction without translating it."""
    return message


# Notices above a page that is not (fully) translated. %(language)s is the reader's language,
# %(source_language)s the language of the source (Vietnamese), %(share)s e.g. "83%".
NOTICE_FALLBACK = N_(
    "Trang này chưa được dịch sang %(language)s; trang được hiển thị bằng %(source_language)s."
)
NOTICE_PARTIAL = N_(
    "Đã dịch %(share)s nội dung trang này sang %(language)s. "
    "Những đoạn chưa dịch được giữ nguyên bằng %(source_language)s."
)
NOTICE_ORIGINAL_LINK = N_("Đọc bản gốc bằng %(source_language)s")

# Title of the "¶" link after each heading (toc's permalink_title in mkdocs.yml).
PERMALINK_TITLE = N_("Liên kết đến mục này")

# Translation status page (docs/status.md): table columns and lines.
STATUS_LANGUAGE_HEADING = N_("Ngôn ngữ: %(language)s")
STATUS_COLUMN_PAGE = N_("Trang")
STATUS_COLUMN_TRANSLATED = N_("Đã dịch")
STATUS_COLUMN_FUZZY = N_("Cần xem lại")
STATUS_COLUMN_MISSING = N_("Chưa dịch")
STATUS_COLUMN_SHOWN = N_("Hiển thị")
STATUS_SHOWN_TRANSLATED = N_("bản dịch")
STATUS_SHOWN_PARTLY = N_("bản dịch, một phần bằng tiếng Việt")
STATUS_SHOWN_SOURCE = N_("bản tiếng Việt")
STATUS_TOTAL = N_("Toàn bộ trang web")
STATUS_NO_OTHER_LANGUAGE = N_("Trang web hiện chỉ có tiếng Việt.")
STATUS_EXPLANATION = N_(
    "Tỷ lệ tính theo số đoạn văn (tiêu đề, đoạn, mục danh sách, ô bảng). "
    "Bản dịch cần xem lại (fuzzy) không bao giờ được đăng."
)

# Review state of a language's translation (PO header X-Review-State, see mdbabel.review_state):
# the notice above every page of a language translated with machine help, and the line under
# each language on the status page.
REVIEW_NOTICE_MACHINE = N_(
    "Bản dịch này được làm với sự hỗ trợ của máy và chưa được người bản ngữ xem lại. "
    "Khi có khác biệt, văn bản gốc bằng %(source_language)s được ưu tiên."
)
REVIEW_STATE_LINE = N_("Tình trạng xem lại bản dịch: %(state)s")
REVIEW_STATE_MACHINE = N_("dịch với sự hỗ trợ của máy, chưa được người bản ngữ xem lại")
REVIEW_STATE_TEAM = N_("nhóm dự án đã xem lại, chưa có người bản ngữ xem lại")
REVIEW_STATE_NATIVE = N_("đã được người bản ngữ xem lại")
REVIEW_STATE_UNKNOWN = N_("chưa ghi nhận")

ALL = [value for name, value in globals().items() if name.isupper()]
