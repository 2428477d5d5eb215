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

# Search box (mdbabel-search): the same msgids as overrides/partials/search.html, which
# renders the box when the theme has it; without it the plugin writes the box itself.
SEARCH_LABEL = N_("Tìm kiếm")  # the form's label and the field's placeholder
SEARCH_OPEN = N_("Mở ô tìm kiếm")
SEARCH_CLOSE = N_("Đóng tìm kiếm")
SEARCH_RESULTS = N_("Kết quả tìm kiếm")
SEARCH_LOADING = N_("Đang tải dữ liệu tìm kiếm…")
SEARCH_ERROR = N_("Không tải được dữ liệu tìm kiếm")
SEARCH_NONE = N_("Không có kết quả")
SEARCH_ONE = N_("1 kết quả")
SEARCH_OTHER = N_("{n} kết quả")  # {n}: the number of results
SEARCH_PARTIAL = N_("Không trang nào có đủ mọi từ; các trang dưới đây có một số từ.")

# Printed edition (mdbabel.booklets): the cover, contents, footer and the download link.
# %(date)s: a date formatted for the language; %(size)s: e.g. "1,2 MB"; %(url)s: an address.
BOOKLET_KIND = N_("Sổ tay bảo hiểm xã hội và bảo hiểm y tế Việt Nam")
BOOKLET_FOREIGN_WORKERS = N_("Cho người lao động nước ngoài tại Việt Nam và người sử dụng lao động")
BOOKLET_WORKING_ABROAD = N_("Cho người Việt Nam làm việc ở nước ngoài")
BOOKLET_LANGUAGE = N_("Ngôn ngữ: %(language)s")
BOOKLET_VALID_AS_OF = N_("Số liệu có hiệu lực vào ngày %(date)s")
BOOKLET_SITE = N_("Bản mới nhất trên mạng: %(url)s")
BOOKLET_CONTENTS = N_("Mục lục")
BOOKLET_ONLINE = N_("Trang này trên mạng: %(url)s")
BOOKLET_SOURCES = N_("Nguồn")  # the same msgid as the sources under each page
BOOKLET_REVIEWED = N_("Nội dung được kiểm tra lần cuối: %(date)s")  # as under each page
BOOKLET_DOWNLOAD = N_("Tải sổ tay (PDF, %(size)s, %(date)s)")
BOOKLET_PART = N_("%(title)s, phần %(part)s/%(parts)s")  # a long booklet is made in parts

ALL = [value for name, value in globals().items() if name.isupper()]
