"""Names that would link everywhere: common words, and names that link far
more often than any other (issue 9, finding 9).

An alias ``the``, ``a``, ``of`` or ``i`` on a place turns every sentence into
a mention of it: 710,000 mentions on 20 MB, a 35 MB map page. ``validate``
warns about such names before anyone opens the app, in two ways:

- a one-word name that is a common word (a stop word) in one of the corpus'
  languages — the manifest's ``languages``, and English — from the
  ``stop-words`` package's lists;
- a name that links more than :data:`RATIO` times as often as the most
  linked name of any other place (and at least :data:`MIN_MENTIONS` times).
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from .errors import Issue, warning
from .normalize import fold_phrase

__all__ = ["common_word_issues", "stop_words_for", "RATIO", "MIN_MENTIONS"]

RATIO = 5
MIN_MENTIONS = 50

# ISO 639-1 codes of the manifest -> the stop-words package's list names.
_LISTS = {"en": "english", "tr": "turkish", "az": "turkish", "ru": "russian", "fa": "persian", "ar": "arabic",
          "uk": "ukrainian", "de": "german", "fr": "french"}
_NAMES = {"english": "English", "turkish": "Turkish", "russian": "Russian", "persian": "Persian",
          "arabic": "Arabic", "ukrainian": "Ukrainian", "german": "German", "french": "French"}


@cache
def _stop_words(list_name: str) -> frozenset[str]:
    try:
        from stop_words import get_stop_words
    except ImportError:  # a declared dependency; without it only the frequency test runs
        return frozenset()
    return frozenset(fold_phrase(w) for w in get_stop_words(list_name)) - {""}


def stop_words_for(languages) -> dict[str, frozenset[str]]:
    """Folded stop words by language name, for ISO codes (English always)."""
    lists = dict.fromkeys(["english", *(_LISTS[code] for code in languages if code in _LISTS)])
    return {_NAMES[name]: _stop_words(name) for name in lists}


def common_word_issues(index) -> list[Issue]:
    """Warnings for names of the gazetteer that are common words of the
    corpus' languages or link far more often than any other place's name."""
    languages = {code for doc in index.corpus.documents for code in doc.languages}
    lists = stop_words_for(sorted(languages))
    issues: list[Issue] = []
    warned: set[tuple[str, str]] = set()
    counts = _mentions_by_name(index)
    for place in index.gazetteer.places:
        for name in dict.fromkeys(place.names):
            key = fold_phrase(name)
            if not key or " " in key or name.isupper() or (place.id, key) in warned:
                continue  # acronyms ("US") match only capitals, so the pronoun never links
            hits = [lang for lang, words in lists.items() if key in words]
            if hits:
                warned.add((place.id, key))
                n = counts.get((place.id, key), 0)
                issues.append(warning(place.file or index.gazetteer.path, place.line, 0,
                                      f"name {name!r} of {place.id!r} is a common {' and '.join(hits)} word: it "
                                      f"links {n:,} time(s) in this corpus; remove it, or keep it and add 'exclude' "
                                      "phrases"))
    # Far more often than any other place's names.
    per_place: Counter = Counter()
    for (pid, _), n in counts.items():
        per_place[pid] = max(per_place[pid], n)
    top = per_place.most_common(2)
    by_id = index.gazetteer.by_id
    for (pid, key), n in sorted(counts.items(), key=lambda kv: -kv[1]):
        if n < MIN_MENTIONS:
            break
        others = next((c for p, c in top if p != pid), 0)
        if n <= RATIO * max(others, 1) or (pid, key) in warned:
            continue
        place = by_id[pid]
        issues.append(warning(place.file or index.gazetteer.path, place.line, 0,
                              f"name {key!r} of {pid!r} links {n:,} times, more than {RATIO}x any other place's "
                              f"most linked name ({others:,}); check it is not a common word"))
    return issues


def _mentions_by_name(index) -> Counter:
    """(place id, folded surface) -> mentions."""
    table = index.table
    docs = index.corpus.documents
    places = index.gazetteer.places
    counts: Counter = Counter()
    fold = cache(fold_phrase)
    for d, p, a, b in zip(table.document.tolist(), table.place.tolist(), table.start.tolist(), table.end.tolist()):
        counts[(places[p].id, fold(docs[d].text[a:b]))] += 1
    return counts
