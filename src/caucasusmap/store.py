"""The on-disk index store: linked corpora as memory-mapped numpy columns.

A store is a folder (in the cache directory, one per gazetteer + linker +
corpus folder) holding

* ``store.sqlite`` — one row per corpus file: its path relative to the corpus,
  size, modification time, content hash, what its reader found (title,
  authors, date, pages, warnings) and which *part* holds its linked data; also
  the files that could not be read, with their problem; and where each
  document's review decisions apply (``anchors``: one row per document, keyed
  by its content and its decisions, so opening reads no text to place them);
* ``parts/NAME/`` — linked data as ``.npy`` columns, one file per column.
  While linking, each batch of documents is written as its own part as soon
  as it is linked (so an interrupted build resumes where it stopped); then the
  parts are *compacted* into one ``base`` part in corpus order with the
  query structures (place → passages, passage → places, per-place totals).

Columns of a part (``n`` documents, ``P`` passages, ``M`` mentions):

==============  =======  =================================================
``d_pstart``    n+1      first passage row of each document (int64)
``d_mstart``    n+1      first mention row of each document (int64)
``p_start``     P        passage span in its document (int64, code points)
``p_end``       P
``p_kind``      P        index into :data:`KINDS` (int8)
``p_section``   P        index into the part's ``strings.json`` (int32)
``p_foot``      P        footnote label, index into ``strings.json``
``p_ref``       P        in a references section (uint8)
``p_page``      P        1-based page, 0 for none (int32)
``m_passage``   M        passage row of the mention in this part (int64)
``m_start``     M        mention span in its document (int64)
``m_end``       M
``m_place``     M        the linker's candidate place (int64; see below)
``m_conf``      M        how sure the linker is of it (float32, 0-1)
``m_nalt``      M        how many alternatives it has (int32)
``d_astart``    n+1      first alternative row of each document (int64)
``a_place``     A        alternatives, mention by mention, most likely first
``a_score``     A        their probabilities (float32)
==============  =======  =================================================

In a linked part, places are the linker's candidates: the gazetteer's
places in file order, then the reference places layered under them
(:mod:`caucasusmap.reference`) — fixed for a store, whose key names the
gazetteer and the reference. Compaction renumbers them into the index's
places: the gazetteer's, then the reference places chosen at least once (in
candidate order); reference places that are only ever an alternative come
after those (``places.json`` of the base names both lists by id).

plus any per-mention column registered in :data:`MENTION_COLUMNS`, carried
through compaction untouched. The base adds ``p_doc``/``m_doc`` (document
row), ``m_aoff`` (M+1 bounds of each mention's alternative rows),
``p_mstart``/``p_ppstart`` (P+1 bounds: a passage's mention rows and
its (place, count) pairs ``pp_place``/``pp_count``), ``bp_start`` (places+1
bounds into ``bp_passage``/``bp_count``: each place's passages in corpus
order with counts) and ``pl_mentions``/``pl_documents`` (totals per place).

Every query reads these through ``numpy.load(mmap_mode="r")``: opening an
index reads nothing but the document table, and a click reads the few pages
it needs. Building and compacting stream column chunks through fixed-size
buffers, so memory does not grow with the corpus (see ``docs/design.md``).

Each part carries ``checksums.json`` (CRC-32 of every column's data,
computed as it is written). A column whose file changed since it was last
checked (size, modification or status-change time, inode: the table
``stamps``) is checked against it before it is used, so an altered store is
rebuilt, never trusted, while an unchanged one opens without reading its
columns.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .model import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH

__all__ = ["Store", "Part", "PartData", "MemorySink", "FolderSink", "query_structures", "KINDS", "MENTION_COLUMNS",
           "DocumentRecord", "STORE_FORMAT", "remove_database"]

STORE_FORMAT = "2"
"""Bumped whenever the files of a store change meaning."""

KINDS = (PARAGRAPH, HEADING, FOOTNOTE, LIST_ITEM)
"""Passage kinds by code (``p_kind``)."""

MENTION_COLUMNS: dict[str, str] = {
    "m_passage": "<i8", "m_start": "<i8", "m_end": "<i8", "m_place": "<i8", "m_conf": "<f4", "m_nalt": "<i4",
}
"""Per-mention columns every part has, with their dtype. A helper adding a
per-mention column (a confidence, a status) registers it here with a default
fill value in :data:`MENTION_DEFAULTS`; parts written before keep working
(the column reads as the default)."""

MENTION_DEFAULTS: dict[str, float] = {}
"""Fill value of each optional per-mention column (absent from old parts)."""

ALTERNATIVE_COLUMNS: dict[str, str] = {"a_place": "<i8", "a_score": "<f4"}
"""Per-alternative columns (``m_nalt`` rows per mention, in mention order)."""

PASSAGE_COLUMNS: dict[str, str] = {
    "p_start": "<i8", "p_end": "<i8", "p_kind": "i1", "p_section": "<i4", "p_foot": "<i4", "p_ref": "u1",
    "p_page": "<i4",
}

CHUNK_ROWS = 4_000_000
"""Rows streamed at a time while compacting (bounds the working set)."""


@dataclass
class DocumentRecord:
    """What the store knows of one corpus file (``rel``: its path relative to
    the corpus folder, with ``/``)."""

    rel: str
    size: int
    mtime_ns: int
    digest: str = ""
    part: str = ""        # the part holding its linked data ("" for a file that could not be read)
    row: int = -1         # its document row in that part
    format: str = "text"
    found: dict = field(default_factory=dict)  # title, authors, date, url, pages, page_labels, warnings
    issue: list | None = None   # [severity, line, column, message] when the file could not be read
    chars: int = 0


@dataclass
class PartData:
    """Linked data of a batch of documents, in memory (what a worker returns)."""

    records: list[DocumentRecord]
    columns: dict[str, np.ndarray]
    strings: list[str]

    @property
    def documents(self) -> int:
        return len(self.columns["d_pstart"]) - 1


class ColumnFile:
    """Reads row ranges of a 1-D ``.npy`` file with plain reads. Streaming
    passes use it rather than a memory map: mapped pages count as the
    process's memory for as long as the map lives, read chunks do not."""

    def __init__(self, path: Path):
        from numpy.lib import format as npformat

        self.path = Path(path)
        with open(self.path, "rb") as f:
            version = npformat.read_magic(f)
            read = npformat.read_array_header_1_0 if version == (1, 0) else npformat.read_array_header_2_0
            shape, _, dtype = read(f)
            self.offset = f.tell()
        self.dtype = dtype
        self.length = shape[0] if shape else 0

    def __len__(self) -> int:
        return self.length

    def read(self, a: int, b: int) -> np.ndarray:
        b = min(b, self.length)
        if b <= a:
            return np.empty(0, dtype=self.dtype)
        with open(self.path, "rb") as f:
            f.seek(self.offset + a * self.dtype.itemsize)
            return np.fromfile(f, dtype=self.dtype, count=b - a)


class _ArrayColumn:
    """The in-memory counterpart of :class:`ColumnFile`."""

    def __init__(self, array: np.ndarray):
        self.array = array

    def __len__(self) -> int:
        return len(self.array)

    def read(self, a: int, b: int) -> np.ndarray:
        return np.asarray(self.array[a:b])


class Part:
    """A part on disk: its columns memory-mapped on first use."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._cols: dict[str, np.ndarray] = {}
        self._strings: list[str] | None = None

    def __getitem__(self, name: str) -> np.ndarray:
        col = self._cols.get(name)
        if col is None:
            file = self.path / f"{name}.npy"
            if not file.exists():
                if name in MENTION_DEFAULTS:
                    n = len(self["m_start"])
                    col = np.full(n, MENTION_DEFAULTS[name], dtype=MENTION_COLUMNS[name])
                else:
                    raise KeyError(name)
            else:
                col = np.load(file, mmap_mode="r")
            self._cols[name] = col
        return col

    def has(self, name: str) -> bool:
        return name in self._cols or (self.path / f"{name}.npy").exists()

    def read(self, name: str, a: int, b: int) -> np.ndarray:
        """Rows ``a:b`` of a column, read (not mapped): for streaming passes."""
        file = self.path / f"{name}.npy"
        if not file.exists() and name in MENTION_DEFAULTS:
            return np.full(max(0, b - a), MENTION_DEFAULTS[name], dtype=MENTION_COLUMNS[name])
        return ColumnFile(file).read(a, b)

    @property
    def strings(self) -> list[str]:
        if self._strings is None:
            self._strings = json.loads((self.path / "strings.json").read_text(encoding="utf-8"))
        return self._strings

    @property
    def documents(self) -> int:
        return len(self["d_pstart"]) - 1

    @property
    def places(self) -> dict[str, list[str]]:
        """A base's reference places by id: ``chosen`` (numbered after the
        gazetteer's places) and ``alternatives`` (after those)."""
        return json.loads((self.path / "places.json").read_text(encoding="utf-8"))

    def close(self) -> None:
        self._cols.clear()


CHECKSUMS = "checksums.json"


def _file_crc(path: Path) -> int:
    """CRC-32 of the data of a ``.npy`` file (its header left out), read in chunks."""
    col = ColumnFile(path)
    crc = 0
    with open(path, "rb") as f:
        f.seek(col.offset)
        while True:
            block = f.read(16 << 20)
            if not block:
                return crc
            crc = zlib.crc32(block, crc)


def _write_checksums(folder: Path, known: dict[str, int]) -> None:
    """``checksums.json`` of a part folder: the CRC-32 of each column (those
    not computed while writing are computed now)."""
    sums = {}
    for file in sorted(folder.glob("*.npy")):
        sums[file.stem] = known[file.stem] if file.stem in known else _file_crc(file)
    (folder / CHECKSUMS).write_text(json.dumps(sums), encoding="utf-8")


def _write_part(path: Path, columns: dict[str, np.ndarray], strings: list[str]) -> None:
    """Write a part atomically (a temporary folder renamed into place)."""
    tmp = path.with_name(path.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    crcs = {}
    for name, col in columns.items():
        col = np.ascontiguousarray(col)
        np.save(tmp / f"{name}.npy", col)
        crcs[name] = zlib.crc32(col.data)
    (tmp / "strings.json").write_text(json.dumps(strings, ensure_ascii=False), encoding="utf-8")
    _write_checksums(tmp, crcs)
    if path.exists():
        shutil.rmtree(path)
    os.replace(tmp, path)


class _ColumnWriter:
    """Appends chunks to a ``.npy`` file without holding them: the header is
    rewritten with the final length on close (it is written first with room
    for any length)."""

    def __init__(self, folder: Path, name: str, dtype: str, crcs: dict[str, int] | None = None):
        self.path = folder / f"{name}.npy"
        self.name = name
        self.dtype = np.dtype(dtype)
        self.count = 0
        self.crc = 0
        self.crcs = crcs
        self.file = open(self.path, "wb")  # noqa: SIM115  closed in close()
        first = _npy_header(self.dtype, 10**15)
        self._header_len = len(first)
        self.file.write(first)

    def write(self, values) -> None:
        values = np.ascontiguousarray(values, dtype=self.dtype)
        self.file.write(values.data)
        self.crc = zlib.crc32(values.data, self.crc)
        self.count += len(values)

    def close(self) -> None:
        self.file.seek(0)
        self.file.write(_npy_header(self.dtype, self.count, self._header_len))
        self.file.close()
        if self.crcs is not None:
            self.crcs[self.name] = self.crc


def _npy_header(dtype: np.dtype, count: int, total: int | None = None) -> bytes:
    """A version 2.0 ``.npy`` header for a 1-D array, ``total`` bytes long
    (default: the next multiple of 64)."""
    from numpy.lib import format as npformat

    text = repr({"descr": npformat.dtype_to_descr(dtype), "fortran_order": False, "shape": (count,)}).encode()
    base = 12 + len(text) + 1
    total = total or (base + 63) // 64 * 64
    text += b" " * (total - base) + b"\n"
    return b"\x93NUMPY\x02\x00" + np.uint32(len(text)).tobytes() + text


class _ListWriter:
    """The in-memory counterpart of :class:`_ColumnWriter`."""

    def __init__(self, sink: dict, name: str, dtype: str):
        self.sink, self.name, self.dtype, self.parts = sink, name, np.dtype(dtype), []

    def write(self, values) -> None:
        self.parts.append(np.asarray(values, dtype=self.dtype))

    def close(self) -> None:
        self.sink[self.name] = np.concatenate(self.parts) if self.parts else np.empty(0, dtype=self.dtype)


class FolderSink:
    """Where query structures go: ``.npy`` files in a folder."""

    def __init__(self, folder: Path, crcs: dict[str, int] | None = None):
        self.folder = Path(folder)
        self.crcs = {} if crcs is None else crcs

    def writer(self, name: str, dtype: str) -> _ColumnWriter:
        return _ColumnWriter(self.folder, name, dtype, self.crcs)

    def save(self, name: str, array: np.ndarray) -> None:
        array = np.ascontiguousarray(array)
        np.save(self.folder / f"{name}.npy", array)
        self.crcs[name] = zlib.crc32(array.data)

    def load(self, name: str) -> np.ndarray:
        return np.load(self.folder / f"{name}.npy", mmap_mode="r")

    def reader(self, name: str) -> ColumnFile:
        return ColumnFile(self.folder / f"{name}.npy")

    def remove(self, name: str) -> None:
        (self.folder / f"{name}.npy").unlink(missing_ok=True)


class MemorySink:
    """Where query structures go: a dict of arrays (small, in-memory indexes)."""

    def __init__(self):
        self.arrays: dict[str, np.ndarray] = {}

    def writer(self, name: str, dtype: str) -> _ListWriter:
        return _ListWriter(self.arrays, name, dtype)

    def save(self, name: str, array: np.ndarray) -> None:
        self.arrays[name] = array

    def load(self, name: str) -> np.ndarray:
        return self.arrays[name]

    def reader(self, name: str) -> _ArrayColumn:
        return _ArrayColumn(self.arrays[name])

    def remove(self, name: str) -> None:
        self.arrays.pop(name, None)

    def __getitem__(self, name: str) -> np.ndarray:
        return self.arrays[name]


def _chunks(n: int, size: int | None = None) -> Iterator[tuple[int, int]]:
    size = size or CHUNK_ROWS
    for a in range(0, n, size):
        yield a, min(n, a + size)


# ---------------------------------------------------------------------------
# The store

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents(rel TEXT PRIMARY KEY, size INT, mtime_ns INT, digest TEXT, part TEXT,
                                     row INT, format TEXT, found TEXT, issue TEXT, chars INT);
CREATE TABLE IF NOT EXISTS parts(name TEXT PRIMARY KEY, created REAL);
CREATE TABLE IF NOT EXISTS stamps(part TEXT, name TEXT, stamp TEXT, PRIMARY KEY (part, name));
CREATE TABLE IF NOT EXISTS anchors(document TEXT PRIMARY KEY, key TEXT NOT NULL, spans TEXT NOT NULL);
"""


def remove_database(path: str | Path) -> None:
    """Delete a SQLite file kept beside a store and its journal files (a
    damaged cache, built again from scratch)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _stamp(path: Path) -> str:
    """What changes whenever a file is written: size, modification and
    status-change times (the latter cannot be set back), inode."""
    st = path.stat()
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


class Store:
    """A store folder: the document table and the parts (see the module doc)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        (self.path / "parts").mkdir(exist_ok=True)
        self.con = sqlite3.connect(self.path / "store.sqlite", timeout=30, check_same_thread=False)
        self.con.executescript(_SCHEMA)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.execute("PRAGMA synchronous=NORMAL")
        fmt = self.meta("format")
        if fmt is None:
            self.set_meta("format", STORE_FORMAT)
        elif fmt != STORE_FORMAT:
            raise ValueError(f"{self.path}: store format {fmt}, expected {STORE_FORMAT}")
        self._parts: dict[str, Part] = {}

    def lock(self):
        """An exclusive lock on the store while it is updated (another
        process updating the same store waits)."""
        import contextlib

        @contextlib.contextmanager
        def held():
            with open(self.path / "lock", "a+b") as f:
                try:
                    import fcntl
                except ImportError:  # not POSIX: no cross-process lock
                    yield
                    return
                fcntl.flock(f, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(f, fcntl.LOCK_UN)

        return held()

    def map_all(self, part: Part) -> None:
        """Map every column of ``part`` now, so a later compaction by another
        process (which deletes the old files) cannot pull them away."""
        for file in part.path.glob("*.npy"):
            part[file.stem]
        part.strings  # noqa: B018

    def close(self) -> None:
        for p in self._parts.values():
            p.close()
        self._parts.clear()
        self.con.close()

    # -- metadata ---------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.con:
            self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- where review decisions apply ----------------------------------------------
    def anchors(self) -> dict[str, tuple[str, list]]:
        """Each document's stored anchoring of its review decisions: document
        id → (key, spans), ``key`` naming the document's content and its
        decisions (see :func:`caucasusmap.review.apply_decisions`). A row
        whose spans do not parse is left out (anchored again)."""
        out = {}
        for doc, key, spans in self.con.execute("SELECT document, key, spans FROM anchors"):
            try:
                out[doc] = (key, json.loads(spans))
            except ValueError:
                continue
        return out

    def save_anchors(self, rows: dict[str, tuple[str, list]]) -> None:
        """Replace the stored anchoring of these documents (one row each)."""
        with self.con:
            self.con.executemany("INSERT OR REPLACE INTO anchors VALUES (?, ?, ?)",
                                 ((doc, key, json.dumps(spans, separators=(",", ":")))
                                  for doc, (key, spans) in rows.items()))

    def records(self) -> dict[str, DocumentRecord]:
        """Every document record by relative path."""
        out = {}
        for rel, size, mtime, digest, part, row, fmt, found, issue, chars in self.con.execute(
                "SELECT rel, size, mtime_ns, digest, part, row, format, found, issue, chars FROM documents"):
            out[rel] = DocumentRecord(rel, size, mtime, digest, part, row, fmt, json.loads(found or "{}"),
                                      json.loads(issue) if issue else None, chars)
        return out

    def touch_records(self, changes: Iterable[tuple[str, int, int]]) -> None:
        """Record new (size, mtime) for files whose content did not change."""
        with self.con:
            self.con.executemany("UPDATE documents SET size=?, mtime_ns=? WHERE rel=?",
                                 ((s, m, rel) for rel, s, m in changes))

    def forget(self, rels: Iterable[str]) -> None:
        with self.con:
            self.con.executemany("DELETE FROM documents WHERE rel=?", ((r,) for r in rels))

    # -- parts -------------------------------------------------------------------
    def part(self, name: str) -> Part:
        p = self._parts.get(name)
        if p is None:
            p = self._parts[name] = Part(self.path / "parts" / name)
        return p

    def add_part(self, data: PartData) -> str:
        """Write a linked batch as a new part and record its documents (one
        transaction after the files are in place: a crash leaves either the
        whole batch or none of it)."""
        name = f"p{time.time_ns():x}{os.getpid():x}"
        if data.documents:
            _write_part(self.path / "parts" / name, data.columns, data.strings)
        with self.con:
            if data.documents:
                self.con.execute("INSERT INTO parts VALUES (?, ?)", (name, time.time()))
            row = 0
            for rec in data.records:
                if rec.issue is None:
                    rec.part, rec.row = name, row
                    row += 1
                else:
                    rec.part, rec.row = "", -1
                self.con.execute("INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?)", (
                    rec.rel, rec.size, rec.mtime_ns, rec.digest, rec.part, rec.row, rec.format,
                    json.dumps(rec.found, ensure_ascii=False), json.dumps(rec.issue) if rec.issue else None,
                    rec.chars))
        return name

    def verify(self) -> None:
        """Raise ``ValueError`` if a part the store refers to is missing or
        damaged: its columns do not load, disagree in length, or differ from
        their checksums (a column is checked only when its file changed since
        it was last found good)."""
        names = {r[0] for r in self.con.execute("SELECT DISTINCT part FROM documents WHERE part != ''")}
        if self.base_name():
            names.add(self.base_name())
        stamps = {(p, n): s for p, n, s in self.con.execute("SELECT part, name, stamp FROM stamps")}
        good: list[tuple[str, str, str]] = []
        for name in sorted(names):
            folder = self.path / "parts" / name
            try:
                sums = json.loads((folder / CHECKSUMS).read_text(encoding="utf-8"))
                part = Part(folder)
                n_p, n_m = int(part["d_pstart"][-1]), int(part["d_mstart"][-1])
                n_a = int(part["d_astart"][-1])
                files = sorted(folder.glob("*.npy"))
                if {f.stem for f in files} != set(sums):
                    raise ValueError("columns missing or unknown")
                for file in files:
                    col = part[file.stem]
                    stem = file.stem
                    want = (n_p if stem.startswith("p_") and stem not in ("p_mstart", "p_ppstart") else
                            n_m + 1 if stem == "m_aoff" else n_m if stem.startswith("m_") else
                            n_a if stem.startswith("a_") else None)
                    if want is not None and len(col) != want:
                        raise ValueError(f"{file}: {len(col)} rows, expected {want}")
                    stamp = _stamp(file)
                    if stamps.get((name, stem)) != stamp:
                        if _file_crc(file) != sums[stem]:
                            raise ValueError(f"{file}: its data differs from its checksum")
                        good.append((name, stem, stamp))
                part.strings  # noqa: B018  loads and parses
                part.close()
            except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
                raise ValueError(f"{folder}: damaged part: {exc}") from None
        if good:
            with self.con:
                self.con.executemany("INSERT OR REPLACE INTO stamps VALUES (?, ?, ?)", good)

    def base_name(self) -> str | None:
        return self.meta("base")

    def base(self) -> Part | None:
        name = self.base_name()
        return self.part(name) if name else None

    def base_order(self) -> list[str]:
        """The relative paths of the base's documents, in its row order."""
        text = self.meta("base_order")
        return json.loads(text) if text else []

    def drop_unused_parts(self) -> None:
        """Delete parts no document record or base refers to (after compaction)."""
        used = {r[0] for r in self.con.execute("SELECT DISTINCT part FROM documents WHERE part != ''")}
        used.add(self.base_name() or "")
        for name, in list(self.con.execute("SELECT name FROM parts")):
            if name not in used:
                part = self._parts.pop(name, None)
                if part:
                    part.close()
                shutil.rmtree(self.path / "parts" / name, ignore_errors=True)
                with self.con:
                    self.con.execute("DELETE FROM parts WHERE name=?", (name,))
                    self.con.execute("DELETE FROM stamps WHERE part=?", (name,))
        for stray in (self.path / "parts").iterdir():
            known = self.con.execute("SELECT 1 FROM parts WHERE name=?", (stray.name,)).fetchone()
            if (stray.name.endswith(".tmp") or stray.name not in used) and not known:
                shutil.rmtree(stray, ignore_errors=True)

    # -- compaction ------------------------------------------------------------------
    def compact(self, order: list[DocumentRecord], candidates: list[str], n_curated: int) -> Part:
        """Write a new base holding the documents of ``order`` (records of
        this store, each with a part) in that order, with the query
        structures; make it current and drop what is no longer used.
        ``candidates`` are the ids of the linker's candidate places (the
        first ``n_curated`` the gazetteer's)."""
        name = f"base{time.time_ns():x}"
        folder = self.path / "parts" / (name + ".tmp")
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        _compact(self, order, candidates, n_curated, folder)
        os.replace(folder, self.path / "parts" / name)
        stamps = [(name, f.stem, _stamp(f)) for f in (self.path / "parts" / name).glob("*.npy")]
        with self.con:
            self.con.execute("INSERT INTO parts VALUES (?, ?)", (name, time.time()))
            self.con.executemany("INSERT OR REPLACE INTO stamps VALUES (?, ?, ?)", stamps)
            self.con.executemany("UPDATE documents SET part=?, row=? WHERE rel=?",
                                 ((name, i, rec.rel) for i, rec in enumerate(order)))
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('base', ?)", (name,))
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('base_order', ?)",
                             (json.dumps([r.rel for r in order], ensure_ascii=False),))
        for rec in order:
            rec.part = name
        for i, rec in enumerate(order):
            rec.row = i
        self.drop_unused_parts()
        return self.part(name)


def _runs(order: list[DocumentRecord]) -> list[tuple[str, int, int]]:
    """Group consecutive documents that sit consecutively in one part:
    (part, first row, end row)."""
    runs: list[list] = []
    for rec in order:
        if runs and runs[-1][0] == rec.part and runs[-1][2] == rec.row:
            runs[-1][2] += 1
        else:
            runs.append([rec.part, rec.row, rec.row + 1])
    return [tuple(r) for r in runs]


def place_numbering(used: np.ndarray, alt_used: np.ndarray, n_curated: int) -> tuple[np.ndarray, np.ndarray,
                                                                                    np.ndarray]:
    """From per-candidate flags (chosen by some mention; an alternative of
    some mention), the renumbering into the index's places (-1: unused) and
    the candidates that become chosen reference places and alternative-only
    places (see the module doc)."""
    n = len(used)
    chosen = np.flatnonzero(used[n_curated:]) + n_curated
    alt_only = np.flatnonzero(alt_used[n_curated:] & ~used[n_curated:]) + n_curated
    remap = np.full(max(n, 1), -1, dtype=np.int64)
    remap[:n_curated] = np.arange(n_curated)
    remap[chosen] = n_curated + np.arange(len(chosen))
    remap[alt_only] = n_curated + len(chosen) + np.arange(len(alt_only))
    return remap, chosen, alt_only


def _compact(store: Store, order: list[DocumentRecord], candidates: list[str], n_curated: int, out: Path) -> None:
    extra = [c for c in MENTION_COLUMNS if c not in ("m_passage", "m_start", "m_end", "m_place", "m_nalt")]
    runs = _runs(order)
    # Which candidates are used: the base numbers only those (a first, cheap pass).
    n_cand = max(len(candidates), 1)
    used = np.zeros(n_cand, dtype=bool)
    alt_used = np.zeros(n_cand, dtype=bool)
    for part_name, a, b in runs:
        part = store.part(part_name)
        dm, da = part.read("d_mstart", a, b + 1), part.read("d_astart", a, b + 1)
        for ca, cb in _chunks(int(dm[-1] - dm[0])):
            used[part.read("m_place", int(dm[0]) + ca, int(dm[0]) + cb)] = True
        for ca, cb in _chunks(int(da[-1] - da[0])):
            alt_used[part.read("a_place", int(da[0]) + ca, int(da[0]) + cb)] = True
    remap, chosen, alt_only = place_numbering(used, alt_used, n_curated)
    crcs: dict[str, int] = {}
    writers = {name: _ColumnWriter(out, name, dtype, crcs) for name, dtype in
               [*PASSAGE_COLUMNS.items(), *MENTION_COLUMNS.items(), *ALTERNATIVE_COLUMNS.items(),
                ("p_doc", "<i8"), ("m_doc", "<i8"), ("m_aoff", "<i8")]}
    writers["m_aoff"].write(np.zeros(1, dtype=np.int64))
    strings: dict[str, int] = {"": 0}
    d_pstart = [0]
    d_mstart = [0]
    d_astart = [0]
    alt_rows = 0
    doc = 0
    for part_name, a, b in runs:
        part = store.part(part_name)
        dp, dm = part.read("d_pstart", a, b + 1), part.read("d_mstart", a, b + 1)
        da = part.read("d_astart", a, b + 1)
        pa, pb, ma, mb = int(dp[0]), int(dp[-1]), int(dm[0]), int(dm[-1])
        shift_p = d_pstart[-1] - pa
        d_pstart.extend((dp[1:] + shift_p).tolist())
        d_mstart.extend((dm[1:] + (d_mstart[-1] - ma)).tolist())
        d_astart.extend((da[1:] + (d_astart[-1] - int(da[0]))).tolist())
        # Passages, with their strings re-coded into the new table.
        remap_s = np.array([strings.setdefault(x, len(strings)) for x in part.strings], dtype=np.int32)
        for ca, cb in _chunks(pb - pa):
            ra, rb = pa + ca, pa + cb
            for name in ("p_start", "p_end", "p_kind", "p_ref", "p_page"):
                writers[name].write(part.read(name, ra, rb))
            for name in ("p_section", "p_foot"):
                writers[name].write(remap_s[part.read(name, ra, rb)])
            doc_of = np.searchsorted(dp, np.arange(ra, rb), side="right") - 1
            writers["p_doc"].write(doc_of + doc)
        for ca, cb in _chunks(mb - ma):
            ra, rb = ma + ca, ma + cb
            writers["m_passage"].write(part.read("m_passage", ra, rb) + shift_p)
            writers["m_place"].write(remap[part.read("m_place", ra, rb)])
            for name in ("m_start", "m_end", *extra):
                writers[name].write(part.read(name, ra, rb))
            nalt = part.read("m_nalt", ra, rb)
            writers["m_nalt"].write(nalt)
            writers["m_aoff"].write(np.cumsum(nalt, dtype=np.int64) + alt_rows)
            alt_rows += int(nalt.sum())
            doc_of = np.searchsorted(dm, np.arange(ra, rb), side="right") - 1
            writers["m_doc"].write(doc_of + doc)
        for ca, cb in _chunks(int(da[-1] - da[0])):
            ra, rb = int(da[0]) + ca, int(da[0]) + cb
            writers["a_place"].write(remap[part.read("a_place", ra, rb)])
            writers["a_score"].write(part.read("a_score", ra, rb))
        doc += b - a
        part.close()
    for w in writers.values():
        w.close()
    sink = FolderSink(out, crcs)
    sink.save("d_pstart", np.array(d_pstart, dtype=np.int64))
    sink.save("d_mstart", np.array(d_mstart, dtype=np.int64))
    sink.save("d_astart", np.array(d_astart, dtype=np.int64))
    (out / "strings.json").write_text(json.dumps(list(strings), ensure_ascii=False), encoding="utf-8")
    (out / "places.json").write_text(json.dumps({
        "chosen": [candidates[i] for i in chosen.tolist()],
        "alternatives": [candidates[i] for i in alt_only.tolist()]}, ensure_ascii=False), encoding="utf-8")
    query_structures(sink, sink.reader("m_passage"), sink.reader("m_place"), sink.reader("m_doc"),
                     n_curated + len(chosen), d_pstart[-1])
    _write_checksums(out, crcs)


def query_structures(out, m_passage, m_place, m_doc, n_places: int, n_passages: int) -> None:
    """The pairs and bounds queries read (see the module doc), computed from
    the mention columns in corpus order (column readers: ``len`` and
    ``read(a, b)``) and streamed into ``out`` (a :class:`FolderSink` or
    :class:`MemorySink`) a chunk at a time."""
    n = len(m_passage)
    p_mstart = out.writer("p_mstart", "<i8")
    pp_place = out.writer("pp_place", "<i4")
    pp_count = out.writer("pp_count", "<i4")
    pp_passage = out.writer("pp_passage", "<i8")  # a helper for _by_place, removed after
    p_ppstart = out.writer("p_ppstart", "<i8")
    pl_mentions = np.zeros(n_places, dtype=np.int64)
    pl_documents = np.zeros(n_places, dtype=np.int64)
    width = max(n_places, 1)
    next_passage = 0
    pairs_done = 0
    carry_doc = -1
    carry_places = np.empty(0, dtype=np.int64)
    pos = 0
    while True:
        passage = m_passage.read(pos, pos + CHUNK_ROWS).astype(np.int64, copy=False)
        end = pos + len(passage)
        if end < n:  # end the chunk at a passage boundary (a passage's mentions stay together)
            cut = int(np.searchsorted(passage, passage[-1], side="left"))
            if cut == 0:  # one passage fills the chunk: read to its end
                while end < n:
                    more = m_passage.read(end, end + CHUNK_ROWS)
                    k = int(np.searchsorted(more, passage[-1], side="right"))
                    passage = np.concatenate([passage, more[:k].astype(np.int64)])
                    end += k
                    if k < len(more):
                        break
            else:
                passage, end = passage[:cut], pos + cut
        place = m_place.read(pos, end).astype(np.int64, copy=False)
        docs = m_doc.read(pos, end).astype(np.int64, copy=False)
        top = n_passages if end >= n else int(passage[-1]) + 1
        ids = np.arange(next_passage, top)
        p_mstart.write(np.searchsorted(passage, ids, side="left") + pos)
        pl_mentions += np.bincount(place, minlength=n_places)
        uniq, counts = np.unique(passage * width + place, return_counts=True)
        u_passage, u_place = uniq // width, uniq % width
        p_ppstart.write(np.searchsorted(u_passage, ids, side="left") + pairs_done)
        pp_place.write(u_place)
        pp_count.write(counts)
        pp_passage.write(u_passage)
        pairs_done += len(uniq)
        # Documents per place: unique (doc, place); a document may straddle chunks.
        dkey = np.unique(docs * width + place)
        d_doc, d_place = dkey // width, dkey % width
        if len(carry_places) and len(d_doc) and d_doc[0] == carry_doc:
            first = d_doc == carry_doc
            d_place_first = d_place[first]
            dup = np.isin(d_place_first, carry_places)
            keep = np.ones(len(d_place), dtype=bool)
            keep[np.flatnonzero(first)[dup]] = False
            d_doc, d_place = d_doc[keep], d_place[keep]
            carry_places = np.union1d(carry_places, d_place_first)
        if len(d_doc):
            pl_documents += np.bincount(d_place, minlength=n_places)
        if len(dkey):
            last_doc = int(dkey[-1] // width)
            if last_doc != carry_doc:
                carry_doc = last_doc
                carry_places = dkey[dkey // width == last_doc] % width
        next_passage, pos = top, end
        if pos >= n:
            break
    p_mstart.write(np.array([n], dtype=np.int64))
    p_ppstart.write(np.array([pairs_done], dtype=np.int64))
    for w in (p_mstart, pp_place, pp_count, pp_passage, p_ppstart):
        w.close()
    out.save("pl_mentions", pl_mentions)
    out.save("pl_documents", pl_documents)
    _by_place(out, n_places, pairs_done)
    out.remove("pp_passage")


def _by_place(out, n_places: int, n_pairs: int) -> None:
    """Each place's passages in corpus order: a counting sort of the
    passage-major pairs, done in bands of places so the buffer stays bounded."""
    pp_place, pp_count, pp_passage = out.reader("pp_place"), out.reader("pp_count"), out.reader("pp_passage")
    per_place = np.zeros(n_places, dtype=np.int64)
    for a, b in _chunks(n_pairs):
        per_place += np.bincount(pp_place.read(a, b), minlength=n_places)
    bp_start = np.zeros(n_places + 1, dtype=np.int64)
    np.cumsum(per_place, out=bp_start[1:])
    out.save("bp_start", bp_start)
    bp_passage = out.writer("bp_passage", "<i8")
    bp_count = out.writer("bp_count", "<i4")
    band_start = 0
    while band_start < n_places:
        # As many places as fit in one buffer (at least one).
        limit = bp_start[band_start] + CHUNK_ROWS
        band_end = min(n_places, max(band_start + 1, int(np.searchsorted(bp_start, limit, side="right")) - 1))
        got_passage, got_place, got_count = [], [], []
        for a, b in _chunks(n_pairs):
            place = pp_place.read(a, b)
            sel = np.flatnonzero((place >= band_start) & (place < band_end))
            if not len(sel):
                continue
            got_passage.append(pp_passage.read(a, b)[sel])
            got_place.append(place[sel])
            got_count.append(pp_count.read(a, b)[sel])
        if got_passage:
            passages = np.concatenate(got_passage)
            order = np.argsort(np.concatenate(got_place), kind="stable")  # stable: passages stay in corpus order
            bp_passage.write(passages[order])
            bp_count.write(np.concatenate(got_count)[order])
        band_start = band_end
    bp_passage.close()
    bp_count.close()
