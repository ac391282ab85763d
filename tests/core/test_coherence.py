"""The linker's coherence with the rest of a text, counted once per place
(linear in the text), decides exactly as the pairwise comparison of every
mention with every other did: on the bundled corpus, the development
Wikipedia texts (their annotation files with the marks taken out) and a
generated long text, with the reference gazetteer
under the bundled one (as the tool runs)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from _data import BUNDLED_CORPUS, BUNDLED_GAZETTEER, ROOT
from caucasusmap import linking
from caucasusmap.evaluate import parse_marks
from caucasusmap.gazetteer import load_gazetteer
from caucasusmap.linking import _WINDOW, Decider, Linker
from caucasusmap.reference import load_reference

DEV_ANNOTATIONS = ROOT / "annotations" / "wikipedia-dev"


class PairwiseDecider(Decider):
    """The former pairwise coherence, kept here as the reference: every
    mention against the place chosen for every other mention."""

    def _context_coherence(self, cands, s, context):
        ctx_pos, ctx_place = context.pos, context.place
        local = np.abs(ctx_pos - s) <= _WINDOW
        ctx_local = ctx_place[local & (ctx_pos != s)]
        ctx_all = ctx_place[ctx_pos != s]
        return self._coherence(cands, ctx_local, 2.0, 2.0) + self._coherence(cands, ctx_all, 0.8, 0.8)

    def _coherence(self, cands, ctx, w_country, w_near):
        lk = self.lk
        ctx = ctx[lk._local[ctx] & ~np.isin(ctx, cands)] if len(ctx) else ctx
        if not len(ctx):
            return np.zeros(len(cands))
        out = np.zeros(len(cands))
        for k, c in enumerate(cands):
            c = int(c)
            others = ctx
            if lk._country[c]:
                known = lk._country[others] > 0
                if known.any():
                    out[k] += w_country * float(np.mean(lk._country[others][known] == lk._country[c]))
            if lk._local[c]:
                out[k] += w_near * float(np.mean(np.exp(-self._distance_km(c, others) / 150.0)))
        return out

    def _far_from_context(self, c, own, s, context):
        ctx_pos, ctx_place = context.pos, context.place
        local_ctx = ctx_place[self.lk._local[ctx_place] & (ctx_pos != s) & (ctx_place != c)]
        if (self.lk._importance[c] < 4.5 and len(local_ctx) >= 3) or (not own and len(local_ctx) >= 2):
            return self._distance_km(c, local_ctx).min() > 400.0
        return False


@pytest.fixture(scope="module")
def linker():
    gazetteer = load_gazetteer(BUNDLED_GAZETTEER)
    reference = load_reference()
    assert reference is not None, "the packaged reference gazetteer is missing"
    return Linker(gazetteer.places, reference=reference)


def _texts(folder: Path) -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.iterdir())
            if p.suffix in (".md", ".txt")]


def _dev_texts() -> list[tuple[str, str]]:
    return [(p.stem, parse_marks(p.read_text(encoding="utf-8"))[0])
            for p in sorted(DEV_ANNOTATIONS.glob("*.ann"))]


def _long_text() -> str:
    """About 1.5 M characters: the paragraphs of every text above, shuffled
    (names then recur far apart, with other places around them)."""
    paragraphs = [para for _, text in [*_texts(BUNDLED_CORPUS), *_dev_texts()]
                  for para in text.split("\n\n") if para.strip()]
    rng = random.Random(14)
    out: list[str] = []
    size = 0
    while size < 1_500_000:
        rng.shuffle(paragraphs)
        out.extend(paragraphs)
        size += sum(len(p) + 2 for p in paragraphs)
    return "\n\n".join(out)


def _assert_same(linker: Linker, name: str, text: str, monkeypatch) -> int:
    new = linker.find_links(text)
    with monkeypatch.context() as m:
        m.setattr(linking, "Decider", PairwiseDecider)
        old = linker.find_links(text)
    assert len(new) == len(old), name
    for field in ("start", "end", "place", "alt_offset", "alt_place"):
        assert np.array_equal(getattr(new, field), getattr(old, field)), f"{name}: {field} differs"
    # Only the order of a floating-point sum differs.
    np.testing.assert_allclose(new.confidence, old.confidence, rtol=1e-6, atol=1e-7, err_msg=name)
    np.testing.assert_allclose(new.alt_score, old.alt_score, rtol=1e-6, atol=1e-7, err_msg=name)
    return len(new)


def test_bundled_corpus_decides_as_pairwise(linker, monkeypatch):
    total = sum(_assert_same(linker, n, t, monkeypatch) for n, t in _texts(BUNDLED_CORPUS))
    assert total > 1000


def test_dev_corpus_decides_as_pairwise(linker, monkeypatch):
    texts = _dev_texts()
    assert len(texts) == 4
    total = sum(_assert_same(linker, n, t, monkeypatch) for n, t in texts)
    assert total > 1000


def test_long_generated_text_decides_as_pairwise(linker, monkeypatch):
    text = _long_text()
    links = linker.find_links(text)
    # Undecided names in it are weighed against the rest: the coherence is exercised.
    assert (links.confidence < 1.0).sum() > 500
    assert _assert_same(linker, "generated", text, monkeypatch) > 10_000


def test_reference_implementation_is_distinguishable(linker, monkeypatch):
    """The comparison can fail: a coherence that ignores the rest of the text decides otherwise."""

    class NoCoherence(Decider):
        def _context_coherence(self, cands, s, context):
            return np.zeros(len(cands))

    text = _long_text()
    base = linker.find_links(text)
    with monkeypatch.context() as m:
        m.setattr(linking, "Decider", NoCoherence)
        other = linker.find_links(text)
    assert len(base) != len(other) or not np.array_equal(base.place, other.place) \
        or not np.allclose(base.confidence, other.confidence, rtol=1e-6, atol=1e-7)
