"""Issue 9, findings 8 and 10: work and memory that grew with the square of
the input, or without bound, counted here (never timed; the issue's full-size
inputs are timed by ``benchmarks/bench_hostile.py``)."""

from __future__ import annotations

import tracemalloc

from caucasusmap import normalize


class _CountingPattern:
    """A compiled pattern that adds up the characters each ``match`` covers."""

    def __init__(self, pattern):
        self.pattern, self.scanned, self.calls = pattern, 0, 0

    def match(self, text, pos=0, *more):
        m = self.pattern.match(text, pos, *more)
        self.calls += 1
        self.scanned += (m.end() - pos) if m else 0
        return m


class _CountingText(str):
    """A text that adds up the characters every whole-text search reads."""

    searched = 0

    def _count(self):
        type(self).searched += len(self)

    def __contains__(self, item):
        self._count()
        return super().__contains__(item)

    def find(self, *a):
        self._count()
        return super().find(*a)

    def index(self, *a):
        self._count()
        return super().index(*a)

    def count(self, *a):
        self._count()
        return super().count(*a)


def test_a_token_full_of_anchors_is_scanned_once(monkeypatch):
    """'@a' * 150000 took 69 s: every '@' widened to the end of the token."""
    counting = _CountingPattern(normalize._TOKEN_RIGHT)
    monkeypatch.setattr(normalize, "_TOKEN_RIGHT", counting)
    text = "@a" * 20_000 + " then www.example.org/x@y.z and mail@host.am. "
    spans = normalize.non_text_spans(text)
    assert counting.scanned <= 2 * len(text)  # was ~ len(text) ** 2 / 4: 200 M characters
    assert [text[a:b] for a, b in spans] == ["www.example.org/x@y.z", "mail@host.am."]


def test_hyphen_breaks_read_the_text_a_bounded_number_of_times():
    """60,000 'word-\\nated' breaks took 63 s: the text was searched once per break."""
    words = ["consider", "negoti", "agree", "integr", "coordin", "separ"]
    plain = "".join(f"The {words[i % 6]}-\nated text number {i} goes on.\n" for i in range(2000))
    plain += "A well-\nknown well-known case.\n"
    _CountingText.searched = 0
    breaks = normalize.hyphen_breaks(_CountingText(plain))
    assert _CountingText.searched <= 2 * len(plain)  # was one whole-text search per break: 2,000x
    assert len(breaks) == 2001
    assert breaks[0][2] is True and breaks[-1][2] is False  # "well-known" occurs elsewhere: kept


def test_a_huge_name_is_refused_where_it_is_written(write):
    """A 140 KB place name made candidates store every prefix (1.5 GB; 1 MB:
    a MemoryError traceback)."""
    from caucasusmap.gazetteer import MAX_NAME_CHARS, validate_gazetteer

    huge = "Tabriz " * 20_000
    gaz = write("g.yaml", "places:\n  - id: tabriz\n    name: Tabriz\n    aliases:\n"
                          f"      - {huge.strip()}\n    kind: city\n    lat: 38.08\n    lon: 46.29\n")
    tracemalloc.start()
    _, issues = validate_gazetteer(gaz)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    (issue,) = [i for i in issues if i.is_error]
    assert str(issue).startswith(f"{gaz}:5:9: error: ") and f"the limit is {MAX_NAME_CHARS}" in str(issue)
    assert peak < 200 * len(huge)  # the file parsed, nothing kept per prefix


def test_candidates_keep_a_bounded_head_per_name(write, tmp_path):
    """Every prefix of every name was a key of ``_Finder.head_kinds``
    (quadratic in a name's length); now at most HEAD_WORDS per name."""
    from caucasusmap.candidates import HEAD_WORDS, _Finder
    from caucasusmap.corpus import read_corpus
    from caucasusmap.gazetteer import MAX_NAME_CHARS, load_gazetteer
    from caucasusmap.index import build_index

    long_name = " ".join(f"W{k}" for k in range(90))[:MAX_NAME_CHARS]
    gaz = write("g.yaml", f"places:\n  - id: long\n    name: {long_name}\n    kind: region\n"
                          "    lat: 38.0\n    lon: 46.0\n")
    write("c/a.md", "Nothing here.\n")
    index = build_index(load_gazetteer(gaz), read_corpus(tmp_path / "c", cache=False), reference=None)
    finder = _Finder(index, set())
    assert len(long_name.split()) > 3 * HEAD_WORDS
    assert len(finder.head_kinds) == HEAD_WORDS  # was one per word of the name
