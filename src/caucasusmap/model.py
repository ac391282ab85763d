"""Value objects shared by every layer: places, documents, passages, mentions.

All are frozen and slotted; they compare and hash by value. Offsets are
code-point offsets into a document's decoded text (after any byte-order mark
is removed), so ``document.text[m.start:m.end] == m.surface``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = (
    "city", "town", "village", "site", "border-crossing", "bridge", "dam",
    "region", "province", "district", "country", "river", "lake", "sea",
    "corridor", "mountain",
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

    @property
    def names(self) -> tuple[str, ...]:
        """The preferred name followed by every alias."""
        return (self.name, *self.aliases)

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """GeoJSON geometry: the gazetteer geometry if any, else the point."""
        if self.geometry is not None:
            return self.geometry
        return {"type": "Point", "coordinates": (self.lon, self.lat)}


@dataclass(frozen=True, slots=True)
class Document:
    """One corpus document with its decoded text and metadata."""

    id: str
    path: str
    title: str
    text: str = field(repr=False)
    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str = ""
    languages: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()


PARAGRAPH = "paragraph"
HEADING = "heading"
FOOTNOTE = "footnote"
LIST_ITEM = "item"


@dataclass(frozen=True, slots=True)
class Passage:
    """A unit a reader recognises: a paragraph, heading, footnote or list item.

    ``start``/``end`` is the exact source span in the document; ``section`` is
    the label of the heading it falls under; ``is_reference`` marks the
    references/bibliography section so views can hide it."""

    id: str
    document: str
    number: int
    start: int
    end: int
    kind: str = PARAGRAPH
    section: str = ""
    is_reference: bool = False
    footnote: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a place name in a document."""

    document: str
    passage: str
    start: int
    end: int
    surface: str
    place: str
