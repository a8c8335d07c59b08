"""Finding the six statutory sections by their words, whatever their numbering."""
from __future__ import annotations

from dataclasses import dataclass, replace

from core.document import Document, Grid, Para
from core.formats.sections import CN_NUMERALS, SECTIONS, SectionSpec
from core.model import Section
from core.text.normalize import label_key, split_numbering

MAX_HEADING = 45  # characters, normalised: a longer paragraph is prose, not a heading


@dataclass
class _Candidate:
    spec: SectionSpec
    index: int  # block index
    row: int  # the row of a table the heading stands in (0 for a paragraph): several may share a table
    para: Para
    numbering: str
    score: int  # how much the numbering looks like a top-level heading of this section


def heading_parts(para: Para) -> tuple[str, str]:
    """(numbering as written, body) of a paragraph; Word's list numbering counts as written."""
    text = para.text.strip()
    key = label_key(text)
    numbering, body = split_numbering(key)
    if not numbering and para.numbering:
        numbering = label_key(para.numbering)
    return numbering, body.rstrip("。.:;,")


def _score(numbering: str, spec: SectionSpec) -> int:
    if numbering.rstrip("、.") == CN_NUMERALS[spec.number - 1] and numbering.endswith(("、", ".")):
        return 4
    if numbering.startswith("("):
        return 0  # 「（一）…」 is a sub-heading inside a section
    if numbering:
        return 2
    return 1


def _heading_rows(grid: Grid) -> list[tuple[int, Para]]:
    """(row, its text) of the rows of a table that hold one text alone (a cell merged across it, or the others
    empty): where clerks put a section's heading as its table's first row, and where a WPS page's boxes put prose."""
    rows = []
    for n, row in enumerate(grid.rows):
        cells = [c for c in row if not c.covered and c.text.strip()]
        if cells and len({c.text.strip() for c in cells}) == 1:
            rows.append((n, Para(cells[0].text, cells[0].loc, doubt=grid.doubt)))
    return rows


def _paragraphs(document: Document) -> list[tuple[int, int, Para]]:
    """(block index, row, paragraph) of every text a heading may stand in: paragraphs, tables' lone rows."""
    found: list[tuple[int, int, Para]] = []
    for index, block in enumerate(document.blocks):
        if isinstance(block, Para):
            found.append((index, 0, block))
        else:
            found.extend((index, row, para) for row, para in _heading_rows(block))
    return found


def _candidates(document: Document) -> list[_Candidate]:
    found = []
    for index, row, para in _paragraphs(document):
        numbering, body = heading_parts(para)
        if not body or len(body) > MAX_HEADING or "。" in body:
            continue
        for spec in SECTIONS:
            if spec.matches(body):
                found.append(_Candidate(spec, index, row, para, numbering, _score(numbering, spec)))
                break
    return found


def find_sections(document: Document) -> dict[str, Section]:
    candidates = _candidates(document)
    sections: dict[str, Section] = {}
    after = (-1, 0)
    for spec in SECTIONS:
        mine = [c for c in candidates if c.spec is spec and (c.index, c.row) > after]
        if not mine:
            sections[spec.id] = Section(spec.id, False)
            continue
        best = max(mine, key=lambda c: (c.score, -c.index, -c.row))
        after = (best.index, best.row)
        sections[spec.id] = Section(
            spec.id,
            True,
            heading=best.para.text.strip(),
            numbering=best.numbering,
            loc=best.para.loc,
            index=best.index,
            row=best.row,
        )
    return _with_text(document, sections)


def _with_text(document: Document, sections: dict[str, Section]) -> dict[str, Section]:
    starts = sorted((s.index, s.id) for s in sections.values() if s.found and s.index is not None)
    result = dict(sections)
    for n, (start, sid) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(document.blocks)
        text = "\n".join(b.text for b in document.blocks[start + 1 : end] if isinstance(b, Para) and b.text.strip())
        result[sid] = replace(sections[sid], text=text)
    return result


def section_at(place: tuple[int, int], sections: dict[str, Section]) -> str | None:
    """The section a table starting at `place` (block index, row) stands in (None before the first heading).
    A heading typed in a table's first row stands before the table's rows, in the same block."""
    current = None
    for section in sorted((s for s in sections.values() if s.found), key=lambda s: (s.index or 0, s.row)):
        if section.index is not None and (section.index, section.row) <= place:
            current = section.id
    return current
