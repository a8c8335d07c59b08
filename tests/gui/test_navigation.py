"""Both directions between the checklist and the tables, 「下一个问题」, the filter, and the highlights."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core.check import failed_cells
from core.rules.catalogue import CATALOGUE, GROUP_NAMES
from gui.checklist import KEY_ROLE, PROBLEM_ROLE
from gui.marks import ERROR, UNASSESSABLE, WARNING
from gui.report_view import CHOSEN_BORDER
from gui.table_model import MARK_ROLE
from tests.conftest import SAMPLE, seed
from tests.fixtures.sample_data import sample
from tests.gui.conftest import in_view, open_in, open_rendered


def checklist_line(window, key: str):
    """The checklist's line (column 0) for a finding, rule or group key."""
    return next(i for i in window.checklist.lines() if i.data(KEY_ROLE) == key)


def click_line(qtbot, window, key: str) -> None:
    tree = window.checklist.tree
    index = checklist_line(window, key)
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())


def click_cell(qtbot, window, cid: str) -> None:
    view = window.report_view.tables[cid.split(":")[0]]
    index = view.form().index_of(cid)
    window.report_view.show_cells([cid])  # scrolled into view, as a clerk would have it
    window.report_view.clear_cells()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def finding(window, key: str):
    return next(f for f in window.session.result.findings if f.key == key)


def test_clicking_a_failed_balance_selects_exactly_its_cells(qtbot, window):
    open_in(qtbot, window, SAMPLE)
    for key in ("T3-1:business", "T3-1:total", "T4-1:review"):
        click_line(qtbot, window, key)
        assert window.report_view.selected_cells() == set(finding(window, key).cells)
    assert window.report_view.selected_cells() == {f"t4:1/review.{c}" for c in ("upheld", "corrected", "other", "pending", "total")}
    assert window.report_view.tables["t3"].selected_cells() == set()  # the previous table's selection went away


def test_clicking_a_failed_balance_explains_it_and_shows_where_a_cell_stood(qtbot, window):
    open_in(qtbot, window, SAMPLE)
    click_line(qtbot, window, "T3-1:business")
    text = window.details.text.toPlainText()
    assert "表三「商业企业」列：第一项加第二项之和为3，第三项（七）总计加第四项之和为2，相差1。" in text
    assert "应为3，实为2" in text
    assert CATALOGUE["T3-1"].reference in text
    assert "sample-2023.txt" in window.details.source.where.text()


def test_clicking_a_cell_that_passed_names_the_balances_it_passed(qtbot, window):
    open_in(qtbot, window, SAMPLE)
    click_cell(qtbot, window, "t3:1/natural")
    text = window.details.text.toPlainText()
    assert "这一格没有发现问题。" in text and "已通过的核对：表三「自然人」列：" in text
    assert "。；" not in text and text.rstrip().endswith("相符。")  # one sentence: its parts joined by 「；」


def test_clicking_a_structural_line_points_at_its_section(qtbot, window):
    open_in(qtbot, window, seed("004"))
    click_line(qtbot, window, "ST-1:s1")
    boxes = window.report_view.sections
    assert boxes["s1"].chosen and boxes["s1"].border == CHOSEN_BORDER  # drawn framed in blue
    assert not any(box.chosen for sid, box in boxes.items() if sid != "s1")
    assert window.report_view.selected_cells() == set()
    assert "「1、 总体情况」" in window.details.text.toPlainText()


def test_selecting_a_cell_shows_its_findings_and_its_place_in_the_file(qtbot, window):
    open_in(qtbot, window, SAMPLE)
    click_cell(qtbot, window, "t3:3.7/business")
    text = window.details.text.toPlainText()
    assert text.startswith("表三（七）总计·商业企业")
    assert "原文填写：「2」" in text
    assert finding(window, "T3-1:business").message in text
    source = window.details.source
    cell = window.session.report.cells["t3:3.7/business"]
    assert f"第{cell.loc.line}行" in source.where.text()
    html = source.text.toHtml()
    assert "font-weight:700" in html or "font-weight:bold" in html  # the line it stood on is marked
    assert window.checklist.tree.currentIndex().data(KEY_ROLE) == "T3-1:business"


def test_a_cell_without_problems_says_so(qtbot, window):
    open_in(qtbot, window, SAMPLE)
    click_cell(qtbot, window, "t3:3.1/natural")
    assert "这一格没有发现问题。" in window.details.text.toPlainText()


def checklist_problems(result) -> list[str]:
    """The problems as the checklist lists them, worked out independently: catalogue groups in order, rules as first met."""
    groups = list(GROUP_NAMES)
    rule_order = list(dict.fromkeys(f.rule for f in result.findings))
    problems = result.problems
    return [f.key for f in sorted(problems, key=lambda f: (groups.index(CATALOGUE[f.rule].group), rule_order.index(f.rule)))]


def expected_problem_order(result) -> list[str]:
    """F8's walk: the errors, then the rest, each in the checklist's order."""
    errors = {f.key for f in result.findings if f.is_error}
    listed = checklist_problems(result)
    return [k for k in listed if k in errors] + [k for k in listed if k not in errors]


def test_f8_walks_the_problems_errors_first_and_comes_round_again(qtbot, window):
    open_in(qtbot, window, seed("000"))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    order = expected_problem_order(window.session.result)
    assert len(order) >= 8
    assert order != checklist_problems(window.session.result)  # 表二's warnings are listed before its errors
    visited = [window.checklist.tree.currentIndex().data(KEY_ROLE)]  # the report opened at the first
    for _ in range(len(order)):
        qtbot.keyClick(window.checklist.tree, Qt.Key.Key_F8)
        visited.append(window.checklist.tree.currentIndex().data(KEY_ROLE))
        cells = finding(window, visited[-1]).cells
        if cells:
            assert window.report_view.selected_cells() == set(cells)
    assert visited == order + order[:1]
    qtbot.keyClick(window.checklist.tree, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert window.checklist.tree.currentIndex().data(KEY_ROLE) == order[-1]


def test_a_report_with_errors_opens_at_its_first_error_before_the_warnings_listed_above_it(qtbot, window):
    """The sample: a 表二 warning listed first, then 表三's errors — it opens at 表三's first error, in view."""
    window.resize(1366, 768)
    open_in(qtbot, window, SAMPLE)
    result = window.session.result
    listed = checklist_problems(result)
    assert not finding(window, listed[0]).is_error and listed[0].startswith("T2-")
    first_error = next(f for f in result.findings if f.is_error and f.key == expected_problem_order(result)[0])
    assert first_error.rule == "T3-1"
    assert window.checklist.tree.currentIndex().data(KEY_ROLE) == first_error.key
    assert window.report_view.selected_cells() == set(first_error.cells)
    cell = window.session.problem_cell(first_error)  # the cell its suggested fix names
    assert cell in first_error.cells
    qtbot.waitUntil(lambda: in_view(window, cell))
    assert window.report_view.tables["t3"].currentIndex() == window.report_view.tables["t3"].form().index_of(cell)


def test_the_filter_shows_only_problems_and_f8_still_walks_them(qtbot, window):
    open_in(qtbot, window, SAMPLE)
    window.only_problems_action.trigger()
    assert window.checklist.only_problems.isChecked()
    shown = [i.data(KEY_ROLE) for i in window.checklist.lines() if not i.data(KEY_ROLE).startswith(("group:", "rule:"))]
    assert shown == checklist_problems(window.session.result)
    assert all(i.data(PROBLEM_ROLE) for i in window.checklist.lines() if i.data(KEY_ROLE) in shown)
    walk = expected_problem_order(window.session.result)
    assert window.checklist.tree.currentIndex().data(KEY_ROLE) == walk[0]
    window.next_action.trigger()
    assert window.checklist.tree.currentIndex().data(KEY_ROLE) == walk[1]
    window.checklist.only_problems.setChecked(False)
    assert not window.only_problems_action.isChecked()
    assert len(window.checklist.lines()) > len(shown) + 10


def cell_marks(window) -> dict[str, object]:
    marks = {}
    for view in window.report_view.tables.values():
        model = view.form()
        for cid in model.grid.cell_ids:
            marks[cid] = model.data(model.index_of(cid), MARK_ROLE)
    return marks


def test_every_marked_cell_is_named_by_a_current_problem_and_vice_versa(qtbot, window):
    for path in (SAMPLE, seed("000"), seed("002")):
        open_in(qtbot, window, path)
        failing = failed_cells(window.session.result.findings)
        marks = cell_marks(window)
        assert {cid for cid, mark in marks.items() if mark is not None} == set(failing) & set(marks)
    open_in(qtbot, window, SAMPLE)
    marks = cell_marks(window)
    assert marks["t3:3.7/business"] is ERROR
    assert marks["t2:fee/amount"] is WARNING  # 「/」 where the form wants 0
    assert marks["t3:3.1/natural"] is None


def test_a_blank_cell_is_shown_as_unfilled_and_its_balances_as_not_assessable(qtbot, window, tmp_path):
    data = sample()
    data.cells["t3:3.1/research"] = ""
    open_rendered(qtbot, window, tmp_path, data)
    model = window.report_view.tables["t3"].form()
    index = model.index_of("t3:3.1/research")
    assert model.data(index) == "未填"
    assert "这一格没有填写。" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index_of("t3:3.7/research"), MARK_ROLE) is UNASSESSABLE
    assert "无法判断" in [i.siblingAtColumn(1).data() for i in window.checklist.lines()]


def test_a_cells_tooltip_gives_message_rule_reference_and_numbers(qtbot, window):
    open_in(qtbot, window, SAMPLE)
    model = window.report_view.tables["t4"].form()
    tip = model.data(model.index_of("t4:1/review.total"), Qt.ItemDataRole.ToolTipRole)
    assert "表四行政复议·总计" in tip
    assert "原文填写：「1」" in tip
    assert "表四「行政复议」：结果维持、结果纠正、其他结果、尚未审结之和为2，总计填报为1，相差1。" in tip
    assert CATALOGUE["T4-1"].title in tip and CATALOGUE["T4-1"].reference in tip
    assert "应为2，实为1" in tip


def test_after_a_recheck_the_marks_and_the_verdict_follow_the_new_findings(qtbot, window):
    """The path a correction (issue 5) takes: change the model, recheck, nothing stale is left."""
    open_in(qtbot, window, SAMPLE)
    session = window.session
    model = window.report_view.tables["t4"].form()
    session.report.corrections["t4:1/review.total"] = 2
    with qtbot.waitSignal(model.dataChanged):
        session.recheck()
    assert model.data(model.index_of("t4:1/review.total"), MARK_ROLE) is None
    assert model.data(model.index_of("t4:1/review.total")) == "2"
    assert window.verdict.text.text() == "✗  发现2处错误，暂不宜提交"
    line = checklist_line(window, "T4-1:review")
    assert line.siblingAtColumn(1).data() == "通过" and not line.data(PROBLEM_ROLE)
    assert {cid for cid, mark in cell_marks(window).items() if mark} == set(failed_cells(session.result.findings)) & set(cell_marks(window))


def test_the_command_line_lists_the_problems_in_the_order_f8_walks_them(qtbot, window, tmp_path):
    from tests.test_cli import run

    data = sample()
    data.cells["t4:1/direct.upheld"] = "/"  # a 表四 warning after the 表三 errors
    path = open_rendered(qtbot, window, tmp_path, data)
    printed = [line.strip() for line in run("check", str(path)).stdout.splitlines() if line.startswith("  【")]
    window.activateWindow()
    walked = [finding(window, window.checklist.tree.currentIndex().data(KEY_ROLE))]  # opened at the first
    for _ in printed[1:]:
        qtbot.keyClick(window.checklist.tree, Qt.Key.Key_F8)
        walked.append(finding(window, window.checklist.tree.currentIndex().data(KEY_ROLE)))
    assert [f"{f.message}（{f.rule}）" for f in walked] == [line.split("】", 1)[1] for line in printed]
    assert walked[0].rule == "T3-1" and not walked[-1].is_error  # the errors, then 表二's and 表四's warnings
