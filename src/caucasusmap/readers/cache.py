"""The extraction cache: what a reader extracted, keyed on the file's content.

Reopening a corpus of 500 PDFs must not extract them again. Each extraction is
stored as compressed JSON in one SQLite file (``extracted.sqlite``) beside the
linked-index caches, under a key made of the reader's name and version and a
hash of the file's bytes — no paths or timestamps, so a renamed or touched file
is still found, and a changed byte is extracted afresh. A damaged or foreign
cache file is replaced; a cache that cannot be written only costs speed.
The least recently used entries beyond :data:`MAX_ENTRIES` are dropped.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import zlib
from pathlib import Path

from .base import Extraction, Reader

__all__ = ["ExtractionCache", "MAX_ENTRIES"]

MAX_ENTRIES = 20_000
FILE_NAME = "extracted.sqlite"
_FORMAT = "1"


class ExtractionCache:
    """Extractions in an SQLite file at ``path``."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._con: sqlite3.Connection | None = None
        self._broken = False
        self._writes = 0
        self._committed = time.monotonic()

    @classmethod
    def default(cls) -> ExtractionCache:
        """The cache in the user's cache directory (``$CAUCASUSMAP_CACHE_DIR``)."""
        from ..index import cache_dir

        return cls(cache_dir() / FILE_NAME)

    @staticmethod
    def key(reader: Reader, data: bytes) -> str:
        """The cache key of ``data`` read by ``reader``."""
        digest = hashlib.blake2b(data, digest_size=20).hexdigest()
        return f"{_FORMAT}/{reader.name}/{reader.version}/{digest}"

    def _connect(self) -> sqlite3.Connection | None:
        if self._con is not None or self._broken:
            return self._con
        for attempt in range(2):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                con = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
                con.execute("CREATE TABLE IF NOT EXISTS extractions(key TEXT PRIMARY KEY, data BLOB, used REAL)")
                con.execute("PRAGMA journal_mode=WAL")
                self._con = con
                return con
            except sqlite3.DatabaseError:
                if attempt == 0 and self.path.exists():
                    # Damaged or not ours: start a new one.
                    self.path.unlink(missing_ok=True)
                    continue
                break
            except OSError:
                break
        self._broken = True
        return None

    def has(self, key: str) -> bool:
        """True if an extraction is stored under ``key``."""
        con = self._connect()
        if con is None:
            return False
        try:
            return con.execute("SELECT 1 FROM extractions WHERE key=?", (key,)).fetchone() is not None
        except sqlite3.Error:
            return False

    def get(self, key: str) -> Extraction | None:
        """The cached extraction for ``key``, or None."""
        con = self._connect()
        if con is None:
            return None
        try:
            row = con.execute("SELECT data FROM extractions WHERE key=?", (key,)).fetchone()
            if row is None:
                return None
            found = Extraction.from_json(json.loads(zlib.decompress(row[0])))
            con.execute("UPDATE extractions SET used=? WHERE key=?", (time.time(), key))
            return found
        except (sqlite3.Error, zlib.error, ValueError, KeyError, TypeError):
            return None  # a damaged entry is extracted again

    def put(self, key: str, extraction: Extraction) -> None:
        """Store ``extraction`` under ``key`` (silently skipped if the cache
        cannot be written)."""
        con = self._connect()
        if con is None:
            return
        data = zlib.compress(json.dumps(extraction.to_json(), ensure_ascii=False).encode("utf-8", "surrogatepass"), 6)
        try:
            con.execute("INSERT OR REPLACE INTO extractions VALUES (?, ?, ?)", (key, data, time.time()))
            self._writes += 1
            if self._writes % 200 == 1:
                con.execute("DELETE FROM extractions WHERE key IN (SELECT key FROM extractions "
                            "ORDER BY used DESC LIMIT -1 OFFSET ?)", (MAX_ENTRIES,))
            if time.monotonic() - self._committed > 2.0:
                self.commit()
        except sqlite3.Error:
            pass

    def commit(self) -> None:
        """Make the writes so far durable (done every few seconds and on close)."""
        if self._con is not None:
            try:
                self._con.commit()
            except sqlite3.Error:
                pass
        self._committed = time.monotonic()

    def __len__(self) -> int:
        con = self._connect()
        if con is None:
            return 0
        return con.execute("SELECT count(*) FROM extractions").fetchone()[0]

    def close(self) -> None:
        if self._con is not None:
            self.commit()
            self._con.close()
            self._con = None

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001  interpreter shutdown
            pass
