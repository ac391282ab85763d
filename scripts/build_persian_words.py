"""Build ``resources/reference/persian_words.tsv``: the reference gazetteer's
one-word names in Persian script that Persian text uses first as ordinary
words, for the linker's rule that such a name links only beside a cue of its
place's kind ("شهر سراب", the town of Sarab; "کشور مالی", the country Mali).

Two kinds of such names, each line ``folded name<TAB>kind``:

* ``derived`` — a name ending in -ی whose stem without it is itself a very
  frequent word (wordfreq Zipf ≥ :data:`DERIVED_STEM_ZIPF`): the -ی makes an
  adjective or an abstract noun of it — "مالی" financial (مال, property) for
  Mali, "ترکی" Turkish for Turkey, "گرمی" warmth for Germi. Any place.
* ``word`` — a word of the Persian dictionary that is frequent in Persian text
  (Zipf ≥ :data:`WORD_ZIPF`): "سراب" mirage, "میانه" middle, "بازرگان"
  merchant, "خلخال" anklet. The linker applies it to settlements under its
  population bound only: a dictionary that lists "تبریز" and "مشهد" lists
  the large cities too, and those are places first.

Inputs, named with their licences in the output file's header:

* the reference gazetteer's names (``reference.sqlite``, from GeoNames, CC BY 4.0);
* Debian's ``myspell-fa`` dictionary (``/usr/share/hunspell/fa_IR.dic``, GPL-2;
  only membership of a name in it is used);
* ``wordfreq==3.1.1`` (PyPI; code Apache 2.0, data CC BY-SA 4.0): Persian word
  frequencies.

Usage::

    apt-get install myspell-fa && pip install wordfreq==3.1.1
    python scripts/build_persian_words.py      # rewrites resources/reference/persian_words.tsv
"""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from caucasusmap.normalize import fold_phrase  # noqa: E402

REFERENCE = ROOT / "resources" / "reference" / "reference.sqlite"
OUT = ROOT / "resources" / "reference" / "persian_words.tsv"
DICTIONARY = Path("/usr/share/hunspell/fa_IR.dic")

#: A dictionary word this frequent (wordfreq's Zipf scale; 3.5 is about three
#: in a million words) is read as the word: "سراب" 3.9, "میانه" 4.5,
#: "بازرگان" 4.0, "خلخال" 3.7; "جلفا" (not in the dictionary) and "ابهر" 3.2 are not.
WORD_ZIPF = 3.5
#: The stem of a -ی name this frequent makes the name a derived word: "مال"
#: 5.3, "ترک" 5.3, "گرم" 5.3; "آلبان" (آلبانی, Albania) is not a word at all.
DERIVED_STEM_ZIPF = 5.0

_PERSIAN_WORD = re.compile(r"^[\u0600-\u06ff]+$")
_DIACRITICS = re.compile(r"[\u064b-\u065f\u0670]")


def dictionary_words(path: Path) -> set[str]:
    """The dictionary's words as written (the flags after "/" dropped)."""
    lines = path.read_text(encoding="utf-8").splitlines()[1:]  # the first line is the count
    return {line.split("/", 1)[0].strip() for line in lines if line.strip()}


def classify(name: str, words: set[str], zipf) -> str:
    """"derived", "word" or "" for one Persian-script name as written."""
    bare = _DIACRITICS.sub("", name).replace("ي", "ی").replace("ك", "ک")
    if not _PERSIAN_WORD.match(bare) or len(bare) < 3:
        return ""
    if bare.endswith("ی") and len(bare) >= 4 and zipf(bare[:-1], "fa") >= DERIVED_STEM_ZIPF:
        return "derived"
    if bare in words and zipf(bare, "fa") >= WORD_ZIPF:
        return "word"
    return ""


def main() -> int:
    from wordfreq import zipf_frequency  # build-time only

    if not DICTIONARY.exists():
        print(f"{DICTIONARY}: missing (apt-get install myspell-fa)", file=sys.stderr)
        return 1
    words = dictionary_words(DICTIONARY)
    con = sqlite3.connect(f"file:{REFERENCE}?mode=ro", uri=True)
    names = sorted({n for (n,) in con.execute("SELECT DISTINCT name FROM names") if _PERSIAN_WORD.match(
        _DIACRITICS.sub("", n))})
    con.close()
    out: dict[str, str] = {}
    for name in names:
        kind = classify(name, words, zipf_frequency)
        folded = fold_phrase(name)
        # "derived" wins: it applies to every kind of place.
        if kind and folded and " " not in folded and out.get(folded) != "derived":
            out[folded] = kind
    lines = ["# Persian-script names of the reference gazetteer that are common Persian words, written by",
             "# scripts/build_persian_words.py (criteria in its docstring). Line: folded name<TAB>derived|word.",
             "# Sources: the names, GeoNames via reference.sqlite (CC BY 4.0); Persian word frequencies,",
             "# wordfreq 3.1.1 (data CC BY-SA 4.0); dictionary membership, Debian myspell-fa (GPL-2)."]
    lines += [f"{w}\t{k}" for w, k in sorted(out.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(out)} names ({sum(k == 'derived' for k in out.values())} derived) "
          f"of {len(names)} Persian-script names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
