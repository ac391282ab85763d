"""Build ``resources/reference/dictionary_words.tsv``: the common Turkish and
Persian words that a place name of the bundled and reference gazetteers can
be read into, for the linker's rule that such a word is not the place
(:func:`caucasusmap.linking.Linker` "dictionary words").

A name reaches a word in two ways, and only those words are kept (the whole
dictionaries would add some 6 MB):

* the name itself is the word: the Persian name of Taraz, "تراز", is
  "level"; the Dagestani Sulak, "sulak", is Turkish "watery";
* the name with an ending the linker reads is the word: Mali with the
  Turkish dative, "Maliye", is "finance"; Abha's Persian "ابها" with the
  ezafe, "آبهای", is "the waters of" (the dictionary's "آبها", waters).

Each line is ``language<TAB>folded word`` (``tr``, ``fa``). The dictionaries
are used for membership only:

* Debian ``hunspell-tr`` (``/usr/share/hunspell/tr_TR.dic``, LibreOffice
  dictionaries, MPL-2.0): its lower-case stems (it lists inflected forms as
  stems with affix flags; the stems are what is kept), and their plurals
  ("Araplar", Arabs, a GeoNames name of Poldasht);
* Debian ``myspell-fa`` (``/usr/share/hunspell/fa_IR.dic``, GPL-2): its
  full forms.

Usage::

    apt-get install hunspell-tr myspell-fa
    python scripts/build_dictionary_words.py   # rewrites resources/reference/dictionary_words.tsv
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from caucasusmap.gazetteer import load_gazetteer  # noqa: E402
from caucasusmap.inflection import MIN_LETTERS, key, turkic_suffixes  # noqa: E402
from caucasusmap.normalize import fold_phrase  # noqa: E402

REFERENCE = ROOT / "resources" / "reference" / "reference.sqlite"
GAZETTEER = ROOT / "gazetteer"
OUT = ROOT / "resources" / "reference" / "dictionary_words.tsv"
DICTIONARIES = {"tr": Path("/usr/share/hunspell/tr_TR.dic"), "fa": Path("/usr/share/hunspell/fa_IR.dic")}

#: The clitics a Persian name takes attached that the linker reads (see
#: :func:`caucasusmap.inflection.persian_suffix_ok`).
PERSIAN_CLITICS = ("", "ی", "ست", "است")


def dictionary(lang: str, path: Path) -> set[str]:
    """The folded one-word entries of a Hunspell ``.dic`` (affix flags cut;
    for Turkish only the lower-case ones: capitalised stems are proper names)."""
    out: set[str] = set()
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()[1:]  # the first line is a count
    for line in lines:
        word = line.split("/", 1)[0].strip()
        if not word or (lang == "tr" and not word[0].islower()):
            continue
        for form in (word, word + _plural(word)) if lang == "tr" else (word,):
            folded = fold_phrase(form)
            if folded and " " not in folded:
                out.add(folded)
    return out


def _plural(stem: str) -> str:
    """The Turkish plural ending of ``stem`` by vowel harmony: -lar after a
    back vowel, -ler after a front one ("Araplar", Arabs; "Türkler")."""
    last = next((c for c in reversed(stem) if c in "aıoueiöü"), "e")
    return "lar" if last in "aıou" else "ler"


def names() -> set[str]:
    """The one-word names as written of the reference and bundled gazetteers."""
    con = sqlite3.connect(REFERENCE)
    try:
        out = {n for (n,) in con.execute("SELECT name FROM names")}
    finally:
        con.close()
    gazetteer = load_gazetteer(GAZETTEER)
    out.update(n for p in gazetteer.places for n in p.names)
    return {n for n in out if len(fold_phrase(n).split()) == 1}


def readings(name: str, lang: str) -> set[str]:
    """The folded words the linker can read ``name`` into in ``lang``."""
    if lang == "fa":
        folded = fold_phrase(name)
        return {fold_phrase(folded + c) for c in PERSIAN_CLITICS}
    written = key(name)
    if len(written) < MIN_LETTERS:  # the linker reads no ending on a shorter name
        return {fold_phrase(written)}
    suffixes = turkic_suffixes(written, "tr") | turkic_suffixes(written, "az")
    return {fold_phrase(written)} | {fold_phrase(written + s) for s in suffixes}


def main() -> int:
    all_names = names()
    lines = ["# Turkish and Persian words that a name of the bundled or reference gazetteer is, or becomes",
             "# with an ending the linker reads; written by scripts/build_dictionary_words.py (see its",
             "# docstring). Line: language<TAB>folded word. Sources (membership only): Debian hunspell-tr",
             "# (LibreOffice dictionaries, MPL-2.0), Debian myspell-fa (GPL-2); the names, GeoNames via",
             "# reference.sqlite (CC BY 4.0) and this project's gazetteer."]
    for lang, path in DICTIONARIES.items():
        if not path.exists():
            raise SystemExit(f"build_dictionary_words: {path} missing; apt-get install hunspell-tr myspell-fa")
        words = dictionary(lang, path)
        kept = sorted({w for n in all_names for w in readings(n, lang) if w in words})
        lines.extend(f"{lang}\t{w}" for w in kept)
        print(f"{lang}: {len(words)} dictionary words, {len(kept)} kept")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
