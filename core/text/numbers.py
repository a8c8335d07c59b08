"""Reading the text of a table cell as a number.

「 26」「２６」「0万元」「3件」「1,200」 are numbers; 「/」「-」「—」「无」 are the form's
"none" (counted as 0, with a warning); an empty cell is blank; anything else is
unreadable. Arithmetic stays in int and Decimal: a float never enters.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from core.model import Number, Written
from core.text.normalize import squeeze

UNITS = ("万元", "亿元", "元", "件", "条", "个", "项", "次", "人次", "份")
NONE_MARKS = frozenset({"/", "-", "—", "——", "–", "―", "无"})

_NUMBER_RE = re.compile(r"^([+-]?)(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)(" + "|".join(UNITS) + r")?$")


@dataclass(frozen=True)
class Parsed:
    value: Number | None
    written: Written
    unit: str | None = None


@lru_cache(maxsize=4096)
def parse_value(raw: str | None) -> Parsed:
    """Parse one cell's text."""
    if raw is None:
        return Parsed(None, Written.MISSING)
    text = squeeze(unicodedata.normalize("NFKC", raw)).replace("，", ",").replace("．", ".")
    if text == "":
        return Parsed(None, Written.BLANK)
    if text in NONE_MARKS or set(text) <= {"/", "-", "—"}:
        return Parsed(0, Written.NONE_MARK)
    match = _NUMBER_RE.match(text)
    if not match:
        return Parsed(None, Written.UNREADABLE)
    sign, digits, unit = match.groups()
    digits = digits.replace(",", "")
    try:
        value: Number = int(digits) if "." not in digits else Decimal(digits)
    except (ValueError, InvalidOperation):  # pragma: no cover - the regex admits only digits
        return Parsed(None, Written.UNREADABLE)
    if sign == "-":
        value = -value
    return Parsed(value, Written.NUMBER, unit)


def looks_like_value(raw: str) -> bool:
    """True for text that a value cell could hold (a number, a none mark or nothing)."""
    return parse_value(raw).written is not Written.UNREADABLE


def format_number(value: Number | None) -> str:
    if value is None:
        return "空"
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)
