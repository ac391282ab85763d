"""A document's publication date from what its text says at the top.

A wrong date is worse than none, so only unambiguous statements near the
start of the text count, and a text that gives two different ones gets none:

* front matter: a YAML block at the very start (``---`` … ``---``) with
  ``date:``, ``published:``, ``pubDate:``, ``publication_date:`` or
  ``date_published:`` holding an ISO date;
* a **labelled** date in the header: "Published 12 March 2021",
  "Publication date: 2021-03-12", "Date of publication", "First published",
  "Posted on", "Date:", Turkish "Yayın Tarihi", Russian "Опубликовано" /
  "Дата публикации", Azerbaijani "Dərc tarixi" — the date on the same line
  or on the next lines (a journal's "Article Publication Date" above
  "**30.09.2020**"); numeric dates with dots are read day.month.year, with
  slashes only when the day cannot be the month (25/03/2021);
* a **bare** date line in the header: a line that is only a date with the
  month in words or in ISO form ("March 3, 2021", "3 March 2021",
  "Tuesday, 3 March 2021, 08:00", "2021-03-03"), or a short byline ending in
  one ("By Jane Doe · March 3, 2021").

The header is what comes before the first paragraph of running text (a block
of 200 characters or more) and at most the first 60 lines. Never counted:
years alone or month and year without a label, copyright lines ("© 2024",
"Copyright 2021"), dates labelled as something else — received, submitted,
accepted, revised, updated, accessed, retrieved ("Makale Kabul Tarihi" /
"Article Accepted Date") and the date line under such a label — dates
inside sentences (events the text reports), dates in headings (a
chronology's "## 27 September 2020"), in URLs and paths, and impossible or
future dates; nor a date line at the top of a text that goes on with more
date lines (a chronology, a diary). A labelled date wins over bare ones.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

__all__ = ["TextDate", "publication_date"]

HEADER_LINES = 60
BODY_BLOCK = 200  # characters: a block this long is running text, the header ends before it

_MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
    # Turkish
    "ocak": 1, "şubat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "haziran": 6, "temmuz": 7, "ağustos": 8,
    "eylül": 9, "ekim": 10, "kasım": 11, "aralık": 12,
    # Azerbaijani (mart, may shared above)
    "yanvar": 1, "fevral": 2, "aprel": 4, "iyun": 6, "iyul": 7, "avqust": 8, "sentyabr": 9, "oktyabr": 10,
    "noyabr": 11, "dekabr": 12,
    # Russian, genitive (as dates are written) and nominative
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
    "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7, "август": 8,
    "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
}
_MONTH = "(?P<mon>" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_WEEKDAY = (r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?|pazartesi|salı|çarşamba|"
            r"perşembe|cuma|cumartesi|pazar),?\s+")
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d\d(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s*(?:UTC|GMT|[A-Z]{2,4})(?:[+-]\d+)?)?)?"

# Whole dates, each pattern a complete date (the caller anchors them).
_WORDS_DMY = rf"(?:{_WEEKDAY})?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?:\s*(?:г\.?|года|y\.?|il))?"
_WORDS_MDY = rf"(?:{_WEEKDAY})?{_MONTH}\s+{_DAY},?\s+{_YEAR}"
_ISO = (r"(?P<iy>(?:1[89]|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
        r"(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?")
_DOTTED = r"(?P<dd>[0-3]?\d)\.(?P<dm>[01]?\d)\.(?P<dy>(?:1[89]|20)\d\d)"
_SLASHED = r"(?P<sa>[0-3]?\d)/(?P<sb>[0-3]?\d)/(?P<sy>(?:1[89]|20)\d\d)"
_MONTH_YEAR = rf"{_MONTH},?\s+{_YEAR}"



def _compile(pattern: str, whole: bool = True) -> re.Pattern:
    end = r"\s*$" if whole else r"(?=$|[\s,;.(|])"
    return re.compile(rf"^(?:{pattern}){_TIME}{end}", re.IGNORECASE)


_WORDS = (_compile(_WORDS_DMY), _compile(_WORDS_MDY))
_BARE = (*_WORDS, _compile(_ISO))
_LABELLED_VALUE = (*_BARE, _compile(_DOTTED), _compile(_SLASHED), _compile(_MONTH_YEAR))
# After a label on its line the date may be followed by more ("Published 12 March 2021, updated ...").
_AFTER_LABEL = tuple(_compile(x, whole=False) for x in (_WORDS_DMY, _WORDS_MDY, _ISO, _DOTTED, _SLASHED, _MONTH_YEAR))
_WORDS_ANYWHERE = re.compile(rf"\d\s+{_MONTH}\s+\d", re.IGNORECASE)


def _match(patterns: tuple[re.Pattern, ...], text: str) -> re.Match | None:
    for pattern in patterns:
        m = pattern.match(text)
        if m:
            return m
    return None


_PUBLISHED = re.compile(
    # strong labels: the colon is optional ("Published 12 March 2021")
    r"^(?:(?:(?:first|originally)\s+)?published(?:\s+online|\s+in\s+print)?(?:\s+on)?|publication\s+date|"
    r"date\s+of\s+publication|date\s+published|posted\s+on|"
    r"(?:makale\s+)?yay[ıi]n(?:lanma)?\s+tarihi|yay[ıi]mlanma\s+tarihi|опубликовано|дата\s+публикации|"
    r"dərc\s+(?:tarixi|olunub))\b(?:\s*/\s*[^:\d/]{0,40}?)?\s*[:\-–—]?\s*"
    # weak labels need their colon ("Date: 2021-03-12", not "Dates of the war")
    r"|^(?:date|posted|issued|дата|tarih|tarix)\s*:\s*", re.IGNORECASE)
"""A publication label at the start of a line (bilingual "X / Y" labels allowed)."""

_OTHER = re.compile(
    r"\b(?:received|submitted|submission|accepted|acceptance|revised|revision|updated|last\s+modified|modified|"
    r"accessed|retrieved|arrival|reviewed|geli[şs]|g[öo]nderim|kabul|d[üu]zeltme|g[üu]ncelleme|eri[şs]im|"
    r"поступила|получено|принята|принято|обновлено|qəbul|daxil)\b", re.IGNORECASE)
"""Labels of dates that are not the publication's."""

_COPYRIGHT = re.compile(r"©|\(c\)\s*\d|\bcopyright\b|\ball rights reserved\b", re.IGNORECASE)
_MARKUP = re.compile(r"[*_`~]+|^\s*>\s*|\s{2,}$|\\$")
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FRONT_KEY = re.compile(
    r"^(?:date|published|pubdate|pub_date|publication_date|publicationdate|date_published|datepublished|"
    r"published_at|publish_date)\s*:\s*['\"]?(?P<value>[^'\"\n#]+?)['\"]?\s*(?:#.*)?$", re.IGNORECASE | re.MULTILINE)
_SEPARATORS = re.compile(r"\s+[|·•—–]\s+|\s+-\s+")


@dataclass(frozen=True)
class TextDate:
    """A date the text gives: ``date`` (ISO ``YYYY-MM-DD`` or ``YYYY-MM``),
    the 1-based ``line`` it is on and how it was found (``"front matter"``,
    ``"labelled"``, ``"date line"``)."""

    date: str
    line: int
    how: str


def _valid(year: int, month: int, day: int | None, today: _dt.date) -> str | None:
    try:
        when = _dt.date(year, month, day or 1)
    except ValueError:
        return None
    if year < 1800 or when > today + _dt.timedelta(days=1):
        return None
    return when.isoformat() if day else f"{year:04d}-{month:02d}"


def _from_match(m: re.Match, today: _dt.date) -> str | None:
    g = m.groupdict()
    if g.get("iy"):
        return _valid(int(g["iy"]), int(g["im"]), int(g["id"]), today)
    if g.get("dy"):
        return _valid(int(g["dy"]), int(g["dm"]), int(g["dd"]), today)
    if g.get("sy"):
        a, b = int(g["sa"]), int(g["sb"])
        if a > 12 >= b:
            return _valid(int(g["sy"]), b, a, today)
        if b > 12 >= a:
            return _valid(int(g["sy"]), a, b, today)
        return None  # 03/04/2021: March or April?
    if g.get("mon") and g.get("year"):
        month = _MONTHS[g["mon"].lower().rstrip(".")]
        day = int(g["day"]) if g.get("day") else None
        return _valid(int(g["year"]), month, day, today)
    return None


def _clean(line: str) -> str:
    """A line without markdown emphasis, quote marks, hard-break spaces,
    heading marks kept (headings are refused by the caller)."""
    return re.sub(r"\s+", " ", _MARKUP.sub(" ", line)).strip(" .;")


def _header(lines: list[str]) -> int:
    """How many lines the header has: up to the first block of running text."""
    block_start, size = 0, 0
    for i, line in enumerate(lines[:HEADER_LINES]):
        if not line.strip():
            block_start, size = i + 1, 0
            continue
        size += len(line.strip()) + 1
        if size >= BODY_BLOCK and not line.lstrip().startswith(("#", "|", "-", "*", ">")):
            return block_start
    return min(len(lines), HEADER_LINES)


def publication_date(text: str, *, today: _dt.date | None = None) -> TextDate | None:
    """The publication date the top of ``text`` states, or None when it
    states none, or several that disagree (see the module docstring)."""
    today = today or _dt.date.today()
    head = text[:20000]
    fm = _FRONT_MATTER.match(head)
    if fm:
        for key in _FRONT_KEY.finditer(fm.group(1)):
            value = key.group("value").strip()
            m = re.match(rf"^{_ISO}$", value)
            when = _from_match(m, today) if m else None
            if when:
                line = head.count("\n", 0, fm.start(1) + key.start()) + 1
                return TextDate(when, line, "front matter")
        offset = head.count("\n", 0, fm.end())
        head = head[fm.end():]
    else:
        offset = 0
    lines = head.split("\n")
    n = _header(lines)
    labelled: list[TextDate] = []
    bare: list[TextDate] = []
    pending: str | None = None  # "pub" or "other": a label waiting for its date on the next lines
    waited = 0
    for i in range(n):
        raw = lines[i].strip()
        number = offset + i + 1
        if not raw:
            continue
        # Headings and list items are content (a chronology's "## 27 September 2020").
        content = raw.startswith(("#", "- ", "* ", "+ ", "|")) or re.match(r"\d+[.)]\s", raw) is not None
        for segment in re.split(r"\s*;\s*|\s+\|\s+", raw) if not content else [raw]:
            line = _clean(segment)
            if not line:
                continue
            if _COPYRIGHT.search(line):
                pending = None
                continue
            label = None if content else _PUBLISHED.match(line)
            if label:
                rest = line[label.end():]
                m = _match(_AFTER_LABEL, rest) if rest else None
                when = _from_match(m, today) if m else None
                if when:
                    labelled.append(TextDate(when, number, "labelled"))
                    pending = None
                elif not rest or _is_label_only(rest):
                    pending, waited = "pub", 0
                else:
                    pending = None
                continue
            if _OTHER.search(line[:60]) and not _match(_LABELLED_VALUE, line):
                pending, waited = "other", 0
                continue
            if pending:
                m = _match(_LABELLED_VALUE, line)
                if m:
                    when = _from_match(m, today)
                    if when and pending == "pub" and not content:
                        labelled.append(TextDate(when, number, "labelled"))
                    pending = None
                    continue  # the date under "Accepted" is not a bare date line either
                waited += 1
                if waited < 2 and len(line) <= 60 and _is_label_only(line):
                    continue  # "Makale Yayın Tarihi /" then "Article Publication Date" then the date
                pending = None
            if content:
                continue
            when = _bare(line, today)
            if when:
                bare.append(TextDate(when, number, "date line"))
    if bare and _dated_entries(lines, n, today):
        bare = []  # date lines are how this text is organised (a chronology, a diary), not its date
    for found in (labelled, bare):
        dates = {d.date for d in found}
        if len(dates) == 1:
            return found[0]
        if len(dates) > 1:
            return None  # two different dates: which one is the publication's?
    return None


def _dated_entries(lines: list[str], header: int, today: _dt.date) -> bool:
    """True when the text goes on with more date lines after its header, as a
    chronology or a diary does ("27 September 2020" above each day's entry)."""
    for raw in lines[header:header + 400]:
        line = _clean(raw.strip().lstrip("#").strip())
        if line and len(line) <= 40 and _bare(line, today):
            return True
    return False


def _is_label_only(rest: str) -> bool:
    """Text that is (the rest of) a date label, such as the English half of
    ``Yayın Tarihi / Article Publication Date``, rather than a value."""
    return (not re.search(r"\d", rest) and len(rest) <= 40 and not _WORDS_ANYWHERE.search(rest)
            and re.search(r"\b(?:date|tarihi?|дата|tarixi)\b", rest, re.IGNORECASE) is not None)


def _bare(line: str, today: _dt.date) -> str | None:
    """A date line, or a short byline whose last part is a full date."""
    m = _match(_BARE, line)
    if m:
        return _from_match(m, today)
    if len(line) > 100:
        return None
    parts = _SEPARATORS.split(line)
    if len(parts) < 2:
        return None
    m = _match(_BARE, parts[-1].strip())
    if m and not any(re.search(r"\d", p) for p in parts[:-1]):
        return _from_match(m, today)
    return None
