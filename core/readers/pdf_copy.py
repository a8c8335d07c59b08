"""Text copied out of a PDF (.txt): what a viewer's 「全选、复制」, pdfplumber's `extract_text()` or
poppler's `pdftotext` give of a report.

The copy has lost what the PDF's page showed: a table is lines of words and numbers
parted by spaces, a label wrapped over two or three lines, a row's numbers on the
line above or below its label or split between lines (cells are aligned differently),
and merged labels (「三、本年度办理结果」「（六）其他处理」) broken into pieces among the
rows'. `pdftotext` without `-layout` even puts each cell on a line of its own.

So a copy is read as it is: each line of the tables a row of its words and numbers
(one cell each, in the line's order), short lines of label pieces among them kept in
the table, prose lines joined back into paragraphs where the page wrapped them. Every
block says `Doubt.PDF_COPY`: the assembler places the numbers by the labels and their
counts (`core/assemble/copied.py`), and what cannot be placed with certainty is left
unread, never guessed.
"""
from __future__ import annotations

import re

from core.document import Document, Doubt, Grid, GridCell, Para
from core.model import Location
from core.text.numbers import UNITS, looks_like_value

_SENTENCE_RE = re.compile(r"[。；;！？!?]")
_TOKEN_RE = re.compile(r"\S+")
_LAYOUT_GAP_RE = re.compile(r"\S {3,}\S")  # pdftotext -layout pads with spaces to keep each word where it stood
_WORDS_OF_NONE = frozenset({"无"})
_CLAUSE_END = tuple("。；;！？!?：:")
_HEADING_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．]\s*\D)")
# Page furniture a copy keeps: 「— 2 —」「- 3 -」「第 2 页」「第2页 共7页」「2/7」.
_PAGE_NUMBER_RE = re.compile(r"^(?:[-—–－]+\s*\d{1,3}\s*[-—–－]+|第\s*\d{1,3}\s*页(?:\s*[，,]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})$")
_NUMBERS_LINE_MIN = 3  # a line with this many numbers is a table row, whatever else it holds
_COPY_LINES_MIN = 5  # lines of numbers that make a text a copy from a PDF
LABEL_PIECE_MAX = 24  # characters: a longer line without numbers is prose (a table's cell wraps sooner)
TOKEN_MAX = 40  # characters of the words before a row's numbers (its label, pieces of merged labels)
_WORD_MAX = 16  # characters: a header word or a label in a line of them (a prose line's runs are longer)
_NEAR = 8  # short lines: a piece of a label or a header word stands no further from a line of the table


def is_pdf_copy(raw_lines: list[str]) -> bool:
    """A copy from a PDF: pdftotext's form feeds between pages, or lines of numbers parted by spaces and no
    table laid out otherwise (a tab or a 「|」 between cells comes from Word, a web page or Markdown)."""
    if any("\t" in line or line.count("|") >= 2 for line in raw_lines):
        return False
    if any("\f" in line for line in raw_lines):
        return True
    numbers = sum(1 for line in raw_lines if _trailing_values(line.split()) >= _NUMBERS_LINE_MIN)
    alone = sum(1 for line in raw_lines if line.split() and _trailing_values(line.split()) == len(line.split()))
    return numbers >= _COPY_LINES_MIN or alone >= 5 * _COPY_LINES_MIN


def _trailing_values(tokens: list[str]) -> int:
    """How many numbers end the line, when no other number stands before them (「规章 0 0 0」: 3;
    「收到 57 件」, prose: 0)."""
    n = 0
    while n < len(tokens) and looks_like_value(tokens[-1 - n]):
        n += 1
    if any(looks_like_value(t) for t in tokens[: len(tokens) - n]):
        return 0
    return n


class _Line:
    __slots__ = ("number", "text", "tokens", "offsets", "kind")

    def __init__(self, number: int, raw: str):
        self.number = number  # 1-based line of the file
        self.text = raw.strip()
        self.tokens: list[str] = []
        self.offsets: list[int] = []  # where each word starts on the line, in characters
        for match in _TOKEN_RE.finditer(raw):
            word = match.group(0)
            if word in UNITS and self.tokens and looks_like_value(self.tokens[-1]):
                self.tokens[-1] += word  # 「0 万元」: the unit a layout copy set apart from its number
            else:
                self.tokens.append(word)
                self.offsets.append(match.start())
        text = self.text
        values = _trailing_values(self.tokens)
        words = self.tokens[: len(self.tokens) - values]
        sentence = bool(_SENTENCE_RE.search(text))
        if values and all(t in _WORDS_OF_NONE for t in self.tokens):
            self.kind = "short"  # 「无」 alone: a section's whole text as often as an empty cell
        elif values and sum(map(len, words)) <= TOKEN_MAX and not sentence:
            self.kind = "numbers"  # a row of the table (its label, or pieces of labels, then its numbers), or numbers alone
        elif _HEADING_RE.match(text) and len(text) <= TOKEN_MAX and not sentence:
            self.kind = "heading"  # 「1、 总体情况」「（三）…」, or a numbered label of the table: its neighbours tell
        elif len(words) >= 2 and not values and all(len(t) <= _WORD_MAX and not looks_like_value(t) for t in words) and not sentence:
            self.kind = "words"  # a line of header words or labels parted by spaces
        elif any(looks_like_value(t) for t in self.tokens):
            self.kind = "prose"  # numbers among words: 「本年度收到 57 件，答复 45 件」
        elif len(text) <= LABEL_PIECE_MAX and not _SENTENCE_RE.search(text):
            self.kind = "short"  # a heading, a title, or a piece of a wrapped label
        else:
            self.kind = "prose"


def read_copy(raw_lines: list[str], path: str, fingerprint: str) -> Document:
    lines = [_Line(n, raw.replace("\f", "").rstrip()) for n, raw in enumerate(raw_lines, 1)]
    lines = [line for line in lines if line.text and not _PAGE_NUMBER_RE.match(line.text)]
    in_table = _table_lines(lines)
    numbers = [line for line in lines if line.kind == "numbers" and len(line.tokens) > 1]
    laid_out = bool(numbers) and sum(1 for line in numbers if _LAYOUT_GAP_RE.search(line.text)) >= 0.5 * len(numbers)
    blocks: list[Para | Grid] = []
    rows: list[_Line] = []
    prose: list[_Line] = []
    tables = paragraphs = 0
    for n, line in enumerate(lines):
        if in_table[n]:
            if prose:
                paragraphs = _add_prose(blocks, prose, path, paragraphs)
                prose = []
            rows.append(line)
            continue
        if rows:
            _add_grid(blocks, rows, path, tables, laid_out)
            tables += 1
            rows = []
        prose.append(line)
    if rows:
        _add_grid(blocks, rows, path, tables, laid_out)
    if prose:
        _add_prose(blocks, prose, path, paragraphs)
    return Document(path, "text", fingerprint, blocks)


def _table_lines(lines: list[_Line]) -> list[bool]:
    """Which lines belong to a table: the lines of numbers and of words, and short lines next to them (pieces
    of wrapped labels), but not a heading unless a line of numbers follows it (a table row's label, as
    「一、本年新收政府信息公开申请数量」 with its numbers on the lines below)."""
    table = [line.kind in ("numbers", "words") for line in lines]
    for n, line in enumerate(lines):
        numbers_next = n + 1 < len(lines) and lines[n + 1].kind == "numbers"
        if line.kind == "heading":
            table[n] = numbers_next  # else a section's heading, a sub-heading: a paragraph
        elif line.kind == "short":
            table[n] = _near_table(lines, n, -1) or _near_table(lines, n, 1)
    return table


def _near_table(lines: list[_Line], n: int, step: int) -> bool:
    """Whether a line of numbers or words is reached from line `n`, going `step`, within `_NEAR` short lines
    (pdftotext puts every cell on a line of its own: a header's words, a label's pieces, one after another)."""
    m = n + step
    while 0 <= m < len(lines) and abs(m - n) <= _NEAR:
        if lines[m].kind in ("numbers", "words"):
            return True
        if lines[m].kind != "short":
            return False
        m += step
    return False


def _add_grid(blocks: list, rows: list[_Line], path: str, table: int, laid_out: bool) -> None:
    """A table's lines, a word a cell. A copy that kept the page's layout (`pdftotext -layout`) says where each
    word stood: `GridCell.col` is then its character column (the assembler uses it only where the table's
    own full rows show the columns aligned)."""
    grid_rows = [
        [
            GridCell(token, Location(path, "text", line=line.number, table=table, row=r, col=c), col=offset if laid_out else None)
            for c, (token, offset) in enumerate(zip(line.tokens, line.offsets))
        ]
        for r, line in enumerate(rows)
    ]
    blocks.append(Grid(grid_rows, grid_rows[0][0].loc, has_grid=False, doubt=Doubt.PDF_COPY))


def _add_prose(blocks: list, lines: list[_Line], path: str, paragraphs: int) -> int:
    """Prose lines as paragraphs: a line the page filled to its width, not ending a sentence, goes on in the next
    (unless that is a heading); headings and short lines stand alone."""
    full = sorted(len(line.text) for line in lines if line.kind == "prose")
    width = full[len(full) * 9 // 10] if full else 0  # the page's line width, in characters
    current: list[_Line] = []
    for line in lines:
        if current and not _continues(current[-1], line, width):
            paragraphs = _add_paragraph(blocks, current, path, paragraphs)
            current = []
        current.append(line)
    if current:
        paragraphs = _add_paragraph(blocks, current, path, paragraphs)
    return paragraphs


def _continues(previous: _Line, line: _Line, width: int) -> bool:
    if not width or _HEADING_RE.match(line.text) or previous.text.endswith(_CLAUSE_END):
        return False
    return len(previous.text) >= 0.85 * width and previous.kind == "prose"


def _add_paragraph(blocks: list, lines: list[_Line], path: str, paragraphs: int) -> int:
    text = "".join(line.text for line in lines)
    loc = Location(path, "text", line=lines[0].number, paragraph=paragraphs)
    blocks.append(Para(text, loc, doubt=Doubt.PDF_COPY))
    return paragraphs + 1
