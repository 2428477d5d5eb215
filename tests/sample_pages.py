"""Sample Vietnamese pages shared by tests: a page with each kind of block a translation
may sit in (heading, paragraph with a link and emphasis, list, table, admonition)."""

BLOCKS_PAGE = """\
# Tiêu đề trang

Đoạn mở đầu.

Xem [trang liên hệ](../contacts.md) và **chữ đậm** ở đây.

- Mục một của danh sách.
- Mục hai của danh sách.

| Cột | Giá trị |
| --- | --- |
| Ô một | Ô hai |

!!! note "Ghi chú"
    Nội dung ghi chú.

Đoạn cuối trang.
"""
