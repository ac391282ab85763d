"""Exchange review decisions and linked texts with other tools.

* **W3C Web Annotation** (JSON-LD), as Recogito and Hypothesis read and
  write it: :func:`web_annotations` turns each decision into an
  ``Annotation`` whose target is the document with a ``TextQuoteSelector``
  and a ``TextPositionSelector``, and whose body identifies the place
  (its GeoNames or Wikidata URI where the gazetteer has one). Our own
  decision fields ride along under the ``cm:`` prefix, so an export imported
  back is the same decision. :func:`import_web_annotations` reads such files
  (a JSON array, an ``AnnotationCollection``/``AnnotationPage``, one
  annotation, or JSON Lines), anchors each annotation in the corpus as it is
  now and records the ones that apply as one undoable step.
* **TEI P5**: :func:`tei_corpus` writes the corpus as one ``teiCorpus``,
  a ``<TEI>`` per document, passages as ``<head>``/``<p>``/``<note>``/
  ``<item>``, and ``<placeName ref="#id">`` around every mention the view
  keeps; the places are listed once in a ``<listPlace>`` with coordinates and
  identifiers. Built with :mod:`xml.etree.ElementTree`, so the output is
  well-formed by construction (characters XML 1.0 forbids are replaced).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from .corpus import display_span, display_text
from .errors import Issue, error, warning
from .fileio import write_bytes_atomic
from .review import ACTIONS, ADDED, CONFIRMED, CORRECTED, Decision, anchor, source_of
from .viewfilters import view_rows

if TYPE_CHECKING:
    from .index import Index
    from .maps import MapView
    from .review import Review

__all__ = ["web_annotations", "write_web_annotations", "import_web_annotations", "ImportReport", "tei_corpus",
           "place_uri"]

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CM = "urn:caucasusmap:vocab#"
CONTEXT = [ANNO_CONTEXT, {"cm": CM}]
_LINK_BASES = {"geonames": "https://sws.geonames.org/{}/", "wikidata": "http://www.wikidata.org/entity/{}"}
_ANNOTATION_URN = "urn:caucasusmap:annotation:"
_PLACE_URN = "urn:caucasusmap:place:"


def place_uri(place) -> str:
    """The URI that identifies a place outside caucasusmap: GeoNames, else
    Wikidata, else our own URN."""
    links = dict(place.links)
    for key in ("geonames", "wikidata"):
        if key in links:
            return _LINK_BASES[key].format(links[key])
    return _PLACE_URN + place.id


# ---------------------------------------------------------------------------
# W3C Web Annotation

def web_annotation(d: Decision, places: dict) -> dict[str, Any]:
    """One decision as a W3C Web Annotation (JSON-LD)."""
    body: list[dict[str, Any]] = []
    if d.place is not None:
        place = places.get(d.place)
        source = {"id": place_uri(place) if place else _PLACE_URN + d.place}
        if place:
            source["label"] = place.name
        body.append({"type": "SpecificResource", "purpose": "identifying", "source": source})
    else:
        body.append({"type": "TextualBody", "purpose": "assessing", "value": "not a place", "format": "text/plain"})
    if d.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": d.note, "format": "text/plain"})
    ann: dict[str, Any] = {
        "@context": CONTEXT,
        "id": _ANNOTATION_URN + d.id,
        "type": "Annotation",
        "motivation": "assessing" if d.action == "reject" else "identifying",
        "body": body,
        "target": {
            "source": quote(d.source, safe="/"),
            "selector": [
                {"type": "TextQuoteSelector", "exact": d.exact, "prefix": d.prefix, "suffix": d.suffix},
                {"type": "TextPositionSelector", "start": d.start, "end": d.end},
            ],
        },
        "cm:decision": d.action,
    }
    if d.created:
        ann["created"] = d.created
    if d.place is not None:
        ann["cm:place"] = d.place
    if d.was is not None:
        ann["cm:was"] = d.was
    if d.batch:
        ann["cm:batch"] = d.batch
    ann["generator"] = {"type": "Software", "name": "caucasusmap"}
    return ann


def web_annotations(review: Review) -> list[dict[str, Any]]:
    """Every decision of the file as W3C Web Annotations, in document order."""
    places = review.index.gazetteer.by_id
    return [web_annotation(d, places) for d in sorted(review.file.decisions, key=lambda d: d.sort_key)]


def write_web_annotations(review: Review, out: str | Path) -> tuple[Path, int]:
    """Write :func:`web_annotations` as a JSON-LD array (what Recogito exports)."""
    items = web_annotations(review)
    data = json.dumps(items, ensure_ascii=False, indent=1) + "\n"
    return write_bytes_atomic(out, data.encode("utf-8")), len(items)


@dataclass
class ImportReport:
    """What an import did: decisions recorded, annotations skipped, and why."""

    imported: int = 0
    skipped: int = 0
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]


def _annotations_in(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if data.get("type") == "Annotation" or "target" in data:
            return [data]
        for key in ("items", "first"):
            value = data.get(key)
            if isinstance(value, list):
                return value
            if isinstance(value, dict):
                return _annotations_in(value)
    return []


def _read_any(path: Path) -> tuple[list[Any], list[Issue]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        return [], [error(path, 0, 0, f"cannot read: {exc.strerror or exc}")]
    except UnicodeDecodeError:
        return [], [error(path, 0, 0, "not UTF-8 text")]
    try:
        return _annotations_in(json.loads(text)), []
    except json.JSONDecodeError as exc:
        first = exc
    items, issues = [], []
    for n, line in enumerate(text.splitlines(), 1):  # JSON Lines?
        if not line.strip():
            continue
        try:
            items.extend(_annotations_in(json.loads(line)))
        except json.JSONDecodeError as exc:
            issues.append(error(path, n, exc.colno, f"not valid JSON: {exc.msg}"))
            break
    if issues and not items:
        return [], [error(path, first.lineno, first.colno, f"not valid JSON: {first.msg}")]
    return items, issues


def _target(ann: dict) -> tuple[str | None, dict, dict]:
    target = ann.get("target")
    if isinstance(target, list):
        target = target[0] if target else None
    if isinstance(target, str):
        return target, {}, {}
    if not isinstance(target, dict):
        return None, {}, {}
    selectors = target.get("selector") or []
    if isinstance(selectors, dict):
        selectors = [selectors]
    quote_sel = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), {})
    pos_sel = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), {})
    source = target.get("source", target.get("id"))
    if isinstance(source, dict):
        source = source.get("id")
    return (source if isinstance(source, str) else None), quote_sel, pos_sel


def _body_place(ann: dict, by_uri: dict[str, str], known: set[str]) -> tuple[str | None, bool]:
    """(place id, says "not a place") from an annotation's body."""
    explicit = ann.get("cm:place") or ann.get(CM + "place")
    if isinstance(explicit, str) and explicit in known:
        return explicit, False
    bodies = ann.get("body") or []
    if isinstance(bodies, dict):
        bodies = [bodies]
    rejected = ann.get("motivation") == "assessing"
    for b in bodies:
        if not isinstance(b, dict):
            continue
        src = b.get("source")
        if isinstance(src, dict):
            src = src.get("id")
        if isinstance(src, str):
            uri = src.rstrip("/")
            if uri in by_uri:
                return by_uri[uri], False
            if uri.startswith(_PLACE_URN) and uri[len(_PLACE_URN):] in known:
                return uri[len(_PLACE_URN):], False
        if b.get("purpose") == "assessing":
            rejected = True
    return None, rejected


def import_web_annotations(review: Review, path: str | Path, *, document: str | None = None,
                           dry_run: bool = False) -> ImportReport:
    """Record the W3C Web Annotations in ``path`` as decisions.

    Each annotation's target must name a corpus document (its path relative
    to the corpus folder, its file name or its id; ``document`` forces one)
    and carry a TextQuoteSelector that still anchors in the text; its body
    must identify a gazetteer place (by GeoNames/Wikidata URI or
    caucasusmap's own id) or say "not a place". What the decision is
    (confirm, change, add, reject) follows from what the linker has there
    now unless the annotation says it (``cm:decision``). Spans that already
    have a decision are skipped, as are annotations that do not apply; all
    others are written as one undoable step."""
    path = Path(path)
    report = ImportReport()
    items, issues = _read_any(path)
    report.issues.extend(issues)
    idx = review.index
    places = idx.gazetteer.by_id
    by_uri: dict[str, str] = {}
    for p in idx.gazetteer.places:
        for key, value in p.links:
            if key in _LINK_BASES:
                by_uri.setdefault(_LINK_BASES[key].format(value).rstrip("/"), p.id)
    docs = idx.corpus.documents
    names: dict[str, str] = {}
    for d in docs:
        for name in (source_of(d, idx.corpus.root), Path(d.path).name, d.id):
            names.setdefault(name, d.id)
    existing = {d.id for d in review.file.decisions}
    layer = idx.review
    new: list[Decision] = []
    taken: list[tuple[str, int, int]] = []
    batch = review._new_id()
    for n, ann in enumerate(items, 1):
        where = f"annotation {n}" + (f" ({ann.get('id')})" if isinstance(ann, dict) and ann.get("id") else "")

        def skip(message: str, severity=warning, where=where) -> None:
            report.skipped += 1
            report.issues.append(severity(path, 0, 0, f"{where}: {message}; skipped"))

        if not isinstance(ann, dict):
            skip("not a JSON object", error)
            continue
        source, quote_sel, pos_sel = _target(ann)
        doc_id = document or (names.get(unquote(source)) if source else None)
        if doc_id is None and source:
            doc_id = names.get(Path(unquote(source)).name)
        if doc_id is None:
            skip(f"its target {source!r} is no document of the corpus")
            continue
        doc = idx.corpus.by_id[doc_id]
        exact = quote_sel.get("exact")
        start, end = pos_sel.get("start"), pos_sel.get("end")
        if not isinstance(exact, str) or not exact:
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(doc.text):
                exact = doc.text[start:end]
            else:
                skip("it has neither a TextQuoteSelector nor a usable TextPositionSelector", error)
                continue
        hint = start if isinstance(start, int) and not isinstance(start, bool) and start >= 0 else 0
        probe = Decision("probe", "confirm", "", hint, hint + len(exact), exact,
                         str(quote_sel.get("prefix") or ""), str(quote_sel.get("suffix") or ""), place="x")
        span = anchor(probe, doc.text)
        if span is None:
            skip(f"its quote {exact!r} is not in {doc.id} (any more)")
            continue
        s, e = span
        ident = str(ann.get("id") or "")
        own = ident[len(_ANNOTATION_URN):] if ident.startswith(_ANNOTATION_URN) else ""
        if own and own in existing:
            report.skipped += 1  # already there: importing an export again
            continue
        clash = any(t[0] == doc.id and t[1] < e and s < t[2] for t in taken)
        if clash or (layer and layer.decision_over(doc.id, s, e)):
            skip(f"{exact!r} at {doc.id}:{s} already has a decision")
            continue
        place, says_not = _body_place(ann, by_uri, set(places))
        action = ann.get("cm:decision") or ann.get(CM + "decision")
        was, _ = review._link_over(doc.id, s, e)
        if place is None and not says_not:
            skip("its body identifies no gazetteer place (by GeoNames or Wikidata URI) and does not say "
                 "'not a place'")
            continue
        if action not in ACTIONS:
            action = "reject" if place is None else "add" if was is None else "confirm" if was == place else "change"
        if action == "reject":
            place = None
            if was is None:
                skip(f"it rejects {exact!r}, which is not linked")
                continue
        elif place is None:
            skip(f"a {action!r} needs a place")
            continue
        if not review._inside_one_passage(doc.id, s, e):
            skip("its span is not inside one passage")
            continue
        note = ""
        bodies = ann.get("body") if isinstance(ann.get("body"), list) else [ann.get("body")]
        for b in bodies:
            if isinstance(b, dict) and b.get("purpose") == "commenting" and isinstance(b.get("value"), str):
                note = b["value"]
        # Our own exports keep their batches; a foreign file is one batch.
        own_batch = ann.get("cm:batch") or ann.get(CM + "batch") or ""
        ours = ann.get("cm:decision") or ann.get(CM + "decision")
        decision = review.new_decision(action, doc.id, s, e, place, None if action == "add" else was,
                                       batch=(own_batch if isinstance(own_batch, str) else "") if ours else batch,
                                       note=note,
                                       created=str(ann.get("created") or ""))
        if own and re.match(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$", own):
            decision = replace(decision, id=own)
        elif ident:
            decision = replace(decision, extra=(("imported_from", ident),))
        new.append(decision)
        taken.append((doc.id, s, e))
    report.imported = len(new)
    if new and not dry_run:
        review.record_decisions(new, f"import {len(new)} decision(s) from {path.name}")
    return report


# ---------------------------------------------------------------------------
# TEI

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MIXED = {"p", "head", "item", "note", "title", "author", "bibl", "placeName", "geo", "idno", "desc"}


def _x(text: str) -> str:
    """Text XML 1.0 can carry: forbidden characters become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _el(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
    e = ET.SubElement(parent, f"{{{TEI_NS}}}{tag}", {k: _x(str(v)) for k, v in attrs.items()})
    if text is not None:
        e.text = _x(text)
    return e


def _xml_id(place_id: str) -> str:
    return place_id if place_id[:1].isalpha() else f"p{place_id}"


def _indent(elem: ET.Element, level: int = 0) -> None:
    """Indent the structure but never inside mixed content (text stays exact)."""
    if elem.tag.split("}")[-1] in _MIXED or not len(elem):
        return
    pad = "\n" + "  " * (level + 1)
    elem.text = pad
    for child in elem:
        _indent(child, level + 1)
        child.tail = pad
    elem[-1].tail = "\n" + "  " * level


def tei_corpus(index: Index, view: MapView | None = None) -> str:
    """The corpus (the view's documents) as TEI P5 XML with a
    ``<placeName ref="#place-id">`` around every mention the view keeps
    (its places and review statuses); checked mentions carry ``cert="high"``."""
    from . import __version__
    from .maps import MapView

    view = view or MapView()
    view.check(index)
    ET.register_namespace("", TEI_NS)
    t = index.table
    rows = view_rows(index, view)
    statuses = t.statuses
    by_passage: dict[int, list[int]] = {}
    for r in rows.tolist():
        by_passage.setdefault(int(t.passage[r]), []).append(r)
    places = index.gazetteer.places
    used = sorted({int(t.place[r]) for r in rows.tolist()})
    docs = [d for d in index.corpus.documents if view.documents is None or d.id in view.documents]

    root = ET.Element(f"{{{TEI_NS}}}teiCorpus")
    header = _el(root, "teiHeader")
    fdesc = _el(header, "fileDesc")
    _el(_el(fdesc, "titleStmt"), "title", view.title or f"caucasusmap corpus: {Path(index.corpus.root).name}")
    _el(_el(fdesc, "publicationStmt"), "p",
        f"Exported by caucasusmap {__version__} on {datetime.now(UTC).strftime('%Y-%m-%d')}: "
        f"{len(docs)} document(s), {len(rows)} place mention(s).")
    sdesc = _el(fdesc, "sourceDesc")
    _el(sdesc, "p", f"Places from the gazetteer {Path(index.gazetteer.path).name}; mentions linked by caucasusmap, "
                    "with the user's review decisions applied (cert=\"high\" marks checked mentions).")
    lp = _el(sdesc, "listPlace")
    for k in used:
        p = places[k]
        pl = _el(lp, "place", type=p.kind, **{XML_ID: _xml_id(p.id)})
        _el(pl, "placeName", p.name)
        for alias in p.aliases:
            _el(pl, "placeName", alias, type="variant")
        _el(_el(pl, "location"), "geo", f"{p.lat} {p.lon}")
        for key, value in p.links:
            _el(pl, "idno", str(value), type=key)
        _el(pl, "idno", place_uri(p), type="URI")
        if p.note:
            _el(pl, "note", p.note)

    passages_by_doc = index.document_passages
    for doc in docs:
        tei = _el(root, "TEI")
        h = _el(tei, "teiHeader")
        fd = _el(h, "fileDesc")
        ts = _el(fd, "titleStmt")
        _el(ts, "title", doc.title)
        for a in doc.authors:
            _el(ts, "author", a)
        _el(_el(fd, "publicationStmt"), "p", "Part of a caucasusmap corpus export.")
        bibl = _el(_el(fd, "sourceDesc"), "bibl")
        _el(bibl, "title", doc.title)
        for a in doc.authors:
            _el(bibl, "author", a)
        if doc.venue:
            _el(bibl, "title", doc.venue, level="j")
        if doc.year:
            _el(bibl, "date", str(doc.year), when=f"{doc.year:04d}")
        for key, value in doc.extra:
            if key == "doi":
                _el(bibl, "idno", value, type="DOI")
            elif key == "url":
                _el(bibl, "ptr", target=value)
        _el(bibl, "idno", Path(doc.path).name, type="file")
        body = _el(_el(tei, "text"), "body")
        lst, lst_parent, refs = None, None, None
        for passage in passages_by_doc.get(doc.id, []):
            if passage.is_reference and view.hide_references:
                continue
            if passage.is_reference and refs is None:
                refs = _el(body, "div", type="bibliography")
            parent = refs if passage.is_reference else body
            attrs: dict[str, str] = {}
            if passage.kind == "item":
                if lst is None or lst_parent is not parent:
                    lst, lst_parent = _el(parent, "list"), parent
                parent, tag = lst, "item"
            else:
                lst = None
                tag = {"heading": "head", "footnote": "note"}.get(passage.kind, "p")
                if passage.kind == "footnote":
                    attrs["type"] = "footnote"
                    if passage.footnote:
                        attrs["n"] = passage.footnote
            el = _el(parent, tag, **attrs)
            text, origin = display_text(doc.text, passage.start, passage.end, markup=doc.markup)
            pi = index.passage_position(passage.id)
            pos, last = 0, None
            for r in by_passage.get(pi, []):
                a, b = display_span(origin, int(t.start[r]), int(t.end[r]))
                if b <= a or a < pos:
                    continue
                chunk = _x(text[pos:a])
                if last is None:
                    el.text = (el.text or "") + chunk
                else:
                    last.tail = (last.tail or "") + chunk
                p = places[int(t.place[r])]
                mark = {"ref": f"#{_xml_id(p.id)}"}
                if statuses[r] in (CONFIRMED, CORRECTED, ADDED):
                    mark["cert"] = "high"
                last = _el(el, "placeName", text[a:b], **mark)
                pos = b
            rest = _x(text[pos:])
            if last is None:
                el.text = (el.text or "") + rest
            else:
                last.tail = (last.tail or "") + rest
    _indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

