"""Read a corpus folder and split documents into passages.

Any folder of documents is a corpus: ``.txt``/``.md`` files, PDF, Word
(``.docx``), OpenDocument text, saved web pages (``.html``) and EPUB — each
read by its reader in :mod:`caucasusmap.readers`. ``corpus.yaml`` (optional)
gives metadata per file; without it the title, authors and date come from the
file's own metadata where it has some, else the title is its first heading,
and the id is its file name. Text files are decoded on their own (UTF-8 with
or without BOM, UTF-16 with BOM); a file that cannot be read (undecodable,
encrypted, damaged) is reported with its location and the others still load.
Empty and binary files and scans without text are skipped with a warning.

Passages are what a reader recognises: paragraphs, headings (which also label
the section of what follows), footnotes (``<sup>N</sup> …`` blocks) and list
items; the references/bibliography section is marked. Every passage keeps its
exact source span; :func:`display_text` turns a span into clean reading text
(lines joined, hyphenation undone, markup removed) together with the map from
display characters back to source offsets, so mentions can be highlighted.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import readers
from .errors import CorpusError, DocumentError, Issue, MissingLibraryError, error, warning
from .model import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH, Document, Passage
from .normalize import hyphen_breaks
from .readers.base import year_of
from .textdates import publication_date
from .yamlsource import YMap, YScalar, YSeq, decode_text, read_yaml

__all__ = ["Corpus", "read_corpus", "read_document", "split_passages", "passage_fields", "document_passage_fields",
           "display_text",
           "MANIFEST", "ANNOTATIONS_FILE", "document_suffixes"]

MANIFEST = "corpus.yaml"
ANNOTATIONS_FILE = "annotations.jsonl"
"""The user's review decisions beside the documents (see :mod:`caucasusmap.review`);
it and its backup are not documents."""
SIDE_FILES = (MANIFEST, ANNOTATIONS_FILE, ANNOTATIONS_FILE + ".bak")

REFERENCE_HEADINGS = re.compile(
    r"^(references?|bibliography|bibliografia|works cited|literature cited|literature|sources|"
    r"references and notes|notes and references|kaynakça|kaynaklar|ədəbiyyat|istifadə olunmuş ədəbiyyat|"
    r"библиография|литература|список литературы|منابع|فهرست منابع)$",
    re.IGNORECASE,
)
SECTION_WORDS = re.compile(
    r"^(abstract|öz|özet|introduction|conclusions?|discussion|results?|methods?|methodology|"
    r"background|summary|keywords|acknowledge?ments?|notes|footnotes|appendix|references?|bibliography|"
    r"kaynakça|giriş|sonuç)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Corpus:
    """Documents in a stable order plus the problems met reading them."""

    root: str
    documents: tuple[Document, ...]
    issues: tuple[Issue, ...] = ()
    manifest_text: str = ""
    by_id: dict[str, Document] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {d.id: d for d in self.documents})

    def fingerprint(self) -> str:
        """Hash of every document's id, path, text and structure (blocks and
        pages from its reader) plus the manifest."""
        h = hashlib.sha256()
        h.update(self.manifest_text.encode("utf-8", "surrogatepass"))
        for d in self.documents:
            structure = repr((d.format, d.blocks, d.pages, d.page_labels)) if d.blocks else ""
            for part in (d.id, d.path, d.title, d.text, structure):
                h.update(b"\0" + part.encode("utf-8", "surrogatepass"))
        return h.hexdigest()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "document"


MAX_HEADING_CHARS = 1000
"""A line longer than this is a paragraph, even if it starts like a heading."""


def _head_lines(text: str, n: int, width: int = MAX_HEADING_CHARS):
    """The first ``n`` lines of ``text``, each cut to ``width`` characters
    (no copy of the whole text: a title is looked for at its start)."""
    pos = 0
    for _ in range(n):
        if pos >= len(text):
            return
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        yield text[pos:min(end, pos + width)]
        pos = end + 1


def _first_heading(text: str, fallback: str, markup: bool = True) -> str:
    if not markup:  # extracted text: its first line is its first block
        return next((line.strip()[:200] for line in _head_lines(text, 50) if line.strip()), "") or fallback
    for line in _head_lines(text, 200):
        m = re.match(r"^\s{0,3}#{1,6}\s+(.*\S)", line)
        if m:
            title = _clean_inline(m.group(1)).strip(" :")
            if title:
                return title
    for line in _head_lines(text, 50):
        clean = _clean_inline(line).strip()
        if clean:
            return clean[:200]
    return fallback


def _clean_inline(text: str) -> str:
    return display_text(text, 0, len(text))[0]


_MANIFEST_TEXT_FIELDS = ("id", "file", "title", "venue", "doi", "url", "note")


def _read_manifest(root: Path, issues: list[Issue]) -> tuple[dict[str, dict], str]:
    path = root / MANIFEST
    if not path.exists():
        return {}, ""
    try:
        data = path.read_bytes()
    except OSError as exc:
        issues.append(error(path, 0, 0, f"cannot read manifest: {exc.strerror or exc}"))
        return {}, ""
    text, problem = decode_text(data, path)
    if problem:
        issues.append(problem)
        return {}, ""
    node, found = read_yaml(path, text)
    issues.extend(found)
    entries: dict[str, dict] = {}
    if node is None:
        return entries, text
    docs = node.items.get("documents") if isinstance(node, YMap) else None
    if not isinstance(docs, YSeq):
        issues.append(error(path, node.line, node.column, "the manifest must have a 'documents:' list"))
        return entries, text
    seen_ids: dict[str, int] = {}
    for item in docs.items:
        if not isinstance(item, YMap):
            issues.append(error(path, item.line, item.column, "each document must be a mapping with at least 'file'"))
            continue
        meta: dict = {"line": item.line}
        for key, value in item.items.items():
            kline, kcol = item.keys[key]
            if key in _MANIFEST_TEXT_FIELDS and isinstance(value, YScalar):
                meta[key] = value.value.strip()
            elif key == "year" and isinstance(value, YScalar):
                year = value.number()
                if year is None or year != int(year):
                    issues.append(error(path, value.line, value.column,
                                        f"year must be a whole number, got {value.value!r}"))
                else:
                    meta["year"] = int(year)
            elif key in ("authors", "languages") and isinstance(value, YSeq) \
                    and all(isinstance(v, YScalar) for v in value.items):
                meta[key] = tuple(v.value.strip() for v in value.items)
            elif key in _MANIFEST_TEXT_FIELDS + ("year", "authors", "languages"):
                issues.append(error(path, value.line, value.column, f"{key!r} has the wrong type"))
            else:
                issues.append(warning(path, kline, kcol, f"unknown key {key!r} (ignored)"))
        if "file" not in meta:
            issues.append(error(path, item.line, item.column, "document entry has no 'file'"))
            continue
        if "id" in meta:
            if meta["id"] in seen_ids:
                issues.append(error(path, item.line, item.column,
                                    f"duplicate document id {meta['id']!r} (also at line {seen_ids[meta['id']]})"))
                del meta["id"]
            else:
                seen_ids[meta["id"]] = item.line
        entries[meta["file"]] = meta
    return entries, text


def document_suffixes() -> tuple[str, ...]:
    """The file suffixes the corpus reads (from the reader registry)."""
    return readers.suffixes()


def _extract(reader: readers.Reader, path: Path, data: bytes, cache, prefetched=None) -> readers.Extraction:
    """Run ``reader`` on ``data``, through the extraction cache if it has one
    (and ``prefetched``: extractions made in parallel beforehand, by path)."""
    early = prefetched.pop(str(path), None) if prefetched else None
    if isinstance(early, DocumentError):
        raise early
    if not reader.cached or cache is None:
        return early if early is not None else reader.read(path, data)
    key = cache.key(reader, data)
    found = early if early is not None else cache.get(key)
    if found is not None:
        if early is not None:
            cache.put(key, found)
        return found
    result = reader.read(path, data)
    cache.put(key, result)
    return result


PARALLEL_MIN_FILES = 24
"""Extracting at least this many uncached non-text files uses a process pool
(starting a worker costs about a second; see docs/readers.md)."""


def _extract_path(job: tuple[str, str]) -> tuple[str, object]:
    """Worker: extract one file (by reader name and path) with no cache."""
    name, path = job
    reader = next(r for r in readers.READERS if r.name == name)
    try:
        too_big = over_size_limit(Path(path).stat().st_size)
        if too_big:
            return "error", (too_big, 0, 0, 0, False)
        data = Path(path).read_bytes()
        return "ok", _read_file(reader, Path(path), data, None)
    except OSError as exc:
        return "error", (f"cannot read: {exc.strerror or exc}", 0, 0, 0, False)
    except DocumentError as exc:
        return "error", (str(exc), exc.page, exc.line, exc.column, exc.skip)


def _prefetch(files: list[Path], cache, progress, workers: int | None) -> dict[str, object]:
    """Extract in parallel the files whose extraction is not cached yet, when
    there are enough of them; returns extractions (or errors) by path."""
    jobs = []
    for path in files:
        reader = readers.reader_for(path)
        if reader is None or not reader.cached or reader.missing() or not reader.read.__module__.startswith(
                "caucasusmap.readers."):
            continue  # (readers registered at run time do not exist in a fresh worker process)
        try:
            if over_size_limit(path.stat().st_size):
                continue  # never read: the serial pass reports it
        except OSError:
            continue
        if cache is not None:
            try:
                key = cache.key(reader, path.read_bytes())
            except OSError:
                continue
            if cache.has(key):
                continue
        jobs.append((reader.name, str(path)))
    workers = workers if workers is not None else min(os.cpu_count() or 1, 8, len(jobs))
    if len(jobs) < PARALLEL_MIN_FILES or workers < 2:
        return {}
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    out: dict[str, object] = {}
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            for done, ((_, path), (status, value)) in enumerate(zip(jobs, pool.map(_extract_path, jobs)), 1):
                if status == "ok":
                    out[path] = value
                else:
                    message, page, line, column, skip = value
                    out[path] = DocumentError(message, page=page, line=line, column=column, skip=skip)
                if progress:
                    progress(done, len(jobs) + len(files))
    except (BrokenProcessPool, OSError, RuntimeError):
        # No worker processes here (e.g. a script without a __main__ guard):
        # the files not done yet are extracted one by one instead.
        pass
    return out


def _read_file(reader: readers.Reader, path: Path, data: bytes, cache, prefetched=None) -> readers.Extraction:
    """Extract one file, turning every way it can fail into a
    :class:`DocumentError` (``skip`` for files that are merely not usable)."""
    if not data or data.isspace():  # (no stripped copy of the whole file)
        raise DocumentError("skipped: the file is empty", skip=True)
    if reader.length is not None and len(data) > MAX_DOCUMENT_CHARS:
        too_long = over_length_limit(reader.length(data) or 0)
        if too_long:  # refused before it is decoded
            raise DocumentError(too_long)
    try:
        reader.require()
        found = _extract(reader, path, data, cache, prefetched)
    except MissingLibraryError as exc:
        raise DocumentError(str(exc)) from None
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001  a library failing on one hostile file must not stop the corpus
        raise DocumentError(f"cannot read this {reader.label} file: "
                            f"{type(exc).__name__}: {str(exc)[:200] or 'no detail'}") from None
    if not found.text or found.text.isspace():
        raise DocumentError(f"skipped: no text found in this {reader.label} file", skip=True)
    return found


def found_date(reader: readers.Reader | None, found: readers.Extraction) -> tuple[str, str]:
    """The file's date and where it came from: a web page's or EPUB's own
    metadata first; else the publication date the text states at its top
    (:func:`~caucasusmap.textdates.publication_date`), before a PDF's, Word or
    ODT file's date, which is when the file was made."""
    if found.date and reader is not None and reader.publication_date:
        return found.date, "metadata"
    stated = publication_date(found.text)
    if stated is not None:
        return stated.date, f"text, line {stated.line}"
    return (found.date, "metadata") if found.date else ("", "")


def found_metadata(path: Path, found: readers.Extraction, reader: readers.Reader | None = None) -> dict:
    """What a file says about itself (title — its first heading if it has no
    title —, authors, date and where the date comes from, address, pages,
    warnings) as JSON-able data: what the index store keeps so that a document
    can be described without reading it again."""
    date, source = found_date(reader, found)
    return {
        "title": found.title or _first_heading(found.text, path.stem, markup=not found.blocks),
        "authors": list(found.authors), "date": date, "date_source": source, "url": found.url,
        "pages": [list(p) for p in found.pages], "page_labels": list(found.page_labels),
        "warnings": list(found.warnings),
    }


def document_fields(doc_id: str, path: Path, reader_name: str, found: dict, meta: dict) -> dict:
    """The :class:`Document` fields other than ``text`` and ``blocks`` from
    :func:`found_metadata` and the manifest's ``meta`` (which wins over the
    file's own metadata)."""
    meta = dict(meta)
    if found.get("url") and not meta.get("url"):
        meta["url"] = found["url"]
    extra = tuple((k, meta[k]) for k in ("doi", "url", "note") if meta.get(k))
    date = found.get("date", "")
    source = found.get("date_source", "metadata" if date else "")
    year = meta.get("year") or year_of(date)
    if meta.get("year") and year_of(date) != meta["year"]:
        date, source = str(meta["year"]), "manifest"
    return dict(
        id=doc_id, path=str(path), title=meta.get("title") or found.get("title") or path.stem,
        authors=meta.get("authors") or tuple(found.get("authors", ())), year=year, venue=meta.get("venue", ""),
        languages=meta.get("languages", ()), extra=extra, date=date or (str(year) if year else ""),
        date_source=source if date else ("manifest" if year else ""), format=reader_name,
        pages=tuple(tuple(p) for p in found.get("pages", ())), page_labels=tuple(found.get("page_labels", ())),
    )


def _document(doc_id: str, path: Path, reader: readers.Reader, found: readers.Extraction, meta: dict) -> Document:
    """A :class:`Document` from an extraction; the manifest's ``meta`` wins
    over the file's own metadata."""
    return Document(text=found.text, blocks=found.blocks,
                    **document_fields(doc_id, path, reader.name, found_metadata(path, found, reader), meta))


def not_a_document(path: Path) -> Issue:
    """The warning for a corpus file no reader takes."""
    return warning(path, 0, 0, f"skipped: not a document format caucasusmap reads "
                   f"({path.suffix or 'no extension'}); it reads {', '.join(document_suffixes())}")


def document_id(root: Path, path: Path, meta: dict, used_ids: set[str]) -> str:
    """The id of the corpus file ``path``: the manifest's, else made from its
    name (its path inside ``root`` when in a subfolder), made unique against
    ``used_ids`` (which it is added to)."""
    rel = path.relative_to(root).as_posix()
    doc_id = meta.get("id") or _slug(path.stem if path.parent == root else rel.rsplit(".", 1)[0])
    base, n = doc_id, 2
    while doc_id in used_ids:
        doc_id, n = f"{base}-{n}", n + 1
    used_ids.add(doc_id)
    return doc_id


def read_manifest(root: Path) -> tuple[dict[str, dict], str, list[Issue]]:
    """The manifest of corpus folder ``root``: metadata by relative file
    path, its text, and its problems."""
    issues: list[Issue] = []
    entries, text = _read_manifest(root, issues)
    return entries, text, issues


def read_document(path: str | Path, *, cache: bool | object = True) -> tuple[Document, list[str]]:
    """Read one file on its own (not through a corpus folder): the document
    and the reader's warnings. Raises :class:`DocumentError` if no reader
    takes the file or it cannot be read."""
    path = Path(path)
    reader = readers.reader_for(path)
    if reader is None:
        raise DocumentError(f"not a document format caucasusmap reads ({path.suffix or 'no extension'}); "
                            f"it reads {', '.join(document_suffixes())}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read: {exc.strerror or exc}") from None
    found = _read_file(reader, path, data, _cache(cache))
    return _document(_slug(path.stem), path, reader, found, {}), list(found.warnings)


def _cache(cache):
    if cache is True:
        from .readers.cache import ExtractionCache

        return ExtractionCache.default()
    return None if cache is False else cache


#: One document's limits: bytes read, and characters of text linked (memory
#: while linking grows with the text, about 40 bytes a character at peak).
MAX_DOCUMENT_BYTES = 256 * 2**20
MAX_DOCUMENT_CHARS = 64 * 2**20


def over_size_limit(size: int) -> str | None:
    """Why a file of ``size`` bytes is not read (None: it is within the limit)."""
    if size > MAX_DOCUMENT_BYTES:
        return (f"skipped: {size / 2**20:.0f} MiB is over the limit of {MAX_DOCUMENT_BYTES / 2**20:.0f} MiB "
                "per document; split it into parts")
    return None


def over_length_limit(chars: int) -> str | None:
    """Why a text of ``chars`` characters is not linked (None: within the limit)."""
    if chars > MAX_DOCUMENT_CHARS:
        return (f"skipped: {chars:,} characters of text is over the limit of {MAX_DOCUMENT_CHARS:,} per "
                "document; split it into parts")
    return None


def corpus_files(root: Path, issues: list[Issue]) -> list[Path]:
    """Every file under ``root``, sorted, walked without recursion (no depth
    limit). Hidden names are left out. A symbolic link is followed only when
    it points inside ``root`` (a link to ``/etc/passwd`` never becomes a
    document); one pointing outside, a broken link, a FIFO or device, and a
    folder that cannot be read are each reported as a warning, never skipped
    silently."""
    top = Path(os.path.realpath(root))
    found: dict[Path, Path] = {}  # real path -> the path it was found under
    seen_dirs = {top}
    stack = [(root, top)]  # (path, its real path): kept along, so no walk re-resolves every level
    while stack:
        folder, folder_real = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            issues.append(warning(folder, 0, 0, f"skipped folder: cannot read it ({exc.strerror or exc})"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                if entry.is_symlink():
                    real = Path(os.path.realpath(path))
                    if not real.exists():
                        issues.append(warning(path, 0, 0, "skipped: a broken symbolic link"))
                        continue
                    if not real.is_relative_to(top):
                        issues.append(warning(path, 0, 0, f"skipped: a symbolic link to {real}, outside the corpus "
                                              "folder (links are followed only inside it; copy the file in)"))
                        continue
                    is_dir, is_file = real.is_dir(), real.is_file()
                else:
                    real = folder_real / entry.name
                    is_dir, is_file = entry.is_dir(follow_symlinks=False), entry.is_file(follow_symlinks=False)
                if is_dir:
                    if real not in seen_dirs:  # a link back up would loop
                        seen_dirs.add(real)
                        stack.append((path, real))
                elif is_file:
                    if real in found:
                        issues.append(warning(path, 0, 0, f"skipped: the same file as {found[real]}"))
                    else:
                        found[real] = path
                else:
                    issues.append(warning(path, 0, 0, "skipped: not a regular file (a FIFO, socket or device)"))
            except OSError as exc:
                issues.append(warning(path, 0, 0, f"skipped: {exc.strerror or exc}"))
    return sorted(found.values())


def document_files(root: Path, issues: list[Issue]) -> list[Path]:
    """The files of the corpus folder ``root`` that may be documents, in
    corpus order: :func:`corpus_files` without the manifest and the other
    side files."""
    root = Path(root)
    # The side files lie at the top (SIDE_FILES are bare names): no relative path made per file.
    return [p for p in corpus_files(root, issues) if p.name not in SIDE_FILES or p.parent != root]


def read_corpus(root: str | Path, *, cache: bool | object = True,
                progress: Callable[[int, int], None] | None = None, workers: int | None = None) -> Corpus:
    """Read every document under ``root`` (recursively, sorted) that a
    registered reader takes (:func:`document_suffixes`).

    Extractions of non-text files (PDF, DOCX, HTML …) are kept in the
    extraction cache keyed on the file's content, so reopening a corpus does
    not extract them again; ``cache=False`` bypasses it (an
    :class:`~caucasusmap.readers.cache.ExtractionCache` may be given instead).
    ``progress(done, total)`` is called after each file. Many uncached files
    are extracted in parallel, one process per core (``workers`` overrides;
    1 extracts in this process).

    Raises :class:`CorpusError` only if the folder itself is unusable; problems
    with single files are returned in ``Corpus.issues``."""
    root = Path(root)
    if not root.exists():
        raise CorpusError(f"{root}: corpus folder does not exist")
    if not root.is_dir():
        raise CorpusError(f"{root}: the corpus must be a folder of documents ({', '.join(document_suffixes())})")
    cache = _cache(cache)
    issues: list[Issue] = []
    manifest, manifest_text = _read_manifest(root, issues)
    documents: list[Document] = []
    used_ids: set[str] = set()
    files = document_files(root, issues)
    prefetched = _prefetch(files, cache, progress, workers)
    offset = len(prefetched)
    if prefetched and progress:
        progress(offset, offset + len(files))
    for done, path in enumerate(files, 1):
        rel = path.relative_to(root).as_posix()
        if progress:
            progress(offset + done - 1, offset + len(files))
        reader = readers.reader_for(path)
        if reader is None:
            issues.append(not_a_document(path))
            continue
        try:
            too_big = over_size_limit(path.stat().st_size)
            if too_big:
                issues.append(error(path, 0, 0, too_big))
                continue
            data = path.read_bytes()
        except OSError as exc:
            issues.append(error(path, 0, 0, f"cannot read: {exc.strerror or exc}"))
            continue
        try:
            found = _read_file(reader, path, data, cache, prefetched)
            too_long = over_length_limit(len(found.text))
            if too_long:
                issues.append(error(path, 0, 0, too_long))
                continue
        except DocumentError as exc:
            where = f"page {exc.page}: " if exc.page else ""
            make = warning if exc.skip else error
            issues.append(make(path, exc.line, exc.column, where + str(exc)))
            continue
        issues.extend(warning(path, 0, 0, w) for w in found.warnings)
        meta = manifest.pop(rel, {})
        doc_id = document_id(root, path, meta, used_ids)
        documents.append(_document(doc_id, path, reader, found, meta))
    if cache is not None and hasattr(cache, "commit"):
        cache.commit()
    if progress:
        progress(offset + len(files), offset + len(files))
    for rel, meta in manifest.items():
        issues.append(warning(root / MANIFEST, meta["line"], 0,
                              f"the manifest lists {rel!r}, which is not in the corpus"))
    if not documents:
        detail = "; ".join(str(i) for i in issues if i.is_error)[:500]
        raise CorpusError(f"{root}: no readable document" + (f" ({detail})" if detail else ""))
    return Corpus(str(root), tuple(documents), tuple(issues), manifest_text)


# ---------------------------------------------------------------------------
# Passages

_BLOCK_SEP = re.compile(r"\n[ \t]*(?:\r?\n[ \t]*)+")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", re.DOTALL)
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?!\s)(.+?)(?<!\s)\1\s*:?\s*$", re.DOTALL)
_FOOTNOTE = re.compile(r"^\s*(?:<sup>\s*(\w{1,4})\s*</sup>|\[\^(\w{1,8})\]:)")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+\S", re.MULTILINE)


def _heading(block: str) -> tuple[int, str] | None:
    """(level, label) if the block is a heading; ``level`` 1–6 for ``#``
    headings, 7 for a bold or plain section line."""
    stripped = block.strip()
    if len(stripped) > MAX_HEADING_CHARS:
        return None  # (the patterns below would backtrack over the whole line: 0.5 GB for 10 M characters)
    if "\n" in stripped:
        return None
    first = stripped[:1]
    if first not in "#*_" and len(stripped) > 60:
        return None  # fast path: a long plain line is a paragraph
    m = _ATX.match(block)
    if m:
        return len(m.group(1)), _clean_inline(m.group(2)).strip().rstrip(":").strip()
    m = _BOLD_LINE.match(block)
    if m and len(m.group(2)) <= 160 and not re.search(r"[.;,]\s*$", m.group(2)):
        label = _clean_inline(m.group(2)).strip().rstrip(":").strip()
        if label and not re.fullmatch(r"[\d.\s/-]+", label):
            return 7, label
    stripped = block.strip().rstrip(":").strip()
    if SECTION_WORDS.match(stripped) or REFERENCE_HEADINGS.match(stripped):
        return 7, stripped
    return None


def passage_fields(text: str) -> list[tuple[int, int, str, str, bool, str]]:
    """The passages of ``text`` as ``(start, end, kind, section,
    is_reference, footnote)`` tuples in order — the fast core of
    :func:`split_passages`, also used when indexing large corpora."""
    out: list[tuple[int, int, str, str, bool, str]] = []
    section = ""
    ref_level: int | None = None
    # Blocks are the stretches between blank lines.
    bounds = []
    pos = 0
    for m in _BLOCK_SEP.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))

    def add(start: int, end: int, kind: str, footnote: str = "") -> None:
        # Trim whitespace so the span is exactly the passage's text.
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            return
        start += len(chunk) - len(chunk.lstrip())
        out.append((start, start + len(stripped), kind, section, ref_level is not None, footnote))

    for start, end in bounds:
        block = text[start:end]
        lead = block.lstrip()[:1]
        if not lead or (lead in "-*_" and _RULE.match(block)):
            continue
        # A '#' heading directly followed by text (no blank line) is split off.
        bounds_rest = None
        if lead == "#":
            first_nl = block.find("\n", len(block) - len(block.lstrip()))
            if first_nl != -1 and _ATX.match(block[:first_nl]) and block[first_nl:].strip():
                bounds_rest = (start + first_nl + 1, end)
                block, end = block[:first_nl], start + first_nl
        head = _heading(block)
        if head is not None:
            level, label = head
            if ref_level is not None and level <= ref_level:
                ref_level = None
            if REFERENCE_HEADINGS.match(label):
                ref_level = level
            section = label
            add(start, end, HEADING)
            if bounds_rest:
                add(*bounds_rest, PARAGRAPH)
            continue
        fm = _FOOTNOTE.match(block) if lead in "<[" else None
        if fm:
            add(start, end, FOOTNOTE, fm.group(1) or fm.group(2))
            continue
        items = list(_LIST_ITEM.finditer(block)) if lead in "-*+0123456789" else None
        if items and not block[: items[0].start()].strip():
            cuts = [m.start() for m in items] + [len(block)]
            for a, b in zip(cuts, cuts[1:]):
                add(start + a, start + b, LIST_ITEM)
            continue
        add(start, end, PARAGRAPH)
        if bounds_rest:
            add(*bounds_rest, PARAGRAPH)
    return out


def block_fields(text: str, blocks) -> list[tuple[int, int, str, str, bool, str, int | None]]:
    """Passage fields for an extracted document whose reader gave its
    ``blocks``: sections and the references section are found the same way as
    in :func:`passage_fields` (a short paragraph that is a known section word,
    such as "References", is a heading too)."""
    out: list[tuple[int, int, str, str, bool, str, int | None]] = []
    section = ""
    ref_level: int | None = None
    for b in blocks:
        kind, level = b.kind, b.level or 7
        label = ""
        if kind == HEADING:
            label = text[b.start:b.end].strip().rstrip(":").strip()
        elif kind == PARAGRAPH and b.end - b.start <= 60:
            head = text[b.start:b.end].strip().rstrip(":").strip()
            if SECTION_WORDS.match(head) or REFERENCE_HEADINGS.match(head):
                kind, label, level = HEADING, head, 7
        if kind == HEADING:
            if ref_level is not None and level <= ref_level:
                ref_level = None
            if REFERENCE_HEADINGS.match(label):
                ref_level = level
            section = label
        out.append((b.start, b.end, kind, section, ref_level is not None, b.footnote, b.page or None))
    return out


def document_passage_fields(doc: Document) -> list[tuple[int, int, str, str, bool, str, int | None]]:
    """The passages of ``doc`` as ``(start, end, kind, section, is_reference,
    footnote, page)`` tuples: from its reader's blocks where it has them,
    else by splitting its text (:func:`passage_fields`)."""
    if doc.blocks:
        return block_fields(doc.text, doc.blocks)
    return [(*f, None) for f in passage_fields(doc.text)]


def split_passages(doc: Document) -> list[Passage]:
    """Split a document into passages (see the module docstring)."""
    return [
        Passage(f"{doc.id}#{n}", doc.id, n, start, end, kind, section, ref, foot, page)
        for n, (start, end, kind, section, ref, foot, page) in enumerate(document_passage_fields(doc), 1)
    ]


# ---------------------------------------------------------------------------
# Display text

_SUPERSCRIPT = str.maketrans("0123456789+-=()*abcdefghijklmnoprstuvwxyz",
                             "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾*ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ")
_MARKUP = re.compile(
    # Every branch starts with one of these characters: the lookahead lets the
    # matcher skip plain text at once (5x faster than trying each branch at
    # each position; display_text runs over every passage for search and
    # unlinked names).
    r"""(?xs)(?=[<^!\[\\&*_ \t\r\n\#>+\-])(?:
      (?P<sup><sup>\s*(?P<supt>.*?)\s*</sup>|\^\{(?P<supb>[^}]{0,12})\})
    | (?P<img>!\[[^\]]*\]\([^)]*\))
    | (?P<link>\[(?P<linkt>[^\]\n]+)\]\((?P<linku>[^)\s]*)\))
    | (?P<auto><(?P<autou>[a-z][a-z0-9+.-]*:[^>\s]+)>)
    | (?P<esc>\\(?P<escc>[\\`*_{}\[\]()#+\-.!|<>~"']))
    | (?P<ent>&(?:[a-zA-Z]{2,8}|\#\d{1,6}|\#x[0-9a-fA-F]{1,6});)
    | (?P<tag></?(?:sup|sub|br|span|div|p|em|strong|i|b|u)\b[^>]{0,80}>)
    | (?P<emph>(?<![\w\\])\*{1,3}(?=\S)|(?<=\S)\*{1,3}(?!\w)|(?<![\w\\])_{1,3}(?=\S)|(?<=\S)_{1,3}(?!\w))
    | (?P<lead>(?m:^[ \t]*(?:\#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)))
    | (?P<ws>[ \t]*\r?\n[ \t]*|[ \t]{2,})
    )"""
)


_SPACE_RUNS = re.compile(" {2,}")


def display_text(text: str, start: int, end: int, *, markup: bool = True) -> tuple[str, list[int]]:
    """Clean reading text for ``text[start:end]`` and, for each of its
    characters, the source offset it came from.

    ``markup=False`` is for extracted text (PDF, Word, HTML …; see
    :attr:`Document.markup`), which has no markup and whose blocks are one
    line each: the span is returned as it is.

    Lines are joined with single spaces, words hyphenated across a line break
    rejoined, and markdown/HTML markup (``**``, ``*``, ``<sup>``, ``\\``
    escapes, links, headings' ``#``) removed; footnote markers become
    superscript digits. Offsets are absolute (into ``text``)."""
    if not markup:
        return text[start:end], list(range(start, end))
    out: list[str] = []
    origin: list[int] = []

    def emit(s: str, src: int) -> None:
        out.append(s)
        origin.extend([src] * len(s))

    def copy(a: int, b: int) -> None:
        out.append(text[a:b])
        origin.extend(range(a, b))

    breaks = {s: (e, join) for s, e, join in hyphen_breaks(text[start:end])}
    pos = start
    for m in _MARKUP.finditer(text, start, end):
        a, b = m.start(), m.end()
        # A hyphen + line break is handled before the generic whitespace rule.
        if m.lastgroup == "ws" and a > start and text[a - 1] == "-" and (a - 1 - start) in breaks:
            if a - 1 > pos:
                copy(pos, a - 1)
            _, join = breaks[a - 1 - start]
            if not join:
                copy(a - 1, a)
            pos = b
            continue
        if a > pos:
            copy(pos, a)
        kind = m.lastgroup
        if kind == "sup":
            label = (m.group("supt") or m.group("supb") or "").strip()
            emit(re.sub(r"<[^>]*>", "", label).translate(_SUPERSCRIPT), a)
        elif kind == "link":
            ls = m.start("linkt")
            sub, sub_origin = display_text(text, ls, m.end("linkt"))
            out.append(sub)
            origin.extend(sub_origin)
        elif kind == "auto":
            copy(m.start("autou"), m.end("autou"))
        elif kind == "esc":
            copy(m.start("escc"), m.end("escc"))
        elif kind == "ent":
            emit(html.unescape(m.group()), a)
        elif kind == "ws" and out and not "".join(out[-1:]).endswith(" ") and b < end:
            emit(" ", a)
        # img, tag, emph, lead: dropped
        pos = b
    if pos < end:
        copy(pos, end)
    # Collapse double spaces (left where dropped markup sat between spaces)
    # and trim, keeping the map aligned. Rare, so only then walk the string.
    s = "".join(out)
    if "  " in s or s.startswith(" ") or s.endswith(" "):
        drop = {m.start() + k for m in _SPACE_RUNS.finditer(s) for k in range(1, m.end() - m.start())}
        if s.startswith(" "):
            drop.add(0)
        stripped = len(s.rstrip(" "))
        drop.update(range(stripped, len(s)))
        keep = [i for i in range(len(s)) if i not in drop]
        s = "".join(s[i] for i in keep)
        origin = [origin[i] for i in keep]
    return s, origin


def display_span(origin: list[int], start: int, end: int) -> tuple[int, int]:
    """The display range covering source span ``[start, end)``."""
    a = bisect_left(origin, start)
    b = bisect_left(origin, end)
    return a, max(a, b)
