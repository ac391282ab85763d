"""Terminal output that user text cannot take over.

:func:`guarded_output` wraps ``sys.stdout`` and ``sys.stderr`` for the length
of a command: every control character written is shown as an escape
(:func:`caucasusmap.sanitize.terminal_text`), except the few colour codes of
:class:`Style` when colour is on, and text the terminal's encoding cannot show
is backslash-escaped instead of raising. Lines that must stay one line (a
problem report, a table row) escape newlines at the source with
``terminal_text(…, one_line=True)``.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from collections.abc import Iterator

from ..sanitize import terminal_text

__all__ = ["SafeStream", "guarded_output", "SGR_CODES"]

#: The only escape sequences the CLI itself writes (Style).
SGR_CODES = ("\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[1;30;43m")
_SGR = re.compile("|".join(re.escape(c) for c in SGR_CODES))


class SafeStream(io.TextIOBase):
    """A text stream that escapes control characters on the way through."""

    def __init__(self, raw):
        self.raw = raw
        self.colour = False  # set by Style when it emits SGR codes to this stream

    def write(self, text: str) -> int:
        if not self.colour:
            out = terminal_text(text)
        else:  # keep our own colour codes, escape everything else
            parts, pos = [], 0
            for m in _SGR.finditer(text):
                parts.append(terminal_text(text[pos:m.start()]))
                parts.append(m.group())
                pos = m.end()
            parts.append(terminal_text(text[pos:]))
            out = "".join(parts)
        self.raw.write(out)
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return hasattr(self.raw, "isatty") and self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self):  # type: ignore[override]
        return getattr(self.raw, "encoding", "utf-8")


@contextlib.contextmanager
def guarded_output() -> Iterator[None]:
    """Route ``sys.stdout``/``sys.stderr`` through :class:`SafeStream`."""
    saved = sys.stdout, sys.stderr
    for stream in saved:
        try:  # a Latin-1 terminal gets \\u0628 for a Persian letter, not a traceback
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, io.UnsupportedOperation):
            pass
    sys.stdout, sys.stderr = SafeStream(saved[0]), SafeStream(saved[1])
    try:
        yield
    finally:
        try:
            sys.stdout.flush()
        except (BrokenPipeError, ValueError):
            pass
        sys.stdout, sys.stderr = saved
