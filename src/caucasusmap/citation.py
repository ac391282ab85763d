"""Citations for passages: the text a user copies, with where it comes from.

A citation names the authors, year, title, venue and page (for documents with
pages), then the DOI or URL where known::

    Leyla Mammadova and Arman Petrosyan (2021). Roads and Rivers of the
    Southern Caucasus, p. 2. https://example.org/reports/roads-and-rivers

Page labels are the printed page numbers where the file gives them.
"""

from __future__ import annotations

from .corpus import display_text
from .model import Document, Passage

__all__ = ["citation", "cite_passage"]


def _authors(names: tuple[str, ...]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def citation(doc: Document, passage: Passage | None = None) -> str:
    """One line citing ``doc`` (at ``passage``'s page, if it has one).

    >>> from caucasusmap.model import Document, Passage
    >>> d = Document("x", "x.pdf", "A Title", "text", authors=("A. B", "C. D"), year=2020,
    ...              pages=((0, 1),), page_labels=("17",))
    >>> citation(d, Passage("x#1", "x", 1, 0, 4, page=1))
    'A. B and C. D (2020). A Title, p. 17.'
    """
    head = _authors(doc.authors)
    year = f"({doc.year})" if doc.year else "(n.d.)"
    parts = f"{head} {year}. {doc.title}" if head else f"{doc.title} {year}"
    if doc.venue:
        parts += f". {doc.venue}"
    if passage is not None and passage.page is not None:
        parts += f", p. {doc.page_label(passage.page)}"
    parts += "."
    extra = dict(doc.extra)
    if extra.get("doi"):
        parts += f" https://doi.org/{extra['doi']}"
    elif extra.get("url"):
        parts += f" {extra['url']}"
    return parts


def cite_passage(doc: Document, passage: Passage) -> str:
    """A passage's reading text followed by its citation (what "copy with
    citation" puts on the clipboard)."""
    text, _ = display_text(doc.text, passage.start, passage.end, markup=doc.markup)
    return f"“{text}”\n— {citation(doc, passage)}"
