"""Word's automatic list numbering: the number Word draws in front of a paragraph.

Such a number is not in the paragraph's text: 「一、」 in front of a heading made
with Word's numbering button lives in numbering.xml. A paragraph's `w:numPr` (or
its style's) names a list instance (`numId`) and a level (`ilvl`); the instance
points to an abstract definition that gives, per level, the format (decimal,
chineseCounting …), the pattern (`lvlText`, e.g. 「%1、」) and the start value.

Counters run in document order. List instances of one abstract definition continue
each other (Word numbers them as one list), except an instance that overrides a
level's start — how Word stores "restart numbering" — which is a list of its own.
Advancing a level restarts the levels below it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn

_W_VAL = qn("w:val")
_CN_DIGITS = "〇一二三四五六七八九"  # ideographDigital: 2023 → 二〇二三
_CN_COUNT = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
MAX_LEVELS = 9
MAX_LIST_NUMBER = 32_767  # the largest start Word lets a list have; real lists count to a few dozen


def chinese_count(n: int, digits: str = _CN_COUNT, units: str = "十百千", short_ten: bool = True) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五 (Word's chineseCounting).

    `short_ten`: 10–19 written without the leading 一 (十一), as chineseCounting does and
    chineseLegalSimplified (壹拾壹) does not.
    """
    if n <= 0 or n >= 10000:
        return str(n)
    parts: list[str] = []
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = n // power % 10
        if digit == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append(digits[0])
            zero = False
        parts.append(digits[digit] + unit)
    text = "".join(parts)
    return text[1:] if short_ten and 10 <= n < 20 else text


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    """Word's upperLetter: A … Z, AA … ZZ, AAA …"""
    letter = chr(ord("A") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """The counter `n` as Word writes it in the number format `fmt` (ST_NumberFormat).

    A counter past MAX_LIST_NUMBER (a list made to start at 10¹²) is written in digits: as letters or
    Roman numerals it would be billions of characters long.
    """
    if not -MAX_LIST_NUMBER <= n <= MAX_LIST_NUMBER:
        return str(n) if fmt not in ("none", "bullet") else ""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):
        return chinese_count(n)
    if fmt == "ideographDigital" or fmt == "taiwaneseDigital" or fmt == "japaneseDigitalTenThousand":
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt == "chineseLegalSimplified":
        return chinese_count(n, _CN_LEGAL, "拾佰仟", short_ten=False)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) - ord("0") + ord("０")) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal, and the formats no Chinese report uses


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""  # lvlText: 「%1、」, 「（%1）」, 「%1.%2」
    restart: int | None = None  # lvlRestart: restart after this level (1-based); 0 never
    legal: bool = False  # isLgl: every level shown in decimal


@dataclass
class _List:
    key: str  # whose counters it uses: its abstract definition's, or its own when it restarts the numbering
    levels: dict[int, Level]
    start_overrides: dict[int, int] = field(default_factory=dict)


def _val(element, tag: str, default: str | None = None) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(_W_VAL, default) if child is not None else default


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _level(lvl) -> Level:
    restart = _val(lvl, "w:lvlRestart")
    legal = lvl.find(qn("w:isLgl"))
    return Level(
        start=_int(_val(lvl, "w:start"), 1),
        fmt=_val(lvl, "w:numFmt", "decimal") or "decimal",
        text=_val(lvl, "w:lvlText", "") or "",
        restart=_int(restart, 0) if restart is not None else None,
        legal=legal is not None and legal.get(_W_VAL, "1") not in ("0", "false"),
    )


def _levels(element) -> dict[int, Level]:
    levels = {}
    for lvl in element.findall(qn("w:lvl")):
        ilvl = _int(lvl.get(qn("w:ilvl")), -1)
        if 0 <= ilvl < MAX_LEVELS:
            levels[ilvl] = _level(lvl)
    return levels


class Numbering:
    """The list definitions of one document, and the counters as its paragraphs are read in order."""

    def __init__(self, numbering_element=None):
        self._lists: dict[str, _List] = {}
        self._counters: dict[str, list[int | None]] = {}
        if numbering_element is None:
            return
        abstracts = {a.get(qn("w:abstractNumId")): _levels(a) for a in numbering_element.findall(qn("w:abstractNum"))}
        for num in numbering_element.findall(qn("w:num")):
            abstract = _val(num, "w:abstractNumId")
            if abstract not in abstracts:
                continue
            levels = dict(abstracts[abstract])
            overrides = {}
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl")), -1)
                if not 0 <= ilvl < MAX_LEVELS:
                    continue
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
                start = _val(override, "w:startOverride")
                if start is not None:
                    overrides[ilvl] = _int(start, 1)
            num_id = num.get(qn("w:numId"))
            key = f"num {num_id}" if overrides else f"abstract {abstract}"
            self._lists[num_id] = _List(key, levels, overrides)

    def next(self, num_id: str | None, ilvl: int) -> str:
        """Advance the list's counter at `ilvl` and return the number text Word shows ('' when none)."""
        entry = self._lists.get(num_id or "")
        if entry is None or ilvl not in entry.levels or not 0 <= ilvl < MAX_LEVELS:
            return ""
        if entry.key not in self._counters:
            self._counters[entry.key] = [None] * MAX_LEVELS
            for at, start in entry.start_overrides.items():
                self._counters[entry.key][at] = start - 1
        counters = self._counters[entry.key]
        level = entry.levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            restart = entry.levels[deeper].restart if deeper in entry.levels else None
            if restart is None or ilvl < restart:  # lvlRestart 0: never; n: when level n or above advances
                counters[deeper] = None
        return self._text(entry, ilvl, counters)

    @staticmethod
    def _text(entry: _List, ilvl: int, counters: list[int | None]) -> str:
        level = entry.levels[ilvl]
        if level.fmt == "bullet":
            return ""
        text = level.text
        for n in range(ilvl + 1):
            placeholder = f"%{n + 1}"
            if placeholder not in text:
                continue
            shown = entry.levels.get(n, Level())
            count = counters[n]
            if count is None:
                count = shown.start
            fmt = "decimal" if level.legal and n < ilvl else shown.fmt
            text = text.replace(placeholder, format_number(count, fmt))
        return text
