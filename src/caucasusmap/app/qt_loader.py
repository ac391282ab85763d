"""Linking in the background, and relinking when the files change.

:class:`Loader` links in a plain Python thread; results come back through a
queued Qt signal as one :class:`LoadResult`. :class:`LoadController` watches
the gazetteer and corpus, debounces changes, runs the loader, and hands a new
index to the session (:meth:`Session.replace_index`); everything else
follows from the session's events. Cancel is honoured between documents and
inside a long document (the linker checks the same flag).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from ..candidates import find_candidates, ignore_path, read_ignore
from ..corpus import ANNOTATIONS_FILE, document_suffixes
from ..errors import Cancelled, CaucasusmapError
from ..extras import SEPARATE_PASSAGES, is_prepared, prepare_elsewhere
from ..gazetteer import SUFFIXES as GAZETTEER_SUFFIXES
from ..index import Index, open_index
from ..search import PassageSearch
from ..session import PathsChanged, Session

log = logging.getLogger("caucasusmap.app")

WARM_PASSAGES = 20_000
"""Up to this many passages, their reading text is prepared while loading."""

CANDIDATES_SHOWN = 100
"""Unlinked names the app asks for."""


@dataclass(frozen=True)
class LoadResult:
    """What a background load produced. Sent as one object: PySide6 can
    corrupt the refcount of a bare None sent through a cross-thread
    Signal(object), which crashes the interpreter."""

    index: Index | None = None
    search: PassageSearch | None = None
    candidates: tuple = ()
    error: Exception | None = None
    seconds: float = 0.0


class Loader(QObject):
    """Links in a background thread; results come back as queued signals."""

    progress = Signal(int, int)
    finished = Signal(object)   # a LoadResult: the index (or the error)
    extras = Signal(object)     # a LoadResult: then its search index and unlinked names

    def __init__(self, parent=None):
        super().__init__(parent)
        self._cancel = threading.Event()
        self._extras_cancel = threading.Event()
        self.busy = False

    @property
    def cancelled(self) -> threading.Event:
        return self._cancel

    def start(self, gazetteer: Path, corpus: Path) -> None:
        self._cancel.clear()
        self.busy = True
        started = time.perf_counter()

        def emit(signal, *args) -> None:
            try:
                signal.emit(*args)
            except RuntimeError:  # the window was closed meanwhile: nobody to tell
                self._cancel.set()

        def report(done, total):
            emit(self.progress, done, total)

        def work():
            try:
                # Cancel is asked within each document, here and in a pool's workers.
                index = open_index(gazetteer, corpus, progress=report, cancelled=self._cancel.is_set)
            except (CaucasusmapError, Cancelled) as exc:
                emit(self.finished, LoadResult(error=exc))
                return
            except Exception as exc:  # a bug: report it, never kill the window
                log.exception("linking failed")
                emit(self.finished, LoadResult(error=exc))
                return
            index.gazetteer.search_texts  # noqa: B018 - folded here, not by the places list on the UI thread
            emit(self.finished, LoadResult(index, seconds=time.perf_counter() - started))

        threading.Thread(target=work, name="caucasusmap-linker", daemon=True).start()

    def prepare_extras(self, index: Index, gazetteer: Path, corpus: Path | None = None) -> None:
        """What only some panels need — the search index, the unlinked names,
        the reading text of passages (fast clicks) — in the background."""

        # Both are kept in the index's store per document: a later open reads
        # them back, and only documents added or edited since are read again.
        # A run for an index that has been replaced meanwhile stops between
        # documents (what it wrote stays for the next open). The first build
        # of a large corpus runs in another process (caucasusmap.extras: in a
        # thread it would hold the interpreter lock the window needs); this
        # thread then reads the answers back from the store.
        self._extras_cancel.set()
        cancel = self._extras_cancel = threading.Event()

        def work():
            try:
                if (corpus is not None and getattr(index, "store", None) is not None
                        and len(index.passage_list) >= SEPARATE_PASSAGES
                        and not is_prepared(index, gazetteer, CANDIDATES_SHOWN)):
                    prepare_elsewhere(gazetteer, corpus, CANDIDATES_SHOWN, cancelled=cancel.is_set)
                search = PassageSearch(index, cancelled=cancel.is_set)
                candidates = find_candidates(index, read_ignore(ignore_path(gazetteer)), limit=CANDIDATES_SHOWN,
                                             cancelled=cancel.is_set)
                if len(index.passage_list) <= WARM_PASSAGES:
                    for passage in index.passage_list:
                        index.reading_text(passage.id)
                result = LoadResult(index, search, tuple(candidates))
            except Cancelled:
                return  # a newer index is being prepared
            except Exception as exc:  # the main views work without these
                log.exception("preparing search and unlinked names failed")
                result = LoadResult(index, error=exc)
            try:
                self.extras.emit(result)
            except RuntimeError:
                pass  # the window was closed meanwhile

        threading.Thread(target=work, name="caucasusmap-extras", daemon=True).start()

    def cancel(self) -> None:
        self._cancel.set()


class LoadController(QObject):
    """Loads the session's files, watches them, and relinks on change."""

    started = Signal(str)               # what is being linked
    progress = Signal(int, int)
    failed = Signal(object)             # the exception (GazetteerError, Cancelled, other)
    loaded = Signal(object)             # the LoadResult that replaced the index
    extrasReady = Signal(object)        # LoadResult with search and candidates

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.loader = Loader(self)
        self.loader.progress.connect(self.progress)
        self.loader.finished.connect(self._on_loaded)
        self.loader.extras.connect(self._on_extras)
        self.extras_ready = False
        self._extras_for = None
        self._changed: set[str] = set()  # what changed since the last load ("" = unknown)
        self._loading_for: set[str] = set()
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self.schedule)
        self.watcher.directoryChanged.connect(self.schedule)
        self.timer = QTimer(self, singleShot=True, interval=300)
        self.timer.timeout.connect(self.reload)
        #: Asked when only the corpus's decisions file changed: True when it holds what the app's
        #: own review wrote and has applied already (the window wires it), so no relink is needed.
        self.own_decisions: Callable[[Path], bool] | None = None
        self._entries: frozenset[str] = frozenset()  # the corpus folder's names when the last load started
        session.subscribe(self._paths_changed, PathsChanged)

    @property
    def busy(self) -> bool:
        return self.loader.busy

    def schedule(self, *args) -> None:
        """Relink soon (editors often save by replacing the file; the folder
        watch catches that; several changes in a row link once)."""
        self._changed.add(str(args[0]) if args else "")
        self.timer.start()

    def _paths_changed(self, event) -> None:
        self.watcher.removePaths(self.watcher.files() + self.watcher.directories())
        self.reload()

    def reload(self) -> None:
        s = self.session
        if self._only_own_decisions():
            self._changed = set()
            return
        if self.loader.busy:
            self.timer.start()  # try again once the current run ends
            return
        self._loading_for, self._changed = self._changed, set()
        self._entries = self._corpus_entries()
        self.started.emit(f"Linking {s.corpus_path} with {s.gazetteer_path.name}…")
        self.loader.start(s.gazetteer_path, s.corpus_path)

    def cancel(self) -> None:
        self.loader.cancel()

    def _corpus_entries(self) -> frozenset[str]:
        """The corpus folder's names, the decisions file and its backup aside."""
        corpus = self.session.corpus_path
        try:
            return frozenset(p.name for p in corpus.iterdir() if not p.name.startswith(ANNOTATIONS_FILE))
        except OSError:
            return frozenset()

    def _only_own_decisions(self) -> bool:
        """Did only the decisions file change, to what the app itself wrote?
        (Each review decision is written at once and applied in memory; a
        relink per key of a triage would redo that work and show "Linking…"
        after every key.) A document added, removed or renamed meanwhile, or
        a change made by anything else, relinks as before."""
        s = self.session
        corpus = s.corpus_path
        changed = self._changed
        if s.index is None or self.own_decisions is None or not changed or not corpus.is_dir():
            return False
        if not changed <= {str(corpus), str(corpus / ANNOTATIONS_FILE)}:
            return False
        return self.own_decisions(corpus / ANNOTATIONS_FILE) and self._corpus_entries() == self._entries

    def _on_loaded(self, result: LoadResult) -> None:
        self.loader.busy = False
        self._watch()
        if result.error is not None:
            self.failed.emit(result.error)
            return
        current = self.session.index
        corpus = self.session.corpus_path
        only_corpus = self._loading_for and self._loading_for <= {str(corpus), str(corpus / ANNOTATIONS_FILE)}
        if current is not None and only_corpus and result.index.key and result.index.key == current.key:
            # Only the corpus folder changed and the content is the same (the app
            # itself just wrote review decisions it has applied already): keep
            # the index, its panels and its extras.
            self.loaded.emit(LoadResult(current, seconds=result.seconds))
            return
        self.extras_ready = False
        self.session.replace_index(result.index)
        self.loaded.emit(result)

    def prepare_extras(self) -> None:
        """Once the map is drawn: search and unlinked names (once per index)."""
        index = self.session.index
        if index is not None and self._extras_for is not index:
            self._extras_for = index
            self.loader.prepare_extras(index, self.session.gazetteer_path, self.session.corpus_path)

    def _on_extras(self, result: LoadResult) -> None:
        if result.index is not self.session.index:
            return  # a newer load has replaced that index meanwhile
        self.extras_ready = result.error is None
        self.extrasReady.emit(result)

    def _watch(self) -> None:
        s = self.session
        gaz, corpus = s.gazetteer_path, s.corpus_path
        paths = [str(gaz), str(gaz.parent), str(corpus)]
        if gaz.is_dir():  # a folder gazetteer: the folder (files added or replaced) and each file
            paths += [str(f) for f in gaz.iterdir() if f.suffix in GAZETTEER_SUFFIXES]
        if corpus.is_dir():
            wanted_suffixes = (*document_suffixes(), ".yaml", ANNOTATIONS_FILE)
            paths += [str(p) for p in corpus.iterdir() if p.name.lower().endswith(wanted_suffixes)]
        current = set(self.watcher.files()) | set(self.watcher.directories())
        wanted = [p for p in paths if Path(p).exists() and p not in current]
        if wanted:
            self.watcher.addPaths(wanted)
