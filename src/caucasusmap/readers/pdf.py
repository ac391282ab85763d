"""PDF: text, pages, columns, footnotes and metadata through PDFium (pypdfium2).

PDFium (via ``pypdfium2``, Apache-2.0/BSD-3-Clause, binary wheels) gives each
page's characters in content order, split into lines, with a marker (U+FFFE)
where a word is hyphenated at a line end, and the position and size of any
character. The layout on top of that is ours, decided per line, not per
character (a character query costs microseconds; a 3,000-character page would
spend most of its time in them):

1. **Lines** are PDFium's lines, cut again where a hyphenation marker joined
   two; each gets its box (from PDFium's text rectangles) and font size.
2. **Running headers and footers** — lines in the top or bottom band of a page
   that are a page number (``12``, ``Page 3 of 9``, ``- iv -``) or whose text,
   digits aside, recurs on several pages — are dropped. A page number found
   there labels the page when the file has no page labels of its own.
3. **Columns**: where a vertical gutter in the middle of the page is crossed
   by almost no line, the page is read band by band — the left column, then
   the right — with full-width lines (titles, abstracts) between bands.
4. **Paragraphs** end at a wider line gap, an indented first line, a change of
   font size, or a short line ending a sentence; a paragraph runs on across a
   column or page break unless its last line ended a sentence.
5. **Headings** are short paragraphs in a larger font (levels by size), or
   bold lines of body size; **footnotes** are the smaller-font lines below a
   page's (or column's) body text, one footnote per leading number or mark.
   Footnote markers in the text (small raised digits) become superscript
   digits, so ``Tabriz¹²`` still reads as ``Tabriz``.
6. **Hyphenation**: a word broken at a line end is rejoined when the next line
   starts in lower case and the hyphenated form does not occur elsewhere in
   the document; otherwise (``Nagorno-`` / ``Karabakh``) the hyphen stays.

A PDF with a password is reported as encrypted; a damaged file as unreadable;
a file whose pages hold (almost) no text as a scan without a text layer.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import DocumentError
from ..model import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH
from .base import Extraction, Reader, TextBuilder, over_text_limit, text_limit

__all__ = ["READER", "read_pdf"]

# PDFium is not thread-safe: one document at a time in this process.
_LOCK = threading.Lock()

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|seite|sayfa|səhifə|стр\.?|страница)\s*)?[-–—(\[]?\s*(\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)\]]?"
    r"(?:\s*(?:of|/|из)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_MARKER_IN_TEXT = re.compile(r"(?<=[^\W\d_]|[.,;:!?)\]’”\"'])(\d{1,3})(?=[\s.,;:!?)’”\"']|$)")
_FOOTNOTE_START = re.compile(r"^(?:(\d{1,3})[.)]?|([*†‡§]))\s*(?=\S)")
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")
_BULLET = re.compile(r"^(?:[•◦▪▫‣∙·●○■□–—-]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+\S")


@dataclass
class _Line:
    page: int
    text: str
    x0: float
    y0: float   # bottom
    x1: float
    y1: float   # top
    size: float
    bold: bool = False
    hyphen: bool = False      # ends in a word broken by a hyphen
    sup_first: str = ""       # leading footnote marker in a small raised font
    column: int = 0           # 0 full width, 1 left, 2 right
    role: str = ""            # "", "header", "footnote"

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line] = field(default_factory=list)
    chars: int = 0


def _line_box(tp, a: int, b: int) -> tuple[float, float, float, float] | None:
    n = tp.count_rects(a, b - a)
    if n <= 0:
        return None
    boxes = [tp.get_rect(i) for i in range(n)]
    return (min(r[0] for r in boxes), min(r[1] for r in boxes), max(r[2] for r in boxes), max(r[3] for r in boxes))


def _read_page(pdfium, pdf, index: int) -> _Page:
    raw = pdfium.raw
    page = pdf[index]
    try:
        width, height = page.get_size()
        tp = page.get_textpage()
        try:
            n = tp.count_chars()
            text = tp.get_text_range(0, n) if n > 0 else ""
            out = _Page(index + 1, width, height, chars=len(text.strip()))
            exact = len(text) == n  # else (characters beyond the BMP) positions are approximate
            pos = 0
            for m in re.finditer(r"\r\n|\n|\r|\ufffe|\x02", text + "\n"):
                a, b = pos, m.start()
                pos = m.end()
                hyphen = m.group() in ("\ufffe", "\x02")
                seg = text[a:b]
                lead = len(seg) - len(seg.lstrip())
                seg = seg.strip()
                if not seg:
                    continue
                a += lead
                b = a + len(seg)
                box = _line_box(tp, a, b) if exact else None
                if box is None:
                    box = (0.0, height - len(out.lines) * 12.0, width, height - len(out.lines) * 12.0 + 10)
                mid = a + len(seg) // 2
                while mid < b - 1 and text[mid].isspace():
                    mid += 1
                size = raw.FPDFText_GetFontSize(tp, mid) if exact else 10.0
                bold = exact and raw.FPDFText_GetFontWeight(tp, mid) >= 600
                line = _Line(index + 1, seg, box[0], box[1], box[2], box[3], round(size, 1), bold, hyphen)
                if exact:
                    line.text, line.sup_first = _mark_superscripts(tp, raw, a, seg, size)
                    if _RTL_RUN.search(seg):
                        line.text = _logical_rtl(tp, a, line.text)
                out.lines.append(line)
            out.lines = _visual_lines(out.lines)
            return out
        finally:
            tp.close()
    finally:
        page.close()


_RTL_LETTERS = "\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"
_RTL_INNER = "\\s\u200c\u200f\u06f0-\u06f9\u0660-\u0669.,:،؛؟!()/-"
_RTL_RUN = re.compile(f"[{_RTL_LETTERS}](?:[{_RTL_LETTERS}{_RTL_INNER}]*[{_RTL_LETTERS}])?")
_DIGITS = re.compile(r"[0-9\u06f0-\u06f9\u0660-\u0669]+")
_MIRROR = str.maketrans("()[]", ")(][")


def _logical_rtl(tp, a: int, text: str) -> str:
    """Put Arabic-script runs in reading order. PDFium returns a run whose
    characters go from right to left on the page (first character rightmost)
    with its letters reversed (``زیربت`` for ``تبریز``), as checked on PDFs
    made with fpdf2; such runs are reversed back, digits kept in order."""
    def fix(m: re.Match) -> str:
        run = m.group()
        if len(run) < 2:
            return run
        first, last = tp.get_charbox(a + m.start()), tp.get_charbox(a + m.end() - 1)
        if first[0] <= last[0]:
            return run
        rev = run[::-1].translate(_MIRROR)
        return _DIGITS.sub(lambda d: d.group()[::-1], rev)

    return _RTL_RUN.sub(fix, text)


def _visual_lines(lines: list[_Line]) -> list[_Line]:
    """Merge pieces PDFium put on separate lines although they sit on one
    visual line (a raised footnote marker, a change of font): each piece
    starts to the right of the previous one and overlaps it vertically."""
    out: list[_Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if prev is not None and not prev.hyphen and ln.x0 >= prev.x1 - 1.0:
            overlap = min(prev.y1, ln.y1) - max(prev.y0, ln.y0)
            if overlap > 0.4 * min(prev.y1 - prev.y0, ln.y1 - ln.y0):
                small = ln.size < 0.85 * prev.size
                text = ln.text
                if small and re.fullmatch(r"\d{1,3}", text):
                    text = text.translate(_SUPERSCRIPT)
                    gap = ""
                elif prev.size < 0.85 * ln.size and re.fullmatch(r"\d{1,3}", prev.text):
                    # a line that starts with a raised marker: "¹ The two bridges …"
                    prev.sup_first = prev.text
                    prev.text = prev.text.translate(_SUPERSCRIPT)
                    prev.size, prev.bold = ln.size, ln.bold
                    gap = " " if ln.x0 - prev.x1 > 0.15 * ln.size else ""
                else:
                    gap = " " if ln.x0 - prev.x1 > 0.15 * ln.size else ""
                prev.text += gap + text
                prev.x1 = max(prev.x1, ln.x1)
                prev.y0, prev.y1 = min(prev.y0, ln.y0), max(prev.y1, ln.y1)
                prev.hyphen = ln.hyphen
                continue
        out.append(ln)
    return out


def _mark_superscripts(tp, raw, a: int, seg: str, size: float) -> tuple[str, str]:
    """Footnote markers (digits in a smaller font than the line's) become
    superscript digits; a leading one is also returned as the label."""
    lead = ""
    m = re.match(r"\d{1,3}", seg)
    if m and raw.FPDFText_GetFontSize(tp, a) < 0.85 * size:
        lead = m.group()
    chars = list(seg)
    for m in _MARKER_IN_TEXT.finditer(seg):
        if raw.FPDFText_GetFontSize(tp, a + m.start()) < 0.85 * size:
            for k in range(m.start(), m.end()):
                chars[k] = seg[k].translate(_SUPERSCRIPT)
    if lead:
        for k in range(len(lead)):
            chars[k] = lead[k].translate(_SUPERSCRIPT)
    return "".join(chars), lead


# -- headers and footers -------------------------------------------------------

def _signature(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold()).strip()


def _drop_running_lines(pages: list[_Page]) -> dict[int, str]:
    """Mark running headers/footers; return printed page numbers found."""
    printed: dict[int, str] = {}
    candidates: list[tuple[_Page, _Line, str]] = []
    for page in pages:
        if not page.lines:
            continue
        by_y = sorted(page.lines, key=lambda ln: -ln.y1)
        band = 0.12 * page.height
        for ln in by_y[:2] + by_y[-2:]:
            where = "top" if ln.y0 > page.height - band else "bottom" if ln.y1 < band else ""
            if where and ln not in [c[1] for c in candidates]:
                candidates.append((page, ln, where))
    counts = Counter((where, ln.size, _signature(ln.text)) for _, ln, where in candidates)
    sizes = Counter()
    for page in pages:
        for ln in page.lines:
            sizes[ln.size] += len(ln.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    pages_with_text = sum(1 for p in pages if p.lines)
    recurring = max(2, int(0.4 * pages_with_text + 0.5))
    # A head or foot that starts or ends with the page's number ("Chapter 2: Syntax 3", "12 Journal
    # of ..."): numbers that run in step with the pages on several pages mark such lines.
    edge_numbers = {id(ln): _edge_numbers(ln.text) for _, ln, _ in candidates}
    steps = Counter(n - page.number for page, ln, _ in candidates for n in edge_numbers[id(ln)])
    step, support = steps.most_common(1)[0] if steps else (None, 0)
    in_step = support >= max(3, 0.25 * pages_with_text)
    for page, ln, where in candidates:
        if in_step and page.number + step in edge_numbers[id(ln)]:
            ln.role = "header"
            printed.setdefault(page.number, str(page.number + step))
            continue
        number = _PAGE_NUMBER.match(ln.text.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")))
        if number:
            ln.role = "header"
            printed.setdefault(page.number, number.group(1))
        elif (pages_with_text >= 2 and counts[(where, ln.size, _signature(ln.text))] >= recurring
              and _isolated(page, ln, where, 0.8)) or (
                where == "top" and ln.size < 0.9 * body and _isolated(page, ln, where)):
            ln.role = "header"
            # "12 Journal of Eurasian Studies": a page number inside a running head
            digits = re.findall(r"(?<![\d.])\d{1,4}(?![\d.])", ln.text)
            if len(digits) == 1:
                printed.setdefault(page.number, digits[0])
    return printed


def _edge_numbers(text: str) -> set[int]:
    """Whole numbers at the start or end of a line (a page number's places)."""
    text = text.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789"))
    found = set()
    for m in (re.match(r"\s*(\d{1,4})(?![\d.,:/-])", text), re.search(r"(?<![\d.,:/-])(\d{1,4})\s*$", text)):
        if m:
            found.add(int(m.group(1)))
    return found


def _isolated(page: _Page, line: _Line, where: str = "top", apart: float = 1.2) -> bool:
    """True if ``line`` is the topmost (bottommost) line of its page and set
    apart from the next line by more than ``apart`` line heights (a running
    head or foot)."""
    if where == "top":
        others = [ln for ln in page.lines if ln is not line and ln.y1 <= line.y0 + 0.5]
        if len(others) != len(page.lines) - 1 or not others:
            return False
        nearest = max(others, key=lambda ln: ln.y1)
        gap = line.y0 - nearest.y1
    else:
        others = [ln for ln in page.lines if ln is not line and ln.y0 >= line.y1 - 0.5]
        if len(others) != len(page.lines) - 1 or not others:
            return False
        nearest = min(others, key=lambda ln: ln.y0)
        gap = nearest.y0 - line.y1
    return gap > apart * max(line.size, nearest.size)


def _page_labels(pdf, pages: list[_Page], printed: dict[int, str]) -> tuple[str, ...]:
    """Labels from the file's own page labels, else from printed page numbers
    when they run in step with the pages."""
    labels = []
    try:
        labels = [pdf.get_page_label(i) or "" for i in range(len(pdf))]
    except Exception:  # noqa: BLE001  an odd /PageLabels tree: ignore it
        labels = []
    if any(labels) and any(lab != str(i + 1) for i, lab in enumerate(labels) if lab):
        return tuple(labels)
    numeric = {p: int(v) for p, v in printed.items() if v.isdigit()}
    if len(numeric) >= max(1, len(pages) // 2):
        offsets = Counter(v - p for p, v in numeric.items())
        offset, agree = offsets.most_common(1)[0]
        if agree >= 0.6 * len(numeric) and offset != 0:
            return tuple(str(i + 1 + offset) for i in range(len(pages)))
    return ()


# -- columns and reading order --------------------------------------------------

def _reading_order(page: _Page) -> list[_Line]:
    lines = [ln for ln in page.lines if ln.role != "header"]
    if len(lines) < 6:
        return lines  # PDFium's order: the content's own
    x0 = min(ln.x0 for ln in lines)
    x1 = max(ln.x1 for ln in lines)
    width = x1 - x0
    gutter = None
    if width > 0:
        # How many lines cross each candidate gutter position in the middle of the page.
        grid = np.linspace(x0 + 0.3 * width, x0 + 0.7 * width, 161)
        lx0 = np.array([ln.x0 for ln in lines])
        lx1 = np.array([ln.x1 for ln in lines])
        crossing = ((lx0[:, None] < grid[None, :]) & (grid[None, :] < lx1[:, None])).sum(axis=0)
        low = int(crossing.min())
        at = np.flatnonzero(crossing == low)
        # the widest run of positions with the fewest crossings
        runs = np.split(at, np.flatnonzero(np.diff(at) > 1) + 1)
        run = max(runs, key=len)
        ga, gb = float(grid[run[0]]), float(grid[run[-1]])
        left = int((lx1 <= ga).sum())
        right = int((lx0 >= gb).sum())
        if low <= 0.15 * len(lines) and left >= 3 and right >= 3 and min(left, right) >= 0.2 * (left + right):
            gutter = (ga + gb) / 2
    if gutter is None:
        for ln in lines:
            ln.column = 0
        return lines
    out: list[_Line] = []
    band: dict[int, list[_Line]] = {1: [], 2: []}

    def flush() -> None:
        for col in (1, 2):
            out.extend(sorted(band[col], key=lambda ln: -ln.y0))  # by baseline, top first
            band[col].clear()

    for ln in sorted(lines, key=lambda ln: -ln.y0):
        if ln.x1 <= gutter:
            ln.column = 1
            band[1].append(ln)
        elif ln.x0 >= gutter:
            ln.column = 2
            band[2].append(ln)
        else:
            ln.column = 0
            flush()
            out.append(ln)
    flush()
    return out


def _mark_footnotes(flow: list[_Line], body: float) -> None:
    """Small-font lines after the last body-size line of each column of a
    page are footnotes."""
    for col in {ln.column for ln in flow}:
        lines = [ln for ln in flow if ln.column == col]
        k = len(lines)
        while k > 0 and lines[k - 1].size < 0.9 * body:
            k -= 1
        tail = lines[k:]
        if tail and k > 0 and (tail[0].sup_first or _FOOTNOTE_START.match(tail[0].text)):
            for ln in tail:
                ln.role = "footnote"


# -- paragraphs -----------------------------------------------------------------

@dataclass
class _Para:
    lines: list[_Line]
    kind: str = PARAGRAPH
    label: str = ""


def _paragraphs(flow: list[_Line], body: float, pitch: float) -> list[_Para]:
    paras: list[_Para] = []
    # A column's left edge is where most of its lines start (headings may stand out to the left);
    # its right edge is the rightmost line end.
    lefts: dict[tuple[int, int], Counter] = {}
    col_right: dict[tuple[int, int], float] = {}
    for ln in flow:
        key = (ln.page, ln.column)
        lefts.setdefault(key, Counter())[round(ln.x0)] += 1
        col_right[key] = max(col_right.get(key, ln.x1), ln.x1)
    col_left = {key: float(c.most_common(1)[0][0]) for key, c in lefts.items()}
    prev: _Line | None = None
    for ln in flow:
        new = prev is None
        if not new:
            ended = bool(_SENTENCE_END.search(prev.text)) and not prev.hyphen
            # The line ended early on purpose if the next line's first word would have fitted.
            room = col_right[(prev.page, prev.column)] - prev.x1
            char_w = prev.width / max(len(prev.text), 1)
            first_word = len(ln.text.split(" ", 1)[0]) + 1
            short = room > max(first_word * char_w, 1.5 * prev.size)
            indented = ln.x0 > col_left[(ln.page, ln.column)] + 0.8 * ln.size
            item = paras[-1].lines[0]
            if (item.text[:1] in "•◦▪▫‣∙●○■□" and _BULLET.match(item.text)
                    and ln.x0 > item.x0 + 0.5 * ln.size and (ln.page, ln.column) == (item.page, item.column)):
                indented = False  # the next line of a list item, aligned under its text
            starts_note = ln.role == "footnote" and bool(ln.sup_first or _FOOTNOTE_START.match(ln.text))
            starts_item = ln.text[:1] in "•◦▪▫‣∙●○■□" and bool(_BULLET.match(ln.text))
            font_change = abs(ln.size - prev.size) > 0.12 * max(ln.size, prev.size) or (
                ln.bold != prev.bold and not prev.hyphen)
            if ln.role != prev.role or font_change or starts_note or starts_item:
                new = True
            elif (ln.page, ln.column) == (prev.page, prev.column):
                gap = prev.y0 - ln.y0
                if gap > 1.45 * pitch or gap < -0.5 * pitch or (indented and not prev.hyphen) or (short and ended):
                    new = True
            else:  # across a column or page break: only a short last line or an indent ends it
                new = (ended and short) or (indented and not prev.hyphen)
        if new:
            paras.append(_Para([ln]))
        else:
            paras[-1].lines.append(ln)
        prev = ln
    for para in paras:
        first = para.lines[0]
        text_len = sum(len(ln.text) for ln in para.lines)
        if first.role == "footnote":
            para.kind = FOOTNOTE
            m = _FOOTNOTE_START.match(first.text.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")))
            para.label = first.sup_first or (m.group(1) or m.group(2) if m else "")
        elif first.text[:1] in "•◦▪▫‣∙●○■□" and _BULLET.match(first.text):
            para.kind = LIST_ITEM
        elif (len(para.lines) <= 3 and text_len <= 200 and not _SENTENCE_END.search(para.lines[-1].text.rstrip("*"))
              and (first.size >= 1.15 * body or (first.bold and first.size >= 0.95 * body and text_len <= 120))):
            para.kind = HEADING
    return paras


def _join_lines(lines: list[_Line], hyphenated: set[str]) -> tuple[str, list[tuple[int, int]]]:
    """A paragraph's lines as one line of text, and where it crosses pages."""
    out = ""
    marks: list[tuple[int, int]] = []
    for i, ln in enumerate(lines):
        if i and ln.page != lines[i - 1].page:
            marks.append((len(out) + (0 if lines[i - 1].hyphen else 1), ln.page))
        if i:
            prev = lines[i - 1]
            if prev.hyphen:
                head = re.search(r"[^\W\d_]+$", out)
                tail = re.match(r"[^\W\d_]+", ln.text)
                word = f"{head.group() if head else ''}-{tail.group() if tail else ''}".casefold()
                if tail and ln.text[:1].islower() and word not in hyphenated:
                    pass  # rejoin the broken word
                else:
                    out += "-"
            elif not _URL_END.search(out):
                out += " "  # (a web address broken at a line end is joined without one)
        out += ln.text
    return out, marks


def _metadata(pdf) -> dict:
    try:
        meta = pdf.get_metadata_dict(skip_empty=True)
    except Exception:  # noqa: BLE001  an odd info dictionary: no metadata
        return {}
    out: dict = {}
    title = (meta.get("Title") or "").strip()
    if title and not re.search(r"(^microsoft \w+ -|\.(docx?|odt|pdf|tex|indd|qxd|rtf)$|^untitled)", title, re.I):
        out["title"] = title
    author = (meta.get("Author") or "").strip()
    if author:
        out["authors"] = tuple(a.strip() for a in re.split(r";|\s+and\s+|\s*&\s*|,(?=\s*\S+\s+\S)", author)
                               if a.strip())
    m = re.match(r"D?:?(\d{4})(\d{2})?(\d{2})?", meta.get("CreationDate") or "")
    if m:
        out["date"] = "-".join(g for g in m.groups() if g)
    return out


_URL_END = re.compile(r"(?:https?://|www\.)[^\s]*[^\s.,;:!?)\]]$")
_HYPHENATED = re.compile(r"[^\W\d_]+-[^\W\d_]+")


def read_pdf(path: Path, data: bytes) -> Extraction:
    """Extract a PDF's text, structure, pages and metadata (see the module
    docstring); raises :class:`DocumentError` for encrypted, damaged and
    text-less (scanned) files."""
    import pypdfium2 as pdfium

    with _LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            message = str(exc)
            if "password" in message.lower():
                raise DocumentError("the PDF is encrypted with a password; save an unencrypted copy "
                                    "(e.g. print it to PDF) to read it") from None
            raise DocumentError(f"not a readable PDF (damaged or not a PDF): {message}") from None
        try:
            pages = []
            limit, chars = text_limit(), 0
            for i in range(len(pdf)):
                try:
                    pages.append(_read_page(pdfium, pdf, i))
                except pdfium.PdfiumError as exc:
                    raise DocumentError(f"cannot read this page: {exc}", page=i + 1) from None
                chars += sum(len(ln.text) for ln in pages[-1].lines)
                if chars > limit:  # stop here: the pages after it are never extracted
                    raise over_text_limit(limit, "extracted by this page", page=i + 1)
            meta = _metadata(pdf)
            printed = _drop_running_lines(pages)
            labels = _page_labels(pdf, pages, printed)
        finally:
            pdf.close()
    total_chars = sum(p.chars for p in pages)
    if not pages:
        raise DocumentError("the PDF has no pages", skip=True)
    if total_chars < 20 * len(pages) and total_chars < 200:
        raise DocumentError(f"skipped: no text layer in its {len(pages)} page(s) — a scanned document? Add one with "
                            "an OCR tool (e.g. 'ocrmypdf in.pdf out.pdf') and put that file in the corpus", skip=True)
    flow: list[_Line] = []
    for page in pages:
        flow.extend(_reading_order(page))
    sizes = Counter()
    for ln in flow:
        sizes[ln.size] += len(ln.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    pages_by_number = {p.number: p for p in pages}
    for number in pages_by_number:
        _mark_footnotes([ln for ln in flow if ln.page == number], body)
    pitches = Counter(round(a.y0 - b.y0, 0) for a, b in zip(flow, flow[1:])
                      if (a.page, a.column) == (b.page, b.column) and a.size == b.size == body and a.y0 > b.y0)
    pitch = pitches.most_common(1)[0][0] if pitches else body * 1.2
    # Footnotes are read after their page's body text: move them to the end of
    # the page's run, but after a paragraph that runs on to the next page.
    body_flow = [ln for ln in flow if ln.role != "footnote"]
    notes_by_page: dict[int, list[_Line]] = {}
    for ln in flow:
        if ln.role == "footnote":
            notes_by_page.setdefault(ln.page, []).append(ln)
    hyphenated = {m.group().casefold() for ln in flow for m in _HYPHENATED.finditer(ln.text)}
    paras = _paragraphs(body_flow, body, pitch)
    heading_sizes = sorted({p.lines[0].size for p in paras if p.kind == HEADING}, reverse=True)
    builder = TextBuilder()
    pending = sorted(notes_by_page)

    def emit_notes(upto_page: int) -> None:
        while pending and pending[0] <= upto_page:
            number = pending.pop(0)
            for note in _paragraphs(notes_by_page[number], body, pitch):
                text, marks = _join_lines(note.lines, hyphenated)
                builder.add(text, FOOTNOTE, footnote=note.label, clean=True, page=number, page_marks=tuple(marks))

    for para in paras:
        first_page = para.lines[0].page
        emit_notes(first_page - 1)
        text, marks = _join_lines(para.lines, hyphenated)
        level = heading_sizes.index(para.lines[0].size) + 1 if para.kind == HEADING else 0
        builder.add(text, para.kind, level=level, clean=True, page=first_page, page_marks=tuple(marks))
    emit_notes(len(pages) + 1)
    warnings = []
    empty = [p.number for p in pages if p.chars == 0]
    if empty and len(empty) < len(pages):
        shown = ", ".join(map(str, empty[:10])) + (" …" if len(empty) > 10 else "")
        warnings.append(f"page(s) {shown} have no text layer (scanned pages?); their text is missing")
    if not meta.get("title"):
        first_heading = next((b for b in builder.blocks if b.kind == HEADING and b.page == 1), None)
        if first_heading is not None:
            meta["title"] = builder.text[first_heading.start:first_heading.end]
    return builder.extraction(page_labels=labels, warnings=tuple(warnings), **meta)


READER = Reader(
    name="pdf", label="PDF", suffixes=(".pdf",), read=read_pdf, priority=0, version="2",
    libraries=("pypdfium2",), extra="pdf",
)
