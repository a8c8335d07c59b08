"""The table models: Qt's model contract, and the form's layout taken from core/formats."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from core.check import check
from core.formats.grid import form_grid
from gui.session import ReportSession
from gui.table_model import CELL_ID_ROLE, SPOT_ROLE, FormTableModel
from gui.table_view import FormTableView
from tests.conftest import SEEDS


@pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "python-tester"])
@pytest.mark.parametrize("name", [p.name[:3] for p in SEEDS])
def test_every_table_model_passes_qts_model_tester(qtmodeltester, seed_reports, name, force_py):
    session = ReportSession(check(seed_reports[name]))
    for table in ("t2", "t3", "t4"):
        model = FormTableModel(session, table)
        qtmodeltester.check(model, force_py=force_py)
        session.recheck()  # the tester watches the model while it tells its views to redraw


def test_the_view_draws_the_layout_of_the_reports_own_format(qtbot, seed_reports):
    """Seed 000 is a 2019-format report, seed 004 a 2021 one: each table is drawn as its format's form."""
    for name, fee_header in (("000", "上一年项目数量"), ("004", "本年收费金额（单位：万元）")):
        report = seed_reports[name]
        session = ReportSession(check(report))
        view = FormTableView(FormTableModel(session, "t2"))
        qtbot.addWidget(view)
        model = view.form()
        grid = form_grid(report.layout.t2)
        assert (model.rowCount(), model.columnCount()) == (grid.rows, grid.cols)
        for spot in grid.spots:
            index = model.index(spot.row, spot.col)
            assert (view.rowSpan(spot.row, spot.col), view.columnSpan(spot.row, spot.col)) == (spot.rowspan, spot.colspan)
            assert index.data(SPOT_ROLE) == spot.role
            if spot.cell is None:
                assert index.data() == spot.text
            else:
                assert index.data(CELL_ID_ROLE) == spot.cell
        headers = [model.index(s.row, s.col).data() for s in grid.spots if s.role == "header"]
        assert fee_header in headers


def test_values_show_as_written_and_only_value_cells_can_be_selected(seed_reports):
    session = ReportSession(check(seed_reports["001"]))
    model = FormTableModel(session, "t2")
    fee = model.index_of("t2:procurement/amount")
    assert model.data(fee) == session.report.cells["t2:procurement/amount"].raw.strip()
    assert model.flags(fee) & Qt.ItemFlag.ItemIsSelectable
    label = model.index(2, 0)
    assert model.data(label) == "规章"
    assert not model.flags(label) & Qt.ItemFlag.ItemIsSelectable


def test_the_whole_form_fits_in_the_view_without_its_own_scroll_bars(qtbot, seed_reports):
    session = ReportSession(check(seed_reports["004"]))
    for table in ("t2", "t3", "t4"):
        view = FormTableView(FormTableModel(session, table))
        qtbot.addWidget(view)
        view.show()
        width = sum(view.columnWidth(c) for c in range(view.form().columnCount()))
        height = sum(view.rowHeight(r) for r in range(view.form().rowCount()))
        assert view.viewport().width() >= width and view.viewport().height() >= height
