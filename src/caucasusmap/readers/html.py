"""Saved web pages (.html): the article's main text through trafilatura
(Apache-2.0), boilerplate removed.

trafilatura finds the main content of a page and drops navigation, menus,
cookie banners, tag lists, related-article lists, footers, scripts and
styles; it also reads the page's metadata (title, author, date, canonical
URL) from ``<meta>`` tags, JSON-LD and the markup (the date through
htmldate without its opportunistic text search, which takes a site's
"© 2024" footer for the article's date and reports it as 2024-01-01: a page
with no dated element gets no date rather than a wrong one). We ask for its XML output
with formatting kept, and turn its elements into blocks: ``head`` → heading
(level from ``h1``–``h6``), ``p``/``quote`` → paragraph, list ``item`` → list
item, table rows → one paragraph each; a paragraph that starts with a
superscript number is a footnote, and superscript numbers in text become
superscript digits (``Tabriz¹``). Character entities are decoded. If
trafilatura finds no main content (a very short page), the page's whole
visible text is used, and a warning says so.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH
from .base import Extraction, Reader, TextBuilder

__all__ = ["READER", "read_html", "html_blocks"]

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _text(el) -> str:
    """An element's text with superscript numbers as superscript digits."""
    parts = [el.text or ""]
    for child in el:
        inner = _text(child)
        if child.tag == "hi" and (child.get("rend") or "") == "#sup" and inner.strip().isdigit():
            inner = inner.strip().translate(_SUPERSCRIPT)
        elif child.tag == "lb":
            inner = " "
        parts.append(inner)
        parts.append(child.tail or "")
    return "".join(parts)


def _add_element(b: TextBuilder, el) -> None:
    tag = el.tag
    if tag == "head":
        m = re.match(r"h(\d)", el.get("rend") or "")
        b.add(_text(el), HEADING, level=int(m.group(1)) if m else 2)
    elif tag == "list":
        for item in el:
            if item.tag == "item":
                nested = [c for c in item if c.tag == "list"]
                for c in nested:
                    item.remove(c)
                b.add(_text(item), LIST_ITEM)
                for c in nested:
                    _add_element(b, c)
    elif tag == "table":
        for row in el.iter("row"):
            cells = [_text(c).strip() for c in row if c.tag == "cell"]
            b.add(" · ".join(c for c in cells if c))
    elif tag in ("p", "quote", "code"):
        text = _text(el)
        m = re.match(r"\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s", text)
        if m:
            b.add(text, FOOTNOTE, footnote=m.group(1).translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")))
        else:
            b.add(text, PARAGRAPH)
    elif tag == "graphic":
        return
    else:
        for child in el:
            _add_element(b, child)


def html_blocks(b: TextBuilder, xml_main) -> None:
    """Add the blocks of trafilatura's ``<main>`` element to ``b``."""
    for el in xml_main:
        _add_element(b, el)


def _date_params() -> dict:
    """htmldate settings: the publication date from the page's metadata,
    dated elements and URL only (no guess from copyright lines or free text)."""
    from datetime import date

    return {"extensive_search": False, "original_date": True, "max_date": date.today().isoformat()}


def read_html(path: Path, data: bytes) -> Extraction:
    """Extract a saved web page's main text, structure and metadata (see the
    module docstring)."""
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(data, output_format="xml", include_formatting=True, include_links=False,
                              include_images=False, include_tables=True, include_comments=False,
                              with_metadata=True, deduplicate=False, date_extraction_params=_date_params())
    b = TextBuilder()
    meta: dict = {}
    warnings: list[str] = []
    if xml:
        root = etree.fromstring(xml.encode("utf-8"))
        main = root.find("main")
        if main is not None:
            html_blocks(b, main)
        title = (root.get("title") or "").strip()
        if title:
            meta["title"] = title
        author = (root.get("author") or "").strip()
        if author:
            meta["authors"] = tuple(a.strip() for a in re.split(r";|\|", author) if a.strip())
        date = (root.get("date") or "").strip()
        if re.match(r"\d{4}(-\d\d){0,2}$", date):
            meta["date"] = date
        url = (root.get("url") or "").strip()
        if url.startswith(("http://", "https://")):
            meta["url"] = url
    if not b.blocks:
        text = trafilatura.baseline(data)[1] if data.strip() else ""
        for para in re.split(r"\n\s*\n|\n", text or ""):
            b.add(para)
        if b.blocks:
            warnings.append("no main article found in the page; its whole visible text was read")
    return b.extraction(warnings=tuple(warnings), **meta)


READER = Reader(
    name="html", label="web page (.html)", suffixes=(".html", ".htm", ".xhtml"), read=read_html, version="2",
    libraries=("trafilatura",), extra="html",
    publication_date=True,
)
