"""How sure the reading of each part of a report is, from the doubts the reader put on its blocks.

The structure rules ask it before saying something is missing: a section, table or row not found
where the reader inferred the structure (PDF text, a copy from a PDF, columns from positions, a scan)
may be there unread, so it is 「未能读出」, not 「缺少…」 (`Report.unsure`).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from core.document import Document, Doubt, Grid


def reading_doubts(document: Document, table_grids: dict[str, list[Grid]]) -> dict[str, Doubt]:
    """'text': the paragraphs' doubt; 'any': any block's; 't2'/'t3'/'t4': the doubt of the grids each table
    was read from. A scope whose blocks all stand as their source states them is left out."""
    scopes = {
        "text": _commonest(p.doubt for p in document.paragraphs),
        "any": _commonest(b.doubt for b in document.blocks),
    }
    for table, grids in table_grids.items():
        scopes[table] = _commonest(g.doubt for g in grids)
    return {scope: doubt for scope, doubt in scopes.items() if doubt is not None}


def _commonest(doubts: Iterable[Doubt | None]) -> Doubt | None:
    """The doubt most blocks carry (the message names one reason); ties go to the enum's order."""
    counts = Counter(d for d in doubts if d is not None)
    if not counts:
        return None
    order = list(Doubt)
    return max(counts, key=lambda d: (counts[d], -order.index(d)))
