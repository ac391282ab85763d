"""Text normalisation for matching place names.

Both gazetteer aliases and document text go through the same folding, so a
name matches however it is written:

* case-insensitive, diacritic-insensitive (``Nurdüz`` = ``Nurduz``, ``Şuşa`` =
  ``Susa``, ``İran`` = ``Iran``), with Turkic ``ı``→``i`` and ``ə``→``e``;
* Persian/Arabic letter variants unified (``ي``/``ى``→``ی``, ``ك``→``ک``,
  ``أ``/``إ``/``آ``→``ا``, ``ة``→``ه``), harakat and tatweel dropped, zero-width
  joiners/non-joiners dropped;
* every character that is not a letter or digit is a word separator, and a run
  of separators counts as one, so ``Nagorno-Karabakh`` = ``Nagorno Karabakh``
  and ``Karabağ'ın`` contains the word ``karabag``;
* a word hyphenated across a line break (``Azer-`` / ``baijan``) is rejoined
  when the next line starts in lower case; before an upper-case letter the
  hyphen is kept as a separator (``Nagorno-`` / ``Karabakh``);
* URLs, e-mail addresses, domain names and markdown link targets are blanked
  out, so a name inside a web address is never a mention.

Document text is folded with :func:`fold_document`, which returns the folded
string *and* an array mapping each folded position back to the code-point
offset in the original text; aliases are folded with :func:`fold_phrase`.
The folding of one character never depends on another, so it runs as a
vectorised table look-up (numpy) rather than a Python loop: this is what makes
linking a 100 MB corpus take seconds.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import ahocorasick_rs
import numpy as np

__all__ = ["FoldedText", "codepoints", "fold_char", "fold_document", "fold_phrase", "hyphen_breaks", "non_text_spans"]

_SEP = " "
_DELETE = "\x00"

# Letters that have no Unicode decomposition but that readers treat as plain
# Latin letters when they search.
_EXTRA_LATIN = {
    "ı": "i", "ə": "e", "Ə": "e", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l",
    "đ": "d", "Đ": "d", "ħ": "h", "ŀ": "l", "ŧ": "t",
}
# Persian/Arabic letter variants unified to the Persian form.
_ARABIC = {
    "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "أ": "ا", "إ": "ا", "آ": "ا",
    "ٱ": "ا", "ة": "ه", "ۀ": "ه", "ؤ": "و",
}
# Characters that vanish: zero-width (non-)joiners, soft hyphen, tatweel,
# directional marks, BOM.
_INVISIBLE = set("\u200c\u200d\u00ad\u0640\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                 "\u2066\u2067\u2068\u2069\ufeff\u200b")


@cache
def fold_char(ch: str) -> str:
    """Fold one character: a single character, ``" "`` for a separator, or
    ``"\\x00"`` for a character that vanishes (combining marks, ZWNJ…)."""
    if ch in _INVISIBLE:
        return _DELETE
    if ch in _ARABIC:
        return _ARABIC[ch]
    if ch in _EXTRA_LATIN:
        return _EXTRA_LATIN[ch]
    cat = unicodedata.category(ch)
    if cat.startswith("M"):
        return _DELETE
    if not (cat.startswith("L") or cat == "Nd"):
        return _SEP
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.category(c).startswith("M"))
    base = base.casefold()
    if len(base) == 1:
        return _EXTRA_LATIN.get(base, base)
    lower = ch.lower()
    return lower if len(lower) == 1 else ch


_UNSET = np.uint32(0xFFFFFFFF)
_TABLE = np.full(0x10000, _UNSET, dtype=np.uint32)
"""Folded code point for each BMP character, filled in as characters are met."""


def _fold_codepoints(cps: np.ndarray) -> np.ndarray:
    """Fold an array of code points (vectorised table look-up)."""
    folded = _TABLE.take(cps, mode="clip")
    unset = folded == _UNSET
    if unset.any():
        for cp in np.unique(cps[unset]):
            cp = int(cp)
            if cp < 0x10000:
                _TABLE[cp] = 0x20 if 0xD800 <= cp < 0xE000 else ord(fold_char(chr(cp)))
        folded = _TABLE.take(cps, mode="clip")
    astral = cps > 0xFFFF
    if astral.any():
        for i in np.flatnonzero(astral):
            folded[i] = ord(fold_char(chr(int(cps[i]))))
    return folded


# Spans that are never mentions: web addresses, e-mail, markdown link targets.
# One scan finds cheap literal anchors; each anchor is then widened to the
# whole address. (A single regex with every URL form was 10x slower.)
_DOMAINS = "com|org|net|info|edu|gov|int|tv|me|io|ir|az|am|ru|tr|ge|uk|de|fr|us"
_ANCHORS = [
    re.compile(p) for p in (
        r"\]\(", r"<[A-Za-z][A-Za-z0-9+.-]*:", r"://", r"[Ww][Ww][Ww]\.", r"@",
        r"\.(?:" + _DOMAINS + "|" + _DOMAINS.upper() + r")\b", r"\((?:/|upload)",
    )
]
_SPACE = re.compile(r"\s")
_STOP = frozenset("<>\"'()[]")
_TOKEN_RIGHT = re.compile(r"[^\s<>\"'()\[\]]*")


def non_text_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are web addresses, e-mail addresses, domain
    names, markdown link targets ``](...)`` or site paths ``(/tags/...)``."""
    spans = []
    anchors = sorted(m.span() for pattern in _ANCHORS for m in pattern.finditer(text))
    # Linear in the text, however many anchors one token holds ('@a' * 150000):
    # the token an anchor is widened to is found once and remembered
    # (tok_from..tok_end, with the last '.' in it), and an anchor inside a
    # span already widened adds nothing.
    tok_from = tok_end = last_dot = -1
    covered = (-1, -1)
    for a, b in anchors:
        first = text[a]
        if first == "(" and a > 0 and text[a - 1] == "\\":
            a -= 1
        if first == "]":  # ](target)
            close = text.find(")", b, b + 2000)
            if close != -1 and not _SPACE.search(text, b, close):
                spans.append((a + 1, close + 1))
        elif first == "<":  # <scheme:...>
            close = text.find(">", b, b + 2000)
            if close != -1 and not _SPACE.search(text, b, close):
                spans.append((a, close + 1))
        elif first == "(":  # (/site/path ...) possibly with escaped parens
            close = text.find(")", b, b + 300)
            if close != -1 and "\n" not in text[b:close] and "(" not in text[b:close]:
                spans.append((a, close + 1))
        else:  # ://, www., @, .tld: widen to the surrounding token
            if covered[0] <= a < covered[1]:
                continue
            if tok_from <= b <= tok_end:
                e = tok_end
            else:
                e = _TOKEN_RIGHT.match(text, b).end()
                tok_from, tok_end, last_dot = b, e, text.rfind(".", b, e)
            if first == "@" and last_dot < b:
                continue  # a lone @ or handle, not an address
            s, floor = a, max(0, a - 300)
            while s > floor and text[s - 1] not in _STOP and not text[s - 1].isspace():
                s -= 1
            spans.append((s, e))
            covered = (s, e)
    return spans


# A hyphen at a line end, with the line break and indentation after it.
_HYPHEN_BREAK = re.compile(r"-[ \t]*\r?\n[ \t]*(?=\w)")


def hyphen_breaks(text: str) -> list[tuple[int, int, bool]]:
    """Hyphens at line ends: ``(start, end, join)`` spans covering the hyphen,
    the line break and indentation. ``join`` is true when the word continues in
    lower case and the hyphenated form does not occur elsewhere in ``text``
    (``Azer-``/``baijan`` → ``Azerbaijan``); false keeps the hyphen
    (``Nagorno-``/``Karabakh``, ``post-``/``Soviet``)."""
    out = []
    compounds: dict[str, list[int]] = {}  # "left-right" -> indexes in out still to decide
    for m in _HYPHEN_BREAK.finditer(text):
        if m.start() == 0 or not (text[m.start() - 1].isalnum()):
            continue
        nxt = text[m.end()]
        join = nxt.islower()
        if join:
            left = re.search(r"\w+$", text[max(0, m.start() - 40):m.start()])
            right = re.match(r"\w+", text[m.end():m.end() + 40])
            if left and right:
                compounds.setdefault(f"{left.group()}-{right.group()}", []).append(len(out))
        out.append((m.start(), m.end(), join))
    if compounds:
        # Which hyphenated forms occur elsewhere: one Aho-Corasick pass over
        # the text for all of them (searching the text once per break was
        # quadratic: 63 s for 60,000 breaks).
        keys = list(compounds)
        found = {i for i, _, _ in ahocorasick_rs.AhoCorasick(keys).find_matches_as_indexes(text, overlapping=True)}
        for i in found:
            for k in compounds[keys[i]]:
                start, end, _ = out[k]
                out[k] = (start, end, False)
    return out


@dataclass(frozen=True, slots=True)
class FoldedText:
    """A folded document: ``text`` is padded with a separator at each end so
    that whole-word patterns (`` word ``) match at the edges too; ``origin[i]``
    is the offset in the original text of folded position ``i`` (padding maps
    to -1 at the start and ``len(original)`` at the end)."""

    text: str
    origin: np.ndarray

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span (of real characters) back to the original text."""
        return int(self.origin[start]), int(self.origin[end - 1]) + 1


def codepoints(text: str) -> np.ndarray:
    """The code points of ``text`` as an array (no copy of the encoded bytes)."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def fold_document(text: str) -> FoldedText:
    """Fold a whole document for matching, keeping the offset map."""
    folded = _fold_codepoints(codepoints(text))
    for start, end in non_text_spans(text):
        folded[start:end] = 0x20
    for start, end, join in hyphen_breaks(text):
        folded[start:end] = 0 if join else 0x20
    space = folded == 0x20
    keep = folded != 0
    # Of a run of separators keep only the first (deleted characters inside a
    # run do not split it).
    if keep.all():  # nothing deleted (most texts): the runs read off the folded text as it is
        run_dup = np.zeros(len(folded), dtype=bool)
        run_dup[1:] = space[1:] & space[:-1]
        kept = np.flatnonzero(~run_dup)
    else:
        kept = np.flatnonzero(keep)
        run_dup = np.zeros(len(kept), dtype=bool)
        if len(kept) > 1:
            ks = space[kept]
            run_dup[1:] = ks[1:] & ks[:-1]
        kept = kept[~run_dup]
    chars = folded[kept]
    n = len(text)
    origin = np.empty(len(kept) + 2, dtype=np.int64 if len(text) >= 2**31 else np.int32)
    origin[0] = -1
    origin[1:-1] = kept
    origin[-1] = n
    body = chars.astype(np.uint32, copy=False).tobytes().decode("utf-32-le")
    return FoldedText(_SEP + body + _SEP, origin)


class _PhraseFolds(dict):
    """Code point -> its :func:`fold_char` for ``str.translate`` (None for a
    character that vanishes), filled in as characters are met."""

    def __missing__(self, cp: int) -> str | None:
        f = fold_char(chr(cp))
        out = self[cp] = None if f == _DELETE else f
        return out


_PHRASE_FOLDS = _PhraseFolds()
_SEP_RUN = re.compile(_SEP + "{2,}")


def fold_phrase(phrase: str) -> str:
    """Fold an alias or phrase: same folding as documents, separators
    collapsed and trimmed. ``fold_phrase("Nagorno-Karabakh") ==
    "nagorno karabakh"``; an empty result means the phrase has no letters.

    Each character is folded by :func:`fold_char`, remembered per code point
    (linking folds a few hundred thousand names of a few thousand letters:
    one ``str.translate`` each, not a call per character); characters that
    vanish are dropped before runs of separators become one."""
    folded = phrase.translate(_PHRASE_FOLDS)
    if _SEP + _SEP in folded:
        folded = _SEP_RUN.sub(_SEP, folded)
    return folded.strip()
