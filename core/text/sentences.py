"""The running text split into sentences, each kept as written and in a form rules can match.

Rules match patterns on the `simple` form (Simplified characters, ASCII digits) and
quote the `text` as written (maybe Traditional). Both have the same length, so a
position found in one is the same place in the other.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.text.normalize import arabic_years, to_simplified

_SENTENCE_END_RE = re.compile(r"(?<=[。！？；;!?\n])")
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(frozen=True)
class Sentence:
    text: str  # as written
    simple: str  # the same in Simplified, digits and years (二〇二三年) in ASCII; same length as `text`


@lru_cache(maxsize=4096)
def simple_aligned(text: str) -> str:
    """Simplified characters, ASCII digits and years, one character for one, so positions stay put."""
    simple = to_simplified(text)
    if len(simple) != len(text):  # a phrase conversion changed the length: convert a character at a time
        simple = "".join(c2 if len(c2 := to_simplified(c)) == 1 else c for c in text)
    return arabic_years(simple.translate(_DIGITS))


@lru_cache(maxsize=4096)
def sentences(text: str) -> tuple[Sentence, ...]:
    """The sentences of a paragraph, ends (。；！？ and line breaks) kept, surrounding space removed.

    Cached: every text rule reads the same paragraphs.
    """
    simple = simple_aligned(text)
    found, start = [], 0
    for piece in _SENTENCE_END_RE.split(simple):
        end = start + len(piece)
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if piece.strip():
            found.append(Sentence(text[start + left : start + right], piece[left:right]))
        start = end
    return tuple(found)
