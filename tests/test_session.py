"""A clerk correcting a report, without the window: core's edit session (core/work/session.py).

Each flow the window offers — typing over a cell, undo and redo, a suggested fix, 重算全部合计, the
body's name and the year, 已核实, going back to the number as read, filling a table's blanks — is
driven here as the window's session drives it, with a plain undo stack in place of Qt's. So are the
autosave (every step on disk at once, the work restored, a mark dropped when its finding changes)
and the comparison with last year's report, which survives every recheck. The window's own tests
(tests/gui/) keep what only the window does: keys, dialogs, the checklist's lines, the colours.
"""
from __future__ import annotations

import os
from decimal import Decimal

import pytest

from core.api import open_report
from core.assemble import build_report
from core.check import check, failed_cells
from core.findings import Outcome
from core.readers.text import parse_text
from core.work.autosave import WorkStore
from core.work.fixes import recompute_totals
from core.work.session import Edit, EditSession
from tests.conftest import SAMPLE, seed
from tests.fixtures.sample_data import sample
from tests.fixtures.text_render import render_text
from tests.test_history import last_year_of_sample


class Clerk(EditSession):
    """The session with a plain undo stack, as the window's keeps its edits, and what it was told."""

    def __init__(self, result, store=None):
        self.done: list[Edit] = []
        self.undone: list[Edit] = []
        self.said: list[tuple] = []
        super().__init__(result, store)

    def push(self, edit: Edit) -> None:
        self.do(edit)
        self.done.append(edit)
        self.undone.clear()

    def undo_last(self) -> None:
        edit = self.done.pop()
        self.undo(edit)
        self.undone.append(edit)

    def redo_last(self) -> None:
        edit = self.undone.pop()
        self.do(edit)
        self.done.append(edit)

    def history(self) -> list[str]:
        return [edit.text for edit in self.done]

    def on_refused(self, what: str, why: str) -> None:
        self.said.append(("refused", what, why))

    def on_unexported_changed(self, unexported: bool) -> None:
        self.said.append(("unexported", unexported))

    def on_autosave_failed(self, why: str) -> None:
        self.said.append(("not saved", why))


def opened(path=SAMPLE, store=None) -> Clerk:
    return Clerk(check(open_report(str(path))), store)


def rendered(data, tmp_path, store=None, name="report.txt") -> Clerk:
    """Report data (tests/fixtures) written as a text export, as Word writes one, and opened."""
    path = tmp_path / name
    path.write_text(render_text(data), encoding="utf-8")
    return opened(path, store)


def state(session: EditSession):
    """Everything a step can change: values, findings, what is marked 已核实, the verdict."""
    return (
        dict(session.report.corrections),
        dict(session.report.meta_corrections),
        [(f.key, f.outcome, f.message) for f in session.result.findings],
        sorted(session.result.confirmed),
        session.result.verdict.text,
    )


def finding(session: EditSession, key: str):
    return next(f for f in session.result.findings if f.key == key)


# --- typing over a cell ------------------------------------------------------------------------


def test_a_typed_number_is_checked_at_once_and_the_failure_clears():
    session = opened()
    assert finding(session, "T4-1:review").outcome is Outcome.FAILED
    assert session.edit_cell("t4:1/review.total", "2")
    assert session.report.value("t4:1/review.total") == 2 and session.is_corrected("t4:1/review.total")
    assert finding(session, "T4-1:review").outcome is Outcome.PASSED
    assert session.result.verdict.text == "发现2处错误，暂不宜提交"
    assert session.findings_of("t4:1/review.total") == []
    assert session.history() == ["表四行政复议·总计：1 → 2"]
    assert "t4:1/review.total" in session.touched and len(session.touched) < len(session.report.layout.cell_ids)
    assert set(session.cell_findings) == set(failed_cells(session.result.findings))


def test_refused_text_leaves_the_number_as_it_was_and_says_why():
    session = opened()
    before = state(session)
    for typed, says in (("abc", "「abc」不是数字"), ("2.5", "「2.5」不是整数"), ("-1", "不能填负数"), ("/", "表格要求没有的填0")):
        assert not session.edit_cell("t3:3.7/business", typed)
        _, what, why = session.said[-1]
        assert what == "t3:3.7/business" and why.startswith("表三（七）总计·商业企业：") and says in why, typed
        assert why.endswith("原来的数没有改动。")
        assert state(session) == before
    assert session.done == []
    assert not session.edit_cell("t2:fee/amount", "1.23456")  # 万元: to the 元 at most
    assert "最多保留4位小数" in session.said[-1][2]
    assert session.edit_cell("t2:fee/amount", "1.2345")
    assert session.report.value("t2:fee/amount") == Decimal("1.2345")


def test_a_2019_report_takes_a_negative_change_where_its_form_allows_one():
    session = opened(seed("001"))
    assert session.edit_cell("t2:license/change", "-3") and session.report.value("t2:license/change") == -3
    assert not session.edit_cell("t2:license/prev_count", "-3") and "不能填负数" in session.said[-1][2]


def test_a_table_the_report_lacks_is_not_editable(tmp_path):
    data = sample()
    data.cells = {cid: raw for cid, raw in data.cells.items() if not cid.startswith("t4:")}
    session = rendered(data, tmp_path)
    assert not session.is_editable("t4:1/review.total") and session.is_editable("t3:1/natural")


def test_the_same_number_again_is_no_step():
    session = opened()
    session.edit_cell("t4:1/review.total", "1")  # what the report says
    assert session.done == [] and session.report.corrections == {}


# --- undo and redo -----------------------------------------------------------------------------


def test_undo_and_redo_restore_exact_values_and_findings():
    session = opened()
    start = state(session)
    session.edit_cell("t3:4/business", "1")
    one = state(session)
    session.edit_cell("t2:fee/amount", "0.75")
    two = state(session)
    assert session.history() == ["表三四、结转下年度·商业企业：0 → 1", "表二行政事业性收费·本年收费金额（单位：万元）：/ → 0.75"]
    session.undo_last()
    assert state(session) == one
    session.undo_last()
    assert state(session) == start
    session.redo_last()
    assert state(session) == one
    session.redo_last()
    assert state(session) == two and session.report.value("t2:fee/amount") == Decimal("0.75")


def test_a_corrected_cell_goes_back_to_the_number_as_read():
    session = opened()
    start = state(session)
    session.edit_cell("t2:fee/amount", "0")
    session.revert_cell("t2:fee/amount")
    assert state(session) == start
    assert session.history()[-1] == "表二行政事业性收费·本年收费金额（单位：万元）：0 → 恢复原值 /"
    session.revert_cell("t2:fee/amount")  # as read already: no step
    assert len(session.done) == 2
    session.undo_last()
    assert session.report.value("t2:fee/amount") == 0 and session.is_corrected("t2:fee/amount")


# --- fixes -------------------------------------------------------------------------------------


def test_a_suggested_fix_is_one_step_and_undoes_in_one(tmp_path):
    data = sample()
    data.cells["t3:3.7/natural"] = "14"
    session = rendered(data, tmp_path)
    start = state(session)
    fix = session.fix_for("T3-2:natural")
    assert fix is not None and fix.title == "将表三（七）总计·自然人改为15"
    assert session.fix_for_cell("t3:3.7/natural") == fix
    session.apply_fix(fix)
    assert session.report.value("t3:3.7/natural") == 15
    for key in ("T3-1:natural", "T3-2:natural", "T3-3:3.7"):
        assert finding(session, key).outcome is Outcome.PASSED
    assert session.history() == ["将表三（七）总计·自然人改为15"] and session.fix_for("T3-2:natural") is None
    session.undo_last()
    assert state(session) == start


def test_recomputing_every_total_is_one_step(tmp_path):
    data = sample()
    data.cells["t3:3.1/total"] = "11"
    data.cells["t3:4/total"] = "5"
    session = rendered(data, tmp_path)
    start = state(session)
    fix = recompute_totals(session.report)
    assert [(c.cell, c.old, c.new) for c in fix.changes] == [
        ("t3:3.1/total", 11, 10),
        ("t3:4/total", 5, 2),
        ("t4:1/review.total", 1, 2),
    ]
    session.apply_fix(fix)
    assert [f.key for f in session.result.findings if f.is_error] == ["T3-1:business", "T3-1:total"]
    assert session.history() == ["重算全部合计（3格）"]
    session.undo_last()
    assert state(session) == start


def test_a_tables_blank_cells_are_filled_in_one_step(tmp_path):
    data = sample()
    full = dict(data.cells)
    blanks = ("t3:3.3.1/natural", "t3:3.1/total", "t3:3.2/total")
    for cid in blanks:
        data.cells[cid] = ""
    session = rendered(data, tmp_path)
    fix = session.fix_for("T3-4:blank")
    assert fix is not None and fix.title == "填写表三的3个空白格"
    session.apply_fix(fix)
    assert {cid: session.report.value(cid) for cid in blanks} == {
        "t3:3.3.1/natural": int(full["t3:3.3.1/natural"]), "t3:3.1/total": 10, "t3:3.2/total": 2}
    assert session.result.verdict.text == "发现3处错误，暂不宜提交"  # the sample's own slips, as without blanks
    session.undo_last()
    assert all(session.report.value(cid) is None for cid in blanks)


# --- the body's name and the year ----------------------------------------------------------------


def test_a_corrected_year_changes_the_required_format_and_undoes():
    session = opened()
    assert finding(session, "FMT-1").outcome is Outcome.PASSED
    assert session.correct_meta("year", "2020") and session.correct_meta("agency", "青山街道办事处（党政办）")
    fmt = finding(session, "FMT-1")
    assert fmt.outcome is Outcome.FAILED
    assert fmt.message == "表格使用的是2021版格式，2020年度报告应使用2019版格式（国办公开办函〔2019〕60号）。"
    assert session.report.year == 2020 and session.report.agency == "青山街道办事处（党政办）"
    assert session.result.verdict.text == "发现4处错误，暂不宜提交"
    assert session.history() == ["年度：2023 → 2020", "机关名称：青山街道办事处 → 青山街道办事处（党政办）"]
    session.undo_last()
    session.undo_last()
    assert finding(session, "FMT-1").outcome is Outcome.PASSED and session.report.year == 2023


def test_a_year_that_cannot_be_is_refused():
    session = opened()
    assert not session.correct_meta("year", "2015")
    assert session.said[-1][:2] == ("refused", "year") and session.said[-1][2].startswith("年度应在2019年到")
    assert not session.correct_meta("agency", "   ") and session.said[-1][1] == "agency"
    assert session.report.year == 2023 and session.done == []


# --- 已核实 ------------------------------------------------------------------------------------


def test_a_warning_marked_as_checked_no_longer_counts_and_the_mark_undoes():
    session = opened()
    for cid, text in (("t3:4/business", "1"), ("t3:4/total", "3"), ("t4:1/review.total", "2")):
        session.edit_cell(cid, text)
    assert session.result.verdict.text == "还有2项需要核实"  # 「/」 in table 二, and the text's 结转2件 against 3
    line = finding(session, "T2-1:none_mark")
    assert session.can_confirm(line)
    session.confirm(line.key, "收费项目已取消，按0填报")
    assert session.result.verdict.text == "还有1项需要核实"
    assert session.is_confirmed(line) and not session.can_confirm(line)
    assert session.marks[line.key].note == "收费项目已取消，按0填报"
    assert session.history()[-1] == f"已核实：{line.subject}（收费项目已取消，按0填报）"
    session.undo_last()
    assert session.result.verdict.text == "还有2项需要核实"
    session.redo_last()
    session.unconfirm(line.key)
    assert session.result.verdict.text == "还有2项需要核实" and session.marks == {}


def test_an_error_cannot_be_marked():
    session = opened()
    error = finding(session, "T4-1:review")
    assert not session.can_confirm(error)
    session.confirm(error.key, "不是错误")
    assert session.marks == {} and session.done == []


def test_a_report_with_errors_is_taken_to_ready_to_submit():
    """The bundled sample: 3 errors and a warning. The clerk finds the business request that was carried over,
    takes the fix offered, recomputes, writes 0 for 「/」, and checks the one sentence left."""
    session = opened()
    assert session.result.verdict.text == "发现3处错误，暂不宜提交"
    session.edit_cell("t3:4/business", "1")  # the request that was neither answered nor carried over
    fix = session.fix_for("T3-3:4")
    assert fix is not None and fix.title == "将表三四、结转下年度·总计改为3"
    session.apply_fix(fix)
    session.apply_fix(recompute_totals(session.report))  # 表四 行政复议 总计 from its parts
    session.edit_cell("t2:fee/amount", "0")
    assert session.result.verdict.text == "还有1项需要核实"
    left = [f for f in session.result.findings if f.is_problem and not session.is_confirmed(f)]
    assert [f.rule for f in left] == ["TX-1"]  # the text says 结转下年度继续办理2件; the table now says 3
    session.confirm(left[0].key, "正文将改为3件")
    assert session.result.verdict.text == "检查通过，可以提交"
    assert check(session.report, frozenset(session.marks)).verdict.text == "检查通过，可以提交"


# --- autosave ----------------------------------------------------------------------------------


def two_none_marks(tmp_path, store):
    """The sample with 「/」 in two cells of table 二, so that correcting one changes what T2-1 says."""
    data = sample()
    data.cells["t2:penalty/decisions"] = "/"
    return rendered(data, tmp_path, store, "青山街道2023.txt")


def test_every_step_is_on_disk_at_once_and_gone_when_nothing_is_left(data_dir):
    store = WorkStore()
    session = opened(store=store)
    fingerprint = session.report.fingerprint
    session.edit_cell("t4:1/review.total", "2")
    assert store.load(fingerprint).corrections == {"t4:1/review.total": 2}
    session.edit_cell("t2:fee/amount", "0")
    assert store.load(fingerprint).corrections == {"t4:1/review.total": 2, "t2:fee/amount": 0}
    session.undo_last()
    assert store.load(fingerprint).corrections == {"t4:1/review.total": 2}
    session.undo_last()
    assert store.load(fingerprint) is None
    assert sorted(os.listdir(data_dir / "autosave")) == []  # no temporary file, no empty work


def test_restored_work_brings_back_the_marks_and_a_changed_finding_drops_its_mark(tmp_path, data_dir):
    store = WorkStore()
    session = two_none_marks(tmp_path, store)
    session.edit_cell("t4:1/review.total", "2")
    session.confirm("T2-1:none_mark", "两项均为0")
    verdict = session.result.verdict.text

    work = store.load(session.report.fingerprint)
    assert work.summary() == "改了1格数字，核实了1项"
    again = two_none_marks(tmp_path, store)  # the same report opened again: its work offered back
    again.restore(work)
    assert again.report.corrections == {"t4:1/review.total": 2}
    assert again.is_confirmed(finding(again, "T2-1:none_mark")) and again.marks["T2-1:none_mark"].note == "两项均为0"
    assert again.result.verdict.text == verdict
    assert again.done == [] and again.unexported and again.said == [("unexported", True)]

    again.edit_cell("t2:penalty/decisions", "37")  # 「表二有2格填写「/」」 becomes 「…1格…」
    changed = finding(again, "T2-1:none_mark")
    assert "表二有1格填写「/」" in changed.message and not again.is_confirmed(changed)
    assert store.load(again.report.fingerprint).marks == {}
    again.undo_last()  # the edit undone: what was verified is back, and so is the mark
    assert again.is_confirmed(finding(again, "T2-1:none_mark"))
    assert "T2-1:none_mark" in store.load(again.report.fingerprint).marks


def test_exporting_leaves_nothing_unexported_until_the_next_step(data_dir):
    session = opened(store=WorkStore())
    assert not session.unexported
    session.edit_cell("t4:1/review.total", "2")
    assert session.unexported and session.said == [("unexported", True)]
    session.mark_exported()
    assert not session.unexported and session.said[-1] == ("unexported", False)
    assert not session.work().unexported and not WorkStore().load(session.report.fingerprint).unexported
    session.edit_cell("t2:fee/amount", "0")
    assert session.unexported and session.said[-1] == ("unexported", True)


def test_work_that_cannot_be_saved_is_said_and_stays_in_the_session(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    session = opened(store=WorkStore(blocked))
    session.edit_cell("t4:1/review.total", "2")
    assert session.report.value("t4:1/review.total") == 2
    assert any(said[0] == "not saved" and "无法建立保存修改的文件夹" in said[1] for said in session.said)


# --- last year's report ------------------------------------------------------------------------


@pytest.fixture
def last_year(tmp_path):
    """The sample's 2022 report, carrying 3 requests of natural persons into 2023, where the sample took over 2."""
    data = last_year_of_sample()
    data.cells["t3:4/natural"], data.cells["t3:4/total"] = "3", "3"
    return build_report(parse_text(render_text(data), str(tmp_path / "2022.txt"), "2022"))


def failing(session: EditSession) -> set[str]:
    return {f.key for f in session.result.findings if f.outcome is Outcome.FAILED and f.is_error}


def test_the_comparison_is_made_with_every_check_and_follows_the_corrections(last_year):
    session = opened()
    session.compare_with(last_year)
    expected = check(open_report(str(SAMPLE)), previous=last_year)
    assert [(f.key, f.outcome) for f in session.result.findings] == [(f.key, f.outcome) for f in expected.findings]
    assert session.result.verdict.errors == 5
    assert {f.rule for f in session.findings_of("t3:2/natural")} == {"X-1"} and "X-1" in {f.rule for f in session.findings_of("t3:2/total")}
    session.edit_cell("t4:1/review.total", "2")  # another error put right: the comparison stays
    assert failing(session) == {"T3-1:business", "T3-1:total", "X-1:natural", "X-1:total"}
    session.edit_cell("t3:2/natural", "3")  # taken over from last year, as last year's report says
    assert finding(session, "X-1:natural").outcome is Outcome.PASSED
    assert "X-1" not in {f.rule for f in session.findings_of("t3:2/natural")}
    session.undo_last()
    assert finding(session, "X-1:natural").outcome is Outcome.FAILED
    session.compare_with(None)
    assert not any(f.rule.startswith("X-") for f in session.result.findings)
    assert "X-1" not in {f.rule for f in session.findings_of("t3:2/natural")}


def test_a_mark_on_a_comparison_goes_with_it_and_is_saved_so(tmp_path, data_dir):
    copied = sample()  # last year's text copied into this year's: X-3, to verify
    copied.title = copied.title.replace("2023", "2022")
    store = WorkStore()
    session = opened(store=store)
    session.compare_with(build_report(parse_text(render_text(copied), str(tmp_path / "2022.txt"), "2022")))
    x3 = finding(session, "X-3:s1")
    assert session.can_confirm(x3)
    session.confirm(x3.key)
    assert x3.key in store.load(session.report.fingerprint).marks
    session.compare_with(None)
    assert session.marks == {} and store.load(session.report.fingerprint) is None
