"""Document readers: one small module per file format behind one registry.

Each format registers a :class:`~caucasusmap.readers.base.Reader` with a label,
the file suffixes it reads and a priority (glue's ``data_factories`` pattern).
The corpus asks :func:`reader_for` which reader takes a file, and the file
watcher asks :func:`suffixes` which files matter. A reader turns a file's bytes
into an :class:`~caucasusmap.readers.base.Extraction`: the document's text,
its structure (headings, paragraphs, footnotes, list items, pages) and its
metadata.

Readers whose library is not installed stay registered: reading such a file
gives a clear message naming the extra to install, instead of "not a
document".
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath

from .base import Block, Extraction, Reader, missing_library

__all__ = ["Block", "Extraction", "Reader", "READERS", "register", "reader_for", "suffixes", "missing_library"]

READERS: list[Reader] = []
"""Every registered reader, in registration order."""


def register(reader: Reader) -> Reader:
    """Add ``reader`` to the registry (replacing one of the same name)."""
    READERS[:] = [r for r in READERS if r.name != reader.name]
    READERS.append(reader)
    return reader


def reader_for(path: str | Path) -> Reader | None:
    """The reader for ``path`` by its suffix (highest priority wins), or None."""
    # The name without making a Path of every file of a large corpus (twice per open).
    name = (path.name if isinstance(path, PurePath) else os.path.basename(os.fspath(path).rstrip("/"))).lower()
    found = [r for r in READERS if any(name.endswith(s) for s in r.suffixes)]
    if not found:
        return None
    return max(found, key=lambda r: (r.priority, max(len(s) for s in r.suffixes if name.endswith(s))))


def suffixes() -> tuple[str, ...]:
    """Every suffix some reader takes (lower case, with the dot), sorted."""
    return tuple(sorted({s for r in READERS for s in r.suffixes}))


def _register_builtins() -> None:
    from . import docx, epub, html, odt, pdf, text

    for module in (text, pdf, docx, odt, html, epub):
        register(module.READER)


_register_builtins()
