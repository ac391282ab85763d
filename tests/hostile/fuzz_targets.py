"""Fuzz targets for the gazetteer loader and the corpus reader (issue 9).

Each target takes one generated input and checks what must hold for every
input: no exception escapes (only the located :class:`Issue` values or the
documented ``CorpusError``), every issue is one line with a file and a line,
and every mention found is a real span of its document. ``test_fuzz.py`` runs
a bounded number of examples in the suite; ``benchmarks/fuzz.py`` runs many.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import strategies as st

from caucasusmap.corpus import read_corpus
from caucasusmap.errors import CorpusError
from caucasusmap.gazetteer import load_gazetteer, validate_gazetteer
from caucasusmap.index import build_index

# Pieces of gazetteers, good and bad, that random text rarely finds alone.
_YAML_BITS = [
    "places:\n", "places: []\n", "  - id: tabriz\n", "    name: Tabriz\n", "    aliases: [Tebriz, تبریز]\n",
    "    kind: city\n", "    kind: brige\n", "    lat: 38.08\n", "    lon: 46.29\n", "    lat: nan\n",
    "    lon: '46'\n", "    exclude: [Tabriz Tractor]\n", "    names: {az: Təbriz, hy: Թավրիզ}\n",
    "  - {id: baku, name: Baku, kind: city, lat: 40.4, lon: 49.87}\n", "    geometry: {type: Point}\n",
    "&a [1, 2]\n", "*a\n", "!!python/object:os.system\n", "    note: |\n      x\n", "\t", "\x00", "\x1b[2J",
    "\ufeff", "\r", "\r\n", "---\n", "...\n", "? a\n: b\n", "- - -\n", "{", "}", "[", "]", ": ", "#", "'", '"',
    "    id: a b\n", "    name: \n", "  -\n",
    "places:\n  - id: x\n    name: X\n    kind: city\n    lat: 1\n    lon: 1\n",
]
_TEXT_BITS = [
    "Tabriz", "Tebriz", "تبریز", "Baku", "Bakı", "Shusha", "Şuşa", "Nagorno-\nKarabakh", "Azer-\nbaijan", " ", "\n",
    "\n\n", "\r", "\r\n", "# Heading\n", "**Bold**\n", "<sup>1</sup>", "- item\n", "1. item\n", "References\n",
    "http://x.example/Tabriz", "www.baku.az", "user@tabriz.ir", "](Baku)", "<https://a.b>", "(/tags/baku)",
    "@a", "-\n", "\u200c", "\u0301", "İ", "ı", "ß", "\x1b]0;x\x07", "\t", "---\n", "[[x]]", "\ud7ff", "𝐓𝐚𝐛𝐫𝐢𝐳",
]

GAZETTEER = """places:
  - id: tabriz
    name: Tabriz
    aliases: [Tebriz, تبریز]
    kind: city
    lat: 38.08
    lon: 46.29
  - id: baku
    name: Baku
    aliases: [Bakı]
    kind: city
    lat: 40.4
    lon: 49.87
  - id: nagorno-karabakh
    name: Nagorno-Karabakh
    kind: region
    lat: 39.8
    lon: 46.75
"""

gazetteer_texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(_YAML_BITS) | st.text(max_size=12), max_size=30).map("".join),
)
gazetteer_bytes = st.one_of(
    st.binary(max_size=300),
    gazetteer_texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
    gazetteer_texts.map(lambda t: t.encode("utf-16", "surrogatepass")),
)
document_texts = st.lists(st.sampled_from(_TEXT_BITS) | st.text(max_size=10), max_size=60).map("".join)
document_files = st.one_of(
    document_texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
    document_texts.map(lambda t: t.encode("utf-16", "surrogatepass")),
    st.binary(max_size=200),
)
corpora = st.lists(st.tuples(st.sampled_from(["a.md", "b.txt", "sub/c.md", "d.markdown", "e.pdf", "f.bin",
                                              "corpus.yaml"]), document_files),
                   min_size=1, max_size=4, unique_by=lambda f: f[0])


def _check_issues(issues) -> None:
    for issue in issues:
        text = str(issue)
        assert "\n" not in text.split(": ", 1)[0]  # the location part is one line
        assert issue.line >= 0 and issue.column >= 0 and issue.path
        assert "Traceback" not in text


def gazetteer_target(data: bytes) -> None:
    """Any bytes as a gazetteer file: issues, never an exception."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "places.yaml"
        path.write_bytes(data)
        places, issues = validate_gazetteer(path)
        _check_issues(issues)
        if not any(i.is_error for i in issues):
            assert len(load_gazetteer(path).places) == len(places)


def gazetteer_text_target(text: str) -> None:
    """Any text as gazetteer content (as the app validates an edit)."""
    places, issues = validate_gazetteer("places.yaml", text)
    _check_issues(issues)
    assert all(p.id for p in places)


def corpus_target(files: list[tuple[str, bytes]]) -> None:
    """Any files as a corpus, linked against a small gazetteer: issues or a
    CorpusError, never another exception; mentions are real spans."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "corpus"
        for name, data in files:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        (Path(tmp) / "places.yaml").write_text(GAZETTEER, encoding="utf-8")
        try:
            corpus = read_corpus(root, cache=False)
        except CorpusError:
            return
        _check_issues(corpus.issues)
        index = build_index(load_gazetteer(Path(tmp) / "places.yaml"), corpus)
        for m in index.mentions:
            text = corpus.by_id[m.document].text
            assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.surface
