"""The linker's faster paths give the answers of the straightforward computations they replace.

Not timed: each test compares an optimised function with a plain reference written here, on
texts built to hit the edge cases (word boundaries, digits, underscores, combining marks, the
dotted capital İ, words inside words)."""

from __future__ import annotations

import random
import re

import numpy as np

from _data import BUNDLED_CORPUS, BUNDLED_GAZETTEER, BUNDLED_PLACES_FILE, ROOT
from caucasusmap.gazetteer import load_gazetteer
from caucasusmap.inflection import _FUNCTION_FORMS, has_function_word
from caucasusmap.linking import _WINDOW, Linker, _Context

# The reference: the function words as a regex with look-arounds (a letter is a word character
# that is neither a digit nor an underscore), tried at every offset.
_REFERENCE = re.compile(r"(?<![^\W\d_])(?:" + "|".join(sorted(_FUNCTION_FORMS, key=len, reverse=True))
                        + r")(?![^\W\d_])")

_PIECES = [*_FUNCTION_FORMS, "have", "very", "but", "about", "while", "rise", "birth", "drama", "ilə", "və",
           "x", "é", "\u0301", "1", "_", "-", " ", "\n", ".", "'", "«", "İ", "ı", "Ş", "Шуша", "ve\u0301",
           "IVE", "Bir", "BU"]


def test_function_word_scan_agrees_with_the_lookaround_regex():
    rng = random.Random(14)
    texts = ["", "ve", "have", "ve1", "1ve", "_ve_", "ve\u0301", "çok", "Çok", "İçin", "için.", "xiçin", "bu bir",
             "The Şuşa fortress and the Ağdam mosque.", "Bakıda və Şuşada."]
    for _ in range(3000):
        texts.append("".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 12))))
    seen = {True: 0, False: 0}
    for text in texts:
        expected = _REFERENCE.search(text) is not None
        assert has_function_word(text) == expected, repr(text)
        seen[expected] += 1
    assert seen[True] > 100 and seen[False] > 100  # both answers are exercised


def _plain_coherence_around(context, cands, s, w_country, w_near):
    """The coherence with the places around ``s``, straightforwardly: walk every chosen
    mention, keep the local ones within the window, not at ``s`` and not of a candidate's
    place, then np.mean per candidate."""
    own = set(cands.tolist())
    rows = np.array([r for p, r, place in zip(context.pos.tolist(), context.row.tolist(), context.place.tolist())
                     if s - _WINDOW <= p <= s + _WINDOW and p != s and r >= 0 and place not in own], dtype=np.int64)
    out = np.zeros(len(cands))
    if not len(rows):
        return out
    lk = context.lk
    known = context.country[rows][context.country[rows] > 0]
    for j, c in enumerate(cands.tolist()):
        if lk._country[c] and len(known):
            out[j] += w_country * float(np.mean(known == lk._country[c]))
        if lk._local[c]:
            out[j] += w_near * float(np.mean(context._row(c)[1][rows]))
    return out


def test_coherence_around_is_bit_identical_to_the_np_mean_form():
    lk = Linker(load_gazetteer(BUNDLED_GAZETTEER).places)
    rng = np.random.default_rng(14)
    n_places = len(lk.places)
    checked = nonzero = 0
    for _ in range(40):
        n = int(rng.integers(1, 400))
        pos = np.sort(rng.integers(0, 20_000, n)).astype(np.int64)
        place = rng.integers(0, n_places, n).astype(np.int64)
        context = _Context(lk, pos, place)
        for _ in range(25):
            cands = rng.choice(n_places, size=int(rng.integers(1, 6)), replace=False).astype(np.int64)
            s = int(pos[rng.integers(0, n)]) if rng.random() < 0.5 else int(rng.integers(0, 20_000))
            got = context.coherence_around(cands, s, 2.0, 2.0)
            want = _plain_coherence_around(context, cands, s, 2.0, 2.0)
            assert got.dtype == want.dtype and got.tobytes() == want.tobytes(), (cands, s)
            uniq = context.uniq.tolist()
            assert context._rows_of(cands) == [uniq.index(c) for c in cands.tolist() if c in uniq]
            checked += 1
            nonzero += bool(want.any())
    assert nonzero > checked // 4  # the country and nearness terms are exercised, not only zeros


def test_the_cpu_benchmark_links_each_side_with_its_trees_reference(tmp_path):
    """bench_link_cpu puts a tree's ``src`` first on sys.path, where the package's data is not
    found: each side must load its tree's reference by path (a side linking without it would
    measure another linker) and say which it used."""
    import shutil
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_link_cpu
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    from caucasusmap.reference import load_reference

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(next(p for p in sorted(BUNDLED_CORPUS.iterdir()) if p.suffix == ".md"), corpus)
    out = tmp_path / "now.npz"
    run = bench_link_cpu.run_side(ROOT / "src", BUNDLED_PLACES_FILE, corpus, out, True)
    assert run.get("reference") == load_reference(ROOT / "resources" / "reference" / "reference.sqlite").digest
    assert run["mentions"] > 0


def _plain_fold_document(text):
    """fold_document's separator runs by the general walk over the kept characters."""
    from caucasusmap import normalize

    folded = normalize._fold_codepoints(normalize.codepoints(text))
    for start, end in normalize.non_text_spans(text):
        folded[start:end] = 0x20
    for start, end, join in normalize.hyphen_breaks(text):
        folded[start:end] = 0 if join else 0x20
    kept = np.flatnonzero(folded != 0)
    ks = (folded == 0x20)[kept]
    run_dup = np.zeros(len(kept), dtype=bool)
    run_dup[1:] = ks[1:] & ks[:-1]
    kept = kept[~run_dup]
    body = folded[kept].astype(np.uint32).tobytes().decode("utf-32-le")
    return " " + body + " ", [-1, *kept.tolist(), len(text)]


def test_fold_document_without_deleted_characters_agrees_with_the_general_walk():
    from caucasusmap.normalize import fold_document

    rng = random.Random(14)
    pieces = ["Şuşa", "  ", " ", "\n", "-", "Azer-\nbaijan", "e\u0301", "\u200c", "x", "Ağdam", ".", "www.a.az", "İ"]
    texts = ["", " ", "a", "  a  ", "e\u0301", "\u0301"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 15))) for _ in range(2000)]
    fast = 0
    for text in texts:
        got = fold_document(text)
        want_text, want_origin = _plain_fold_document(text)
        assert got.text == want_text and got.origin.tolist() == want_origin, repr(text)
        fast += "\u0301" not in text and "\u200c" not in text and "-\n" not in text
    assert 200 < fast < len(texts) - 200  # both paths are exercised
