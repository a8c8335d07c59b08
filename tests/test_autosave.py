"""A clerk's work apart from the report: steps and their undoing, 已核实 marks, and the autosave file."""
from __future__ import annotations

import json
import os
from decimal import Decimal

import pytest

from core.api import open_report
from core.check import check
from core.platform.fileio import WriteError
from core.work.autosave import VERSION, Work, WorkStore, from_json, to_json
from core.work.confirmations import confirm, digest, sort_out
from core.work.corrections import Step, apply, cells_step, meta_step, undoing
from tests.conftest import SAMPLE, seed


@pytest.fixture
def report():
    return open_report(str(SAMPLE))


def test_a_value_equal_to_what_was_read_takes_the_correction_away(report):
    step = cells_step(report, {"t4:1/review.total": 2})
    apply(report, {}, step)
    assert report.value("t4:1/review.total") == 2 and report.corrections == {"t4:1/review.total": 2}
    apply(report, {}, cells_step(report, {"t4:1/review.total": 1}))
    assert report.corrections == {}
    assert not cells_step(report, {"t4:1/review.total": 1})  # no change: no step
    assert cells_step(report, {"t2:fee/amount": 0}).cells == {"t2:fee/amount": 0}  # 「/」 read as 0: writing 0 is a correction


def test_undoing_a_step_puts_back_exactly_what_it_touched(report):
    marks: dict = {}
    apply(report, marks, cells_step(report, {"t3:4/business": 1}))
    before = (dict(report.corrections), dict(report.meta_corrections), dict(marks))
    finding = next(f for f in check(report).findings if f.key == "T2-1:none_mark")
    step = Step(cells={"t3:4/business": 2, "t3:4/total": 4}, meta={"year": 2020}, marks={finding.key: confirm(finding)})
    back = undoing(report, marks, step)
    apply(report, marks, step)
    assert report.year == 2020 and report.value("t3:4/total") == 4 and finding.key in marks
    apply(report, marks, back)
    assert (report.corrections, report.meta_corrections, marks) == before
    assert report.year == 2023


def test_a_meta_correction_back_to_what_was_read_is_no_correction(report):
    assert meta_step(report, "year", 2023) == Step()
    assert meta_step(report, "agency", "青山街道").meta == {"agency": "青山街道"}


def test_a_mark_stays_while_its_finding_says_the_same_and_is_dropped_when_it_changes(tmp_path):
    data_path = tmp_path / "r.txt"
    text = SAMPLE.read_text(encoding="utf-8").replace("\t37\n", "\t/\n")  # a second 「/」 in table 二 (行政处罚)
    data_path.write_text(text, encoding="utf-8")
    report = open_report(str(data_path))
    finding = next(f for f in check(report).findings if f.key == "T2-1:none_mark")
    assert "表二有2格填写「/」" in finding.message
    marks = {finding.key: confirm(finding, " 已与  执法科核对 ")}
    assert marks[finding.key].note == "已与 执法科核对"
    kept, dropped = sort_out(marks, check(report).findings)
    assert kept == marks and dropped == {}
    apply(report, {}, cells_step(report, {"t2:penalty/decisions": 37}))
    changed = next(f for f in check(report).findings if f.key == "T2-1:none_mark")
    assert "表二有1格填写「/」" in changed.message and digest(changed) != digest(finding)
    kept, dropped = sort_out(marks, check(report).findings)
    assert kept == {} and dropped == marks


def test_the_file_keeps_decimals_exactly_and_reads_back_the_same_work(report):
    finding = next(f for f in check(report).findings if f.key == "T2-1:none_mark")
    work = Work(
        report.fingerprint,
        report.source,
        {"t2:fee/amount": Decimal("12.3456"), "t3:4/business": 1},
        {"year": 2022, "agency": "青山街道办事处"},
        {finding.key: confirm(finding, "核对过", "2024-01-20T10:00:00")},
        True,
        "2024-01-20T10:00:00",
    )
    data = to_json(work)
    document = json.loads(data)
    assert document["version"] == VERSION and document["corrections"]["t2:fee/amount"] == "12.3456"
    back = from_json(data)
    assert back == work
    assert type(back.corrections["t2:fee/amount"]) is Decimal and type(back.corrections["t3:4/business"]) is int


def test_the_store_saves_atomically_and_an_empty_work_leaves_no_file(report, tmp_path):
    store = WorkStore(tmp_path / "autosave")
    work = Work.of(report, {}, True)
    work.corrections["t4:1/review.total"] = 2
    store.save(work)
    assert os.listdir(store.folder) == [f"{report.fingerprint}.json"]  # no temporary file left behind
    assert store.load(report.fingerprint).corrections == {"t4:1/review.total": 2}
    store.save(Work.of(report, {}, True))
    assert store.load(report.fingerprint) is None and os.listdir(store.folder) == []


def test_the_store_defaults_to_the_data_folder(data_dir, report):
    store = WorkStore()
    assert store.path(report.fingerprint) == data_dir / "autosave" / f"{report.fingerprint}.json"


def test_a_damaged_or_foreign_file_is_set_aside_never_trusted(report, tmp_path):
    store = WorkStore(tmp_path)
    for content in (b"{not json", json.dumps({"format": "nianbao-autosave", "version": 99}).encode(), b'{"format": "x"}'):
        store.path(report.fingerprint).write_bytes(content)
        assert store.load(report.fingerprint) is None
        assert store.path(report.fingerprint).with_suffix(".unreadable.json").read_bytes() == content
        assert not store.path(report.fingerprint).exists()


def test_discarding_keeps_one_copy_aside(report, tmp_path):
    store = WorkStore(tmp_path)
    work = Work.of(report, {}, True)
    work.corrections["t4:1/review.total"] = 2
    store.save(work)
    store.discard(report.fingerprint)
    assert store.load(report.fingerprint) is None
    assert from_json(store.path(report.fingerprint).with_suffix(".discarded.json").read_bytes()).corrections == {"t4:1/review.total": 2}


def test_restoring_leaves_out_what_no_longer_fits_the_report(report):
    work = Work(report.fingerprint, report.source)
    work.corrections = {
        "t4:1/review.total": 2,  # fits
        "t3:3.6/total": 3,  # a 2019-format row: not in this 2021 report
        "t3:1/natural": Decimal("1.5"),  # not a whole number
        "t2:fee/amount": Decimal("0.5"),  # 万元: fits
    }
    work.meta_corrections = {"year": 1999, "agency": "青山街道办事处（更正）"}
    step = work.step(report, 2026)
    assert step.cells == {"t4:1/review.total": 2, "t2:fee/amount": Decimal("0.5")}
    assert step.meta == {"agency": "青山街道办事处（更正）"}


def test_a_store_that_cannot_be_written_says_so_in_chinese(report, tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    store = WorkStore(blocked)
    work = Work.of(report, {}, True)
    work.corrections["t4:1/review.total"] = 2
    with pytest.raises(WriteError) as raised:
        store.save(work)
    assert "保存" in raised.value.message or "文件夹" in raised.value.message
    assert store.load(report.fingerprint) is None


def test_other_reports_have_their_own_files(tmp_path):
    store = WorkStore(tmp_path)
    one, other = open_report(str(SAMPLE)), open_report(str(seed("004")))
    for report, value in ((one, 2), (other, 7)):
        work = Work.of(report, {}, True)
        work.corrections["t4:1/review.total"] = value
        store.save(work)
    assert store.load(one.fingerprint).corrections == {"t4:1/review.total": 2}
    assert store.load(other.fingerprint).corrections == {"t4:1/review.total": 7}
