"""The linker's faster paths give the answers of the straightforward computations they replace.

Not timed: each test compares an optimised function with a plain reference written here, on
texts built to hit the edge cases (word boundaries, digits, underscores, combining marks, the
dotted capital İ, words inside words)."""

from __future__ import annotations

import random
import re

from caucasusmap.inflection import _FUNCTION_FORMS, has_function_word

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
