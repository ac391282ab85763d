"""The app's extras — full-text search and unlinked names — prepared in another process.

Both keep their work in the index's store, per document
(:class:`~caucasusmap.search.PassageSearch`, :func:`~caucasusmap.candidates.find_candidates`),
so only their first build of a corpus is long: minutes of CPU for a corpus of
a gigabyte, nearly all of it Python code. Run in a thread of the app, that
build holds the interpreter lock most of the time, and some of its steps hold
it for long stretches without letting go (decoding a stored scan, a full
garbage collection over the millions of objects of a large answer): the
window's thread, which needs the lock for every event, waits — clicks get
slow and the window freezes for up to seconds, using almost no CPU itself.

:func:`prepare_elsewhere` therefore runs :func:`prepare` in a spawned process,
at a lower CPU priority, which opens the same corpus's index and writes both
into its store; the app's thread then reads the answers back, which for a
prepared store costs little (:func:`is_prepared` says whether that is so
already, so an unchanged corpus starts no process). The answers do not depend
on where they were prepared: the stored work is keyed by everything it
depends on, and anything the other process did not store (its index differed,
it failed, it was stopped) is simply computed by the reader.

Core code (no Qt).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .errors import Cancelled, CaucasusmapError

log = logging.getLogger(__name__)

__all__ = ["prepare", "prepare_elsewhere", "is_prepared", "SEPARATE_PASSAGES", "NICENESS"]

SEPARATE_PASSAGES = 5_000
"""From this many passages (about 2–3 MB of text), the first build goes to
another process: below it, starting one (about a second of CPU to import and
open the index) costs more than the build itself."""

NICENESS = 10
"""How much lower the preparing process's CPU priority is (``os.nice``)."""


def prepare(gazetteer: str | Path, corpus: str | Path, limit: int = 100) -> None:
    """Open the index of ``corpus`` with ``gazetteer`` (its store brought up
    to date as any command does) and write its search database and unlinked
    names (``limit`` of them, with the gazetteer's "not a place" list) into
    the store."""
    from .candidates import find_candidates, ignore_path, read_ignore
    from .index import open_index
    from .search import PassageSearch

    index = open_index(gazetteer, corpus)
    PassageSearch(index).close()
    find_candidates(index, read_ignore(ignore_path(gazetteer)), limit=limit)


def is_prepared(index, gazetteer: str | Path, limit: int = 100) -> bool:
    """Whether ``index``'s store already holds its search database and its
    unlinked names for ``limit`` and the gazetteer's "not a place" list (then
    reading them back is quick)."""
    from .candidates import ignore_path, read_ignore, stored_candidates
    from .search import PassageSearch

    try:
        ignore = read_ignore(ignore_path(gazetteer))
    except (OSError, ValueError):
        return False
    return PassageSearch.is_stored(index) and stored_candidates(index, ignore, limit) is not None


def _child(gazetteer: str, corpus: str, limit: int, niceness: int) -> None:
    try:
        os.nice(niceness)
    except OSError:
        pass
    try:
        prepare(gazetteer, corpus, limit)
    except CaucasusmapError:
        sys.exit(2)  # bad input: the app's own reader meets it again and says so, located


def prepare_elsewhere(gazetteer: str | Path, corpus: str | Path, limit: int = 100, *,
                      cancelled: Callable[[], bool] | None = None, poll: float = 0.1) -> bool:
    """:func:`prepare` in a spawned process (spawn, not fork: safe from a
    thread of the app), waiting for it; True if it finished without error.
    ``cancelled`` is asked every ``poll`` seconds: once it says yes the
    process is stopped (what it stored stays) and
    :class:`~caucasusmap.errors.Cancelled` is raised."""
    process = multiprocessing.get_context("spawn").Process(
        target=_child, args=(str(gazetteer), str(corpus), limit, NICENESS), name="caucasusmap-extras", daemon=True)
    process.start()
    try:
        while process.is_alive():
            process.join(poll)
            if cancelled is not None and cancelled():
                raise Cancelled("preparing search and unlinked names cancelled")
    finally:
        if process.is_alive():
            process.terminate()
            process.join()
    if process.exitcode:
        log.warning("preparing search and unlinked names in another process failed (exit code %s); "
                    "they are prepared here instead", process.exitcode)
    return process.exitcode == 0
