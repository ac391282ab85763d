"""Command-line front end over the core (no Qt imported).

Every command takes ``--gazetteer PATH`` (a file or a folder) and ``--corpus DIR`` (defaulting to
the bundled ones). Bad input never produces a traceback: problems are printed
``file:line:col: error: message`` and the exit status says what happened
(0 ok, 1 validation found errors, 2 a command could not run).
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from ..commonwords import common_word_issues
from ..corpus import display_span, display_text, read_corpus
from ..errors import CaucasusmapError, DocumentError, GazetteerError, Issue, UnknownPlaceError, error
from ..gazetteer import validate_gazetteer
from ..index import Index, open_index
from ..model import KINDS, Mention
from ..naming import DEFAULT_NAMING, NAMINGS, TEXT, display_names
from ..normalize import fold_phrase
from ..paths import default_annotations, default_corpus, default_gazetteer
from ..pointsource import unsourced_counts, unsourced_issues
from ..reference import geonames_id
from ..sanitize import csv_writer, json_text, terminal_text
from ..session import Session, view_from_options
from .output import SafeStream, guarded_output
from .review import STATUS_CHOICES
from .review import add_parser as add_review_parser

# -- output helpers -----------------------------------------------------------

class Style:
    """ANSI styling, on only for a terminal (or ``--color always``)."""

    def __init__(self, mode: str, stream) -> None:
        if mode == "auto":
            on = hasattr(stream, "isatty") and stream.isatty() and not os.environ.get("NO_COLOR") \
                and os.environ.get("TERM") != "dumb"
        else:
            on = mode == "always"
        self.on = on
        if on and isinstance(stream, SafeStream):
            stream.colour = True  # let our own colour codes through, and only them

    def _wrap(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.on else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    def mark(self, text: str) -> str:
        return self._wrap("1;30;43", text) if self.on else f"[{text}]"


def _table(rows: list[list[str]], headers: list[str], right: set[int]) -> str:
    # A cell is one line, whatever a name or title holds.
    rows = [[terminal_text(str(c), one_line=True) for c in r] for r in rows]
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def fmt(row):
        cells = [str(c).rjust(w) if i in right else str(c).ljust(w) for i, (c, w) in enumerate(zip(row, widths))]
        return "  ".join(cells).rstrip()

    return "\n".join([fmt(headers), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows)])


def _report(issues: Sequence[Issue], stream=None) -> None:
    stream = stream or sys.stderr
    for issue in issues:
        print(_issue_line(issue), file=stream)


def _issue_line(issue: Issue) -> str:
    """A problem as one line: a file name or message holding a newline cannot
    forge another report line."""
    return terminal_text(str(issue), one_line=True)


def _reference(args):
    """The reference gazetteer the command links with (``--no-reference``: none)."""
    from ..index import default_reference

    return None if getattr(args, "no_reference", False) else default_reference()


def _load(args) -> Index:
    index = open_index(args.gazetteer, args.corpus, use_cache=not args.no_cache, reference=_reference(args))
    problems = [i for i in index.corpus.issues]
    if problems:
        _report(problems)
    warnings = len(index.gazetteer.issues)
    if warnings and not getattr(args, "quiet_warnings", False):
        print(f"caucasusmap: the gazetteer has {warnings} warning(s); "
              f"run 'caucasusmap validate' to see them", file=sys.stderr)
    if index.review is not None and index.review.issues:
        errors = [i for i in index.review.issues if i.is_error]
        _report(errors)
        others = len(index.review.issues) - len(errors)
        if others:
            print(f"caucasusmap: {others} review decision(s) in {index.review.path} do not apply "
                  "(orphaned or stale); run 'caucasusmap validate' to see them", file=sys.stderr)
    return index


def _names(args, index: Index) -> dict[str, str]:
    """Place id -> the name to show under ``--naming``."""
    naming = getattr(args, "naming", DEFAULT_NAMING)
    text = index.text_names() if naming == TEXT else None
    return display_names(index.gazetteer.places, naming, text)


# -- commands ------------------------------------------------------------------

def cmd_places(args) -> int:
    index = _load(args)
    places = list(index.gazetteer.places)
    distances: dict[str, float] = {}
    if args.near or args.inside:
        from ..spatial import inside, near

        (anchor,) = _resolve_places(index, [args.near or args.inside])
        anchor_place = index.gazetteer.by_id[anchor]
        if args.near:
            found = near(places, anchor_place, args.km if args.km is not None else 50.0)
        else:
            found = inside(places, anchor_place, args.km or 0.0)
        distances = {p.id: km for p, km in found}
        places = [p for p in places if p.id in distances]
    if args.kind:
        places = [p for p in places if p.kind == args.kind]
    shown = _names(args, index)
    # Counts in the view the options describe (documents, references), as the app's list shows them.
    view = _session(args, index).view_rows()
    places = [p for p in places if view.place_mask[index.place_position(p.id)]]
    rows = [(p, int(view.mentions[k]), int(view.documents[k]))
            for p, k in ((p, index.place_position(p.id)) for p in places)]
    if args.mentioned:
        rows = [r for r in rows if r[1]]
    elif args.unmentioned:
        rows = [r for r in rows if not r[1]]
    key = {
        "mentions": lambda r: (-r[1], shown[r[0].id].casefold()),
        "name": lambda r: shown[r[0].id].casefold(),
        "id": lambda r: r[0].id,
        "kind": lambda r: (r[0].kind, shown[r[0].id].casefold()),
        "file": lambda r: (index.gazetteer.files.index(r[0].file) if r[0].file in index.gazetteer.files else 0,
                           r[0].line),
    }[args.sort]
    if distances and args.sort == "mentions":
        key = lambda r: (distances[r[0].id], shown[r[0].id].casefold())  # noqa: E731  nearest first
    rows.sort(key=key)
    if args.format == "table" and distances:
        print(_table([[p.id, shown[p.id], p.kind, n, d, f"{distances[p.id]:.1f}"] for p, n, d in rows],
                     ["id", "name", "kind", "mentions", "documents", "km"], {3, 4, 5}))
    elif args.format == "table":
        n_ref = sum(1 for r in rows if r[0].from_reference)
        if n_ref:  # an origin column only when the list has reference places
            print(_table([[p.id, shown[p.id], p.kind, p.origin, n, d] for p, n, d in rows],
                         ["id", "name", "kind", "origin", "mentions", "documents"], {4, 5}))
        else:
            print(_table([[p.id, shown[p.id], p.kind, n, d] for p, n, d in rows],
                         ["id", "name", "kind", "mentions", "documents"], {3, 4}))
        mentioned = sum(1 for r in rows if r[1])
        print(f"\n{len(rows)} places, {mentioned} mentioned in the corpus "
              f"({len(index.corpus.documents)} documents, {len(index.table)} mentions)"
              + (f"; {n_ref} places from the reference gazetteer" if n_ref else ""), file=sys.stderr)
    else:
        fields = ["id", "name", "kind", "mentions", "documents", "lat", "lon", "aliases", "file", "origin", "geonames"]
        records = [dict(id=p.id, name=shown[p.id], kind=p.kind, mentions=n, documents=d, lat=p.lat, lon=p.lon,
                        aliases=list(p.aliases), file=f"{Path(p.file).name}:{p.line}" if p.file else "",
                        origin=p.origin, geonames=geonames_id(p) or "",
                        **({"km": round(distances[p.id], 3)} if distances else {}))
                   for p, n, d in rows]
        if distances:
            fields.append("km")
        _write_records(records, fields, args.format)
    return 0


class _RecordWriter:
    """Writes records one at a time as JSON Lines or CSV (formula injection
    neutralised, as :func:`_write_records`)."""

    def __init__(self, fields: list[str], fmt: str):
        self.fmt, self.fields = fmt, fields
        if fmt != "jsonl":
            self.csv = csv_writer(sys.stdout)  # formula injection neutralised (OWASP)
            self.csv.writerow(fields)

    def write(self, r: dict) -> None:
        if self.fmt == "jsonl":
            sys.stdout.write(json_text(json.dumps(r, ensure_ascii=False)) + "\n")
        else:
            self.csv.writerow(["|".join(v) if isinstance(v, list) else v for v in (r.get(k, "") for k in self.fields)])


def _write_records(records: list[dict], fields: list[str], fmt: str) -> None:
    writer = _RecordWriter(fields, fmt)
    for r in records:
        writer.write(r)


def _resolve_places(index: Index, queries: list[str]) -> list[str]:
    ids = []
    for q in queries:
        found = index.gazetteer.find(q)
        if not found:
            names = {fold_phrase(n): p.id for p in index.gazetteer.places for n in (p.id, *p.names)}
            close = difflib.get_close_matches(fold_phrase(q), list(names), n=3, cutoff=0.7)
            hint = f"; did you mean {', '.join(repr(names[c]) for c in close)}?" if close else \
                "; 'caucasusmap places' lists them"
            raise UnknownPlaceError(f"no place has the id, name or alias {q!r}{hint}")
        if len(found) > 1:
            raise UnknownPlaceError(f"{q!r} names several places: {', '.join(p.id for p in found)}; give an id")
        ids.append(found[0].id)
    return ids


def _session(args, index: Index, **more) -> Session:
    """The view the command's options describe, in the same model the app
    uses (session.Session), so both show the same thing for the same view."""
    place_filter = getattr(args, "place_filter", None)
    statuses = getattr(args, "status", None)
    if statuses:  # rejected mentions are in no view (cmd_mentions lists them apart)
        if "rejected" in statuses and getattr(args, "command", None) != "mentions":
            from ..maps import ViewError

            raise ViewError("rejected mentions are in no view; 'caucasusmap mentions --status rejected' lists them")
        more.setdefault("statuses", tuple(s for s in statuses if s != "rejected"))
    return view_from_options(
        index, documents=getattr(args, "document", None) or None,
        places=_resolve_places(index, place_filter) if place_filter else None,
        hide_references=getattr(args, "hide_references", False), mode=getattr(args, "mode", "all"),
        naming=getattr(args, "naming", DEFAULT_NAMING),
        origins=(args.origin,) if getattr(args, "origin", None) else None, **more)


class _Lines:
    """Line numbers of offsets in one document at a time (the newlines are
    found once per document, not once per passage)."""

    def __init__(self):
        self._doc = None
        self._starts = None

    def line(self, doc, offset: int) -> int:
        if self._doc is not doc.id:
            import numpy as np

            codes = np.frombuffer(doc.text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            self._starts, self._doc = np.flatnonzero(codes == 10), doc.id
        return int(self._starts.searchsorted(offset)) + 1


def cmd_passages(args) -> int:
    import numpy as np

    index = _load(args)
    ids = _resolve_places(index, args.place)
    style = Style(args.color, sys.stdout)
    session = _session(args, index, select=ids)
    rows, counts = session.view_rows().passage_rows(ids, session.selection.current.mode)
    docs = index.corpus.by_id
    shown = _names(args, index)
    names = ", ".join(f"{shown[i]} ({i})" for i in ids)
    total = int(counts.sum())
    docs_of = np.asarray(index.structure["p_doc"][rows])
    # Distinct documents over the array (no Python int per passage): counted by runs, as the
    # rows come in corpus order; np.unique if they ever did not.
    in_order = len(docs_of) < 2 or bool((docs_of[1:] >= docs_of[:-1]).all())
    ndocs = (int(np.count_nonzero(docs_of[1:] != docs_of[:-1])) + 1 if len(docs_of) else 0) if in_order \
        else len(np.unique(docs_of))
    joiner = " and " if args.mode == "all" else " or "
    print(style.bold(f"{names.replace(', ', joiner) if len(ids) > 1 else names}: "
                     f"{total} mention(s) in {len(rows)} passage(s), {ndocs} document(s)"), flush=True)
    wanted = {index.place_position(i) for i in ids}
    lines = _Lines()
    t = index.table
    for row in rows.tolist():  # one passage at a time: the first screen comes at once
        passage = index.passage_list[row]
        doc = docs[passage.document]
        text, origin = display_text(doc.text, passage.start, passage.end, markup=doc.markup)
        spans = []
        for r in index.mention_rows_in(row):
            if int(t.place[r]) in wanted:
                spans.append(display_span(origin, int(t.start[r]), int(t.end[r])))
        out, pos = [], 0
        for a, b in sorted(spans):
            if a < pos:
                continue
            out.append(text[pos:a])
            out.append(style.mark(text[a:b]))
            pos = b
        out.append(text[pos:])
        head = f"{doc.id} ¶{passage.number}"
        if passage.page is not None:
            head += f" · p. {doc.page_label(passage.page)}"
        if passage.section:
            head += f" · {passage.section}"
        if passage.kind != "paragraph":
            head += f" · {passage.kind}"
        if passage.is_reference:
            head += " · references"
        print()
        where = f"{Path(doc.path).name}:{lines.line(doc, passage.start)}" if doc.format == "text" \
            else Path(doc.path).name
        print(style.dim(f"{head}  ({where})"))
        print("  " + "".join(out))
    return 0


MENTION_FIELDS = ["path", "document", "passage", "start", "end", "line", "surface", "place", "name", "kind",
                  "lat", "lon", "section", "is_reference", "page", "status", "origin", "geonames",
                  "confidence", "alternatives"]


def _rejected_mentions(index: Index, args) -> list[Mention]:
    """The mentions review decisions rejected, in the documents and places asked for."""
    rej = index.review.rejected
    docs, ids = index.corpus.documents, [p.id for p in index.gazetteer.places]
    documents = set(args.document) if getattr(args, "document", None) else None
    place_filter = getattr(args, "place_filter", None)
    places = set(_resolve_places(index, place_filter)) if place_filter else None
    out = []
    for d, p, a, b, k in zip(rej.document.tolist(), rej.passage.tolist(), rej.start.tolist(), rej.end.tolist(),
                             rej.place.tolist()):
        m = Mention(docs[d].id, index.passage_list[p].id, a, b, docs[d].text[a:b], ids[k], "rejected")
        if (documents is None or m.document in documents) and (places is None or m.place in places):
            out.append(m)
    return out


def cmd_mentions(args) -> int:
    import heapq

    from ..review import STATUSES

    index = _load(args)
    places = index.gazetteer.places
    shown = _names(args, index)
    lines = _Lines()
    t = index.table
    documents, plist = index.corpus.documents, index.passage_list
    writer = _RecordWriter(MENTION_FIELDS, args.format)

    def linked():  # streamed from the columns: nothing is kept
        for r in _session(args, index).view_rows().rows.tolist():
            yield int(t.document[r]), int(t.start[r]), r, None

    rejected = []
    if getattr(args, "status", None) and "rejected" in args.status and index.review is not None:
        rejected = sorted(((index.document_position(m.document), m.start, -1, m)
                           for m in _rejected_mentions(index, args)), key=lambda x: (x[0], x[1]))
    for d, start, r, m in heapq.merge(linked(), rejected, key=lambda x: (x[0], x[1])):
        doc = documents[d]
        if m is None:
            place, passage = places[int(t.place[r])], plist[int(t.passage[r])]
            end = int(t.end[r])
            status = STATUSES[int(t.status[r])] if t.status is not None else "automatic"
            confidence = round(float(t.confidence[r]), 3)
            alternatives = [pid for pid, _ in index.alternatives(r)]
        else:
            place, passage, end, status = index.place(m.place), index.passages[m.passage], m.end, m.status
            confidence, alternatives = round(m.confidence, 3), list(m.alternatives)
        writer.write(dict(
            path=doc.path, document=doc.id, passage=passage.id, start=start, end=end,
            line=lines.line(doc, start), surface=doc.text[start:end], place=place.id, name=shown[place.id],
            kind=place.kind, lat=place.lat, lon=place.lon, section=passage.section,
            is_reference=passage.is_reference, page=doc.page_label(doc.page_at(start)), status=status,
            origin=place.origin, geonames=geonames_id(place) or "", confidence=confidence,
            alternatives=alternatives,
        ))
    return 0


def _find_document(args):
    """The document named by ``args.document``: an id of the corpus, or a file
    (inside the corpus folder or anywhere)."""
    from ..corpus import read_document

    wanted = args.document
    path = Path(wanted)
    corpus = None
    try:
        corpus = read_corpus(args.corpus, cache=not args.no_cache)
    except CaucasusmapError:
        if not path.is_file():
            raise
    if corpus is not None:
        if wanted in corpus.by_id:
            return corpus.by_id[wanted], corpus
        resolved = path.resolve() if path.exists() else None
        for doc in corpus.documents:
            if resolved is not None and Path(doc.path).resolve() == resolved:
                return doc, corpus
        for issue in corpus.issues:
            if resolved is not None and Path(issue.path).resolve() == resolved and issue.is_error:
                raise CaucasusmapError(str(issue))
    if path.is_file():
        try:
            doc, found = read_document(path, cache=not args.no_cache)
        except DocumentError as exc:
            raise CaucasusmapError(f"{path}: {exc}") from None
        for w in found:
            print(f"{path}: warning: {w}", file=sys.stderr)
        return doc, None
    ids = list(corpus.by_id) if corpus else []
    close = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(map(repr, close))}?" if close else "; 'caucasusmap overview' lists the documents"
    raise CaucasusmapError(f"no document has the id {wanted!r} and no such file exists{hint}")


def cmd_text(args) -> int:
    """Print a document's text: the text every offset points into."""
    from ..corpus import split_passages

    doc, _ = _find_document(args)
    if args.passages:
        records = []
        for p in split_passages(doc):
            records.append(dict(passage=p.id, start=p.start, end=p.end, page=doc.page_label(p.page), kind=p.kind,
                                section=p.section, is_reference=p.is_reference, footnote=p.footnote,
                                text=doc.text[p.start:p.end]))
        _write_records(records, ["passage", "start", "end", "page", "kind", "section", "is_reference", "footnote",
                                 "text"], args.format)
        return 0
    if args.metadata:
        meta = dict(id=doc.id, path=doc.path, format=doc.format, title=doc.title, authors=list(doc.authors),
                    year=doc.year, date=doc.date, venue=doc.venue, pages=doc.page_count or None,
                    characters=len(doc.text), **dict(doc.extra))
        print(json_text(json.dumps(meta, ensure_ascii=False, indent=1)))
        return 0
    sys.stdout.write(doc.text)
    if not doc.text.endswith("\n"):
        sys.stdout.write("\n")
    return 0


def _unmentioned_note(gazetteer, unmentioned: list[Issue], shown: int = 5) -> str:
    """One line for the places no passage mentions: their number, the first
    few ids, and the commands that list every one."""
    ids = [i.message.split("'")[1] for i in unmentioned]
    more = ", ..." if len(ids) > shown else ""
    return terminal_text(f"{gazetteer}: note: {len(ids)} place(s) are not mentioned in the corpus "
                         f"({', '.join(ids[:shown])}{more}); 'caucasusmap validate --unmentioned' warns about each, "
                         f"'caucasusmap places --unmentioned' lists them", one_line=True)


def _unsourced_note(gazetteer, unsourced: list[Issue]) -> str:
    """One line for the places whose coordinates name no source: their
    number by file, and the option that warns about each."""
    counts = ", ".join(f"{name} {n}" for name, n in sorted(unsourced_counts(unsourced).items()))
    return terminal_text(f"{gazetteer}: note: the coordinates of {len(unsourced)} place(s) come from no named "
                         f"source ({counts}); 'caucasusmap validate --unsourced' warns about each", one_line=True)


def cmd_validate(args) -> int:
    issues: list[Issue] = []
    unmentioned: list[Issue] = []
    places, g_issues = validate_gazetteer(args.gazetteer)
    issues.extend(g_issues)
    unsourced = unsourced_issues(places)
    if args.unsourced:
        issues.extend(unsourced)
    gazetteer_ok = not any(i.is_error for i in g_issues)
    corpus_issues: list[Issue] = []
    try:
        if gazetteer_ok:
            index = open_index(args.gazetteer, args.corpus, use_cache=not args.no_cache,
                               reference=_reference(args))
            corpus_issues = list(index.corpus.issues)
            unmentioned = index.unmentioned_issues()
            if args.unmentioned:
                issues.extend(unmentioned)
            issues.extend(common_word_issues(index))
            if index.review is not None:
                corpus_issues.extend(index.review.issues)
        else:
            corpus_issues = list(read_corpus(args.corpus).issues)
    except CaucasusmapError as exc:
        if isinstance(exc, GazetteerError):
            raise
        issues.append(error(args.corpus, 0, 0, str(exc)))
    issues.extend(corpus_issues)
    for issue in issues:
        print(_issue_line(issue))
    errors = sum(i.is_error for i in issues)
    warnings = len(issues) - errors
    summary = f"{args.gazetteer}: {len(places)} places; {errors} error(s), {warnings} warning(s)"
    if unmentioned and not args.unmentioned:
        # A gazetteer that covers the region always has places a given corpus never names:
        # one line, not one warning each (validate --unmentioned lists them).
        print(_unmentioned_note(args.gazetteer, unmentioned))
        summary += f"; {len(unmentioned)} not mentioned in the corpus"
    if unsourced and not args.unsourced:
        print(_unsourced_note(args.gazetteer, unsourced))
        summary += f"; {len(unsourced)} with coordinates from no named source"
    print(terminal_text(summary, one_line=True), file=sys.stderr)
    return 1 if errors else 0


def cmd_evaluate(args) -> int:
    from ..evaluate import decision_gold, evaluate_folder, score

    index = _load(args)
    decided = index.review is not None and bool(index.review.decisions)
    if not args.decided:
        index = index.automatic()
    if args.against:
        path = args.against
        if not path.exists() and (args.corpus / path).exists():
            path = args.corpus / path
        if not path.exists():
            raise CaucasusmapError(f"{args.against}: no such decisions file")
        gold, problems = decision_gold(index, path)
        if problems:
            print(f"caucasusmap: {len(problems)} decision(s) in {path} do not apply and are left out "
                  "(see 'caucasusmap validate')", file=sys.stderr)
        if not gold:
            print(f"caucasusmap: {path} has no decision that applies to this corpus", file=sys.stderr)
            return 2
        print(f"Scoring the linker against the review decisions in {path} (only decided mentions count)\n")
        result = score(index, gold, only_marked=True)
    else:
        gold, result = evaluate_folder(index, args.annotations)
        if not gold:
            print(f"caucasusmap: no annotation file in {args.annotations} matches a corpus document", file=sys.stderr)
            return 2
        if decided and not args.decided:
            print("Scoring the linker alone; the corpus's review decisions are not applied (--decided applies "
                  "them)\n", file=sys.stderr)
    names = index.gazetteer.by_id
    rows = []
    for place in result.places():
        tp, fp, fn = result.tp[place], result.fp[place], result.fn[place]
        known = place in names or (result.known is not None and place in result.known)
        label = place if known else f"{place} (not in gazetteer)"
        rows.append([label, tp, fp, fn, f"{result.precision(place):.3f}", f"{result.recall(place):.3f}"])
    rows.sort(key=lambda r: (-(r[1] + r[3]), r[0]))
    print(_table(rows, ["place", "tp", "fp", "fn", "precision", "recall"], {1, 2, 3, 4, 5}))
    print()
    drows = []
    for doc_id, (tp, fp, fn) in result.by_document.items():
        prec, rec = result.document(doc_id)
        drows.append([doc_id, len(gold[doc_id]), tp, fp, fn, f"{prec:.3f}", f"{rec:.3f}"])
    print(_table(drows, ["document", "marks", "tp", "fp", "fn", "precision", "recall"], {1, 2, 3, 4, 5, 6}))
    ngold = sum(len(g) for g in gold.values())
    print(f"\n{len(gold)} annotated document(s), {ngold} marks; overall precision "
          f"{result.precision():.3f}, recall {result.recall():.3f}")
    known, total = result.known_marks()
    print(f"recall on places the gazetteer has ({'with' if index.reference else 'without'} the reference): "
          f"{result.recall_known():.3f} ({known} of {total} place mentions are of such places)")
    if args.verbose:
        for doc, line, surface, place, label in result.false_positives:
            print(f"false positive: {doc}:{line}: {surface!r} linked to {place}, annotated {label}")
        for g in result.false_negatives:
            print(f"false negative: {g.document}:{g.line}: {g.surface!r} ({g.place}) not linked")
    return 0


def _number(text: str, *, low: float | None = None, high: float | None = None, what: str = "number") -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a {what}, got {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a finite {what}, got {text!r}")
    if (low is not None and value < low) or (high is not None and value > high):
        span = f"from {low:g} to {high:g}" if low is not None and high is not None else \
            (f"at least {low:g}" if low is not None else f"at most {high:g}")
        raise argparse.ArgumentTypeError(f"expected a {what} {span}, got {text!r}")
    return value


def _km(text: str) -> float:
    return _number(text, low=0, high=20_040, what="distance in km")  # half the Earth's circumference


def _seconds(text: str) -> float:
    return _number(text, low=0.1, high=600, what="time in seconds")


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 1 <= value <= 100_000:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to 100000, got {text!r}")
    return value


def _zoom(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a zoom level (whole number), got {text!r}") from None
    if not 0 <= value <= 22:
        raise argparse.ArgumentTypeError(f"expected a zoom level from 0 to 22, got {text!r}")
    return value
def cmd_promote(args) -> int:
    """Copy reference places into the user's gazetteer."""
    from ..reference import promotable, promote

    index = _load(args)
    reference_places = [p for p in index.gazetteer.places if p.from_reference]
    chosen = []
    if args.place:
        for q in args.place:
            key = fold_phrase(q)
            found = [p for p in reference_places if q == p.id or key in {fold_phrase(n) for n in p.names}]
            if not found:
                raise UnknownPlaceError(f"no reference place linked in the corpus has the id or name {q!r}; "
                                        "'caucasusmap places --origin reference' lists them")
            if len(found) > 1:
                raise UnknownPlaceError(f"{q!r} names several reference places: "
                                        f"{', '.join(p.id for p in found)}; give an id")
            chosen.append(found[0])
    if args.min_mentions is not None:
        chosen += [p for p, _ in promotable(index, args.min_mentions) if p not in chosen]
    if not chosen:
        raise CaucasusmapError("name reference places to promote, or give --min-mentions N")
    if args.dry_run:
        for p in chosen:
            print(f"{p.id}\t{p.name}\t{p.kind}\t{index.mention_count(p.id)} mention(s)")
        print(f"{len(chosen)} place(s) would be promoted (dry run; nothing written)", file=sys.stderr)
        return 0
    try:
        written = promote(args.gazetteer, chosen, into=args.into)
    except OSError as exc:
        raise CaucasusmapError(f"cannot write {args.gazetteer}: {exc.strerror or exc}") from None
    for (new_id, line), p in zip(written, chosen):
        print(f"promoted {p.id} ({p.name}) as {new_id!r}, line {line}")
    print(f"{len(written)} place(s) promoted into {args.gazetteer}; the previous version is kept as a .bak",
          file=sys.stderr)
    return 0


def _dpi(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a resolution in dots per inch, got {text!r}") from None
    if not 50 <= value <= 1200:
        raise argparse.ArgumentTypeError(f"expected a resolution from 50 to 1200 dpi, got {text!r}")
    return value


def _latlon(text: str) -> tuple[float, float]:
    try:
        lat, lon = (float(x) for x in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LAT,LON such as 39.5,46.2, got {text!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise argparse.ArgumentTypeError(f"expected latitude -90..90 and longitude -180..180, got {text!r}")
    return lat, lon


def cmd_export(args) -> int:
    from ..export import WRITERS, export_view, format_for

    index = _load(args)
    if (args.center is None) != (args.zoom is None):
        raise CaucasusmapError("--center and --zoom go together")
    view = _session(args, index, select=_resolve_places(index, args.select) if args.select else None,
                    center=args.center, zoom=args.zoom, title=args.title or "").current_view()
    fmt = args.format or format_for(args.out)
    options = {"layout": args.layout, "dpi": args.dpi} if fmt in ("png", "svg", "pdf") else {}
    try:
        path = export_view(index, view, args.out, fmt, cdn=args.cdn, **options)
    except OSError as exc:
        raise CaucasusmapError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    size = path.stat().st_size
    print(f"wrote {path} ({WRITERS[fmt][0]}, {size / 1024:.0f} KiB)", file=sys.stderr)
    return 0


class _ProgressLine:
    """A one-line progress bar on stderr: documents, MB/s, ETA (redrawn on a
    terminal, a line every ten seconds otherwise)."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._last = 0.0

    def __call__(self, p) -> None:
        import time

        now = time.monotonic()
        final = p.documents >= p.total_documents or p.phase != "linking"
        if not final and now - self._last < (0.2 if self.tty else 10.0):
            return
        self._last = now
        frac = p.bytes / p.total_bytes if p.total_bytes else 1.0
        eta = "" if p.eta is None else f"  ETA {int(p.eta) // 60}:{int(p.eta) % 60:02d}"
        if p.phase == "compacting":
            line = f"compacting the index of {p.documents:,} linked documents…"
        else:
            bar = "#" * int(frac * 24)
            line = (f"linking [{bar:<24}] {p.documents:,}/{p.total_documents:,} documents  "
                    f"{p.bytes / 2**20:,.1f}/{p.total_bytes / 2**20:,.1f} MB  {p.rate / 2**20:.1f} MB/s{eta}")
        if self.tty:
            self.stream.write("\r\x1b[K" + line)
            if final:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def cmd_link(args) -> int:
    """Build (or bring up to date) the index of a corpus folder ahead of time."""
    from ..runners import runner_from_options

    scheduler = args.scheduler or os.environ.get("CAUCASUSMAP_SCHEDULER") or None
    runner = runner_from_options(scheduler, args.workers, args.dask)
    show = _ProgressLine() if not args.quiet else None
    index = open_index(args.gazetteer, args.corpus, runner=runner, on_progress=show, relink=args.no_cache,
                       reference=_reference(args))
    _report(index.corpus.issues)
    st = index.stats
    rate = f" ({st.bytes_linked / 2**20 / st.seconds:.1f} MB/s)" if st.linked and st.seconds else ""
    where = f"on the Dask cluster at {scheduler}" if scheduler else (
        f"on a local Dask cluster of {runner.workers} workers" if args.dask else "")
    print(f"linked {st.linked:,} document(s), {st.bytes_linked / 2**20:,.1f} MB, in {st.seconds:.1f} s{rate}"
          f"{' ' + where if where else ''}; {st.reused:,} already linked, {st.removed:,} removed, "
          f"{st.failed:,} unreadable", file=sys.stderr)
    print(f"{len(index.corpus.documents):,} documents, {len(index.passage_list):,} passages, "
          f"{len(index.table):,} mentions of {int((index.structure['pl_mentions'][:] > 0).sum()):,} places; "
          f"index: {index.store.path}", file=sys.stderr)
    return 0


def cmd_app(args) -> int:
    """Open the desktop app (what ``caucasusmap`` with no command does)."""
    from ..app.launch import run_app

    # Without explicit paths the app reopens the files it had last.
    explicit = args.gazetteer != default_gazetteer() or args.corpus != default_corpus()
    return run_app(args.gazetteer, args.corpus, remembered=not explicit, verbose=getattr(args, "verbose", False))


def cmd_add_place(args) -> int:
    from ..gazwriter import open_gazetteer, slugify

    if args.kind not in KINDS:
        raise CaucasusmapError(f"kind {args.kind!r} is not one of {', '.join(KINDS)}")
    fields = {"id": args.id or slugify(args.name), "name": args.name, "aliases": args.alias or [],
              "kind": args.kind, "lat": args.lat, "lon": args.lon, "note": args.note or ""}
    try:
        gazetteer = open_gazetteer(args.gazetteer)
        if args.into and not args.gazetteer.is_dir():
            raise CaucasusmapError(f"--into names a file of a gazetteer folder; {args.gazetteer} is one file")
        line = gazetteer.add_place(fields, into=args.into)
    except OSError as exc:
        raise CaucasusmapError(f"cannot write {args.gazetteer}: {exc.strerror or exc}") from None
    print(f"{gazetteer.path}:{line}: added {fields['id']!r} ({args.name}); previous version kept as "
          f"{gazetteer.backup_path.name}")
    index = open_index(args.gazetteer, args.corpus, use_cache=not args.no_cache, reference=_reference(args))
    n, d = index.mention_count(fields["id"]), index.document_count(fields["id"])
    print(f"{args.name} is mentioned {n} time(s) in {d} document(s)"
          + ("; try more aliases, or 'caucasusmap passages' to check" if n == 0 else ""))
    return 0


def cmd_geocode(args) -> int:
    from ..geocode import GeocodingError, geocode

    try:
        found = geocode(args.name, limit=args.limit, timeout=args.timeout)
    except GeocodingError as exc:
        print(f"caucasusmap: {exc.summary}", file=sys.stderr)
        return 2
    if not found:
        print(f"no result for {args.name!r}", file=sys.stderr)
        return 1
    rows = [[f"{c.lat:.5f}", f"{c.lon:.5f}", c.kind, c.name] for c in found]
    print(_table(rows, ["lat", "lon", "type", "name"], {0, 1}))
    print("\nAdd one with: caucasusmap add-place NAME --lat LAT --lon LON --kind KIND", file=sys.stderr)
    return 0


def cmd_candidates(args) -> int:
    from ..candidates import add_to_ignore, find_candidates, ignore_path, read_ignore

    ignore_file = ignore_path(args.gazetteer)
    if args.ignore:
        for name in args.ignore:
            added = add_to_ignore(ignore_file, name)
            print(f"{ignore_file}: {'added' if added else 'already lists'} {name!r}", file=sys.stderr)
        return 0
    index = _load(args)
    found = find_candidates(index, read_ignore(ignore_file), limit=args.limit)
    if args.format == "jsonl":
        for c in found:
            record = {"name": c.name, "count": c.count, "score": round(c.score, 3), "forms": list(c.forms),
                      "evidence": list(c.evidence), "passages": list(c.passages)}
            print(json_text(json.dumps(record, ensure_ascii=False)))
        return 0
    rows = [[i, c.name, c.count, "; ".join(c.evidence[:2]), c.passages[0] if c.passages else ""]
            for i, c in enumerate(found, 1)]
    print(_table(rows, ["#", "name", "count", "why it looks like a place", "first passage"], {0, 2}))
    print(f"\nNames known not to be places: {ignore_file} ('caucasusmap candidates --ignore NAME' adds one). "
          "Add a place with 'caucasusmap add-place'.", file=sys.stderr)
    return 0


def _n(count: int, word: str) -> str:
    """``1 passage``, ``2 passages``, ``0 passages``."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def cmd_overview(args) -> int:
    """The corpus and its most mentioned places, on the terminal."""
    index = _load(args)
    style = Style(args.color, sys.stdout)
    shown = _names(args, index)
    print(style.bold(f"caucasusmap {__version__} — {_n(len(index.corpus.documents), 'document')}, "
                     f"{_n(len(index.gazetteer), 'place')}, {_n(len(index.table), 'mention')}"))
    print()
    for doc in index.corpus.documents:
        top = ", ".join(shown[p] for p, _ in index.places_in_document(doc.id).most_common(6))
        year = f" ({doc.year})" if doc.year else ""
        print(f"{style.bold(doc.id)}{year}: {doc.title}")
        print(style.dim(f"  {_n(len(index.document_passages.get(doc.id, [])), 'passage')}; most mentioned: {top}"))
    ranked = sorted(index.gazetteer.places, key=lambda p: -index.mention_count(p.id))
    print()
    print(style.bold("Most mentioned places"))
    rows = [[shown[p.id], p.kind, index.mention_count(p.id), index.document_count(p.id)] for p in ranked[:15]]
    print(_table(rows, ["place", "kind", "mentions", "documents"], {2, 3}))
    print()
    print("Next: 'caucasusmap passages Shusha' shows where a place is mentioned; "
          "'caucasusmap places' lists every place; 'caucasusmap --help' lists the commands.")
    return 0


# -- parser ------------------------------------------------------------------------

def _common(top: bool) -> argparse.ArgumentParser:
    """Options every command takes. The top-level parser holds the defaults;
    sub-commands suppress theirs so ``caucasusmap --corpus X places`` and
    ``caucasusmap places --corpus X`` both work."""
    def default(value):
        return value if top else argparse.SUPPRESS

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--gazetteer", type=Path, default=default(default_gazetteer()), metavar="PATH",
                        help="gazetteer: a YAML file, or a folder of them (default: the bundled gazetteer/)")
    common.add_argument("--corpus", type=Path, default=default(default_corpus()), metavar="DIR",
                        help="folder of documents: .txt, .md, .pdf, .docx, .odt, .html, .epub "
                             "(default: the bundled corpus/)")
    common.add_argument("--no-cache", action="store_true", default=default(False),
                        help="link afresh, neither reading nor writing the cache")
    common.add_argument("--no-reference", action="store_true", default=default(False),
                        help="link with the gazetteer alone, without the packaged reference gazetteer "
                             "(also: CAUCASUSMAP_REFERENCE=none)")
    common.add_argument("--naming", choices=list(NAMINGS), default=default(DEFAULT_NAMING), metavar="NAMING",
                        help="which of a place's names to show: " + ", ".join(f"{k} ({v})" for k, v in NAMINGS.items())
                        + f" (default: {DEFAULT_NAMING})")
    return common


def _color(top: bool) -> argparse.ArgumentParser:
    color = argparse.ArgumentParser(add_help=False)
    color.add_argument("--color", choices=("auto", "always", "never"), default="auto" if top else argparse.SUPPRESS,
                       help="highlight with terminal colours (default: only on a terminal)")
    return color


def _view_options() -> argparse.ArgumentParser:
    """View options shared by the commands that show a view (the app's
    Documents ticks and View menu)."""
    view = argparse.ArgumentParser(add_help=False)
    view.add_argument("--document", action="append", metavar="ID", help="only this document (repeatable)")
    view.add_argument("--hide-references", action="store_true",
                      help="leave out the references/bibliography sections")
    view.add_argument("--origin", choices=("curated", "reference"),
                      help="only places from your gazetteer (curated) or from the reference gazetteer")
    view.add_argument("--status", action="append", choices=(*STATUS_CHOICES, "rejected"), metavar="STATUS",
                      help="only mentions with this review status (repeatable): checked (= confirmed, corrected, "
                           "added; the app's 'Checked only'), confirmed (the app's 'Confirmed only': a publication "
                           "map of the links a reviewer accepted as they are), corrected, added, automatic "
                           "(unchecked); 'mentions' also takes rejected")
    return view


def build_parser() -> argparse.ArgumentParser:
    common, color, view = _common(False), _color(False), _view_options()
    parser = argparse.ArgumentParser(
        prog="caucasusmap", parents=[_common(True), _color(True)],
        description="Explore where a corpus of texts on the South Caucasus and north-west Iran talks about: "
                    "places from a YAML gazetteer linked to every passage that mentions them.",
        epilog="With no command, opens the desktop app on the bundled (or given) gazetteer and corpus.",
    )
    parser.add_argument("--version", action="version", version=f"caucasusmap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("app", parents=[common], help="open the desktop app (the default)",
                       description="Open the desktop app: places, map, passages, reader and documents, linked.")
    p.add_argument("--verbose", action="store_true",
                   help="show Qt's and Chromium's diagnostics and the map page's console in the terminal")
    p.set_defaults(func=cmd_app)

    p = sub.add_parser("link", parents=[common], help="build the index of a corpus ahead of time (resumable)",
                       description="Link every document of the corpus with the gazetteer and store the index, "
                                   "with a progress bar. Interrupted, it resumes where it stopped; run again "
                                   "after the corpus changed, it links only new and changed documents "
                                   "(--no-cache: every document again, replacing the stored index). Every "
                                   "other command and the app then open the stored index at once.")
    p.add_argument("--workers", type=int, metavar="N",
                   help="processes linking in parallel (default: one per core for large corpora)")
    p.add_argument("--dask", action="store_true",
                   help="link on a local Dask cluster of --workers (default 2) worker processes")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="link on the Dask cluster whose scheduler is at ADDRESS (e.g. tcp://10.0.0.5:8786; "
                        "default: $CAUCASUSMAP_SCHEDULER); workers must see the corpus at the same path")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_link)

    p = sub.add_parser("overview", parents=[common, color], help="the corpus and its most mentioned places",
                       description="Print the documents and the most mentioned places.")
    p.set_defaults(func=cmd_overview)

    p = sub.add_parser("places", parents=[common, view], help="list the gazetteer's places with mention counts",
                       description="List places: id, name, kind, mentions and documents mentioning them.")
    p.add_argument("--sort", choices=("mentions", "name", "id", "kind", "file"), default="mentions",
                   help="sort order (default: most mentioned first)")
    p.add_argument("--kind", choices=KINDS, help="only places of this kind")
    mentioned = p.add_mutually_exclusive_group()
    mentioned.add_argument("--mentioned", action="store_true", help="only places the corpus mentions")
    mentioned.add_argument("--unmentioned", action="store_true",
                           help="only places the corpus (in the view) does not mention")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--near", metavar="PLACE", help="places within --km (default 50) of PLACE, nearest first")
    where.add_argument("--inside", metavar="REGION",
                       help="places inside REGION's area, or within --km of its line or edge (e.g. a river)")
    p.add_argument("--km", type=_km, help="distance for --near/--inside (geodesic, WGS84)")
    p.add_argument("--format", choices=("table", "csv", "jsonl"), default="table",
                   help="an aligned table (default), CSV or JSON Lines")
    p.set_defaults(func=cmd_places)

    p = sub.add_parser("passages", parents=[common, color, view], help="show the passages that mention a place",
                       description="Show every passage mentioning PLACE (an id, name or any alias), "
                                   "with the mentions highlighted.")
    p.add_argument("place", nargs="+", metavar="PLACE", help="place id, name or alias; several for co-occurrence")
    p.add_argument("--mode", choices=("any", "all"), default="all",
                   help="with several places: passages mentioning all of them (default) or any")
    p.set_defaults(func=cmd_passages)

    p = sub.add_parser("mentions", parents=[common, view], help="every mention, one per line (JSON Lines or CSV)",
                       description="Print every mention with its source file, document, passage, offsets, "
                                   "surface text and place. start/end are code-point offsets into the document's "
                                   "text: the decoded file for .txt/.md, the extracted text for other formats "
                                   "('caucasusmap text DOC' prints it); page is the page (PDF) or empty.")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="JSON Lines (default) or CSV")
    p.add_argument("--place", action="append", metavar="PLACE", dest="place_filter",
                   help="only mentions of this place (repeatable; id, name or alias)")
    p.set_defaults(func=cmd_mentions)

    p = sub.add_parser("text", parents=[common], help="print a document's text (what offsets point into)",
                       description="Print the text of DOC (a document id or a file) as caucasusmap reads it: for "
                                   ".txt/.md the file itself, for PDF, Word, HTML or EPUB the extracted text. Every "
                                   "start/end offset of a passage or mention is a code-point offset into this "
                                   "text.")
    p.add_argument("document", metavar="DOC", help="document id (see 'caucasusmap overview') or file path")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--passages", action="store_true", help="list the passages with offsets, page and kind instead")
    what.add_argument("--metadata", action="store_true", help="print the document's metadata (JSON) instead")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="format for --passages")
    p.set_defaults(func=cmd_text)

    add_review_parser(sub, common)

    p = sub.add_parser("export", parents=[common, view],
                       help="export a view (HTML, PNG/SVG/PDF, GeoJSON, LPF, KML, GeoPackage, CSV, TEI)",
                       description="Write the map of a view. HTML (default) is self-contained: it opens from disk "
                                   "in any browser with no network. PNG/SVG/PDF are a finished figure (title, "
                                   "legend, scale bar, sources). GeoJSON/LPF/KML/GeoPackage hold the view's places "
                                   "with their counts, CSV its mentions, TEI its documents with <placeName> around "
                                   "each mention. The file is replaced only when the write succeeds.")
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="output file")
    p.add_argument("--format", choices=("html", "geojson", "lpf", "csv", "tei", "png", "svg", "pdf", "kml", "gpkg"),
                   help="output format (default: from the file name, else html); png/svg/pdf/kml/gpkg need "
                        "pip install 'caucasusmap[publish]'")
    p.add_argument("--layout", choices=("page", "slide"), default="page",
                   help="png/svg/pdf: a figure for a page (170 x 200 mm) or a 16:9 slide (default: page)")
    p.add_argument("--dpi", type=_dpi, default=200, metavar="N", help="png/pdf: resolution in dots per inch "
                   "(default 200; 300 for print)")
    p.add_argument("--place", action="append", metavar="PLACE", dest="place_filter",
                   help="only this place (repeatable; id, name or alias)")
    p.add_argument("--select", action="append", metavar="PLACE", help="open with this place selected (html)")
    p.add_argument("--center", type=_latlon, metavar="LAT,LON", help="map centre (with --zoom)")
    p.add_argument("--zoom", type=_zoom, metavar="Z", help="map zoom (with --center)")
    p.add_argument("--title", help="title shown in the page")
    p.add_argument("--cdn", action="store_true", help="html: load Leaflet from CDNs (smaller file, needs the network)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("add-place", parents=[common], help="add a place to the gazetteer (keeps your file as is)",
                       description="Append a place to the gazetteer in the file's own style. Everything else in "
                                   "the file stays byte for byte; the previous version is kept as FILE.bak; the "
                                   "change is refused if it would make the file invalid.")
    p.add_argument("name", metavar="NAME", help="the place's name as it should be shown")
    # Finite here; the range is checked with the rest of the entry by the validator.
    p.add_argument("--lat", type=lambda s: _number(s, what="latitude"), required=True,
                   help="latitude in decimal degrees (WGS84), e.g. 39.51")
    p.add_argument("--lon", type=lambda s: _number(s, what="longitude"), required=True,
                   help="longitude in decimal degrees (WGS84), e.g. 46.34")
    p.add_argument("--kind", default="city", help=f"one of {', '.join(KINDS)} (default: city)")
    p.add_argument("--alias", action="append", metavar="ALIAS", help="another spelling (repeatable)")
    p.add_argument("--id", help="id (default: made from the name)")
    p.add_argument("--note", help="free text, e.g. where the coordinates come from")
    p.add_argument("--into", metavar="FILE", help="with a gazetteer folder: the file (name) to add the place to "
                   "(default: places.yaml in the folder, created if missing)")
    p.set_defaults(func=cmd_add_place)

    p = sub.add_parser("candidates", parents=[common],
                       help="names in the corpus that look like places but match no gazetteer entry",
                       description="Capitalised words and phrases (and names in other scripts) that look like "
                                   "place names by their context and form but match no entry, most likely first, "
                                   "with the evidence and their passages. Names listed in not-places.txt beside "
                                   "the gazetteer are hidden.")
    p.add_argument("--limit", type=_count, default=30, help="how many to list (default 30)")
    p.add_argument("--format", choices=("table", "jsonl"), default="table", help="a table (default) or JSON Lines")
    p.add_argument("--ignore", action="append", metavar="NAME", help="record NAME as not a place (repeatable)")
    p.set_defaults(func=cmd_candidates)

    p = sub.add_parser("geocode", help="look a place name up online (Nominatim) and print candidates",
                       description="Print candidate coordinates for NAME from OpenStreetMap's Nominatim, biased "
                                   "to the region. Needs the network; offline it says so.")
    p.add_argument("name", metavar="NAME", help="the place name to look up")
    p.add_argument("--limit", type=_count, default=5, help="at most this many candidates (default 5)")
    p.add_argument("--timeout", type=_seconds, default=10.0, help="seconds to wait for the service")
    p.set_defaults(func=cmd_geocode)

    p = sub.add_parser("evaluate", parents=[common], help="linking precision/recall against hand annotations",
                       description="Score the links against hand-checked annotations (*.ann files; "
                                   "see docs/annotation.md) and print precision and recall per place.")
    p.add_argument("--annotations", type=Path, default=default_annotations(), metavar="DIR",
                   help="folder of <document file>.ann files (default: the bundled annotations/)")
    p.add_argument("-v", "--verbose", action="store_true", help="list every false positive and false negative")
    p.add_argument("--against", type=Path, metavar="FILE",
                   help="score the linker against review decisions (e.g. annotations.jsonl in the corpus folder) "
                        "instead of .ann files: confirmed, changed and added mentions are gold, rejected ones "
                        "look-alikes, and only decided mentions count")
    p.add_argument("--decided", action="store_true",
                   help="score the links with the corpus's review decisions applied (default: the linker alone)")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("promote", parents=[common], help="copy reference places into your gazetteer",
                       description="Copy places of the reference gazetteer (linked in the corpus) into your "
                                   "gazetteer YAML, with their names, point and GeoNames link. Your file is "
                                   "edited in place, everything else kept byte for byte; a .bak is kept.")
    p.add_argument("place", nargs="*", metavar="PLACE", help="reference place id (gn-...) or name")
    p.add_argument("--min-mentions", type=int, metavar="N",
                   help="also every reference place mentioned at least N times")
    p.add_argument("--into", metavar="FILE", help="file of a folder gazetteer to add to (default: places.yaml)")
    p.add_argument("--dry-run", action="store_true", help="list what would be promoted, write nothing")
    p.set_defaults(func=cmd_promote)

    p = sub.add_parser("validate", parents=[common], help="check the gazetteer and corpus, compiler-style",
                       description="Print every problem as FILE:LINE:COL: error|warning: message. "
                                   "Exit status 1 if there is any error. Places the corpus never mentions, and "
                                   "places whose coordinates name no source, are each summed up in one note line; "
                                   "--unmentioned and --unsourced give a warning for each.")
    p.add_argument("--unmentioned", action="store_true",
                   help="a warning for each gazetteer place no passage of the corpus mentions")
    p.add_argument("--unsourced", action="store_true",
                   help="a warning for each gazetteer place whose coordinates name no source in its note "
                        "(approximate points)")
    p.set_defaults(func=cmd_validate)
    return parser


def _undecodable(args: argparse.Namespace) -> tuple[str, str] | None:
    """The first text argument holding bytes that were not UTF-8 (Python keeps
    them as lone surrogates), as (option, value). File paths may hold such
    bytes (Linux allows them); names, aliases and notes may not."""
    for key, value in vars(args).items():
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, str) and any("\ud800" <= ch <= "\udfff" for ch in v):
                return key, v
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; never a traceback (exit 2 when a command cannot run)."""
    with guarded_output():
        return _run(argv)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    bad = _undecodable(args)
    if bad:
        parser.error(f"{bad[0]} {terminal_text(bad[1])!r} is not valid UTF-8 text; "
                     "check the terminal's encoding (locale)")
    func = getattr(args, "func", cmd_app)
    command = args.command or "app"
    try:
        return func(args)
    except GazetteerError as exc:
        _report([i for i in exc.issues if i.is_error])
        print(f"caucasusmap: {exc.path} has errors; fix them (see 'caucasusmap validate') and try again",
              file=sys.stderr)
        return 2
    except CaucasusmapError as exc:
        print(f"caucasusmap: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # Output piped into e.g. `head`, which closed early: not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"caucasusmap {command}: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except (MemoryError, RecursionError) as exc:
        print(f"caucasusmap {command}: the input is too large or too deeply nested to handle "
              f"({type(exc).__name__}{_where(exc)})", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug: say where, briefly, and how to see more
        if os.environ.get("CAUCASUSMAP_DEBUG"):
            raise
        print(f"caucasusmap {command}: internal error: {type(exc).__name__}: {exc}{_where(exc)}; "
              "this is a bug, please report it with the command you ran "
              "(CAUCASUSMAP_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 2


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    last = frames[-1]
    return f" at {Path(last.filename).name}:{last.lineno}"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
