"""Synthetic site for the benchmark: N Vietnamese pages and their English catalogs.

The project has the real site's shape: the repository's ``mkdocs.yml`` (same theme, plugins
and Markdown extensions; only ``nav`` is generated), ``overrides/``, ``docs/_data/`` figures
and ``locales/en/LC_MESSAGES/_site.po``. Pages are realistic Vietnamese: front matter (title,
description, reviewed, sources), headings, paragraphs with bold text, inline code,
``{{ figures }}`` and links to other pages, bullet and numbered lists, tables, admonitions,
collapsible blocks, content tabs, footnotes, definition lists and abbreviations; a home page
and the translation status page complete the site.

Catalogs are made by the project's own extraction (:func:`mdbabel.catalogs.update_catalogs`,
i.e. ``mdbabel update``); every empty msgstr is then filled deterministically with
English-looking text (each Vietnamese word mapped to an English word) that keeps links,
inline code, HTML, placeholders and attribute lists, so it passes :mod:`mdbabel.checks`.

    .venv/bin/python scripts/bench_corpus.py DEST --pages 400

Everything depends only on ``--pages`` and ``--seed``: two runs write the same files.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from mdbabel import catalogs  # noqa: E402
from mdbabel.checks import check_translation  # noqa: E402
from mdbabel.segments import segment  # noqa: E402

#: Pages per section folder (its index.md included).
SECTION_SIZE = 20
#: Sections per top-level part of the nav: a large site nests its topics (a flat nav of 80
#: sections would make every page render 80 section titles, even with navigation.prune).
PART_SIZE = 10

# ----------------------------------------------------------------------------- vocabulary

SUBJECTS = [
    "Người lao động", "Người sử dụng lao động", "Công ty", "Bạn", "Người lao động nước ngoài",
    "Cơ quan bảo hiểm xã hội", "Người Việt Nam làm việc ở nước ngoài", "Thân nhân của bạn",
    "Doanh nghiệp", "Người có thẻ bảo hiểm y tế",
]
VERBS = [
    "đóng", "được hưởng", "cần đăng ký", "phải báo cho cơ quan về", "nộp hồ sơ để nhận",
    "có thể hỏi về", "cần kiểm tra", "không phải đóng", "được giữ lại", "được cộng dồn",
]
OBJECTS = [
    "bảo hiểm xã hội bắt buộc", "bảo hiểm y tế", "trợ cấp thất nghiệp", "chế độ ốm đau",
    "chế độ thai sản", "lương hưu", "bảo hiểm xã hội một lần", "thẻ bảo hiểm y tế",
    "sổ bảo hiểm xã hội", "tiền lương tháng đóng bảo hiểm xã hội", "chế độ tử tuất",
    "trợ cấp tai nạn lao động", "thời gian đóng bảo hiểm", "quyền lợi khi về nước",
]
TAILS = [
    "theo tháng", "trong vòng 30 ngày", "trước khi hợp đồng lao động kết thúc",
    "tại nơi cư trú", "theo quy định hiện hành", "khi nghỉ việc", "mỗi năm một lần",
    "tại cơ quan bảo hiểm xã hội cấp huyện", "qua Cổng Dịch vụ công quốc gia",
    "khi chuyển sang công ty khác", "nếu hợp đồng từ 1 tháng trở lên",
]
TOPICS = [
    "đóng bảo hiểm", "quyền lợi", "hồ sơ", "thủ tục", "thời hạn", "mức hưởng", "ví dụ",
    "câu hỏi thường gặp", "lưu ý", "trường hợp đặc biệt", "giấy tờ cần có", "nơi nộp",
]
AUDIENCES = [
    "cho người lao động nước ngoài", "cho người đi làm ở Hàn Quốc", "cho người đi làm ở Nhật Bản",
    "cho người sử dụng lao động", "khi về nước", "cho lao động thời vụ", "cho thân nhân",
]
FIGURES = [
    "base_salary", "employee_si_rate", "employer_si_rate", "hi_rate", "hi_employee_rate",
    "hi_employer_rate", "salary_cap", "reference_level", "example_salary", "min_contract_months",
]
SOURCES = [
    ("Luật Bảo hiểm xã hội số 41/2024/QH15", None),
    ("Nghị định 158/2025/NĐ-CP", "Mức tham chiếu"),
    ("Nghị định 73/2024/NĐ-CP", "Mức lương cơ sở"),
    ("Luật Bảo hiểm y tế", "Điều 13, mức đóng"),
    ("Luật Việc làm", None),
]
ADMONITIONS = [("note", "Ghi chú"), ("warning", "Chưa chắc chắn"), ("tip", "Mẹo"),
               ("info", "Thông tin thêm"), ("example", "Ví dụ")]

# English-looking words for the filled-in translations (chosen by a hash of the Vietnamese word)
ENGLISH = (
    "insurance social health worker employer company contribution benefit monthly salary "
    "pension allowance sickness maternity unemployment card book office district province "
    "contract period month year payment rate fund claim file form apply register report "
    "check keep move return home abroad foreign employee family member doctor hospital "
    "agency portal public service national law decree article rule case example question "
    "answer note date deadline before after during within each every other first last more "
    "less can must may should will the a of to for in on with by from at as and or not this "
    "that your their our its when if then also only still already cover pay receive get "
    "give ask send bring show count add join leave stay work live travel plan amount total "
    "share part level cap base minimum maximum reference lump sum death survivor accident "
    "disease occupational injury treatment visit fee cost cash transfer account bank"
).split()

_PROTECTED = re.compile(
    r"`+[^`]*`+"                        # inline code
    r"|\{\{.*?\}\}"                     # {{ figure }} placeholders
    r"|\{:?[ ]*[#.][^}\n]*\}"           # attribute lists
    r"|<[^>]+>"                         # HTML tags and autolinks
    r"|\]\([^)]*\)"                     # link targets
    r"|\[\^[^\]]+\]"                    # footnote references
    r"|https?://\S+"                    # bare URLs
    r"|\b[\w-]+\.md\b"                  # page names
)
_WORD = re.compile(r"[^\W\d_]+")


def english_like(text: str) -> str:
    """Deterministic English-looking text for *text*: same markup, other words.

    Protected spans (code, placeholders, attribute lists, HTML, link targets, footnote
    references, URLs) are kept as they are; acronyms (BHXH, QH15) too.
    """

    def word(match: re.Match) -> str:
        vi = match.group(0)
        if len(vi) > 1 and vi.isupper():
            return vi
        en = ENGLISH[zlib.crc32(vi.lower().encode("utf-8")) % len(ENGLISH)]
        return en.capitalize() if vi[0].isupper() else en

    out, last = [], 0
    for match in _PROTECTED.finditer(text):
        out.append(_WORD.sub(word, text[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_WORD.sub(word, text[last:]))
    return "".join(out)


# ----------------------------------------------------------------------------- pages


@dataclass(frozen=True)
class PagePlan:
    path: str          # docs-relative, e.g. "chu-de-03/trang-07.md"
    title: str
    section: int       # 0 for top-level pages


def plan_pages(count: int) -> list[PagePlan]:
    """*count* pages: index.md, status.md, then sections of SECTION_SIZE pages."""
    if count < 3:
        raise ValueError("at least 3 pages (home, status and one section page)")
    rng = random.Random(count)
    plans = [PagePlan("index.md", "Bảo hiểm xã hội qua biên giới", 0),
             PagePlan("status.md", "Tình trạng bản dịch", 0)]
    remaining = count - 2
    section = 0
    while remaining > 0:
        section += 1
        size = min(SECTION_SIZE, remaining)
        folder = f"chu-de-{section:03d}"
        for index in range(size):
            name = "index.md" if index == 0 else f"trang-{index:02d}.md"
            topic = rng.choice(OBJECTS)
            title = (f"{topic[:1].upper()}{topic[1:]} {rng.choice(AUDIENCES)}" if index
                     else f"Chủ đề {section}: {rng.choice(OBJECTS)}")
            if index:
                title += f" ({rng.choice(TOPICS)})"
            plans.append(PagePlan(f"{folder}/{name}", title, section))
        remaining -= size
    return plans


def _relative(from_page: str, to_page: str) -> str:
    import posixpath

    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


class _Writer:
    def __init__(self, plan: PagePlan, plans: list[PagePlan], rng: random.Random):
        self.plan, self.plans, self.rng = plan, plans, rng
        self.footnotes = 0

    def link(self) -> str:
        target = self.rng.choice(self.plans)
        text = target.title.split(" (")[0].split(":")[0]
        return f"[{text[:1].lower()}{text[1:]}]({_relative(self.plan.path, target.path)})"

    def sentence(self, *, extras: bool = True) -> str:
        r = self.rng
        text = f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(TAILS)}"
        roll = r.random() if extras else 1.0
        if roll < 0.25:
            text += f", mức {r.choice(['tối đa', 'hiện hành', 'tối thiểu'])} là {{{{ {r.choice(FIGURES)} }}}}"
        elif roll < 0.4:
            text += f"; xem trang {self.link()}"
        elif roll < 0.5:
            text = text.replace(" đóng ", " **đóng** ", 1)
            text += f", mã hồ sơ `{r.choice(['TK1-TS', 'D02-LT', '600', 'MS-01'])}`"
        elif roll < 0.55:
            self.footnotes += 1
            text += f"[^{self.footnotes}]"
        return text + "."

    def paragraph(self, sentences: int | None = None) -> str:
        n = sentences or self.rng.randint(2, 4)
        return " ".join(self.sentence() for _ in range(n))

    def block(self) -> list[str]:
        r = self.rng
        kind = r.choice(["list", "numbered", "table", "admonition", "details", "tabs",
                         "paragraph", "deflist"])
        if kind == "list":
            return [f"- {self.sentence()}" for _ in range(r.randint(3, 5))]
        if kind == "numbered":
            return [f"{i}. {self.sentence(extras=False)}" for i in range(1, r.randint(3, 5) + 1)]
        if kind == "table":
            lines = ["| Khoản | Tỷ lệ | Ghi chú |", "|---|---|---|"]
            for _ in range(r.randint(3, 5)):
                lines.append(f"| {r.choice(OBJECTS).capitalize()} | {{{{ {r.choice(FIGURES)} }}}} "
                             f"| {r.choice(TAILS).capitalize()} |")
            return lines
        if kind == "admonition":
            name, title = r.choice(ADMONITIONS)
            return [f'!!! {name} "{title}"', f"    {self.paragraph(2)}"]
        if kind == "details":
            return [f'??? question "{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)} không?"',
                    f"    {self.paragraph(2)}"]
        if kind == "tabs":
            return [f'=== "{r.choice(SUBJECTS)}"', "", f"    {self.paragraph(2)}", "",
                    f'=== "{r.choice(SUBJECTS)} (khác)"', "", f"    {self.paragraph(2)}"]
        if kind == "deflist":
            term = r.choice(OBJECTS).capitalize()
            return [term, f":   {self.sentence(extras=False)}"]
        return [self.paragraph()]

    def page(self) -> str:
        r, plan = self.rng, self.plan
        sources = r.sample(SOURCES, 2)
        # quoted when it holds ": " (section pages: "Chủ đề 1: ..."): plain, the YAML does not
        # parse, and MkDocs used to publish the front matter as text
        title = json.dumps(plan.title, ensure_ascii=False) if ": " in plan.title else plan.title
        front = ["---", f"title: {title}",
                 f"description: {self.sentence(extras=False)}",
                 "reviewed: 2026-11-25", "sources:"]
        for title, note in sources:
            front.append(f"  - title: {title}")
            if note:
                front.append(f"    note: {note}")
        front.append("---")
        body = ["", f"# {plan.title}", "", '!!! abstract "Tóm tắt"', f"    {self.paragraph(2)}", ""]
        for _ in range(r.randint(4, 6)):
            body += [f"## {r.choice(TOPICS).capitalize()} {r.choice(AUDIENCES)}", "",
                     self.paragraph(), "", *self.block(), ""]
        body += ["## Xem thêm", ""]
        body += [f"- Trang {self.link()}" for _ in range(3)]
        body.append("")
        for number in range(1, self.footnotes + 1):
            body += [f"[^{number}]: {r.choice(SOURCES)[0]}.", ""]
        body += ["*[BHXH]: Bảo hiểm xã hội", "*[BHYT]: Bảo hiểm y tế", ""]
        return "\n".join(front + body)


def page_text(plan: PagePlan, plans: list[PagePlan], seed: int = 1) -> str:
    """The Markdown of one page (deterministic for its path and *seed*)."""
    rng = random.Random(f"{seed}:{plan.path}")
    if plan.path == "status.md":
        return ("---\ntitle: Tình trạng bản dịch\ndescription: Tỷ lệ nội dung đã được dịch của "
                "từng trang, theo từng ngôn ngữ.\nreviewed: 2026-11-25\nsources:\n"
                "  - title: Các tệp bản dịch của trang web (thư mục locales/)\n---\n\n"
                "# Tình trạng bản dịch\n\nBảng dưới đây được tạo tự động mỗi khi xây dựng "
                "trang web.\n\n<!-- mdbabel:translation-status -->\n")
    return _Writer(plan, plans, rng).page()


# ----------------------------------------------------------------------------- project


@dataclass
class Corpus:
    root: Path
    pages: int            # source pages (per language)
    messages: int         # page messages filled in (all target languages)
    identity: int         # messages whose English-looking text failed a check (msgstr = msgid)


def _nav_yaml(plans: list[PagePlan]) -> str:
    """Home, then parts of PART_SIZE sections of SECTION_SIZE pages, then the status page."""
    lines = ["nav:", "  - index.md"]
    current = 0
    for plan in plans:
        if plan.section == 0:
            continue
        if plan.section != current:
            current = plan.section
            if (current - 1) % PART_SIZE == 0:
                part = (current - 1) // PART_SIZE + 1
                lines.append(f"  - {json.dumps(f'Phần {part}: {OBJECTS[part % len(OBJECTS)]}', ensure_ascii=False)}:")
            lines.append(f"      - {json.dumps(plan.title, ensure_ascii=False)}:")
        lines.append(f"          - {plan.path}")
    lines.append("  - status.md")
    return "\n".join(lines) + "\n"


def write_config(dest: Path, plans: list[PagePlan], *, source: Path = ROOT,
                 without_plugin: str | None = None) -> None:
    """The repository's mkdocs.yml with a generated nav (and optionally a plugin removed)."""
    text = (source / "mkdocs.yml").read_text(encoding="utf-8")
    head = text.split("\nnav:", 1)[0].rstrip("\n") + "\n\n"
    if without_plugin:
        head = remove_plugin(head, without_plugin)
    (dest / "mkdocs.yml").write_text(head + _nav_yaml(plans), encoding="utf-8")


def remove_plugin(config_text: str, name: str) -> str:
    """*config_text* without the ``- name:`` entry (and its options) under ``plugins:``."""
    lines = config_text.split("\n")
    out, skipping = [], False
    for line in lines:
        stripped = line.strip()
        if stripped in (f"- {name}", f"- {name}:"):
            skipping = True
            indent = len(line) - len(line.lstrip())
            continue
        if skipping:
            if stripped and (len(line) - len(line.lstrip())) <= indent:
                skipping = False
            else:
                continue
        out.append(line)
    return "\n".join(out)


def fill_catalogs(config: catalogs.SiteConfig, *, skip_translated: bool = True) -> tuple[int, int]:
    """Fill every empty msgstr of every page catalog with English-looking text.

    Returns (messages filled, messages left as the identity because the made-up text broke
    a check). ``_site`` keeps the real translations it was copied with; its new nav labels
    are filled too.
    """
    filled = identity = 0
    for language in config.languages:
        for domain in config.domains():
            path = config.catalog_path(language, domain)
            po = catalogs.read_po_file(path, language=language)
            kinds: dict[tuple[str | None, str], str] = {}
            page = config.docs_path / f"{domain}.md"
            if page.is_file():
                for unit in segment(page.read_text(encoding="utf-8")):
                    kinds[(unit.context, unit.text)] = unit.kind
            changed = False
            for message in po.catalog:
                if not message.id or (skip_translated and message.string):
                    continue
                kind = kinds.get((message.context, message.id), "paragraph")
                text = english_like(message.id)
                if check_translation(message.id, text, kind):
                    text, identity = message.id, identity + 1
                message.string = text
                message.flags.discard("fuzzy")
                filled += 1
                changed = True
            if changed:
                catalogs.atomic_write(path, catalogs.render_catalog(
                    po.catalog, po.headers, header_comments=po.header_comments,
                    header_fuzzy=po.header_fuzzy))
    return filled, identity


def make_project(dest: str | Path, pages: int, *, seed: int = 1, source: Path = ROOT,
                 catalogs_too: bool = True) -> Corpus:
    """Write a site of *pages* Vietnamese pages (and their filled English catalogs) in *dest*."""
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    plans = plan_pages(pages)
    docs = dest / "docs"
    shutil.copytree(source / "overrides", dest / "overrides")
    shutil.copytree(source / "docs" / "_data", docs / "_data")
    for plan in plans:
        target = docs / plan.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_text(plan, plans, seed), encoding="utf-8")
    write_config(dest, plans, source=source)
    for site_po in (source / "locales").glob("*/LC_MESSAGES/_site.po"):
        target = dest / site_po.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(site_po, target)
    filled = identity = 0
    if catalogs_too:
        config = catalogs.load_site_config(dest)
        catalogs.update_catalogs(config)
        filled, identity = fill_catalogs(config)
    return Corpus(dest, len(plans), filled, identity)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", help="folder to create (replaced if it exists)")
    parser.add_argument("--pages", type=int, default=100, help="pages per language (default 100)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-catalogs", action="store_true", help="pages only, no locales/")
    args = parser.parse_args(argv)
    corpus = make_project(args.dest, args.pages, seed=args.seed, catalogs_too=not args.no_catalogs)
    print(f"{corpus.root}: {corpus.pages} pages, {corpus.messages} messages filled "
          f"({corpus.identity} kept as the source text)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
