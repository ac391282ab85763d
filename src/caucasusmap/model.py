"""Value objects shared by every layer: places, documents, passages, mentions.

All are frozen and slotted; they compare and hash by value. Offsets are
code-point offsets into a document's text, so
``document.text[m.start:m.end] == m.surface``. For ``.txt``/``.md`` files the
text is the decoded file (after any byte-order mark is removed); for other
formats (PDF, DOCX, HTML …) it is the text the reader extracted, which
``caucasusmap text DOC`` prints (see :mod:`caucasusmap.readers.base`).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

KINDS = (
    "city", "town", "village", "site", "border-crossing", "bridge", "dam",
    "region", "province", "district", "country", "river", "lake", "sea",
    "corridor", "mountain", "pass", "pipeline",
)
"""Place kinds the gazetteer accepts."""


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry. ``line`` is where the entry starts in its file."""

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    aliases: tuple[str, ...] = ()
    geometry: dict[str, Any] | None = field(default=None, compare=False, hash=False)
    exclude: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    note: str = ""
    line: int = 0
    #: Names by language, in file order: ``(("az", "Xankəndi"), ("hy", "Ստեփանակերտ"), ...)``;
    #: the first name given for a language is its preferred form (see :mod:`caucasusmap.naming`).
    lang_names: tuple[tuple[str, str], ...] = ()
    #: The gazetteer file the entry comes from (a gazetteer can be a folder of files).
    file: str = field(default="", compare=False)
    #: "curated" (the user's YAML) or "reference" (the packaged reference
    #: gazetteer, see :mod:`caucasusmap.reference`).
    origin: str = "curated"
    #: GeoNames id of a reference place (curated places keep theirs in ``links``).
    geonames: int | None = None
    population: int = 0
    #: ISO 3166-1 alpha-2 code and GeoNames first-level admin code, where known.
    country: str = ""
    admin1: str = ""

    @property
    def from_reference(self) -> bool:
        """True for a place from the reference gazetteer, not the user's YAML."""
        return self.origin == "reference"

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the place is matched by: the preferred name, every
        alias, then every name by language (each distinct string once)."""
        if not self.lang_names:
            return (self.name, *self.aliases)
        return tuple(dict.fromkeys((self.name, *self.aliases, *(n for _, n in self.lang_names))))

    def names_in(self, language: str) -> tuple[str, ...]:
        """The names given for ``language`` (a language tag like ``az`` or
        ``hy-Latn``), preferred first; empty if none."""
        return tuple(n for lang, n in self.lang_names if lang == language)

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """GeoJSON geometry: the gazetteer geometry if any, else the point."""
        if self.geometry is not None:
            return self.geometry
        return {"type": "Point", "coordinates": (self.lon, self.lat)}


@dataclass(frozen=True, slots=True)
class Document:
    """One corpus document with its text and metadata.

    ``format`` names the reader that read it (``text``, ``pdf``, ``docx``,
    ``html`` …); ``date`` is an ISO date (``YYYY[-MM[-DD]]``) from the
    manifest, the file's own metadata or the publication date the text states
    at its top, ``date_source`` says which ("manifest", "metadata", "text, line
    N"), ``year`` its year. ``blocks`` is the
    structure a non-text reader found (empty for text, which is split by
    :func:`caucasusmap.corpus.passage_fields`); ``pages`` holds ``(offset,
    page)`` marks in text order — the text from ``offset`` on is on ``page``
    until the next mark (PDF; a page's footnotes may follow a paragraph that
    ran on to the next page, so pages can go back) — and ``page_labels`` the
    printed page numbers where the file gives them."""

    id: str
    path: str
    title: str
    text: str = field(repr=False)
    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str = ""
    languages: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    date: str = ""
    format: str = "text"
    date_source: str = ""
    blocks: tuple = field(default=(), repr=False, compare=False)
    pages: tuple[tuple[int, int], ...] = field(default=(), repr=False)
    page_labels: tuple[str, ...] = field(default=(), repr=False)

    @property
    def markup(self) -> bool:
        """True for text files, whose markdown/HTML markup
        :func:`~caucasusmap.corpus.display_text` cleans; extracted text has none."""
        return self.format == "text"

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding text offset ``offset``, or None for a
        document without pages."""
        if not self.pages:
            return None
        i = bisect_right(self.pages, offset, key=_mark_offset)
        return self.pages[max(i - 1, 0)][1]

    @property
    def page_count(self) -> int:
        """How many pages the file has (0 without pages)."""
        return max((p for _, p in self.pages), default=0)

    def page_label(self, page: int | None) -> str:
        """The printed label of ``page`` (e.g. ``"227"`` or ``"iv"``) where the
        file gives labels, else the page number; ``""`` for None."""
        if page is None:
            return ""
        if 0 < page <= len(self.page_labels) and self.page_labels[page - 1]:
            return self.page_labels[page - 1]
        return str(page)


def _mark_offset(mark: tuple[int, int]) -> int:
    return mark[0]


PARAGRAPH = "paragraph"
HEADING = "heading"
FOOTNOTE = "footnote"
LIST_ITEM = "item"


@dataclass(frozen=True, slots=True)
class Passage:
    """A unit a reader recognises: a paragraph, heading, footnote or list item.

    ``start``/``end`` is the exact source span in the document; ``section`` is
    the label of the heading it falls under; ``is_reference`` marks the
    references/bibliography section so views can hide it; ``page`` is the
    1-based page it starts on, for documents with pages (PDF), else None."""

    id: str
    document: str
    number: int
    start: int
    end: int
    kind: str = PARAGRAPH
    section: str = ""
    is_reference: bool = False
    footnote: str = ""
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a place name in a document. ``status`` is one of
    :data:`caucasusmap.review.STATUSES` (``automatic`` until someone checks it)."""

    document: str
    passage: str
    start: int
    end: int
    surface: str
    place: str
    status: str = "automatic"
    #: How sure the linker is of ``place`` (0-1), and the other places the
    #: name could mean here, most likely first.
    confidence: float = 1.0
    alternatives: tuple[str, ...] = ()
