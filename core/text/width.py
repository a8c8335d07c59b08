"""How wide text is where a Chinese character takes two places and a Latin one one: a terminal's columns, a
spreadsheet's column widths (both count that way)."""
from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrapped_lines(text: str, width: int) -> int:
    """The lines `text` takes, wrapped in a column `width` places wide, its own line breaks kept (a rough count:
    a line is broken where it is full, not at a word)."""
    width = max(width, 1)
    return sum(max(1, -(-display_width(line) // width)) for line in text.split("\n"))
