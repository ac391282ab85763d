"""``caucasusmap review …``: check, correct, add and reject links from the terminal.

Every sub-command reads and writes the corpus folder's ``annotations.jsonl``
(see :mod:`caucasusmap.review`). Mentions are named by document and offset,
as ``caucasusmap mentions`` prints them: ``caucasusmap review confirm
haciyeva-2025 13100``; ``--all document|corpus`` applies the decision to
every identical mention and says how many first.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import ReviewError
from ..review import ACTIONS, VIEW_STATUSES, Review, find_place, review_queue


def _review(args) -> Review:
    from .commands import _load

    return Review(_load(args))


def _document(review: Review, name: str) -> str:
    """A document id from an id, a file name or a path relative to the corpus."""
    corpus = review.index.corpus
    if name in corpus.by_id:
        return name
    matches = [d.id for d in corpus.documents
               if Path(d.path).name == name or Path(d.path).as_posix().endswith("/" + name)]
    if len(matches) == 1:
        return matches[0]
    raise ReviewError(f"no document has the id or file name {name!r}; documents: {', '.join(corpus.by_id)}")


def _place(review: Review, query: str) -> str:
    from .commands import _resolve_places

    if review.index.place_position(query) is None and find_place(review.index, query) is not None:
        return query  # a reference place by id (as 'mentions' shows the linker's alternatives)
    return _resolve_places(review.index, [query])[0]


def _where(review: Review, doc_id: str, start: int) -> str:
    doc = review.index.corpus.by_id[doc_id]
    return f"{Path(doc.path).name}:{doc.text.count(chr(10), 0, start) + 1}"


def _confirm_many(plan, args, names) -> bool:
    """Ask before touching several mentions on a terminal (unless --yes)."""
    print(f"{plan.describe(names)}", file=sys.stderr)
    if plan.count <= 1 or args.yes or not sys.stdin.isatty():
        return True
    answer = input(f"Go ahead with {plan.count} mentions? [y/N] ").strip().lower()
    return answer in ("y", "yes")


def cmd_decide(args) -> int:
    review = _review(args)
    doc_id = _document(review, args.document)
    place = _place(review, args.place) if getattr(args, "place", None) else None
    end = getattr(args, "end", None)
    plan = review.plan(args.action, doc_id, args.start, end, place, args.all or "mention")
    names = {p.id: p.name for p in review.index.gazetteer.places}
    if args.dry_run:
        print(plan.describe(names))
        for t in plan.targets:
            print(f"  {_where(review, t.document, t.start)}  {t.document} {t.start}-{t.end}  {t.surface!r}"
                  + (f"  ({t.was})" if t.was else ""))
        return 0
    if not _confirm_many(plan, args, names):
        print("nothing recorded", file=sys.stderr)
        return 1
    review.record(plan, note=args.note or "")
    done, total = review.progress()
    print(f"{review.path}: recorded; {done} of {total} mentions checked")
    return 0


def cmd_clear(args) -> int:
    review = _review(args)
    d = review.clear(_document(review, args.document), args.start)
    print(f"{review.path}: removed the {d.action} decision on {d.exact!r}; the mention is as the linker has it")
    return 0


def cmd_undo(args) -> int:
    review = _review(args)
    change = review.undo() if args.command_review == "undo" else review.redo()
    print(f"{review.path}: {args.command_review} {change.label or 'the last step'!s}")
    return 0


def cmd_list(args) -> int:
    review = _review(args)
    layer = review.index.review
    decisions = sorted(review.file.decisions, key=lambda d: d.sort_key)
    if args.action:
        decisions = [d for d in decisions if d.action in args.action]
    if args.format == "jsonl":
        for d in decisions:
            rec = d.to_json()
            span = layer.spans.get(d.id) if layer else None
            rec["applies"] = {"document": span[0], "start": span[1], "end": span[2]} if span else None
            print(json.dumps(rec, ensure_ascii=False))
        return 0
    from .commands import _table

    rows = []
    for d in decisions:
        span = layer.spans.get(d.id) if layer else None
        state = f"{span[0]} {span[1]}" if span else "ORPHANED"
        change = d.place if d.action != "change" else f"{d.was} -> {d.place}"
        rows.append([d.line, d.action, change or d.was or "", d.exact, state, d.note])
    print(_table(rows, ["line", "action", "place", "text", "applies at", "note"], {0}))
    done, total = review.progress()
    orphaned = len(layer.orphaned) if layer else 0
    print(f"\n{len(decisions)} decision(s) in {review.path}; {done} of {total} mentions checked"
          + (f"; {orphaned} orphaned (see 'caucasusmap validate')" if orphaned else ""), file=sys.stderr)
    return 0


def cmd_queue(args) -> int:
    from ..candidates import find_candidates, ignore_path, read_ignore

    review = _review(args)
    index = review.index
    try:
        candidates = find_candidates(index, read_ignore(ignore_path(index.gazetteer.path)), limit=100)
    except (OSError, ValueError):
        candidates = []
    queue = review_queue(index, candidates=candidates)
    done, total = review.progress()
    if args.format == "jsonl":
        for q in queue[: args.limit]:
            print(json.dumps({"document": q.document, "start": q.start, "end": q.end, "surface": q.surface,
                              "place": q.place, "priority": q.priority, "reasons": list(q.reasons)},
                             ensure_ascii=False))
        return 0
    from .commands import _table

    rows = [[i, q.document, q.start, q.surface, q.place or "(not linked)", "; ".join(q.reasons)]
            for i, q in enumerate(queue[: args.limit], 1)]
    print(_table(rows, ["#", "document", "start", "text", "linked to", "why"], {0, 2}))
    print(f"\n{done:,} of {total:,} mentions checked; {len(queue):,} in the queue. "
          "Decide with 'caucasusmap review confirm|change|reject DOCUMENT START'.", file=sys.stderr)
    return 0


def cmd_export(args) -> int:
    from ..exchange import write_web_annotations

    review = _review(args)
    path, n = write_web_annotations(review, args.out)
    print(f"wrote {path} ({n} W3C Web Annotations, JSON-LD)", file=sys.stderr)
    return 0


def cmd_import(args) -> int:
    from ..exchange import import_web_annotations

    review = _review(args)
    report = import_web_annotations(review, args.file, dry_run=args.dry_run)
    for issue in report.issues:
        print(issue, file=sys.stderr)
    verb = "would import" if args.dry_run else "imported"
    print(f"{args.file}: {verb} {report.imported} decision(s); {report.skipped} skipped")
    return 1 if report.errors else 0


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    """Register ``caucasusmap review`` and its sub-commands."""
    p = sub.add_parser(
        "review", parents=[common], help="check, correct, add and reject links (annotations.jsonl beside the corpus)",
        description="Record review decisions in the corpus folder's annotations.jsonl (never in your texts). "
                    "Mentions are named by DOCUMENT (id or file name) and START offset, as 'caucasusmap "
                    "mentions' prints them. Every command, export and the app honour the decisions.")
    rs = p.add_subparsers(dest="command_review", metavar="ACTION", required=True)

    def decision(name: str, help_text: str, place: bool = False, span: bool = False):
        q = rs.add_parser(name, parents=[common], help=help_text, description=help_text)
        q.add_argument("document", metavar="DOCUMENT", help="document id or file name")
        q.add_argument("start", type=int, metavar="START", help="offset of the mention (or of the text to link)")
        if span:
            q.add_argument("end", type=int, metavar="END", help="offset just after the text to link")
        if place:
            q.add_argument("place", metavar="PLACE", help="place id, name or alias")
        q.add_argument("--all", choices=("document", "corpus"),
                       help="also every identical mention in this document / the corpus (the count is shown first)")
        q.add_argument("--dry-run", action="store_true", help="only show what would be touched")
        q.add_argument("--yes", action="store_true", help="do not ask before touching several mentions")
        q.add_argument("--note", help="free text kept with the decision")
        q.set_defaults(func=cmd_decide, action=name)

    decision("confirm", "the link is right")
    decision("change", "the mention is another place", place=True)
    decision("reject", "the linked text is no place here")
    decision("add", "link the text START..END (not linked now) to PLACE", place=True, span=True)

    q = rs.add_parser("clear", parents=[common], help="remove the decision on a mention (back to the linker's link)")
    q.add_argument("document", metavar="DOCUMENT")
    q.add_argument("start", type=int, metavar="START")
    q.set_defaults(func=cmd_clear)
    for name in ("undo", "redo"):
        q = rs.add_parser(name, parents=[common], help=f"{name} the last recorded step (kept between runs)")
        q.set_defaults(func=cmd_undo)

    q = rs.add_parser("list", parents=[common], help="the decisions, and where each applies (or ORPHANED)")
    q.add_argument("--action", action="append", choices=ACTIONS, help="only these decisions (repeatable)")
    q.add_argument("--format", choices=("table", "jsonl"), default="table")
    q.set_defaults(func=cmd_list)

    q = rs.add_parser("queue", parents=[common], help="the unchecked mentions most worth a look first",
                      description="Unchecked mentions, most worth a look first: names several places share, names "
                                  "inside longer names, low confidence, reference-gazetteer places, reference lists.")
    q.add_argument("--limit", type=int, default=30)
    q.add_argument("--format", choices=("table", "jsonl"), default="table")
    q.set_defaults(func=cmd_queue)

    q = rs.add_parser("export", parents=[common], help="write the decisions as W3C Web Annotations (JSON-LD)")
    q.add_argument("--out", type=Path, required=True, metavar="FILE")
    q.set_defaults(func=cmd_export)
    q = rs.add_parser("import", parents=[common],
                      help="add decisions from W3C Web Annotations (JSON-LD, e.g. from Recogito)")
    q.add_argument("file", type=Path, metavar="FILE")
    q.add_argument("--dry-run", action="store_true", help="only report what would be imported")
    q.set_defaults(func=cmd_import)


STATUS_CHOICES = VIEW_STATUSES

__all__ = ["add_parser", "STATUS_CHOICES"]
