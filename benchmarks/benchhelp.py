"""Pieces the benchmarks share: synthetic place names and the result line of a child process."""

from __future__ import annotations

import json
import random


def pronounceable_names(rng: random.Random, n: int, syllables: list[str], shortest: int = 3,
                        longest: int = 5) -> list[str]:
    """``n`` distinct capitalised words of ``shortest`` to ``longest`` syllables (names that
    rarely occur in real text), drawn from ``rng``."""
    names, seen = [], set()
    while len(names) < n:
        w = "".join(rng.choice(syllables) for _ in range(rng.randint(shortest, longest))).capitalize()
        if w not in seen:
            seen.add(w)
            names.append(w)
    return names


def last_json(stdout: str) -> dict | None:
    """The last line of a child's output that is a JSON object (its result), or None."""
    lines = [x for x in stdout.splitlines() if x.startswith("{")]
    return json.loads(lines[-1]) if lines else None
