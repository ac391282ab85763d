"""Writing the user's gazetteer: every byte the change does not touch stays."""

import difflib

import pytest

from caucasusmap.gazetteer import load_gazetteer
from caucasusmap.gazwriter import (
    ConflictError,
    EditError,
    GazetteerFile,
    add_place,
    add_to_list,
    remove_from_list,
    set_field,
    yaml_scalar,
)

HAND = """\
# My gazetteer — hand formatted.   Keep my comments!
places:

  # --- Armenia ---
  - id: kapan            # Syunik capital
    name: 'Kapan'
    aliases: [Qafan,   "Ghapan"]   # odd spacing on purpose
    kind: city
    lat: 39.20762
    lon: 46.40678
    note: >-
      A folded note
      on two lines.

  - id: aras
    name: Aras
    aliases:
      - Araz
      - Arus   # misspelt in one text
    kind: river
    lat: 39.1
    lon: 45.9
    exclude: []

  - {id: shusha, name: Shusha, kind: town, lat: 39.76, lon: 46.75}
# trailing comment
"""


def only_insertions(old: str, new: str) -> list[str]:
    """The inserted text, asserting nothing of ``old`` was changed or removed."""
    if len(old) > 5000:  # difflib is quadratic here: check ``old`` is a subsequence of ``new``
        chunks, i, current = [], 0, []
        for ch in new:
            if i < len(old) and ch == old[i]:
                i += 1
                if current:
                    chunks.append("".join(current))
                    current = []
            else:
                current.append(ch)
        assert i == len(old), "something of the original was changed or removed"
        return chunks + (["".join(current)] if current else [])
    added = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        assert op in ("equal", "insert"), (op, old[a1:a2], new[b1:b2])
        if op == "insert":
            added.append(new[b1:b2])
    return added


def reloads(text, tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(text, encoding="utf-8")
    return load_gazetteer(path)


def test_set_field_replaces_only_the_value(tmp_path):
    new = set_field(HAND, "kapan", "lat", 39.2101)
    assert new == HAND.replace("lat: 39.20762", "lat: 39.2101")
    new = set_field(HAND, "shusha", "lon", 46.7512)
    assert new == HAND.replace("lon: 46.75}", "lon: 46.7512}")
    new = set_field(HAND, "kapan", "name", "Kapan: capital")  # needs quoting now
    assert "name: \"Kapan: capital\"" in new and reloads(new, tmp_path).by_id["kapan"].name == "Kapan: capital"
    folded = set_field(HAND, "kapan", "note", "A new note that is long enough to be folded over more than one line "
                       "when it is written back in the same style.")
    assert folded.replace(folded[folded.index("    note: >-"):folded.index("\n\n  - id: aras")], "") == \
        HAND.replace(HAND[HAND.index("    note: >-"):HAND.index("\n\n  - id: aras")], "")
    assert "    note: >-\n      A new note" in folded
    assert reloads(folded, tmp_path).by_id["kapan"].note.startswith("A new note that is long enough")
    with pytest.raises(EditError, match="no place has the id 'nope'"):
        set_field(HAND, "nope", "lat", 1.0)


def test_missing_key_is_added_in_the_entry_style(tmp_path):
    new = set_field(HAND, "aras", "note", "River on the border")
    assert only_insertions(HAND, new) == ["    note: River on the border\n"]
    new = set_field(HAND, "shusha", "note", "Town")
    assert only_insertions(HAND, new) == [", note: Town"]
    assert reloads(new, tmp_path).by_id["shusha"].note == "Town"


def test_lists_grow_in_their_own_style(tmp_path):
    flow = add_to_list(HAND, "kapan", "aliases", "Ղափան")
    assert only_insertions(HAND, flow) == [", Ղափան"]
    block = add_to_list(HAND, "aras", "aliases", "Araks")
    arus = "      - Arus   # misspelt in one text\n"
    assert block == HAND.replace(arus, arus + "      - Araks\n")
    empty = add_to_list(HAND, "aras", "exclude", "Araz Aslanlı")
    assert only_insertions(HAND, empty) == ["Araz Aslanlı"]
    missing = add_to_list(HAND, "shusha", "aliases", "Şuşa, the town")  # needs quotes inside [ ]
    g = reloads(missing, tmp_path)
    assert g.by_id["shusha"].aliases == ("Şuşa, the town",)
    assert g.by_id["aras"].aliases == ("Araz", "Arus") and g.by_id["kapan"].aliases == ("Qafan", "Ghapan")


def test_new_place_follows_the_file_style(tmp_path):
    new = add_place(HAND, {"id": "goris", "name": "Goris", "aliases": ["Gorus"], "kind": "town",
                           "lat": 39.5111, "lon": 46.3417, "note": "Syunik; yes: a note"})
    shusha = "lon: 46.75}\n"
    assert new == HAND.replace(shusha, shusha + "\n  - id: goris\n    name: Goris\n    aliases: [Gorus]\n"
                               "    kind: town\n    lat: 39.5111\n    lon: 46.3417\n"
                               "    note: \"Syunik; yes: a note\"\n")
    g = reloads(new, tmp_path)
    assert g.by_id["goris"].lat == 39.5111 and g.by_id["goris"].note == "Syunik; yes: a note"


def test_block_list_style_is_copied():
    text = "places:\n- id: a\n  name: A\n  aliases:\n  - X\n  kind: city\n  lat: 1\n  lon: 2\n"
    new = add_place(text, {"id": "b", "name": "B", "aliases": ["Yonder", "No"], "kind": "city", "lat": 3.0,
                           "lon": 4.0})
    assert new == text + ("- id: b\n  name: B\n  aliases:\n    - Yonder\n    - \"No\"\n  kind: city\n"
                          "  lat: 3.0\n  lon: 4.0\n")


def test_crlf_files_stay_crlf(tmp_path):
    text = HAND.replace("\n", "\r\n")
    new = add_to_list(add_place(text, {"id": "b", "name": "B", "kind": "city", "lat": 1.0, "lon": 2.0}),
                      "aras", "aliases", "Araks")
    assert "\n" not in new.replace("\r\n", "")
    assert len(reloads(new, tmp_path)) == 4


def test_scalars_read_back_the_same():
    for value in ["Nurdüz", "Yes", "No", "1988", "null", "~", "- dash", "a: b", "x #y", "it's", 'say "hi"',
                  "[x]", "  padded", "Şuşa"]:
        text = f"v: {yaml_scalar(value)}\n"
        import yaml

        assert yaml.safe_load(text)["v"] == value, (value, text)


# -- the file ---------------------------------------------------------------

@pytest.fixture
def gazfile(tmp_path):
    path = tmp_path / "places.yaml"
    path.write_bytes(HAND.encode("utf-8"))
    return path


def test_write_is_validated_backed_up_atomic_and_undoable(gazfile):
    f = GazetteerFile(gazfile)
    line = f.add_place({"name": "Goris", "kind": "town", "lat": 39.51, "lon": 46.34})
    assert gazfile.read_text(encoding="utf-8").splitlines()[line - 1] == "  - id: goris"
    assert f.backup_path.read_bytes() == HAND.encode("utf-8")
    assert [p.name for p in gazfile.parent.iterdir()] == sorted(["places.yaml", "places.yaml.bak"]) or \
        sorted(p.name for p in gazfile.parent.iterdir()) == ["places.yaml", "places.yaml.bak"]
    f.edit(lambda t: set_field(t, "kapan", "lat", 39.3))
    f.undo()
    assert "id: goris" in gazfile.read_text(encoding="utf-8") and "lat: 39.20762" in gazfile.read_text("utf-8")
    f.undo()
    assert gazfile.read_bytes() == HAND.encode("utf-8")
    with pytest.raises(EditError, match="nothing to undo"):
        f.undo()


def test_a_change_that_would_not_validate_is_refused(gazfile):
    f = GazetteerFile(gazfile)
    with pytest.raises(EditError, match="kind"):
        f.add_place({"name": "X", "kind": "castle", "lat": 1, "lon": 2})
    with pytest.raises(EditError, match="duplicate id 'kapan'"):
        f.add_place({"id": "kapan", "name": "Kapan 2", "kind": "city", "lat": 1, "lon": 2})
    with pytest.raises(EditError, match="out of range"):
        f.edit(lambda t: set_field(t, "kapan", "lat", 123.0))
    assert gazfile.read_bytes() == HAND.encode("utf-8")


def test_concurrent_external_edit_is_detected(gazfile):
    f = GazetteerFile(gazfile)
    gazfile.write_text(HAND + "  # the user typed this meanwhile\n", encoding="utf-8")
    with pytest.raises(ConflictError, match="changed on disk"):
        f.add_place({"name": "Goris", "kind": "town", "lat": 39.51, "lon": 46.34})
    assert gazfile.read_text(encoding="utf-8").endswith("meanwhile\n")  # their edit kept
    f.reload()
    f.add_place({"name": "Goris", "kind": "town", "lat": 39.51, "lon": 46.34})
    assert "meanwhile" in gazfile.read_text(encoding="utf-8")


def test_bom_is_kept(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + HAND.encode("utf-8"))
    GazetteerFile(path).edit(lambda t: set_field(t, "kapan", "lat", 39.25))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf# My gazetteer")


def test_bundled_gazetteer_round_trip(tmp_path):
    from _data import BUNDLED_PLACES_FILE

    original = BUNDLED_PLACES_FILE.read_text(encoding="utf-8")
    new = add_place(original, {"id": "goris", "name": "Goris", "kind": "town", "lat": 39.51, "lon": 46.34})
    new = add_to_list(new, "tabriz", "aliases", "Tebriz")
    new = set_field(new, "kapan", "lat", 39.21)
    assert "".join(only_insertions(original.replace("lat: 39.20762", "lat: 39.21"), new)).count("goris") == 1
    g = reloads(new, tmp_path)
    assert len(g) == len(load_gazetteer(BUNDLED_PLACES_FILE)) + 1 and "Tebriz" in g.by_id["tabriz"].aliases


def test_removing_from_lists_touches_only_the_item(tmp_path):
    first = remove_from_list(HAND, "kapan", "aliases", "Qafan")
    assert first == HAND.replace('[Qafan,   "Ghapan"]', '["Ghapan"]')
    last = remove_from_list(HAND, "kapan", "aliases", "Ghapan")
    assert last == HAND.replace('[Qafan,   "Ghapan"]', "[Qafan]")
    both = remove_from_list(last, "kapan", "aliases", "Qafan")
    assert both == HAND.replace('[Qafan,   "Ghapan"]', "[]")
    block = remove_from_list(HAND, "aras", "aliases", "Arus")
    assert block == HAND.replace("      - Arus   # misspelt in one text\n", "")
    assert reloads(block, tmp_path).by_id["aras"].aliases == ("Araz",)
    with pytest.raises(EditError, match="not in the aliases"):
        remove_from_list(HAND, "aras", "aliases", "Nope")


# -- the composer the edits read positions from -------------------------------------------------------

def _marks(node, out, seen):
    if id(node) in seen:
        return out
    seen.add(id(node))
    style, flow = getattr(node, "style", None) or None, bool(getattr(node, "flow_style", None))  # '' / False: None
    out.append((type(node).__name__, node.tag, style, flow,
                node.start_mark.index, node.start_mark.line, node.start_mark.column,
                node.end_mark.index, node.end_mark.line, node.end_mark.column))
    if isinstance(node.value, list):
        for item in node.value:
            for n in item if isinstance(item, tuple) else (item,):
                _marks(n, out, seen)
    return out


ODD = ("places:\r\n  - id: tebriz\r\n    name: \"Təbriz 𝐓𝐚𝐛𝐫𝐢𝐳\"\r\n    note: |\r\n      two\r\n      lines\r\n\r\n"
       "  - {id: x, name: 'Թավրիզ', aliases: [a, \"b\"], kind: city, lat: 1, lon: 2}\r\n"
       "  - id: y\n    name: plain\n      continued\n    note: >-\n      folded\n\n    exclude:\n    - z # c\n"
       "base: &b {kind: city}\nother: *b\n")


@pytest.mark.parametrize("text", [HAND, ODD, HAND.replace("\n", "\r\n")], ids=["hand", "odd", "crlf"])
def test_libyaml_marks_are_the_pure_python_composers(text):
    """The edits cut the text at the composer's marks; libyaml's (10x faster)
    must be the same character offsets, lines and columns."""
    from caucasusmap.gazwriter import _compose

    fast = _marks(_compose(text), [], set())
    slow = _marks(_compose(text, loader=__import__("yaml").SafeLoader), [], set())
    assert fast == slow and len(fast) > 20


def test_libyaml_marks_on_the_bundled_gazetteer():
    from pathlib import Path

    import yaml

    from caucasusmap.gazwriter import _compose

    files = sorted((Path(__file__).resolve().parents[2] / "gazetteer").glob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert _marks(_compose(text), [], set()) == _marks(_compose(text, loader=yaml.SafeLoader), [], set()), path


def test_block_scalars_are_edited_the_same_with_libyaml(tmp_path):
    import yaml

    import caucasusmap.gazwriter as gw

    edits = [lambda t: set_field(t, "kapan", "note", "A new note, folded again over the lines it takes."),
             lambda t: add_place(t, {"id": "goris", "name": "Goris", "kind": "town", "lat": 39.5, "lon": 46.3}),
             lambda t: add_to_list(t, "kapan", "aliases", "Kafan")]
    fast = [edit(HAND) for edit in edits]
    real = gw._compose
    gw._compose = lambda text, loader=yaml.SafeLoader: real(text, loader)
    try:
        slow = [edit(HAND) for edit in edits]
    finally:
        gw._compose = real
    assert fast == slow
    assert "A new note, folded again" in fast[0] and "    note: >-\n      A new note" in fast[0]


def test_an_edit_never_runs_the_pure_python_scanner(gazfile, monkeypatch):
    """Issue 9, finding 5: each edit of a 220 KB gazetteer spent 0.69 s of CPU
    in PyYAML's pure-Python scanner, longer than the gap between two saves of
    another program; the race against such a program could not finish."""
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML without libyaml")
    calls = []
    real = yaml.scanner.Scanner.fetch_more_tokens
    monkeypatch.setattr(yaml.scanner.Scanner, "fetch_more_tokens", lambda self: (calls.append(1), real(self))[1])
    g = GazetteerFile(gazfile)
    g.add_place({"id": "goris", "name": "Goris", "kind": "town", "lat": 39.5, "lon": 46.3})
    g.edit(lambda t: set_field(t, "goris", "lat", 39.51))
    g.undo()
    assert "goris" in gazfile.read_text(encoding="utf-8") and calls == []


def test_an_alias_cycle_or_bomb_does_not_stall_an_edit():
    from caucasusmap.gazwriter import _compose

    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 9)]
    assert _compose("\n".join(lines) + "\nplaces: []\n")  # 10^9 paths through 90 nodes: composing follows none of them
    assert _compose("places: &a [*a]\n")
