"""Plain text and markdown: the file's own text is the document's text.

Offsets of passages and mentions are code-point offsets into the decoded file
(UTF-8 with or without BOM, UTF-16 with BOM; the BOM removed). Passages are
found by splitting the text (blank lines, markdown headings, footnotes, list
items), not by this reader.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DocumentError
from ..yamlsource import decode_text, decoded_length
from .base import Extraction, Reader

__all__ = ["READER", "read_text"]


def read_text(path: Path, data: bytes) -> Extraction:
    """Decode a text file; raises :class:`DocumentError` (located at the first
    bad byte) if it cannot be decoded, is empty or looks binary."""
    if not data or data.isspace():  # (no stripped copy of the whole file)
        raise DocumentError("skipped: the file is empty", skip=True)
    text, problem = decode_text(data, path)
    if problem:
        raise DocumentError(problem.message, line=problem.line, column=problem.column)
    if "\x00" in text:
        raise DocumentError("skipped: the file looks binary (it contains NUL characters)", skip=True)
    if "\r" in text and "\n" not in text:
        # Old-Mac line ends (CR only): read as lines, one character for one,
        # so offsets into the file stay exact and passages and lines split.
        text = text.replace("\r", "\n")
    return Extraction(text=text)


READER = Reader(
    name="text", label="plain text / markdown", suffixes=(".txt", ".md", ".markdown", ".text"),
    read=read_text, priority=0, cached=False, length=decoded_length,
)
