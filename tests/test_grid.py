"""The form drawn as a grid (core/formats/grid.py) is the official Word template's table, merge for merge."""
from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn

from core.formats import FORMATS
from core.formats.grid import form_grid
from core.text.normalize import label_key
from tests.conftest import ROOT

TEMPLATE = ROOT / "resources" / "templates" / "official-template-2021.docx"


def template_spots(table_index: int) -> set[tuple[int, int, int, int, str]]:
    """(row, col, rowspan, colspan, text) of every merged-or-not cell of a table in the real template."""
    body = docx.Document(str(TEMPLATE)).element.body
    table = list(body.iter(qn("w:tbl")))[table_index]
    open_cells: dict[int, list] = {}  # grid column → the spot a vMerge continues
    spots = []
    for r, tr in enumerate(table.iter(qn("w:tr"))):
        col = 0
        for tc in tr.iter(qn("w:tc")):
            pr = tc.tcPr
            span_el = pr.find(qn("w:gridSpan")) if pr is not None else None
            merge_el = pr.find(qn("w:vMerge")) if pr is not None else None
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            if merge_el is not None and merge_el.get(qn("w:val")) != "restart":
                open_cells[col][2] += 1
            else:
                spot = [r, col, 1, span, "".join(t.text for t in tc.iter(qn("w:t")))]
                spots.append(spot)
                open_cells[col] = spot
            col += span
    return {(r, c, rs, cs, label_key(text)) for r, c, rs, cs, text in spots}


def drawn_spots(table: str) -> set[tuple[int, int, int, int, str]]:
    grid = form_grid(FORMATS["2021"].table(table))
    return {(s.row, s.col, s.rowspan, s.colspan, label_key(s.text)) for s in grid.spots}


@pytest.mark.parametrize("table, index", [("t2", 0), ("t3", 1), ("t4", 2)])
def test_the_2021_tables_are_drawn_as_the_official_template(table, index):
    assert drawn_spots(table) == template_spots(index)


def test_every_cell_of_the_layout_has_one_place_and_no_places_overlap():
    for name in ("2019", "2021"):
        for spec in FORMATS[name].tables:
            grid = form_grid(spec)
            assert sorted(grid.cell_ids) == sorted(spec.cell_ids)
            covered: set[tuple[int, int]] = set()
            for spot in grid.spots:
                places = {(r, c) for r in range(spot.row, spot.row + spot.rowspan) for c in range(spot.col, spot.col + spot.colspan)}
                assert not places & covered, spot
                assert all(0 <= r < grid.rows and 0 <= c < grid.cols for r, c in places)
                covered |= places


def test_the_2019_table_three_has_one_row_for_other_handling():
    grid = form_grid(FORMATS["2019"].t3)
    other = [s for s in grid.spots if s.text == "（六）其他处理"]
    assert len(other) == 1 and other[0].colspan == 2  # a row label beside 三、本年度办理结果, like （七）总计
    assert grid.spot_of("t3:3.6/total").row == other[0].row
