"""Reading text exports (.txt, .md) of a report.

Copying a report out of Word, a web page or a PDF gives one of these layouts for
its tables, often mixed in one file:

* a cell a line, each indented by a tab, rows separated by empty lines, a merged
  cell as a line with only the tab, a line break inside a cell as a line without
  the tab (Word's "plain text" export: seeds 000–002, 004);
* a row a line with cells between `|` (Markdown, seed 003) or separated by tabs;
* a row a line with cells separated by spaces (text copied from a PDF);
* a page copied from the browser whose table cells hold paragraphs (<td><p>…</p></td>,
  as portals and LibreOffice write them): each cell set off by empty lines, a line of
  only tabs (and the blanks of empty cells) between two cells, rows parted by three or
  more empty lines (`_browser_copy`).

Everything else is prose. The reader knows layouts, not labels: which rows are
which is the assembler's business.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from core.document import Document, Grid, GridCell, Para
from core.model import Location
from core.readers.errors import ReadError
from core.readers.limits import check_lines, check_text
from core.readers.pdf_copy import is_pdf_copy, read_copy
from core.text.numbers import looks_like_value

_BOOKMARK_RE = re.compile(r"\[bookmark:[^\]]*\]\s*")
_MD_SEPARATOR_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MD_DECORATION_RE = re.compile(r"^\s{0,3}#{1,6}\s+|\*\*|__")
_HEADING_NUMBER_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．]\s*\D)")
_SENTENCE_END_RE = re.compile(r"[。；;！？!?]")


def decode(data: bytes) -> str:
    """Text in UTF-8 (with or without BOM), UTF-16 or GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:  # UTF-16 without a BOM: the zero bytes of ASCII characters give it away
        candidates = [data.decode(codec, errors="replace") for codec in ("utf-16-le", "utf-16-be")]
        return max(candidates, key=_plausibility)
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ReadError(
            "encoding",
            "无法识别这个文本文件的编码。请用记事本或WPS打开后“另存为”UTF-8编码的文本，或直接打开Word、PDF原件。",
        ) from None


def _plausibility(text: str) -> int:
    """How many characters look like a Chinese report's: Chinese, ASCII, common punctuation."""
    return sum(1 for c in text if "\u4e00" <= c <= "\u9fff" or " " <= c <= "~" or c in "\n\t，。、：；（）“”")


@dataclass
class _Line:
    number: int  # 1-based
    text: str
    kind: str  # 'tabcell' | 'row' | 'blank' | 'plain'
    cells: list[str]
    numbers: list[int] | None = None  # a row gathered from several lines: each cell's line


def _classify(number: int, raw: str) -> _Line | None:
    text = _BOOKMARK_RE.sub("", raw.rstrip("\r\n"))
    if _MD_SEPARATOR_RE.match(text) and "-" in text:
        return None
    if not text.strip(" \u3000\u00a0"):
        # A line holding only a tab is an empty cell, not a row break.
        return _Line(number, "", "tabcell", [""]) if "\t" in text else _Line(number, "", "blank", [])
    stripped = text.lstrip(" ")
    if stripped.startswith("\t") and "\t" not in stripped[1:] and "|" not in stripped:
        return _Line(number, text, "tabcell", [stripped[1:]])
    if "|" in text:
        cells = [c.strip() for c in text.strip().strip("|").split("|")]
        if len(cells) >= 2:
            return _Line(number, text, "row", cells)
    if "\t" in text.strip():
        return _Line(number, text, "row", [c.strip() for c in text.strip().split("\t")])
    return _Line(number, _MD_DECORATION_RE.sub("", text).strip(" \u3000\u00a0"), "plain", [])


def _looks_like_heading(text: str) -> bool:
    return bool(_HEADING_NUMBER_RE.match(text)) and len(text.strip()) <= 40


def _space_row(text: str) -> list[str] | None:
    """Split a line copied from a PDF table ('规章 0 0 0') into cells; None for prose."""
    stripped = text.strip()
    if len(stripped) > 80 or _SENTENCE_END_RE.search(stripped):
        return None
    tokens = stripped.split()
    if len(tokens) < 2:
        return None
    values = 0
    while values < len(tokens) and looks_like_value(tokens[-1 - values]):
        values += 1
    if values >= 1:
        label = " ".join(tokens[: len(tokens) - values])
        return ([label] if label else []) + tokens[len(tokens) - values :]
    if all(len(t) <= 20 for t in tokens) and len(tokens) <= 16:
        return tokens
    return None


class _Builder:
    def __init__(self, path: str):
        self.path = path
        self.blocks: list[Para | Grid] = []
        self.table_count = 0
        self.paragraph_count = 0

    def loc(self, line: int, row: int | None = None, col: int | None = None) -> Location:
        table = self.table_count if row is not None else None
        return Location(self.path, "text", line=line, table=table, row=row, col=col)

    def para(self, line: _Line) -> None:
        self.blocks.append(Para(line.text, Location(self.path, "text", line=line.number, paragraph=self.paragraph_count)))
        self.paragraph_count += 1

    def grid(self, rows: list[list[tuple[int, str]]]) -> None:
        rows = [r for r in rows if r]
        if not rows:
            return
        grid_rows = [
            [GridCell(text, self.loc(number, r, c)) for c, (number, text) in enumerate(row)] for r, row in enumerate(rows)
        ]
        self.blocks.append(Grid(grid_rows, grid_rows[0][0].loc, has_grid=False))
        self.table_count += 1


def parse_text(text: str, path: str, fingerprint: str) -> Document:
    raw_lines = text.splitlines()
    if is_pdf_copy(raw_lines):
        return read_copy(raw_lines, path, fingerprint)
    if _is_browser_copy(raw_lines):
        lines = _browser_copy(raw_lines)
    else:
        lines = [line for n, raw in enumerate(raw_lines, 1) if (line := _classify(n, raw)) is not None]
    builder = _Builder(path)
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind == "tabcell":
            i = _read_cell_lines(lines, i, builder)
        elif line.kind == "row" or _is_label_row(lines, i):
            rows = []
            while i < len(lines) and (lines[i].kind in ("row", "blank") or _is_label_row(lines, i)):
                if lines[i].kind == "row":
                    numbers = lines[i].numbers or [lines[i].number] * len(lines[i].cells)
                    rows.append(list(zip(numbers, lines[i].cells)))
                elif lines[i].kind == "plain":
                    rows.append([(lines[i].number, lines[i].text)])
                i += 1
            builder.grid(rows)
        elif line.kind == "plain":
            cells = _space_row(line.text)
            if cells and _looks_like_heading(line.text):
                # 「一、本年新收… 2 0 0 0 0 0 2」 is a row; 「一、总体情况」 is a heading.
                cells = cells if sum(1 for c in cells if looks_like_value(c)) >= 2 else None
            if cells:
                builder.grid([[(line.number, c) for c in cells]])
            else:
                builder.para(line)
            i += 1
        else:
            i += 1
    return Document(path, "text", fingerprint, builder.blocks)


def _is_label_row(lines: list[_Line], i: int) -> bool:
    """A short line of its own right above a row of cells: a merged cell as wide as the table, such as
    「第二十条第（一）项」, which the copy put on a line of its own (not a section's heading)."""
    line = lines[i]
    if line.kind != "plain" or len(line.text) > 30 or _SENTENCE_END_RE.search(line.text) or _looks_like_heading(line.text):
        return False
    if len(line.text.split()) > 1:  # cells parted by spaces: a row of its own
        return False
    following = _next_content(lines, i + 1)
    if following is None:
        return False
    if following.kind == "plain":  # a row copied from a PDF: its cells parted by spaces
        cells = _space_row(following.text)
        return cells is not None and len(cells) >= 2 and not _looks_like_heading(following.text)
    return following.kind == "row" and len(following.cells) >= 2


def _next_content(lines: list[_Line], i: int) -> _Line | None:
    while i < len(lines) and lines[i].kind == "blank":
        i += 1
    return lines[i] if i < len(lines) else None


def _read_cell_lines(lines: list[_Line], i: int, builder: _Builder) -> int:
    """A table exported a cell a line; returns the index after it."""
    rows: list[list[tuple[int, str]]] = [[]]
    while i < len(lines):
        line = lines[i]
        if line.kind == "tabcell":
            rows[-1].append((line.number, line.cells[0]))
        elif line.kind == "blank":
            if rows[-1]:
                rows.append([])
        elif line.kind == "plain" and _is_continuation(lines, i, rows):
            # A line break inside a cell: the text belongs to the cell before it,
            # even across an empty line (「（三）」, empty, 「不予公开」).
            if not rows[-1]:
                rows.pop()
            number, previous = rows[-1][-1]
            rows[-1][-1] = (number, previous + "\n" + line.text)
        else:
            break
        i += 1
    builder.grid(rows)
    return i


def _is_continuation(lines: list[_Line], i: int, rows: list[list[tuple[int, str]]]) -> bool:
    line = lines[i]
    if _looks_like_heading(line.text) or len(line.text) > 40 or _SENTENCE_END_RE.search(line.text):
        return False
    if not any(rows):
        return False
    following = _next_content(lines, i + 1)
    return following is not None and following.kind == "tabcell"


# --- a page copied from the browser, its cells holding paragraphs -------------------------------

_BLANKS = " \u00a0\u3000\r"
_SEPARATOR_RE = re.compile("^[ \u00a0\u3000\r]*\t[\t \u00a0\u3000\r]*$")  # tabs and the blanks of empty cells
_ROW_BREAK_BLANKS = 3  # empty lines between two rows (a cell's paragraph keeps one before and one after)


def _blank(raw: str) -> bool:
    return not raw.strip(_BLANKS)


def _is_browser_copy(raw_lines: list[str]) -> bool:
    """Many lines of only tabs, each between empty lines (in Word's export such a line is a merged cell
    among the row's other cells, with no empty line around it)."""
    separators = [n for n, raw in enumerate(raw_lines) if _SEPARATOR_RE.match(raw)]
    if len(separators) < 10:
        return False
    surrounded = sum(1 for n in separators if 0 < n < len(raw_lines) - 1 and _blank(raw_lines[n - 1]) and _blank(raw_lines[n + 1]))
    return surrounded >= 0.8 * len(separators)


def _browser_copy(raw_lines: list[str]) -> list[_Line]:
    """The copied page's lines: its table rows gathered into rows of cells, everything else as it is."""
    out: list[_Line] = []
    chunk: list[tuple[int, str]] = []
    blanks = 0
    for n, raw in enumerate(raw_lines, 1):
        if not raw.strip(" \r"):  # an empty line (a line of a no-break space is an empty cell's paragraph)
            blanks += 1
            chunk.append((n, ""))
            continue
        if blanks >= _ROW_BREAK_BLANKS and chunk:
            out.extend(_chunk_lines(chunk))
            chunk = []
        blanks = 0
        chunk.append((n, raw))
    out.extend(_chunk_lines(chunk))
    return out


def _chunk_lines(chunk: list[tuple[int, str]]) -> list[_Line]:
    """Lines between two row breaks: rows where tabs part them into cells, plain lines around them.

    Between two cells stands one paragraph; where two or more stand between tabs, one row ended and
    another began (the break between two tables, or a heading above a table, is no wider than a cell's):
    the first of them is the last cell of the row before, the last the first cell of the row after, any
    between them plain text. A row's last tab followed on its line by the blank of an empty cell ends it.
    """
    paragraphs = _paragraphs(chunk)
    tabbed = [i for i, p in enumerate(paragraphs) if any("\t" in raw for _, raw in p)]
    if not tabbed:
        return _plain(paragraphs)
    is_tabbed = set(tabbed)  # asked of every row: a list would cost the square of the rows
    groups = [[tabbed[0]]]
    for before, after in zip(tabbed, tabbed[1:]):
        if after - before - 1 >= 2:
            groups.append([after])
        else:
            groups[-1].append(after)
    lines: list[_Line] = []
    done = 0
    for group in groups:
        first, last = group[0], group[-1]
        start = first - 1 if first - 1 >= done and first - 1 not in is_tabbed else first
        trailing = [raw for _, raw in paragraphs[last] if "\t" in raw][-1].rsplit("\t", 1)[1]
        end = last + 2 if last + 1 < len(paragraphs) and last + 1 not in is_tabbed and not trailing else last + 1
        lines += _plain(paragraphs[done:start])
        lines.append(_row_of(paragraphs[start:end]))
        done = end
    return lines + _plain(paragraphs[done:])


def _plain(paragraphs: list[list[tuple[int, str]]]) -> list[_Line]:
    return [line for p in paragraphs for n, raw in p if (line := _classify(n, raw)) is not None]


def _paragraphs(chunk: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    paragraphs: list[list[tuple[int, str]]] = [[]]
    for n, raw in chunk:
        if not raw:
            if paragraphs[-1]:
                paragraphs.append([])
        else:
            paragraphs[-1].append((n, raw))
    return [p for p in paragraphs if p]


def _row_of(paragraphs: list[list[tuple[int, str]]]) -> _Line:
    """One row: the text between tabs is a cell (its lines and paragraphs joined: a <br> in a label)."""
    cells: list[list[str]] = [[]]
    numbers: list[int | None] = [None]
    for paragraph in paragraphs:
        for n, raw in paragraph:
            pieces = raw.split("\t")
            for k, piece in enumerate(pieces):
                if k:
                    cells.append([])
                    numbers.append(None)
                text = piece.strip(_BLANKS)
                if text:
                    cells[-1].append(text)
                    numbers[-1] = numbers[-1] or n
    first_line = paragraphs[0][0][0]
    texts = ["".join(parts) for parts in cells]
    return _Line(first_line, "\t".join(texts), "row", texts, [n or first_line for n in numbers])


def read(path: str, data: bytes, fingerprint: str) -> Document:
    check_text(data)
    text = decode(data)
    check_lines(text.count("\n") + 1)
    return parse_text(text, path, fingerprint)
