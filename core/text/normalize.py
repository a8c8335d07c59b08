"""Normalising text so that labels written in many ways compare equal.

Traditional characters go through OpenCC (t2s); full-width forms, brackets,
quotes, spaces and line breaks are unified; numbering prefixes can be split off.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")

# Spaces of every kind, zero-width characters and line breaks.
_SPACE_RE = re.compile(r"[\s\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]+")
_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』〝〞")
_BRACKETS = str.maketrans({"【": "(", "】": ")", "[": "(", "]": ")", "〔": "(", "〕": ")", "﹙": "(", "﹚": ")"})

# Numbering in front of a heading or a row label: 一、 (一) 1. 1、 (1) 第一部分 …
_NUMBERING_RE = re.compile(
    r"^(?:"
    r"第[一二三四五六七八九十]+(?:部分|章|节)?[、.:]?"
    r"|[一二三四五六七八九十]+[、.．,]"
    r"|\([一二三四五六七八九十]+\)[、.]?"
    r"|\(\d{1,2}\)[、.]?"
    r"|\d{1,2}(?:[、.．,](?!\d)|\s)"
    r")"
)


_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")
_CN_YEAR_RE = re.compile(r"[〇○零一二三四五六七八九]{4}(?=年)")


def arabic_years(text: str) -> str:
    """「二〇二三年」 → 「2023年」; the length stays the same."""
    return _CN_YEAR_RE.sub(lambda m: m.group(0).translate(_CN_DIGITS), text)


def to_simplified(text: str) -> str:
    return _T2S.convert(text)


def is_traditional(text: str) -> bool:
    """True when a noticeable share of the Chinese characters are Traditional."""
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if len(han) < 20:
        return False
    simplified = to_simplified("".join(han))
    changed = sum(1 for a, b in zip(han, simplified) if a != b)
    return changed >= max(5, len(han) // 50)


def squeeze(text: str) -> str:
    """Remove every kind of space and line break."""
    return _SPACE_RE.sub("", text)


@lru_cache(maxsize=65536)
def label_key(text: str) -> str:
    """The form a label is compared in: simplified, half-width, no spaces or quotes."""
    text = unicodedata.normalize("NFKC", to_simplified(text))
    text = squeeze(text).translate(_QUOTES).translate(_BRACKETS)
    return text.replace("．", ".").replace("：", ":")


def split_numbering(key: str) -> tuple[str, str]:
    """Split a normalised label into (numbering, body): '(三)不予公开' → ('(三)', '不予公开')."""
    match = _NUMBERING_RE.match(key)
    if not match:
        return "", key
    return match.group(0), key[match.end() :]


def body_key(text: str) -> str:
    """The label without its numbering and trailing punctuation, for matching by words."""
    return split_numbering(label_key(text))[1].rstrip("。.:：;；,，")


def clean_cell_text(text: str) -> str:
    """A cell's text for display: inner line breaks and runs of spaces collapsed."""
    return re.sub(r"[ \t\u00a0\u3000]*\n[ \t\u00a0\u3000]*", "", text).strip(" \t\u00a0\u3000\r\n")
