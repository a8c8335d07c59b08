"""Finding the six statutory sections by their words, whatever their numbering."""
from __future__ import annotations

from dataclasses import dataclass

from core.document import Document, Para
from core.formats.sections import CN_NUMERALS, SECTIONS, SectionSpec
from core.model import Section
from core.text.normalize import label_key, split_numbering

MAX_HEADING = 45  # characters, normalised: a longer paragraph is prose, not a heading


@dataclass
class _Candidate:
    spec: SectionSpec
    index: int  # block index
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


def _candidates(document: Document) -> list[_Candidate]:
    found = []
    for index, block in enumerate(document.blocks):
        if not isinstance(block, Para):
            continue
        numbering, body = heading_parts(block)
        if not body or len(body) > MAX_HEADING or "。" in body:
            continue
        for spec in SECTIONS:
            if spec.matches(body):
                found.append(_Candidate(spec, index, block, numbering, _score(numbering, spec)))
                break
    return found


def find_sections(document: Document) -> dict[str, Section]:
    candidates = _candidates(document)
    sections: dict[str, Section] = {}
    after = -1
    for spec in SECTIONS:
        mine = [c for c in candidates if c.spec is spec and c.index > after]
        if not mine:
            sections[spec.id] = Section(spec.id, False)
            continue
        best = max(mine, key=lambda c: (c.score, -c.index))
        after = best.index
        sections[spec.id] = Section(
            spec.id,
            True,
            heading=best.para.text.strip(),
            numbering=best.numbering,
            loc=best.para.loc,
            index=best.index,
        )
    return _with_text(document, sections)


def _with_text(document: Document, sections: dict[str, Section]) -> dict[str, Section]:
    starts = sorted((s.index, s.id) for s in sections.values() if s.found and s.index is not None)
    result = dict(sections)
    for n, (start, sid) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(document.blocks)
        text = "\n".join(b.text for b in document.blocks[start + 1 : end] if isinstance(b, Para) and b.text.strip())
        section = sections[sid]
        result[sid] = Section(section.id, True, section.heading, section.numbering, text, section.loc, section.index)
    return result


def section_at(index: int, sections: dict[str, Section]) -> str | None:
    """The section a block at `index` stands in (None before the first heading)."""
    current = None
    for section in sorted((s for s in sections.values() if s.found), key=lambda s: s.index or 0):
        if section.index is not None and section.index < index:
            current = section.id
    return current
