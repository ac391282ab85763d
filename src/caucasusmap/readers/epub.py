"""EPUB: the package's spine read in order, each XHTML chapter's structure
through lxml.

An EPUB is a zip with a container file naming the package document (OPF),
whose metadata gives title, creators and date and whose spine lists the
chapters. Each chapter is parsed with lxml's HTML parser and walked for
headings (``h1``–``h6``), paragraphs, list items, table rows and footnotes
(``aside``/elements with ``epub:type`` footnote or endnote, or a paragraph
that starts with a superscript number). ebooklib would do the zip and OPF
part, but it is AGPL-licensed; zipfile and lxml are enough for reading.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path

from ..errors import DocumentError
from ..model import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH
from .base import Extraction, Reader, TextBuilder

__all__ = ["READER", "read_epub"]

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "dt", "dd", "pre", "figcaption"}
_SKIP = {"script", "style", "nav", "head", "svg", "math"}


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _inline_text(el) -> str:
    parts = [el.text or ""]
    for child in el:
        name = _local(child.tag)
        if name in _SKIP:
            inner = ""
        else:
            inner = _inline_text(child)
            if name == "sup" and inner.strip().isdigit():
                inner = inner.strip().translate(_SUPERSCRIPT)
            elif name == "br":
                inner = " "
        parts.append(inner)
        parts.append(child.tail or "")
    return "".join(parts)


def _is_note(el) -> bool:
    for key, value in el.attrib.items():
        if key.endswith("type") and re.search(r"\b(foot|end|rear)note\b", value):
            return True
    return False


def _walk(b: TextBuilder, el, in_note: bool = False) -> None:
    name = _local(el.tag)
    if name in _SKIP:
        return
    note = in_note or _is_note(el)
    if name in _BLOCKS and not any(_local(c.tag) in _BLOCKS for c in el.iter() if c is not el):
        text = _inline_text(el)
        if name[:1] == "h" and name[1:].isdigit():
            b.add(text, HEADING, level=int(name[1]))
        elif note or re.match(r"\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s", text):
            m = re.match(r"\s*(\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s+", text)
            label = m.group(1).translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")) if m else ""
            if m and m.group(1).isdigit():
                text = m.group(1).translate(_SUPERSCRIPT) + text[m.end(1):]
            b.add(text, FOOTNOTE, footnote=label)
        elif name == "li":
            b.add(text, LIST_ITEM)
        elif name == "tr":
            b.add(" · ".join(_inline_text(c).strip() for c in el if _local(c.tag) in ("td", "th")))
        else:
            b.add(text, PARAGRAPH)
        return
    for child in el:
        _walk(b, child, note)


def read_epub(path: Path, data: bytes) -> Extraction:
    """Extract an EPUB's text, structure and metadata (see the module docstring)."""
    from lxml import etree, html

    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        container = etree.fromstring(z.read("META-INF/container.xml"))
        opf_path = next(el.get("full-path") for el in container.iter() if _local(el.tag) == "rootfile")
        opf = etree.fromstring(z.read(opf_path))
    except (zipfile.BadZipFile, KeyError, StopIteration, etree.XMLSyntaxError) as exc:
        raise DocumentError(f"not a readable EPUB (damaged or not an EPUB): {exc}") from None
    if any(n.endswith("encryption.xml") for n in z.namelist()):
        raise DocumentError("the EPUB is encrypted (DRM); it cannot be read")
    base = posixpath.dirname(opf_path)
    meta: dict = {}
    items: dict[str, str] = {}
    spine: list[str] = []
    authors = []
    for el in opf.iter():
        name = _local(el.tag)
        if name == "title" and "title" not in meta and (el.text or "").strip():
            meta["title"] = el.text.strip()
        elif name == "creator" and (el.text or "").strip():
            authors.append(el.text.strip())
        elif name == "date" and "date" not in meta:
            m = re.match(r"\s*(\d{4}(?:-\d\d){0,2})", el.text or "")
            if m:
                meta["date"] = m.group(1)
        elif name == "item":
            items[el.get("id")] = posixpath.normpath(posixpath.join(base, el.get("href") or ""))
        elif name == "itemref" and el.get("linear") != "no":
            spine.append(el.get("idref"))
    if authors:
        meta["authors"] = tuple(authors)
    b = TextBuilder()
    for ref in spine:
        name = items.get(ref)
        if not name or name not in z.namelist():
            continue
        try:
            root = html.fromstring(z.read(name))
        except (etree.ParserError, ValueError):
            continue
        body = next((el for el in root.iter() if _local(el.tag) == "body"), root)
        _walk(b, body)
    return b.extraction(**meta)


READER = Reader(
    name="epub", label="EPUB", suffixes=(".epub",), read=read_epub, version="1", libraries=("lxml",), extra="html",
    publication_date=True,
)
