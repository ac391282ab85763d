"""The reader interface and the text builder every non-text reader shares.

Offsets. A reader's :attr:`Extraction.text` is *the document's text*: every
``start``/``end`` of a passage or mention is a code-point offset into it. For
``.txt``/``.md`` files it is the decoded file itself; for any other format it
is the text the reader extracted, one block (heading, paragraph, footnote,
list item) per line with a blank line between blocks, whitespace collapsed
and words hyphenated across lines rejoined. That text is what the user can
see (``caucasusmap text DOC``, the app's reader) and what the cache keeps, so
an offset always points at text the user can read.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DocumentError, MissingLibraryError
from ..model import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH

__all__ = ["Block", "Extraction", "Reader", "TextBuilder", "missing_library", "clean_block_text",
           "year_of", "BLOCK_KINDS"]

BLOCK_KINDS = (PARAGRAPH, HEADING, FOOTNOTE, LIST_ITEM)


@dataclass(frozen=True, slots=True)
class Block:
    """One structural unit of an extracted document: ``text[start:end]``.

    ``level`` is a heading's level (1 = top; 0 for other kinds); ``footnote``
    a footnote's label; ``page`` the 1-based page it starts on (0: no pages)."""

    start: int
    end: int
    kind: str = PARAGRAPH
    level: int = 0
    footnote: str = ""
    page: int = 0


@dataclass
class Extraction:
    """What a reader found in one file.

    ``blocks`` is empty for plain text, whose passages are found by splitting
    the text itself (:func:`caucasusmap.corpus.passage_fields`).
    ``pages`` holds ``(offset, page)`` marks in text order: text from
    ``offset`` on is on ``page`` until the next mark; ``page_labels`` the
    printed page numbers where the file gives them.
    ``warnings`` are messages about the file that did not stop reading it
    (``"page 3: ..."``)."""

    text: str
    blocks: tuple[Block, ...] = ()
    title: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""          # ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD
    url: str = ""
    pages: tuple[tuple[int, int], ...] = ()
    page_labels: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def year(self) -> int | None:
        return year_of(self.date)

    def to_json(self) -> dict:
        """A JSON-able dict (for the extraction cache)."""
        return {
            "text": self.text, "blocks": [[b.start, b.end, b.kind, b.level, b.footnote, b.page] for b in self.blocks],
            "title": self.title, "authors": list(self.authors), "date": self.date, "url": self.url,
            "pages": [list(m) for m in self.pages], "page_labels": list(self.page_labels),
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_json(cls, data: dict) -> Extraction:
        return cls(
            text=data["text"], blocks=tuple(Block(*b) for b in data["blocks"]), title=data["title"],
            authors=tuple(data["authors"]), date=data["date"], url=data["url"],
            pages=tuple((a, b) for a, b in data["pages"]), page_labels=tuple(data["page_labels"]),
            warnings=tuple(data["warnings"]),
        )


@dataclass(frozen=True)
class Reader:
    """A registered file format.

    ``read(path, data)`` gets the file's bytes and returns an
    :class:`Extraction`, or raises :class:`~caucasusmap.errors.DocumentError`
    for a file it cannot read (encrypted, damaged, a scan without text).
    ``libraries`` are the import names the reader needs; when one is missing
    the corpus reports that ``pip install 'caucasusmap[EXTRA]'`` adds it.
    ``version`` is part of the extraction cache key: bump it when the reader's
    output changes. ``cached`` is False for readers cheaper than a cache look-up.
    ``publication_date`` is True when the date a reader finds in the file's
    metadata is the publication's (a web page's, an EPUB's); otherwise it is the
    date the file was made (PDF, Word, ODT), and a publication date the text
    states at its top wins over it (:mod:`caucasusmap.textdates`).
    ``length(data)``, where the format tells, is the length of the text in
    characters counted from the bytes without reading them (None: it cannot
    tell), so that a file over the length limit is refused before it is
    decoded (a 250 MB text file held 2.3 GB before its refusal)."""

    name: str
    label: str
    suffixes: tuple[str, ...]
    read: Callable[[Path, bytes], Extraction] = field(repr=False)
    priority: int = 0
    version: str = "1"
    libraries: tuple[str, ...] = ()
    extra: str = ""
    cached: bool = True
    publication_date: bool = False
    length: Callable[[bytes], int | None] | None = field(default=None, repr=False)

    def missing(self) -> list[str]:
        """The libraries this reader needs that are not installed."""
        return [lib for lib in self.libraries if importlib.util.find_spec(lib) is None]

    def require(self) -> None:
        """Raise :class:`MissingLibraryError` if a needed library is missing."""
        missing = self.missing()
        if missing:
            raise missing_library(self, missing)


def missing_library(reader: Reader, missing: list[str]) -> MissingLibraryError:
    """The error for a reader whose libraries are not installed."""
    how = f"pip install 'caucasusmap[{reader.extra}]'" if reader.extra else f"pip install {' '.join(missing)}"
    return MissingLibraryError(f"reading {reader.label} files needs {', '.join(missing)}, which is not installed; "
                               f"install it with: {how}")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SPACES = re.compile(r"\s+")


def clean_block_text(text: str) -> str:
    """One block's text on one line: control characters dropped, runs of
    whitespace (line breaks included) one space, ends trimmed."""
    return _SPACES.sub(" ", _CONTROL.sub("", text)).strip()


def year_of(date: str) -> int | None:
    """The year of an ISO-like date string, or None.

    >>> year_of("2020-10-05"), year_of("1999"), year_of("")
    (2020, 1999, None)
    """
    m = re.match(r"\s*(\d{4})\b", date or "")
    return int(m.group(1)) if m else None


def text_limit() -> int:
    """Characters of text one document may have
    (:data:`caucasusmap.corpus.MAX_DOCUMENT_CHARS`, read when asked)."""
    from .. import corpus

    return corpus.MAX_DOCUMENT_CHARS


def over_text_limit(limit: int, where: str = "", page: int | None = None) -> DocumentError:
    """The error for a document whose text grew past ``limit`` characters
    while it was read (``where``: how far the reader had got; ``page``: the
    page it had reached), so that the rest is never extracted."""
    at = f" {where}" if where else ""
    return DocumentError(f"skipped: more than {limit:,} characters of text{at}, over the limit per document (the "
                         "rest is not read); split it into parts", page=page)


class TextBuilder:
    """Assembles an extracted document: blocks joined by blank lines, pages
    tracked. Every non-text reader builds its text through this class, so the
    text has the same shape whatever the format. Once the text is longer than
    :func:`text_limit`, adding a block raises the error of
    :func:`over_text_limit`: a reader stops there, not after extracting
    everything."""

    def __init__(self) -> None:
        self.limit = text_limit()
        self._parts: list[str] = []
        self._length = 0
        self.blocks: list[Block] = []
        self.pages: list[tuple[int, int]] = []
        self.page = 0

    def new_page(self) -> None:
        """Start the next page; blocks added after it belong to it."""
        self.page += 1
        self._mark(self._length + (2 if self._parts else 0), self.page)

    def _mark(self, offset: int, page: int) -> None:
        if self.pages and self.pages[-1][0] >= offset:
            self.pages[-1] = (offset, page)  # a page with no text of its own
        elif not self.pages or self.pages[-1][1] != page:
            self.pages.append((offset, page))

    def add(self, text: str, kind: str = PARAGRAPH, level: int = 0, footnote: str = "", *,
            clean: bool = True, page: int | None = None, page_marks: tuple[tuple[int, int], ...] = ()) -> Block | None:
        """Append a block (cleaned with :func:`clean_block_text` unless
        ``clean`` is False); empty text adds nothing. ``page`` is the page it
        starts on (default: the current page); ``page_marks`` are ``(offset
        within text, page)`` where it runs on to another page."""
        if kind not in BLOCK_KINDS:
            raise ValueError(f"block kind must be one of {BLOCK_KINDS}, not {kind!r}")
        text = clean_block_text(text) if clean else text
        if not text:
            return None
        if self._parts:
            self._parts.append("\n\n")
            self._length += 2
        start = self._length
        page = self.page if page is None else page
        if page:
            self._mark(start, page)
        for offset, other in page_marks:
            self._mark(start + offset, other)
        self._parts.append(text)
        self._length += len(text)
        block = Block(start, self._length, kind, level if kind == HEADING else 0, footnote, page)
        self.blocks.append(block)
        if self._length > self.limit:
            raise over_text_limit(self.limit, "by this page" if page else f"by paragraph {len(self.blocks)}",
                                  page or None)
        return block

    @property
    def text(self) -> str:
        """The text so far."""
        return "".join(self._parts)

    def extraction(self, **meta) -> Extraction:
        """The finished :class:`Extraction` with metadata ``meta``."""
        text = "".join(self._parts)
        pages = tuple((min(a, len(text)), p) for a, p in self.pages)
        return Extraction(text=text, blocks=tuple(self.blocks), pages=pages, **meta)


def has_library(name: str) -> bool:
    """True if ``name`` can be imported."""
    return importlib.util.find_spec(name) is not None
