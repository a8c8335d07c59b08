"""Turning a reader's `Document` into a `Report`: sections, metadata, cells placed by label."""
from __future__ import annotations

from core.assemble.doubts import reading_doubts
from core.assemble.meta import read_meta
from core.assemble.sections import find_sections, section_at
from core.assemble.tables import place_tables
from core.document import Document, Para
from core.formats import required_format
from core.formats.spec import Layout
from core.model import Report
from core.readers.errors import ReadError
from core.text.normalize import squeeze


def build_report(document: Document) -> Report:
    sections = find_sections(document)
    meta = read_meta(document, sections)
    placed, specs = place_tables(document, required_format(meta.year))
    if not any(s.found for s in sections.values()) and not any(placed.found.values()):
        raise ReadError(
            "not_a_report",
            "没有在文件中找到年度报告的章节或表格，这个文件可能不是政府信息公开工作年度报告。"
            "请确认打开的是年度报告的Word、PDF或Excel文件。",
        )
    table_sections = {}
    for table, place in placed.block_index.items():
        if placed.found[table]:
            table_sections[table] = section_at(place, sections)
    return Report(
        source=document.source,
        kind=document.kind,
        fingerprint=document.fingerprint,
        meta=meta,
        layout=Layout(t2=specs["t2"], t3=specs["t3"], t4=specs["t4"]),
        sections=sections,
        cells=placed.cells,
        tables_found=placed.found,
        table_locs=placed.locs,
        table_sections=table_sections,
        notes=placed.notes,
        paragraphs=[b.text for b in document.paragraphs],
        preface=_preface(document, sections, meta.title),
        picture_tables=document.pictures,
        table_variants=placed.variants,
        document=document,
        doubts=reading_doubts(document, placed.grids),
    )


def _preface(document: Document, sections, title: str | None) -> str:
    first = min((s.index for s in sections.values() if s.found and s.index is not None), default=0)
    title_key = squeeze(title or "")
    texts = [b.text.strip() for b in document.blocks[:first] if isinstance(b, Para) and b.text.strip()]
    return "\n".join(t for t in texts if not title_key or squeeze(t) not in title_key)


__all__ = ["build_report"]
