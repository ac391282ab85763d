"""OpenDocument text (.odt): content.xml and meta.xml through lxml.

An ODT file is a zip whose ``content.xml`` holds the body: ``text:h`` with
an outline level is a heading, ``text:p`` a paragraph, ``text:list-item`` a
list item, table rows one paragraph each; a ``text:note`` (footnote or
endnote) becomes a superscript number in the text and a footnote passage
after the body. ``meta.xml`` gives title, creator and creation date.
Page headers and footers live in ``styles.xml`` and are not read. Like Word
files, ODT files have no fixed pages.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..errors import DocumentError
from ..model import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH
from .base import Extraction, Reader, TextBuilder

__all__ = ["READER", "read_odt"]

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _inline(el, notes: list[str]) -> str:
    parts = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == f"{_TEXT}note":
            body = child.find(f"{_TEXT}note-body")
            notes.append(" ".join(_inline(p, []) for p in body.iter(f"{_TEXT}p")) if body is not None else "")
            parts.append(str(len(notes)).translate(_SUPERSCRIPT))
        elif tag == f"{_TEXT}s":
            parts.append(" " * int(child.get(f"{_TEXT}c", "1")))
        elif tag in (f"{_TEXT}tab", f"{_TEXT}line-break"):
            parts.append(" ")
        elif tag == f"{_TEXT}soft-page-break":
            pass
        else:
            parts.append(_inline(child, notes))
        parts.append(child.tail or "")
    return "".join(parts)


def _walk(b: TextBuilder, el, notes: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag == f"{_TEXT}h":
            b.add(_inline(child, notes), HEADING, level=int(child.get(f"{_TEXT}outline-level", "1") or 1))
        elif tag == f"{_TEXT}p":
            b.add(_inline(child, notes), PARAGRAPH)
        elif tag == f"{_TEXT}list":
            for item in child.iter(f"{_TEXT}list-item"):
                for p in item:
                    if p.tag in (f"{_TEXT}p", f"{_TEXT}h"):
                        b.add(_inline(p, notes), LIST_ITEM)
        elif tag == f"{_TABLE}table":
            for row in child.iter(f"{_TABLE}table-row"):
                cells = [" ".join(_inline(p, notes) for p in cell.iter(f"{_TEXT}p"))
                         for cell in row if cell.tag == f"{_TABLE}table-cell"]
                b.add(" · ".join(c.strip() for c in cells if c.strip()))
        elif tag in (f"{_TEXT}section", f"{_OFFICE}text"):
            _walk(b, child, notes)


def read_odt(path: Path, data: bytes) -> Extraction:
    """Extract an ODT file's text, structure and metadata (see the module docstring)."""
    from lxml import etree

    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        content = etree.fromstring(z.read("content.xml"))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise DocumentError(f"not a readable OpenDocument text file (damaged or encrypted?): {exc}") from None
    b = TextBuilder()
    notes: list[str] = []
    body = content.find(f"{_OFFICE}body")
    if body is not None:
        _walk(b, body, notes)
    for n, note in enumerate(notes, 1):
        b.add(f"{str(n).translate(_SUPERSCRIPT)} {note}", FOOTNOTE, footnote=str(n))
    meta: dict = {}
    try:
        info = etree.fromstring(z.read("meta.xml"))
    except (KeyError, etree.XMLSyntaxError):
        info = None
    if info is not None:
        title = info.find(f".//{_DC}title")
        if title is not None and (title.text or "").strip():
            meta["title"] = title.text.strip()
        creators = [el.text.strip() for el in info.iter(f"{_META}initial-creator", f"{_DC}creator")
                    if (el.text or "").strip()]
        if creators:
            meta["authors"] = tuple(a.strip() for a in re.split(r";|\s+and\s+", creators[0]) if a.strip())
        date = info.find(f".//{_META}creation-date")
        m = re.match(r"\s*(\d{4}(?:-\d\d){0,2})", date.text or "") if date is not None else None
        if m:
            meta["date"] = m.group(1)
    return b.extraction(**meta)


READER = Reader(
    name="odt", label="OpenDocument text (.odt)", suffixes=(".odt",), read=read_odt, version="1",
    libraries=("lxml",), extra="html",
)
