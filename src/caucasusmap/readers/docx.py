"""Word (.docx) through python-docx (MIT).

Paragraphs and tables are read in body order; a paragraph styled ``Title`` or
``Heading N`` is a heading (level N), one with a list style or numbering a
list item, one that starts with a superscript number a footnote. Footnote and
endnote references become superscript numbers in the
text, and the notes themselves (from the document's footnotes/endnotes parts)
follow as footnote passages. Page headers and footers are separate parts and
are not read. Metadata comes from the core properties (title, author,
created). Word files have no fixed pages, so passages carry no page.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from ..errors import DocumentError
from ..model import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH
from .base import Extraction, Reader, TextBuilder

__all__ = ["READER", "read_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_PLAIN_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_NOTE_START = re.compile(r"\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s")


def _run_text(run_el, notes: dict[str, str], order: list[str]) -> str:
    """Text of one ``w:r`` element: its text, tabs and breaks, and note
    references as superscript numbers (numbered in order of appearance)."""
    out = []
    sup = False
    rpr = run_el.find(f"{_W}rPr")
    if rpr is not None:
        va = rpr.find(f"{_W}vertAlign")
        sup = va is not None and va.get(f"{_W}val") == "superscript"
    for child in run_el:
        tag = child.tag
        if tag == f"{_W}t":
            out.append(child.text or "")
        elif tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
            out.append(" ")
        elif tag in (f"{_W}footnoteReference", f"{_W}endnoteReference"):
            kind = "f" if tag.endswith("footnoteReference") else "e"
            key = f"{kind}{child.get(f'{_W}id')}"
            if key not in order:
                order.append(key)
            out.append(str(order.index(key) + 1))
            sup = True
        elif tag == f"{_W}noBreakHyphen":
            out.append("-")
        elif tag == f"{_W}softHyphen":
            pass
    text = "".join(out)
    return text.translate(_SUPERSCRIPT) if sup and text.strip().isdigit() else text


def _paragraph_text(p_el, notes, order) -> str:
    parts = []
    for el in p_el.iter(f"{_W}r"):
        parts.append(_run_text(el, notes, order))
    return "".join(parts)


def _notes(document, kind: str) -> dict[str, str]:
    """Footnote or endnote texts by id, from the document's notes part."""
    from lxml import etree

    rel_end = "/footnotes" if kind == "f" else "/endnotes"
    tag = f"{_W}footnote" if kind == "f" else f"{_W}endnote"
    out: dict[str, str] = {}
    for rel in document.part.rels.values():
        if rel.reltype.endswith(rel_end) and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            for note in root.iter(tag):
                if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                paras = [_paragraph_text(p, {}, []) for p in note.iter(f"{_W}p")]
                out[f"{kind}{note.get(f'{_W}id')}"] = " ".join(t for t in paras if t.strip())
    return out


def _style_kind(p_el, style_names: dict[str, str]) -> tuple[str, int]:
    """Kind and heading level of a ``w:p`` from its style (looked up by id in
    ``style_names``, built once: python-docx's per-paragraph style lookup is
    slow) and numbering."""
    ppr = p_el.find(f"{_W}pPr")
    style = ppr.find(f"{_W}pStyle") if ppr is not None else None
    name = style_names.get(style.get(f"{_W}val"), "") if style is not None else ""
    m = re.match(r"(?i)heading\s*(\d)", name)
    if m:
        return HEADING, int(m.group(1))
    if name.lower() in ("title", "subtitle"):
        return HEADING, 1
    if name.lower().startswith("list") or (ppr is not None and ppr.find(f"{_W}numPr") is not None):
        return LIST_ITEM, 0
    return PARAGRAPH, 0


def read_docx(path: Path, data: bytes) -> Extraction:
    """Extract a Word file's text, structure and metadata (see the module
    docstring)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise DocumentError(f"not a readable Word (.docx) file (damaged, encrypted or another format): {exc}") from None
    except Exception as exc:  # noqa: BLE001  zip and XML errors of a damaged file
        if "encrypt" in str(exc).lower():
            raise DocumentError("the Word file is encrypted; save an unencrypted copy to read it") from None
        raise DocumentError(f"not a readable Word (.docx) file: {type(exc).__name__}: {exc}") from None
    notes = {**_notes(document, "f"), **_notes(document, "e")}
    style_names = {s.style_id: s.name or "" for s in document.styles}
    order: list[str] = []
    b = TextBuilder()
    body = document.element.body
    for el in body.iterchildren():
        if el.tag == f"{_W}p":
            kind, level = _style_kind(el, style_names)
            text = _paragraph_text(el, notes, order)
            m = _NOTE_START.match(text)
            if m and kind == PARAGRAPH:  # a note typed as a paragraph starting with a raised number
                b.add(text, FOOTNOTE, footnote=m.group(1).translate(_PLAIN_DIGITS))
            else:
                b.add(text, kind, level=level)
        elif el.tag == f"{_W}tbl":
            for row in Table(el, document).rows:
                cells = []
                for cell in row.cells:
                    text = " ".join(_paragraph_text(p._p, notes, order) for p in cell.paragraphs)
                    if text.strip() and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                b.add(" · ".join(cells))
    for n, key in enumerate(order, 1):
        if notes.get(key):
            b.add(f"{str(n).translate(_SUPERSCRIPT)} {notes[key]}", FOOTNOTE, footnote=str(n))
    props = document.core_properties
    meta: dict = {}
    if props.title:
        meta["title"] = props.title.strip()
    if props.author:
        meta["authors"] = tuple(a.strip() for a in re.split(r";|\s+and\s+", props.author) if a.strip())
    when = props.created or props.modified
    if when is not None:
        meta["date"] = when.date().isoformat()
    return b.extraction(**meta)


READER = Reader(
    name="docx", label="Word (.docx)", suffixes=(".docx",), read=read_docx, version="1",
    libraries=("docx",), extra="docx",
)
