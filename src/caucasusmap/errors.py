"""Errors and located problems.

One root exception, :class:`CaucasusmapError`; each subclass also inherits the
builtin it corresponds to, so callers may catch either. Problems found while
validating user files are :class:`Issue` values, printed compiler-style
(``FILE:LINE:COL: error: message``); an error that stops loading carries the
whole list.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem in a user's file, located where possible (1-based line and
    column; 0 when unknown)."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.severity.value}: {self.message}"


def error(path: str | Path, line: int, column: int, message: str) -> Issue:
    return Issue(str(path), line, column, Severity.ERROR, message)


def warning(path: str | Path, line: int, column: int, message: str) -> Issue:
    return Issue(str(path), line, column, Severity.WARNING, message)


class CaucasusmapError(Exception):
    """Root of every error the core raises on bad input or environment."""


class InvalidFileError(CaucasusmapError, ValueError):
    """Raised when a user file (gazetteer, manifest) has errors; ``issues``
    holds every problem found, errors and warnings, in file order."""

    def __init__(self, path: str | Path, issues: list[Issue]):
        self.path = str(path)
        self.issues = issues
        errors = [i for i in issues if i.is_error]
        first = errors[0] if errors else None
        summary = f"{len(errors)} error(s) in {self.path}"
        if first:
            summary += f"; first: {first}"
        super().__init__(summary)


class GazetteerError(InvalidFileError):
    """Raised when a gazetteer file cannot be used: it has errors."""


class CorpusError(CaucasusmapError, OSError):
    """Raised when a corpus folder cannot be read at all (missing, not a
    folder, or holds no readable document)."""


class ReadOnlyError(CaucasusmapError, PermissionError):
    """Raised instead of replacing a file that is read-only (no write bit),
    not a regular file, or part of the installed package."""


class InputError(CaucasusmapError, ValueError):
    """Raised when a value the user typed (a command-line argument, a form
    field) cannot be used as given; the message says why and what would do."""


class UnknownPlaceError(CaucasusmapError, LookupError):
    """Raised when a place query (id, name or alias) matches no place."""


class DocumentError(CaucasusmapError, ValueError):
    """Raised by a reader for a corpus file it cannot read: encrypted,
    damaged, or a scan with no text layer. The corpus reports it as a located
    problem of that file (``page`` when known) and loads the other files."""

    def __init__(self, message: str, *, page: int = 0, line: int = 0, column: int = 0, skip: bool = False):
        self.page, self.line, self.column = page, line, column
        #: True when the file is merely skipped (empty, a scan): a warning, not an error.
        self.skip = skip
        super().__init__(message)


class Cancelled(CaucasusmapError):
    """Raised inside reading or linking when the caller's ``cancelled()``
    callback says the work is no longer wanted (checked between documents and
    between the steps of linking one document)."""


class MissingLibraryError(CaucasusmapError, ImportError):
    """Raised when a file format's reader needs an optional library that is
    not installed; the message says which extra installs it."""


class ConflictError(CaucasusmapError, RuntimeError):
    """Raised when a file the user may also edit (the gazetteer, the review
    decisions) changed on disk since it was read, in a way a write would
    overwrite: the write is refused so that nobody's edit is lost."""


class ReviewError(CaucasusmapError, ValueError):
    """Raised when a review decision cannot be made or recorded: no mention
    at the given offset, an unknown place, a span outside any passage, a
    decisions file with errors."""
