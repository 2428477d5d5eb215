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
# Figures (mdbabel.figures): the sentence a figure of medium or low confidence brings
# ({{ name.check }}, the calculator, the "What has changed" page).
FIGURE_CHECK_MEDIUM = N_(
    "Con số này chỉ dựa trên một nguồn. Hãy kiểm tra với Bảo hiểm xã hội Việt Nam."
)
FIGURE_CHECK_LOW = N_("Con số này chưa được xác nhận. Hãy kiểm tra với Bảo hiểm xã hội Việt Nam.")
CONFIDENCE_HIGH = N_("cao")
CONFIDENCE_MEDIUM = N_("trung bình")
CONFIDENCE_LOW = N_("thấp")

# "What has changed" page (docs/changes.md): the generated table of every figure's values.
CHANGES_COLUMN_DATE = N_("Áp dụng từ")
CHANGES_COLUMN_FIGURE = N_("Con số")
CHANGES_COLUMN_VALUE = N_("Giá trị mới")
CHANGES_COLUMN_BEFORE = N_("Giá trị trước đó")
CHANGES_COLUMN_SOURCE = N_("Nguồn")
CHANGES_COLUMN_CONFIDENCE = N_("Độ tin cậy")
CHANGES_NONE = N_("Chưa có con số nào ghi ngày áp dụng.")
CHANGES_CAPTION = N_("Các thay đổi của các con số, mới nhất trước")

# Contribution calculator (docs/calculator.md): form, result table and notes. %(amount)s,
# %(cap)s and %(date)s are filled in by the page's script or the build.
CALC_SALARY = N_("Tiền lương tháng, bằng đồng")
CALC_SALARY_HINT = N_("Chỉ nhập chữ số, không cần dấu chấm.")
CALC_EMPLOYEE = N_("Người lao động là")
CALC_FOREIGN = N_("người nước ngoài")
CALC_VIETNAMESE = N_("người Việt Nam")
CALC_PERIOD = N_("Tính theo các mức áp dụng từ ngày")
CALC_SUBMIT = N_("Tính")
CALC_ERROR = N_("Hãy nhập tiền lương tháng bằng chữ số, lớn hơn 0.")
CALC_CAPTION = N_("Số tiền đóng mỗi tháng")
CALC_COLUMN_SCHEME = N_("Khoản")
CALC_COLUMN_WORKER = N_("Người lao động đóng")
CALC_COLUMN_EMPLOYER = N_("Người sử dụng lao động đóng")
CALC_SICKNESS = N_("BHXH: ốm đau và thai sản")
CALC_RETIREMENT = N_("BHXH: hưu trí và tử tuất")
CALC_HEALTH = N_("BHYT")
CALC_UNEMPLOYMENT = N_("BHTN (mức tối đa)")
CALC_ACCIDENT = N_("Quỹ tai nạn lao động, bệnh nghề nghiệp")
CALC_TOTAL = N_("Cộng (không gồm quỹ tai nạn lao động, bệnh nghề nghiệp)")
CALC_NONE = N_("không đóng")
CALC_NOT_APPLICABLE = N_("không áp dụng")
CALC_INSURED = N_("Tiền lương tháng đóng bảo hiểm: %(amount)s.")
CALC_CAPPED = N_("Tiền lương cao hơn mức trần %(cap)s, nên chỉ tính trên mức trần.")
CALC_DATE = N_("Tính theo các mức áp dụng từ ngày %(date)s.")
CALC_FOREIGN_NO_UNEMPLOYMENT = N_("Người lao động nước ngoài không tham gia BHTN.")
CALC_UNEMPLOYMENT_NOTE = N_(
    "BHTN: tỷ lệ là mức tối đa. Nguồn của chúng tôi không nêu mức trần tiền lương cho BHTN, "
    "nên số tiền được tính trên toàn bộ tiền lương."
)
CALC_VIETNAMESE_NOTE = N_(
    "Nguồn của chúng tôi nêu các tỷ lệ BHXH này cho người lao động nước ngoài. "
    "Với người lao động Việt Nam, hãy kiểm tra với Bảo hiểm xã hội Việt Nam."
)
CALC_CHECKS = N_("Cần kiểm tra")
CALC_NO_SCRIPT = N_("Máy tính này cần JavaScript. Các tỷ lệ có trong bảng dưới đây.")
# After a language's name in the language menu while the language is a preview (below the
# publishing threshold, mdbabel.languages): "Deutsch (Vorschau)". Taken from that language's
# own catalog (or its fallback chain).
LANGUAGE_PREVIEW = N_("bản xem trước")

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
