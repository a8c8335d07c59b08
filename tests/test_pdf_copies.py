"""Text copied out of a PDF (.txt), as offices copy it: pdfplumber's `extract_text()`, `pdftotext` and
`pdftotext -layout` of LibreOffice's PDF of a seed (tests/fixtures/pdf_copies.py). What can be placed with
certainty is read; nothing is misread; nothing the copy lost is called missing or wrong.
"""
from __future__ import annotations

import pytest

from core.api import open_report
from core.check import check
from core.document import Doubt
from core.findings import Outcome
from core.model import Written
from tests.fixtures.compare import cell_differences, reading
from tests.fixtures.office_forms import COPY_SEEDS, compare
from tests.fixtures.pdf_copies import COPIERS, copy_path

# Share of the form's cells read exactly, at least, over the three seeds, for the copies whose lines keep the
# page's order (pdftotext without -layout puts each cell on a line of its own, in an order of its own: little of
# it can be placed with certainty, and the rest is said to be unread).
LEAST_READ = {"pdfplumber": 0.97, "pdftotext-layout": 0.99}


@pytest.fixture(scope="module")
def copies(pdf_corpus):
    return {(name, copier): copy_path(pdf_corpus.seeds()[name], copier) for name in COPY_SEEDS for copier in COPIERS}


@pytest.mark.parametrize("copier", COPIERS)
@pytest.mark.parametrize("name", COPY_SEEDS)
def test_a_copy_reads_what_it_can_misreads_nothing_and_gives_no_false_error(copies, seed_reports, name, copier):
    truth = seed_reports[name]
    report = open_report(str(copies[name, copier]))
    assert report.kind == "text" and {b.doubt for b in report.document.blocks} == {Doubt.PDF_COPY}
    measured = compare(copier, name, truth, report)
    assert measured.misread == 0 and measured.false_errors == ()
    if copier != "pdftotext":
        assert reading(report) == reading(truth)  # title, body, year, format, the six sections
    result = check(report)
    unread = [f for f in result.findings if f.message.startswith("未能读出")]
    assert all(f.outcome is Outcome.NOT_ASSESSABLE for f in unread)


@pytest.mark.parametrize("copier", sorted(LEAST_READ))
def test_how_much_of_each_copy_is_read(copies, seed_reports, copier):
    measured = [compare(copier, name, seed_reports[name], open_report(str(copies[name, copier]))) for name in COPY_SEEDS]
    assert sum(m.exact for m in measured) >= LEAST_READ[copier] * sum(m.cells for m in measured)


def test_wrapped_labels_and_numbers_off_their_label_line_are_read(copies, seed_reports):
    """Seed 004 as pdfplumber copies it: （二）'s label over two lines with its 总计 on the first and the other
    six numbers on a line between; （五）5's numbers on the line above its label; （六）1 and 2 over three lines,
    「（六）其他处理」 broken into 「（六）其」「他处理」 among them. Every cell is read."""
    path = copies["004", "pdfplumber"]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "（二）部分公开（区分处理的，只计这一情 0" in lines and "形，不计其他情形）" in lines
    assert lines[lines.index("5.要求行政机关确认或重新出具已") - 1] == "0 0 0 0 0 0 0"
    assert {"（六）其", "他处理", "申请", "信息公开申请"} <= set(lines)
    report = open_report(str(path))
    assert cell_differences(seed_reports["004"], report) == []
    assert not [n for n in report.notes if n.table == "t3"]


def test_a_row_whose_numbers_cannot_be_told_to_their_columns_is_unread_and_said_to_be(copies, seed_reports):
    """Seed 001's （二）: its 总计 3 on the label's first line, 3 0 0 0 0 0 on the next. Without the page's layout
    the lone 3 could be 自然人's as well as 总计's: the row is not read, and the check says why."""
    report = open_report(str(copies["001", "pdfplumber"]))
    row = [f"t3:3.2/{c.id}" for c in report.layout.t3.columns]
    assert report.cells[row[0]].value == 3  # 自然人 is 3 whichever the lone 3 is
    assert all(report.cells[cid].written is Written.MISSING for cid in row[1:])
    finding = next(f for f in check(report).findings if f.key == "ST-3:t3:unplaced:（二）部分公开")
    assert finding.outcome is Outcome.NOT_ASSESSABLE and "各数分在几行" in finding.message
    assert set(finding.cells) == set(row[1:])
    # pdftotext -layout keeps where each number stood: the same row is read whole.
    layout = open_report(str(copies["001", "pdftotext-layout"]))
    assert [layout.value(cid) for cid in row] == [seed_reports["001"].value(cid) for cid in row]


def test_fifteen_numbers_under_table_four_header_are_its_fifteen_cells(copies, seed_reports):
    """Seed 000's table 四 under its header wrapped over six lines (结果维持, 总计 … three times): 1 1 / / 2 …"""
    path = copies["000", "pdfplumber"]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "1 1 / / 2 / / / / / / / / 1 1" in lines
    report = open_report(str(path))
    t4 = report.layout.t4.cell_ids
    assert [(report.value(c), report.cell(c).written) for c in t4] == [(seed_reports["000"].value(c), seed_reports["000"].cell(c).written) for c in t4]
    assert not [f for f in check(report).findings if f.rule == "T4-1" and f.is_error]


def _blamed(result, cid: str) -> bool:
    return any(f.is_error and cid in f.cells for f in result.findings)


@pytest.mark.parametrize("copier", COPIERS)
@pytest.mark.slow
def test_raised_numbers_in_a_copy_are_read_so_and_named_or_left_unread(pdf_corpus, seed_reports, copier):
    """The mutation documents (every cell of one column of table 三 and one outcome of each block of table 四
    raised by one, no two in one balance) copied out of their PDFs: a raised cell is read raised and named by a
    failed balance, or not read at all; no other cell is read otherwise than the seed has it."""
    caught = raised = 0
    for (name, _), (rendering, mutated) in pdf_corpus.mutations().items():
        original = seed_reports[name]
        result = check(open_report(str(copy_path(rendering, copier))))
        report = result.report
        for cid in mutated:
            value = report.value(cid)
            assert value is None or value == (original.value(cid) or 0) + 1, (name, cid)
            if value is not None:
                raised += 1
                caught += _blamed(result, cid)
        others = [c for c in cell_differences(original, report) if c not in mutated]
        assert all(report.cells[c].value is None for c in others), (name, others)
    assert caught == raised
    if copier != "pdftotext":
        assert raised >= 0.9 * sum(len(m) for _, m in pdf_corpus.mutations().values())
