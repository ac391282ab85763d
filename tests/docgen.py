"""Make test documents in every format the readers take, from text we control.

A :class:`SourceDoc` is a list of blocks (heading, paragraph, footnote, list
item) plus metadata. It is written as markdown (the plain-text version every
other format is compared with), PDF (one or two columns, running headers,
page numbers, footnotes at the foot of the page, words hyphenated at line
ends), DOCX, ODT-free HTML with boilerplate around the article, and EPUB.
:func:`from_markdown` turns one of the bundled corpus texts into a
``SourceDoc`` through the project's own passage splitter, so the bundled texts
can be converted into each format too (``scripts/make_test_corpus.py``).

Footnote markers are written ``[^N]`` in block text; each writer renders them
its own way (a small raised number in PDF, ``<sup>`` in HTML, ``<sup>N</sup>``
in markdown).
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")
_MARK = re.compile(r"\[\^(\w+)\]")


def font_path(bold: bool = False) -> str:
    """DejaVu Sans (Debian's fonts-dejavu-core, on every machine of this
    project's kind): a font with Latin, Turkish, Azerbaijani, Cyrillic and
    Arabic-script glyphs."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (Path(folder) / name).exists():
            return str(Path(folder) / name)
    try:
        import matplotlib

        return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name)
    except ImportError:
        raise RuntimeError("the PDF test documents need DejaVu Sans: apt-get install fonts-dejavu-core") from None


@dataclass
class SourceDoc:
    title: str
    blocks: list[tuple[str, str, int, str]]  # (kind, text, level, footnote label)
    authors: tuple[str, ...] = ()
    date: str = ""
    url: str = ""
    running_head: str = ""
    extra_meta: dict = field(default_factory=dict)
    show_title: bool = True  # False: the title is metadata only (converted texts carry theirs in the text)

    @property
    def title_in_blocks(self) -> bool:
        """True when the first block is the title itself (converted texts)."""
        return not self.show_title or (bool(self.blocks) and self.blocks[0][0] == "heading"
                                       and self.blocks[0][1] == self.title)

    def body(self):
        return [b for b in self.blocks if b[0] != "footnote"]

    def notes(self) -> dict[str, str]:
        return {b[3]: b[1] for b in self.blocks if b[0] == "footnote"}


def _plain(text: str) -> str:
    return _MARK.sub(lambda m: m.group(1).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")), text)


# -- markdown (the plain-text version) ----------------------------------------

def write_markdown(doc: SourceDoc, path: Path) -> Path:
    out = []
    for kind, text, level, label in doc.blocks:
        text = _MARK.sub(lambda m: f"<sup>{m.group(1)}</sup>", text)
        if kind == "heading":
            out.append("#" * max(1, min(level, 6)) + " " + text)
        elif kind == "footnote":
            out.append(f"<sup>{label}</sup> {text}")
        elif kind == "item":
            out.append(f"- {text}")
        else:
            out.append(text)
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    return path


# -- PDF ------------------------------------------------------------------------

def _soft_hyphens(text: str) -> str:
    """Allow a break in the middle of long words (rendered as a hyphen at a
    line end, invisible elsewhere)."""
    def split(m: re.Match) -> str:
        w = m.group()
        cut = len(w) // 2
        return w[:cut] + "\u00ad" + w[cut:]

    return re.sub(r"(?<![\w-])[^\W\d_]{10,}(?![\w-])", split, text)


def write_pdf(doc: SourceDoc, path: Path, *, columns: int = 1, hyphenate: bool = True,
              page_footnotes: bool = True) -> Path:
    """Write ``doc`` as a PDF: title block, running header (from page 2) and
    page number in the footer, body in one or two columns; footnotes at the
    foot of the page where their paragraph ends (one column) or as a notes
    section at the end in a small font (two columns)."""
    from fpdf import FPDF

    notes = doc.notes()
    head = doc.running_head or doc.title

    class Pdf(FPDF):
        page_notes: dict[int, list[str]] = {}

        def header(self):
            if self.page_no() > 1:
                self.set_font("dv", size=8)
                self.set_y(8)
                self.cell(0, 5, head[:90], align="C")
            self.set_y(20)

        def footer(self):
            labels = self.page_notes.get(self.page_no(), [])
            if labels:
                self.set_y(-12 - 4.2 * sum(1 + len(notes[n]) // 110 for n in labels) - 6)
                self.set_font("dv", size=8)
                self.line(self.l_margin, self.get_y(), self.l_margin + 50, self.get_y())
                self.ln(1.5)
                for label in labels:
                    self.set_font("dv", size=5.5)
                    self.char_vpos = "SUP"
                    self.write(4, label)
                    self.char_vpos = "LINE"
                    self.set_font("dv", size=8)
                    self.multi_cell(0, 4, " " + _plain(notes[label]), new_x="LMARGIN", new_y="NEXT")
            self.set_y(-12)
            self.set_font("dv", size=8)
            self.cell(0, 5, str(self.page_no()), align="C")

    pdf = Pdf(format="A4")
    pdf.set_title(doc.title)
    if doc.date:
        import datetime

        y, m, d = (doc.date.split("-") + ["01", "01"])[:3]
        pdf.set_creation_date(datetime.datetime(int(y), int(m), int(d), tzinfo=datetime.UTC))
    if doc.authors:
        pdf.set_author("; ".join(doc.authors))
    pdf.add_font("dv", fname=font_path())
    pdf.add_font("dv", style="B", fname=font_path(bold=True))
    reserve = 55 if page_footnotes and columns == 1 else 20
    pdf.set_auto_page_break(True, margin=reserve)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font("dv", "B", 17)
    if not doc.title_in_blocks:
        pdf.multi_cell(0, 8, doc.title, new_x="LMARGIN", new_y="NEXT")
    if doc.authors:
        pdf.set_font("dv", size=11)
        pdf.multi_cell(0, 6, ", ".join(doc.authors), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    def runs(text: str):
        text = _soft_hyphens(text) if hyphenate else text
        pos = 0
        for m in _MARK.finditer(text):
            yield text[pos:m.start()], False
            yield m.group(1), True
            pos = m.end()
        yield text[pos:], False

    body = doc.body() if (page_footnotes or columns > 1) else doc.blocks
    if columns == 1:
        for kind, text, level, _label in body:
            if kind == "heading":
                pdf.ln(2)
                pdf.set_font("dv", "B", 14 if level <= 2 else 12)
                pdf.multi_cell(0, 7, _plain(text), new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1)
                continue
            size = 8 if kind == "footnote" else 10.5
            pdf.set_font("dv", size=size)
            if kind == "item":
                text = "• " + text
            if kind == "footnote":
                text = f"[^{_label}] " + text
            for part, is_mark in runs(text):
                if is_mark:
                    pdf.set_font("dv", size=size * 0.6)
                    pdf.char_vpos = "SUP"
                    pdf.write(5, part)
                    pdf.char_vpos = "LINE"
                    pdf.set_font("dv", size=size)
                    if page_footnotes and part in notes:
                        pdf.page_notes.setdefault(pdf.page_no(), []).append(part)
                elif part:
                    pdf.write(5, part)
            pdf.ln(8)
    else:
        with pdf.text_columns(ncols=columns, gutter=8, text_align="L") as cols:
            for kind, text, _level, _label in doc.blocks if not page_footnotes else body:
                if kind == "heading":
                    pdf.set_font("dv", "B", 13)
                    cols.write(_plain(text))
                    cols.ln()
                    pdf.set_font("dv", size=10)
                    cols.ln()
                    continue
                size = 7.5 if kind == "footnote" else 10
                par = cols.paragraph(bottom_margin=3)
                if kind == "footnote":
                    text = f"[^{_label}] {text}"
                if kind == "item":
                    text = "• " + text
                for part, is_mark in runs(text):
                    if is_mark:
                        pdf.set_font("dv", size=size * 0.6)
                        pdf.char_vpos = "SUP"
                        par.write(part)
                        pdf.char_vpos = "LINE"
                        pdf.set_font("dv", size=size)
                    elif part:
                        pdf.set_font("dv", size=size)
                        par.write(part)
                cols.end_paragraph()
            if page_footnotes and notes:
                pdf.set_font("dv", "B", 13)
                cols.write("Notes")
                cols.ln()
                for label, note in notes.items():
                    par = cols.paragraph(bottom_margin=2)
                    pdf.set_font("dv", size=5)
                    pdf.char_vpos = "SUP"
                    par.write(label)
                    pdf.char_vpos = "LINE"
                    pdf.set_font("dv", size=7.5)
                    par.write(" " + _plain(note))
                    cols.end_paragraph()
    pdf.output(str(path))
    return path


# -- DOCX -------------------------------------------------------------------------

def _add_footnotes_part(d, notes: dict[str, str]) -> dict[str, int]:
    """Give a python-docx document a footnotes part holding ``notes``;
    returns the footnote id of each label (python-docx cannot write notes)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ids = {label: n for n, label in enumerate(notes, 1)}
    body = "".join(
        f'<w:footnote w:id="{ids[label]}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {html.escape(_plain(text), quote=False)}</w:t>'
        "</w:r></w:p></w:footnote>" for label, text in notes.items())
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {w}>'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
           f"</w:footnote>{body}</w:footnotes>")
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml.encode("utf-8"), d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    return ids


def write_docx(doc: SourceDoc, path: Path, *, real_footnotes: bool = False) -> Path:
    """Write ``doc`` as a Word file: styled headings, list items in the List
    Bullet style, core properties (title, author, created); footnotes as
    small paragraphs where the text has them, or (``real_footnotes``) as
    Word footnotes referenced from their markers."""
    import datetime

    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    d = docx.Document()
    d.core_properties.title = doc.title
    d.core_properties.author = "; ".join(doc.authors)
    if doc.date:
        y, m, dd = (doc.date.split("-") + ["01", "01"])[:3]
        d.core_properties.created = datetime.datetime(int(y), int(m), int(dd))
    if not doc.title_in_blocks:
        d.add_heading(doc.title, level=0)
    note_ids = _add_footnotes_part(d, doc.notes()) if real_footnotes else {}
    for kind, text, level, label in doc.blocks:
        if kind == "footnote" and label in note_ids:
            continue
        if kind == "heading":
            d.add_heading(_plain(text), level=max(1, min(level, 6)))
            continue
        style = "List Bullet" if kind == "item" else None
        p = d.add_paragraph(style=style)
        if kind == "footnote":
            r = p.add_run(label)
            r.font.superscript = True
            p.add_run(" ")
        pos = 0
        for m in _MARK.finditer(text):
            p.add_run(text[pos:m.start()])
            if m.group(1) in note_ids:
                r = p.add_run()
                ref = OxmlElement("w:footnoteReference")
                ref.set(qn("w:id"), str(note_ids[m.group(1)]))
                r._r.append(ref)
            else:
                r = p.add_run(m.group(1))
                r.font.superscript = True
            pos = m.end()
        p.add_run(text[pos:])
        if kind == "footnote":
            for r in p.runs:
                r.font.size = Pt(8)
    d.save(str(path))
    return path


# -- HTML -------------------------------------------------------------------------

BOILERPLATE_WORDS = ("Baku", "Tabriz", "Yerevan", "Nakhchivan")
"""Place names put only in the boilerplate (menus, cookie banner, related
articles, scripts): a reader that keeps boilerplate links them."""


def _html_inline(text: str) -> str:
    return _MARK.sub(lambda m: f'<sup><a href="#fn{m.group(1)}">{m.group(1)}</a></sup>', html.escape(text))


def write_html(doc: SourceDoc, path: Path, *, boilerplate: bool = True) -> Path:
    """A saved news page: the article in ``<article>`` with metadata in
    ``<meta>`` tags, surrounded (``boilerplate``) by navigation, a cookie
    banner, a tag list, related-article links, a footer and scripts that name
    places of their own (:data:`BOILERPLATE_WORDS`)."""
    parts = []
    for kind, text, level, label in doc.blocks:
        if kind == "heading":
            n = max(2, min(level, 6))
            parts.append(f"<h{n}>{_html_inline(text)}</h{n}>")
        elif kind == "item":
            parts.append(f"<ul><li>{_html_inline(text)}</li></ul>")
        elif kind == "footnote":
            parts.append(f'<p id="fn{label}" class="footnote"><sup>{label}</sup> {_html_inline(text)}</p>')
        else:
            parts.append(f"<p>{_html_inline(text)}</p>")
    article = "\n".join(parts)
    authors = "".join(f'<meta name="author" content="{html.escape(a)}">' for a in doc.authors[:1])
    meta = (f'<meta property="og:title" content="{html.escape(doc.title)}">{authors}'
            + (f'<meta property="article:published_time" content="{doc.date}">' if doc.date else "")
            + (f'<link rel="canonical" href="{html.escape(doc.url)}">' if doc.url else ""))
    nav = related = cookie = footer = script = ""
    if boilerplate:
        nav = ('<nav class="menu"><ul>' + "".join(f'<li><a href="/city/{w.lower()}">{w} news</a></li>'
                                                  for w in BOILERPLATE_WORDS) + "</ul></nav>")
        cookie = ('<div id="cookie-banner" class="cookie-consent">We use cookies to improve your visit to our Baku '
                  'office site. <button>Accept all</button></div>')
        related = ('<aside class="related"><h3>Related articles</h3><ul>' + "".join(
            f'<li><a href="/a/{i}">Why {w} matters for the region: part {i}</a></li>'
            for i, w in enumerate(BOILERPLATE_WORDS)) + "</ul></aside>")
        tags = ('<div class="tags">Tags: ' + ", ".join(f'<a href="/tag/{w}">{w}</a>' for w in BOILERPLATE_WORDS)
                + "</div>")
        footer = f'<footer><p>© 2024 Caucasus Wire, Yerevan · Tabriz · Nakhchivan</p>{tags}</footer>'
        script = '<script>var city = "Baku"; window.dataLayer = [{"page": "Tabriz"}];</script>'
    page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(doc.title)} | '
            f'Caucasus Wire</title>{meta}{script}</head><body>{nav}{cookie}<main><article>'
            + ("" if doc.title_in_blocks else f'<h1>{html.escape(doc.title)}</h1>')
            + (f'<p class="byline">By {html.escape(", ".join(doc.authors))}</p>' if doc.authors else "")
            + f"{article}</article>{related}</main>{footer}</body></html>")
    path.write_text(page, encoding="utf-8")
    return path


# -- EPUB -------------------------------------------------------------------------

def write_epub(doc: SourceDoc, path: Path) -> Path:
    """A minimal valid EPUB 3: one XHTML chapter per top-level heading."""
    chapters: list[list[str]] = [[]]
    for kind, text, level, label in doc.blocks:
        if kind == "heading" and level <= 2 and chapters[-1]:
            chapters.append([])
        t = _html_inline(text)
        if kind == "heading":
            chapters[-1].append(f"<h{max(1, min(level, 6))}>{t}</h{max(1, min(level, 6))}>")
        elif kind == "footnote":
            chapters[-1].append(f'<aside epub:type="footnote" id="fn{label}"><p>{label} {t}</p></aside>')
        elif kind == "item":
            chapters[-1].append(f"<ul><li>{t}</li></ul>")
        else:
            chapters[-1].append(f"<p>{t}</p>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/container.xml", '<?xml version="1.0"?><container version="1.0" '
                   'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile '
                   'full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>')
        items = "".join(f'<item id="c{i}" href="c{i}.xhtml" media-type="application/xhtml+xml"/>'
                        for i in range(len(chapters)))
        spine = "".join(f'<itemref idref="c{i}"/>' for i in range(len(chapters)))
        creators = "".join(f"<dc:creator>{html.escape(a)}</dc:creator>" for a in doc.authors)
        z.writestr("OEBPS/content.opf", f'<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" '
                   f'version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
                   f'<dc:identifier id="id">test-{abs(hash(doc.title))}</dc:identifier>'
                   f"<dc:title>{html.escape(doc.title)}</dc:title>{creators}"
                   + (f"<dc:date>{doc.date}</dc:date>" if doc.date else "")
                   + f'<dc:language>en</dc:language></metadata><manifest>{items}<item id="nav" href="nav.xhtml" '
                   f'media-type="application/xhtml+xml" properties="nav"/></manifest><spine>{spine}</spine></package>')
        z.writestr("OEBPS/nav.xhtml", '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" '
                   'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Contents</title></head><body>'
                   '<nav epub:type="toc"><ol>' + "".join(f'<li><a href="c{i}.xhtml">Part {i + 1}</a></li>'
                                                        for i in range(len(chapters))) + "</ol></nav></body></html>")
        for i, body in enumerate(chapters):
            z.writestr(f"OEBPS/c{i}.xhtml", '<?xml version="1.0" encoding="utf-8"?><html '
                       'xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head>'
                       f"<title>Part {i + 1}</title></head><body>{''.join(body)}</body></html>")
    return path


# -- ODT --------------------------------------------------------------------------

def write_odt(doc: SourceDoc, path: Path) -> Path:
    """A minimal OpenDocument text: headings with outline levels, list items,
    real footnotes (``text:note``) where the text has markers, meta.xml."""
    notes = doc.notes()
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')

    def inline(text: str) -> str:
        out, pos = [], 0
        for m in _MARK.finditer(text):
            out.append(html.escape(text[pos:m.start()], quote=False))
            label = m.group(1)
            if label in notes:
                out.append(f'<text:note text:note-class="footnote"><text:note-citation>{label}</text:note-citation>'
                           f"<text:note-body><text:p>{html.escape(_plain(notes[label]), quote=False)}</text:p>"
                           "</text:note-body></text:note>")
            else:
                out.append(m.group())
            pos = m.end()
        out.append(html.escape(text[pos:], quote=False))
        return "".join(out)

    body = []
    if not doc.title_in_blocks:
        body.append(f'<text:h text:outline-level="1">{html.escape(doc.title, quote=False)}</text:h>')
    for kind, text, level, _label in doc.blocks:
        if kind == "footnote" and _label in notes and any(f"[^{_label}]" in b[1] for b in doc.blocks):
            continue  # written as a real note where it is cited
        if kind == "heading":
            body.append(f'<text:h text:outline-level="{max(1, level)}">{inline(text)}</text:h>')
        elif kind == "item":
            body.append(f"<text:list><text:list-item><text:p>{inline(text)}</text:p></text:list-item></text:list>")
        elif kind == "footnote":
            body.append(f"<text:p>{_plain(f'[^{_label}]')} {inline(text)}</text:p>")
        else:
            body.append(f"<text:p>{inline(text)}</text:p>")
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.3">'
               f"<office:body><office:text>{''.join(body)}</office:text></office:body></office:document-content>")
    creators = "".join(f"<meta:initial-creator>{html.escape('; '.join(doc.authors))}</meta:initial-creator>"
                       for _ in doc.authors[:1])
    meta = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {ns} office:version="1.3"><office:meta>'
            f"<dc:title>{html.escape(doc.title)}</dc:title>{creators}"
            + (f"<meta:creation-date>{doc.date}T00:00:00</meta:creation-date>" if doc.date else "")
            + "</office:meta></office:document-meta>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr("meta.xml", meta)
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                   'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                   '<manifest:file-entry manifest:full-path="/" '
                   'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                   '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                   '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                   "</manifest:manifest>")
    return path


WRITERS = {"md": write_markdown, "pdf": write_pdf, "docx": write_docx, "odt": write_odt, "html": write_html,
           "epub": write_epub}


# -- from the bundled corpus ----------------------------------------------------------

def from_markdown(path: Path) -> SourceDoc:
    """A bundled corpus text as a :class:`SourceDoc`: one block per passage of
    the project's own splitter, with its reading text (markup removed, lines
    joined, hyphenation undone)."""
    from caucasusmap.corpus import display_text, read_document, split_passages

    doc, _ = read_document(path, cache=False)
    blocks = []
    for p in split_passages(doc):
        text, _ = display_text(doc.text, p.start, p.end)
        raw = doc.text[p.start:p.end]
        level = 0
        if p.kind == "heading":
            m = re.match(r"\s*(#{1,6})\s", raw)
            level = len(m.group(1)) if m else 3
        if p.kind == "footnote":
            text = text.lstrip("⁰¹²³⁴⁵⁶⁷⁸⁹").strip()
        if p.kind == "item":
            text = re.sub(r"^[-*+•]\s+|^\d{1,3}[.)]\s+", "", text)
        blocks.append((p.kind, text, level, p.footnote))
    # Superscript numbers that are footnote labels become markers, so the
    # footnotes can go to the foot of their page.
    labels = {b[3] for b in blocks if b[0] == "footnote" and b[3].isdigit()}
    sup = "⁰¹²³⁴⁵⁶⁷⁸⁹"

    def marker(m: re.Match) -> str:
        label = m.group().translate(str.maketrans(sup, "0123456789"))
        return f"[^{label}]" if label in labels else m.group()

    blocks = [(k, re.sub(f"[{sup}]+", marker, t) if k != "footnote" else t, lv, lab) for k, t, lv, lab in blocks]
    return SourceDoc(title=doc.title, blocks=blocks, show_title=False)
