"""Which name a view shows for a place: the *naming* choice.

A place has one preferred English ``name`` and may carry its names by
language (``names: {az: Xankəndi, hy: Ստեփանակերտ, hy-Latn: Stepanakert,
ru: Степанакерт}`` in the gazetteer). Every one of those names is matched in
the texts; the naming only decides which one the map, the lists and the
exports *show*:

- a language tag (``en``, ``az``, ``hy``, ``hy-Latn``, ``ru``, ``fa``, ``tr``,
  ``ka``): the place's first name in that language, else its English ``name``;
- ``text``: the form the corpus itself uses most often for the place (for a
  single mention, its own surface), else the English ``name``.

Names of contested places differ exactly along these lines (Stepanakert /
Khankendi, Shushi / Shusha, Martakert / Aghdara), so the choice is the
user's, never the tool's: the default is English, the gazetteer's ``name``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from .errors import CaucasusmapError
from .model import Place

__all__ = ["LANGUAGES", "NAMINGS", "DEFAULT_NAMING", "TEXT", "NamingError", "check_naming", "display_name",
           "display_names", "text_names", "LANG_TAG_RE"]

TEXT = "text"
DEFAULT_NAMING = "en"

LANGUAGES: dict[str, str] = {
    "en": "English",
    "az": "Azerbaijani",
    "hy": "Armenian",
    "hy-Latn": "Armenian (Latin script)",
    "ru": "Russian",
    "fa": "Persian",
    "tr": "Turkish",
    "ka": "Georgian",
    "ku": "Kurdish",
    "ar": "Arabic",
    "os": "Ossetian",
    "ab": "Abkhaz",
    "lez": "Lezgian",
    "tly": "Talysh",
}
"""Language tags the gazetteer's ``names`` know (BCP 47: a language code,
optionally a script subtag). Other well-formed tags are accepted with a
warning."""

NAMINGS: dict[str, str] = {
    "en": "English",
    "az": "Azerbaijani",
    "hy-Latn": "Armenian (Latin script)",
    "hy": "Armenian",
    "ru": "Russian",
    "fa": "Persian",
    "tr": "Turkish",
    "ka": "Georgian",
    TEXT: "As in the texts",
}
"""The naming choices offered to users, with their labels (menu order)."""

LANG_TAG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?$")
"""A well-formed language tag: ``az``, ``lez``, ``hy-Latn``."""


class NamingError(CaucasusmapError, ValueError):
    """Raised when a naming choice is neither a known language tag nor ``text``."""


def check_naming(naming: str) -> str:
    """Return ``naming`` if it is a naming caucasusmap offers, else raise
    :class:`NamingError` listing the choices.

    >>> check_naming("az")
    'az'
    """
    if naming in NAMINGS:
        return naming
    choices = ", ".join(f"{k} ({v})" for k, v in NAMINGS.items())
    raise NamingError(f"unknown naming {naming!r}; choose one of: {choices}")


def display_name(place: Place, naming: str = DEFAULT_NAMING, text_name: str | None = None) -> str:
    """The name to show for ``place`` under ``naming``.

    For a language, the place's first name in it, else its English ``name``;
    for ``"text"``, ``text_name`` (the corpus's own form, see
    :func:`text_names`), else the English ``name``.

    >>> p = Place("khankendi", "Stepanakert", "city", 39.8, 46.75,
    ...           lang_names=(("az", "Xankəndi"), ("hy-Latn", "Stepanakert")))
    >>> display_name(p, "az"), display_name(p, "ru"), display_name(p, "text", "Khankendi")
    ('Xankəndi', 'Stepanakert', 'Khankendi')
    """
    if naming == TEXT:
        return text_name or place.name
    if naming == DEFAULT_NAMING:
        return place.name
    for lang, name in place.lang_names:
        if lang == naming:
            return name
    return place.name


def text_names(surfaces: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The most frequent surface form per place, from ``(place_id, surface)``
    pairs (ties go to the form seen first). Line breaks and runs of spaces
    inside a surface count as one space.

    >>> text_names([("baku", "Bakı"), ("baku", "Baku"), ("baku", "Baku")])
    {'baku': 'Baku'}
    """
    counts: dict[str, Counter] = {}
    for place_id, surface in surfaces:
        counts.setdefault(place_id, Counter())[" ".join(surface.split())] += 1
    return {pid: c.most_common(1)[0][0] for pid, c in counts.items()}


def display_names(places: Iterable[Place], naming: str = DEFAULT_NAMING,
                  text: Mapping[str, str] | None = None) -> dict[str, str]:
    """``{place id: name to show}`` for every place under ``naming``;
    ``text`` is :func:`text_names` of the corpus (needed for ``"text"``)."""
    check_naming(naming)
    if naming == DEFAULT_NAMING:  # every place's own name: no call per place (20,000 at each index load)
        return {p.id: p.name for p in places}
    text = text or {}
    return {p.id: display_name(p, naming, text.get(p.id)) for p in places}
