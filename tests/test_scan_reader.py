"""Scanned reports (printed, stamped, scanned: image-only PDFs, page pictures) read by recognition, measured
against their truth.

A figure is read, or left unread (not assessable); it is never read wrong. The truth is what the same
report's text PDF reads to. The scans are the seeds and a report of every digit in every place
(`figures`), printed by LibreOffice and spoilt as scanners spoil them (tests/fixtures/scan_render.py:
speckle, a skew of 1.2–1.4°, a red seal over the text, JPEG). Each scan takes seconds a page to read:
these tests are marked slow.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from functools import cache

import pytest

from core.api import open_report
from core.check import check
from core.document import Doubt
from core.export.cells import report_contents
from core.findings import Outcome
from core.model import Written
from core.presentation import cell_text, written_note
from core.readers.errors import ReadError
from core.rules.balances import T3_2, T3_3
from core.rules.domains import T3_4
from core.rules.scan import SC_1
from tests.conftest import ROOT
from tests.fixtures import scans
from tests.fixtures.corpus import mutation_cells, raised, seed_data, seeds
from tests.fixtures.files import Rendering
from tests.fixtures.sample_data import figures
from tests.fixtures.scan_render import ScanOptions

pytestmark = pytest.mark.slow

NAMES = ("000", "001", "002", "003", "004", "figures")


def rendering(name: str) -> Rendering:
    return Rendering("figures", figures()) if name == "figures" else seeds()[name]


def options(name: str, dpi: int) -> ScanOptions:
    """Each report scanned a little differently: askew one way or the other, its own specks and seal."""
    n = NAMES.index(name)
    return ScanOptions(dpi=dpi, skew=1.2 if n % 2 else -1.4, seed=5 + n)


@cache
def truth(name: str):
    return open_report(str(rendering(name).path("pdf")))


@cache
def read_scan(name: str, dpi: int):
    return open_report(str(scans.scanned(rendering(name), options(name, dpi))))


def t34_share(counts) -> float:
    t34 = [counts[t] for t in ("t3", "t4")]
    return sum(c["read"] for c in t34) / sum(sum(c.values()) for c in t34)


@pytest.mark.parametrize("name", NAMES)
def test_a_200_dpi_scan_reads_98_percent_of_tables_3_and_4_and_no_figure_wrong(scan_corpus, name):
    scan = read_scan(name, 200)
    counts = scans.measure(truth(name), scan)
    assert scans.wrong_cells(truth(name), scan) == []
    assert all(c["missing"] == 0 for c in counts.values()), counts
    assert t34_share(counts) >= 0.98, counts


@pytest.mark.parametrize("name", ["000", "figures"])  # the 「/」 everywhere of a 2019 report; every digit
def test_a_150_dpi_scan_reads_no_figure_wrong(scan_corpus, name):
    scan = read_scan(name, 150)
    counts = scans.measure(truth(name), scan)
    assert scans.wrong_cells(truth(name), scan) == []
    assert t34_share(counts) >= 0.95, counts


def test_a_scan_is_marked_as_one_and_checked_like_any_report(scan_corpus):
    scan, text = read_scan("figures", 200), truth("figures")
    assert {b.doubt for b in scan.document.blocks} == {Doubt.SCAN}
    result = check(scan)
    assert result.verdict.level == "verify" and result.verdict.errors == 0  # never red on a correct report
    sc1 = next(f for f in result.findings if f.rule == SC_1.id)
    assert sc1.message.startswith("表格由扫描图片识别，请对照原件核实") and sc1.is_problem
    confirmed = check(scan, confirmed=frozenset({sc1.key}))
    assert confirmed.verdict.to_verify == result.verdict.to_verify - 1
    assert [s.heading for s in scan.sections.values()] == [s.heading for s in text.sections.values()]
    cell = scan.cells["t3:3.7/natural"]
    assert cell.loc.kind == "scan" and cell.loc.page >= 1 and cell.loc.bbox and 0 < cell.loc.confidence <= 1


def test_a_figure_left_unread_is_named_by_the_scan_line_not_called_a_wrong_writing(scan_corpus):
    scan = read_scan("figures", 200)
    cid = "t3:3.5.2/natural"
    scan.cells[cid] = scan.cells[cid].__class__(cid, None, Written.UNREADABLE, "8·", None, scan.cells[cid].loc)
    findings = check(scan).findings
    sc1 = next(f for f in findings if f.rule == SC_1.id)
    assert cid in sc1.cells and "个数字未能可靠识别：" in sc1.message and "表三（五）2.重复申请·自然人" in sc1.message
    assert not [f for f in findings if f.rule == T3_4.id and cid in f.cells]  # not 「填写的「8·」不是数字」
    assert any(f.outcome is Outcome.NOT_ASSESSABLE for f in findings if f.rule in (T3_2.id, T3_3.id) and cid in f.cells)
    # shown, explained and exported as unread, not as the recogniser's 「8·」 (no text the report has)
    cell = scan.cell(cid)
    assert cell_text(cell) == "未识别" and "8·" in written_note(cell) and "请对照原件" in written_note(cell)
    assert report_contents(scan)[0][cid] == "未识别"


@pytest.mark.parametrize("seed", ["004"])
def test_a_changed_cell_on_the_scan_fails_the_balance_naming_it(scan_corpus, seed):
    data = seed_data()[seed]
    cells = mutation_cells(data, 0)[:4]  # 自然人 in four rows: each caught by its row's 总计
    changed = Rendering(f"mutation-{seed}-0", raised(data, mutation_cells(data, 0)))
    scan = open_report(str(scans.scanned(changed, ScanOptions(dpi=200, skew=0.8, seed=3))))
    findings = check(scan).findings
    # a balance that needs an unread cell cannot be made (not assessable): it names the cell all the same
    named = {cid for f in findings if f.rule.startswith("T3-") and f.is_problem for cid in f.cells}
    read = [cid for cid in cells if scan.cells[cid].written is Written.NUMBER]
    assert read and all(cid in named for cid in read), read
    assert any(f.is_error for f in findings if set(f.cells) & set(read))


# --- pictures ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("ext", ["png", "tif"])
def test_page_pictures_read_as_the_same_scan_as_a_pdf(scan_corpus, ext):
    folder = scans.pictures(rendering("004"), options("004", 200), ext)
    report = open_report(str(folder))
    assert scans.wrong_cells(truth("004"), report) == []
    assert t34_share(scans.measure(truth("004"), report)) >= 0.98
    assert report.document.kind == "scan" and report.source == str(folder)
    cell = report.cells["t3:3.7/natural"]
    picture = cell.loc.file
    assert picture.startswith(str(folder)) and picture.endswith(f".{ext}")
    if ext == "tif":  # one file of four pages: the page of the file
        assert cell.loc.page == 3
    else:  # four files of a page each: the picture of the page
        assert cell.loc.page == 1 and picture.endswith("第3页.png")


def test_check_takes_a_folder_of_pictures_for_one_report_and_a_picture_for_its_page(scan_corpus, tmp_path):
    """A district's folder: a scanned report as a folder of JPEGs beside a Word report; and one picture alone."""
    jpgs = scans.pictures(rendering("004"), options("004", 200), "jpg")
    district = tmp_path / "各街道"
    shutil.copytree(jpgs, district / "青山街道（扫描件）")
    shutil.copy(rendering("002").path("docx"), district / "拱宸桥街道.docx")
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(district), "--json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    answers = {r["file"].rsplit("/", 1)[-1]: r for r in json.loads(done.stdout)}
    assert sorted(answers) == ["拱宸桥街道.docx", "青山街道（扫描件）"]
    scanned = answers["青山街道（扫描件）"]
    assert scanned["error"] is None and scanned["tables"]["t3"]["3.7/total"] == truth("004").value("t3:3.7/total")
    assert any(f["rule"] == SC_1.id for f in scanned["findings"])
    one = open_report(str(jpgs / "第1页.jpg"))  # the title page alone: its title and text, no tables
    assert one.meta.title == truth("004").meta.title and not any(one.tables_found.values())


def test_a_folder_with_a_damaged_picture_says_which_file(scan_corpus, tmp_path):
    folder = tmp_path / "扫描件"
    shutil.copytree(scans.pictures(rendering("004"), options("004", 200), "png"), folder)
    (folder / "第2页.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(ReadError) as error:
        open_report(str(folder))
    assert error.value.code == "corrupt" and "「第2页.png」" in error.value.message and "图片" in error.value.message
