"""The linked index: place ↔ passage ↔ document queries, co-occurrence, cache.

:func:`open_index` is the one entry point the CLI (and later the app) uses:
it loads and validates the gazetteer, reads the corpus, and either loads the
linked result from the on-disk cache or links and caches it. The cache is an
SQLite file in the user's cache directory named after a hash of the gazetteer
text, the corpus content and the linker version, so any change to either
rebuilds it and an unchanged pair is never linked twice.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from .corpus import Corpus, read_corpus, split_passages
from .errors import GazetteerError, Issue, error, warning
from .gazetteer import Gazetteer, load_gazetteer
from .linking import LINKER_VERSION, Linker
from .model import Mention, Passage
from .yamlsource import decode_text

__all__ = ["Index", "build_index", "open_index", "cache_dir", "IndexSource"]

CACHE_ENV = "CAUCASUSMAP_CACHE_DIR"
KEEP_CACHES = 8


def cache_dir() -> Path:
    """Where cached indexes live: ``$CAUCASUSMAP_CACHE_DIR`` or the
    platform's user cache directory."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("caucasusmap", appauthor=False))


@dataclass
class Index:
    """Queries over linked mentions. Counts are mention counts unless named
    otherwise. Build with :func:`build_index` or :func:`open_index`."""

    gazetteer: Gazetteer
    corpus: Corpus
    passages: dict[str, Passage]
    mentions: list[Mention]
    source: str = "built"  # "built" or "cache"
    place_passages: dict[str, dict[str, int]] = field(init=False, repr=False)
    passage_places: dict[str, dict[str, int]] = field(init=False, repr=False)
    document_places: dict[str, Counter] = field(init=False, repr=False)
    document_passages: dict[str, list[Passage]] = field(init=False, repr=False)
    passage_mentions: dict[str, list[Mention]] = field(init=False, repr=False)
    cooccurrence: Counter = field(init=False, repr=False)

    def __post_init__(self) -> None:
        place_passages: dict[str, dict[str, int]] = defaultdict(dict)
        passage_places: dict[str, dict[str, int]] = defaultdict(dict)
        document_places: dict[str, Counter] = defaultdict(Counter)
        passage_mentions: dict[str, list[Mention]] = defaultdict(list)
        for m in self.mentions:
            pp = place_passages[m.place]
            pp[m.passage] = pp.get(m.passage, 0) + 1
            qp = passage_places[m.passage]
            qp[m.place] = qp.get(m.place, 0) + 1
            document_places[m.document][m.place] += 1
            passage_mentions[m.passage].append(m)
        co: Counter = Counter()
        for places in passage_places.values():
            if len(places) > 1:
                co.update(combinations(sorted(places), 2))
        doc_passages: dict[str, list[Passage]] = defaultdict(list)
        for p in self.passages.values():
            doc_passages[p.document].append(p)
        self.place_passages = dict(place_passages)
        self.passage_places = dict(passage_places)
        self.document_places = dict(document_places)
        self.passage_mentions = dict(passage_mentions)
        self.document_passages = dict(doc_passages)
        self.cooccurrence = co

    # -- queries -------------------------------------------------------------
    def mention_count(self, place_id: str) -> int:
        """How many times the place is mentioned in the corpus."""
        return sum(self.place_passages.get(place_id, {}).values())

    def document_count(self, place_id: str) -> int:
        """In how many documents the place is mentioned."""
        return len({self.passages[p].document for p in self.place_passages.get(place_id, ())})

    def passages_for(self, place_ids: str | Iterable[str], mode: str = "any",
                     include_references: bool = True) -> list[tuple[Passage, int]]:
        """Passages mentioning the place(s) with the number of mentions of
        them, in corpus order. ``mode="all"`` keeps passages that mention every
        one of the places (co-occurrence), ``"any"`` those mentioning at least
        one."""
        ids = [place_ids] if isinstance(place_ids, str) else list(dict.fromkeys(place_ids))
        if mode not in ("any", "all"):
            raise ValueError(f"mode must be 'any' or 'all', not {mode!r}")
        if not ids:
            return []
        maps = [self.place_passages.get(i, {}) for i in ids]
        if mode == "all":
            keys = set(maps[0]).intersection(*maps[1:])
        else:
            keys = set().union(*maps)
        out = []
        for key in keys:
            p = self.passages[key]
            if p.is_reference and not include_references:
                continue
            out.append((p, sum(m.get(key, 0) for m in maps)))
        order = {d.id: i for i, d in enumerate(self.corpus.documents)}
        out.sort(key=lambda t: (order[t[0].document], t[0].number))
        return out

    def places_in(self, passage_id: str) -> dict[str, int]:
        """Places mentioned in a passage, with counts."""
        return dict(self.passage_places.get(passage_id, {}))

    def places_in_document(self, document_id: str) -> Counter:
        """Places mentioned in a document, with counts."""
        return Counter(self.document_places.get(document_id, Counter()))

    def mentions_in(self, passage_id: str) -> list[Mention]:
        """Mentions inside a passage, in text order."""
        return list(self.passage_mentions.get(passage_id, ()))

    def cooccurring(self, place_id: str) -> list[tuple[str, int]]:
        """Other places sharing a passage with ``place_id``: (place, number of
        shared passages), most frequent first."""
        out = []
        for (a, b), n in self.cooccurrence.items():
            if a == place_id:
                out.append((b, n))
            elif b == place_id:
                out.append((a, n))
        return sorted(out, key=lambda t: (-t[1], t[0]))

    def unmentioned_issues(self) -> list[Issue]:
        """A warning for each gazetteer place no passage mentions."""
        return [
            warning(self.gazetteer.path, p.line, 0, f"no passage of the corpus mentions {p.id!r} ({p.name})")
            for p in self.gazetteer.places if p.id not in self.place_passages
        ]


def build_index(gazetteer: Gazetteer, corpus: Corpus,
                progress: Callable[[int, int], None] | None = None) -> Index:
    """Split and link every document (no cache involved)."""
    linker = Linker(gazetteer.places)
    passages: dict[str, Passage] = {}
    mentions: list[Mention] = []
    total = len(corpus.documents)
    for i, doc in enumerate(corpus.documents):
        doc_passages = split_passages(doc)
        passages.update((p.id, p) for p in doc_passages)
        mentions.extend(linker.link(doc, doc_passages))
        if progress:
            progress(i + 1, total)
    return Index(gazetteer, corpus, passages, mentions)


# ---------------------------------------------------------------------------
# Cache

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE passages(id TEXT PRIMARY KEY, document TEXT, number INT, start INT, "end" INT,
                      kind TEXT, section TEXT, is_reference INT, footnote TEXT);
CREATE TABLE mentions(document TEXT, passage TEXT, start INT, "end" INT, place TEXT);
"""


def _cache_key(gazetteer_text: str, corpus: Corpus) -> str:
    h = hashlib.sha256()
    h.update(f"caucasusmap-index/{LINKER_VERSION}\0".encode())
    h.update(gazetteer_text.encode("utf-8", "surrogatepass"))
    h.update(b"\0" + corpus.fingerprint().encode())
    return h.hexdigest()[:32]


def _write_cache(path: Path, key: str, index: Index) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        try:
            con.executescript(_SCHEMA)
            con.execute("INSERT INTO meta VALUES ('key', ?)", (key,))
            con.executemany("INSERT INTO passages VALUES (?,?,?,?,?,?,?,?,?)", (
                (p.id, p.document, p.number, p.start, p.end, p.kind, p.section, int(p.is_reference), p.footnote)
                for p in index.passages.values()))
            con.executemany("INSERT INTO mentions VALUES (?,?,?,?,?)", (
                (m.document, m.passage, m.start, m.end, m.place) for m in index.mentions))
            con.commit()
        finally:
            con.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    # Keep the most recent few caches only.
    old = sorted(path.parent.glob("index-*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in old[KEEP_CACHES:]:
        stale.unlink(missing_ok=True)


def _read_cache(path: Path, key: str, gazetteer: Gazetteer, corpus: Corpus) -> Index | None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = con.execute("SELECT value FROM meta WHERE key='key'").fetchone()
        if not row or row[0] != key:
            return None
        passages = {
            r[0]: Passage(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7]), r[8])
            for r in con.execute('SELECT id, document, number, start, "end", kind, section, is_reference, footnote '
                                 "FROM passages ORDER BY rowid")
        }
        texts = {d.id: d.text for d in corpus.documents}
        mentions = [
            Mention(d, p, s, e, texts[d][s:e], place)
            for d, p, s, e, place in con.execute('SELECT document, passage, start, "end", place FROM mentions ORDER BY rowid')
        ]
    except (sqlite3.Error, KeyError):
        return None  # a damaged or foreign cache is simply rebuilt
    finally:
        con.close()
    try:
        os.utime(path)
    except OSError:
        pass
    return Index(gazetteer, corpus, passages, mentions, source="cache")


@dataclass(frozen=True)
class IndexSource:
    """Where an index came from, for messages and tests."""

    gazetteer: Path
    corpus: Path
    cache_file: Path | None


def open_index(gazetteer_path: str | Path, corpus_dir: str | Path, *, use_cache: bool = True,
               progress: Callable[[int, int], None] | None = None) -> Index:
    """Load the gazetteer (raising :class:`~caucasusmap.errors.GazetteerError`
    if it has errors) and the corpus, then return the linked index — from the
    cache when the same gazetteer and corpus were linked before."""
    gazetteer_path = Path(gazetteer_path)
    try:
        data = gazetteer_path.read_bytes()
    except OSError as exc:
        raise GazetteerError(gazetteer_path, [error(gazetteer_path, 0, 0, f"cannot read gazetteer: {exc.strerror or exc}")]) from None
    text, problem = decode_text(data, gazetteer_path)
    if problem:
        raise GazetteerError(gazetteer_path, [problem])
    gazetteer = load_gazetteer(gazetteer_path, text)
    corpus = read_corpus(corpus_dir)
    if not use_cache:
        return build_index(gazetteer, corpus, progress)
    key = _cache_key(text, corpus)
    path = cache_dir() / f"index-{key}.sqlite"
    if path.exists():
        cached = _read_cache(path, key, gazetteer, corpus)
        if cached is not None:
            return cached
    index = build_index(gazetteer, corpus, progress)
    try:
        _write_cache(path, key, index)
    except (OSError, sqlite3.Error):
        pass  # an unwritable cache only costs speed next time
    return index
