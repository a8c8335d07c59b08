"""`check FOLDER` as a district reviewer runs it: a folder of mixed files, the terminal, the summary workbook."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import openpyxl
import pytest

import core.batch
from core.batch import check_many, report_files
from tests.conftest import ROOT, SAMPLE, check_on_a_terminal
from tests.fixtures.clean import where_fork_is_safe
from tests.fixtures.folders import EXPECTED, mixed_folder
from tests.test_cli import run


@pytest.fixture
def folder(tmp_path):
    """A district office's folder, as clerks send it in."""
    return mixed_folder(tmp_path)


def test_report_files_walks_sub_folders_in_name_order_and_skips_temp_files(folder):
    files = [os.path.relpath(p, folder) for p in report_files([str(folder)])]
    assert files == [name for name, _ in EXPECTED]


def test_a_file_given_and_a_folder_holding_it_count_once(folder):
    good = str(folder / "甲 合格的报告.txt")
    files = report_files([good, str(folder)], exclude=[str(folder / "空白.txt")])
    assert files[0] == good and files.count(good) == 1 and len(files) == len(EXPECTED) - 1


def test_checking_a_folder_writes_the_summary_workbook(folder, tmp_path):
    out = tmp_path / "汇总 2023.xlsx"
    done = run("check", str(folder), "--summary", str(out))
    assert done.returncode == 2, done.stderr  # two files could not be read
    assert "Traceback" not in done.stderr and "正在检查" not in done.stderr  # no progress bar when not on a terminal
    assert "共检查6份报告：2份有错误，1份需核实，1份检查通过，2份无法读取。" in done.stdout
    assert "暂不能直接读取Word 97-2003 文档（.doc）" in done.stdout and "这个文件是空的" in done.stdout

    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["汇总", "问题清单"]
    summary = book["汇总"]
    rows = list(summary.iter_rows(values_only=True))
    assert rows[0] == ("文件", "机关", "年度", "表格格式", "结论", "错误", "需核实", "主要问题")
    assert [(os.path.relpath(r[0], folder), r[4]) for r in rows[1:]] == EXPECTED
    by_name = {os.path.basename(r[0]): r for r in rows[1:]}
    assert by_name["五常街道.txt"][1:7] == ("五常街道", 2020, "2019版", "发现2处错误，暂不宜提交", 2, 6)
    assert by_name["五常街道.txt"][7].startswith("1. 表二缺少「第二十条第（五）项」项目标题行。\n2. 表二缺少「行政许可」行。")
    assert by_name["甲 合格的报告.txt"][5:] == (0, 0, None)
    assert "另存为" in by_name["旧格式.doc"][7] and by_name["旧格式.doc"][5] is None
    for sheet in book:
        assert sheet.freeze_panes == "B2"  # the header row and the file's name stay in view
        assert sheet.auto_filter.ref == sheet.dimensions
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows == "$1:$1"

    findings = list(book["问题清单"].iter_rows(values_only=True))
    assert findings[0][:8] == ("文件", "机关", "年度", "规则", "检查项", "类别", "结果", "说明")
    qingshan = [r for r in findings[1:] if r[0].endswith("青山街道 2023年 年报.txt")]
    t31 = next(r for r in qingshan if r[3] == "T3-1" and "商业企业" in r[7])
    assert t31[5:7] == ("错误", "未通过") and (t31[9], t31[10]) == (3, 2)
    assert "表三一、本年新收·商业企业" in t31[8]
    unreadable = [r for r in findings[1:] if r[6] == "无法读取"]
    assert sorted(os.path.basename(r[0]) for r in unreadable) == ["旧格式.doc", "空白.txt"]
    for row in rows[1:]:  # every error and every item to verify of the 汇总 row is listed
        mine = [r for r in findings[1:] if r[0] == row[0]]
        if row[5] is not None:
            assert (sum(r[5] == "错误" for r in mine), sum(r[5] == "需核实" for r in mine)) == (row[5], row[6])


def test_the_summary_colours_each_verdict_and_outcome_as_the_window_marks_it(folder, tmp_path):
    from core.presentation import OUTCOME_COLOURS, VERDICT_COLOURS

    out = tmp_path / "汇总.xlsx"
    run("check", str(folder), "--summary", str(out))
    book = openpyxl.load_workbook(out)
    argb = lambda colour: "FF" + colour.lstrip("#").upper()  # noqa: E731
    levels = {"发现": "error", "还有": "verify", "检查": "ok", "无法": "unreadable"}
    for row in list(book["汇总"].iter_rows())[1:]:
        background, text = VERDICT_COLOURS[levels[row[4].value[:2]]]
        assert (row[4].fill.fgColor.rgb, row[4].font.color.rgb) == (argb(background), argb(text)), row[0].value
    words = {"未通过": "未通过", "需核实": "需核实", "无法判断": "无法判断"}
    seen = set()
    for row in list(book["问题清单"].iter_rows())[1:]:
        if row[6].value in words:
            colour, fill = OUTCOME_COLOURS[row[6].value]
            assert (row[6].fill.fgColor.rgb, row[6].font.color.rgb) == (argb(fill), argb(colour))
            seen.add(row[6].value)
    assert {"未通过", "需核实"} <= seen


def test_results_are_the_same_in_one_process_and_in_two(folder):
    one = json.loads(run("check", str(folder), "--json", "--jobs", "1").stdout)
    two = json.loads(run("check", str(folder), "--json", "--jobs", "2").stdout)
    assert one == two
    assert [os.path.relpath(r["file"], folder) for r in two] == [name for name, _ in EXPECTED]


def test_a_progress_bar_on_a_terminal(folder):
    """stderr on a terminal (a pty): the bar is drawn, in Chinese, and cleared at the end."""
    code, text = check_on_a_terminal(str(folder))
    assert code == 2
    assert "正在检查 [" in text and "6/6" in text and "\r" in text


def _crash_on_the_empty_one(files: list[str]) -> tuple[list, list]:
    """check_many with a reader that kills its worker on 空白.txt (the workers are forked with it): the items, the progress seen."""
    real = core.batch.open_report

    def crash_on_the_empty_one(path):
        if path.endswith("空白.txt"):
            os._exit(1)
        return real(path)

    core.batch.open_report = crash_on_the_empty_one
    try:
        seen = []
        items = check_many(files, workers=2, progress=lambda done, total, item: seen.append((done, total)), start_method="fork")
        return [(i.path, i.level, i.verdict_text, i.error_message) for i in items], seen
    finally:
        core.batch.open_report = real


def test_a_crashing_reader_costs_only_its_own_file(folder):
    """A native library that kills its process (a corrupt PDF in pdfium) must not stop the batch."""
    files = report_files([str(folder)])
    items, seen = where_fork_is_safe(_crash_on_the_empty_one, files)
    assert [path for path, *_ in items] == files
    crashed = next(item for item in items if item[0].endswith("空白.txt"))
    assert crashed[1] == "unreadable" and "异常退出" in crashed[3]
    assert [verdict for _, _, verdict, _ in items] == [v if not n.endswith("空白.txt") else "无法读取" for n, v in EXPECTED]
    assert sorted(seen) == [(n, len(files)) for n in range(1, len(files) + 1)]


def test_summary_that_cannot_be_saved_says_why(folder, tmp_path):
    done = run("check", str(folder), "--summary", str(tmp_path / "没有这个文件夹" / "汇总.xlsx"))
    assert done.returncode == 3 and "汇总表没有保存" in done.stderr and "不存在" in done.stderr
    done = run("check", str(folder), "--summary", str(tmp_path / "汇总.csv"))
    assert done.returncode == 3 and ".xlsx" in done.stderr


def test_a_folder_without_reports(tmp_path):
    (tmp_path / "动图.gif").write_bytes(b"GIF89a")  # (a folder of .jpg/.png/.tif pages is a scanned report)
    done = run("check", str(tmp_path))
    assert done.returncode == 2 and "没有找到报告文件" in done.stdout and "Traceback" not in done.stderr


@pytest.mark.slow
def test_ctrl_c_stops_the_batch_with_a_message(tmp_path):
    for n in range(2000):  # several seconds of work: Ctrl-C comes in the middle
        shutil.copy(SAMPLE, tmp_path / f"{n:04d}.txt")
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "check", str(tmp_path), "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, text=True, encoding="utf-8",
    )
    time.sleep(1)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130 and "已中断，没有检查完。" in err and "Traceback" not in err
    assert out == ""  # nothing half-done is reported as a result


def test_the_windows_way_started_processes_and_a_progress_that_raises_stops_the_run(folder, tmp_path):
    """The window starts its workers afresh ('spawn': a process running Qt's threads must not be forked)
    and stops a run by raising from its progress callback (「取消」)."""
    files = report_files([str(folder)])
    items = check_many(files, workers=2, start_method="spawn")
    assert [(os.path.relpath(i.path, folder), i.verdict_text) for i in items] == EXPECTED

    many = tmp_path / "许多"
    many.mkdir()
    for n in range(200):
        shutil.copy(SAMPLE, many / f"{n:03d}.txt")
    done: list[int] = []

    class Cancelled(Exception):
        pass

    def progress(count: int, total: int, item) -> None:
        done.append(count)
        if count == 3:
            raise Cancelled

    with pytest.raises(Cancelled):
        check_many(report_files([str(many)]), workers=2, progress=progress, start_method="spawn")
    assert done == [1, 2, 3]


@pytest.mark.slow
def test_the_summary_prints_legibly_on_a4_landscape(folder, tmp_path):
    """Printed (LibreOffice, as the workbook's print layout says: A4 landscape, fitted to the width), each sheet's
    text is at least 8 points (the columns were 226 and 298 characters wide: 5 points), and a row is as tall as
    its wrapped text (LibreOffice printed one line of each: the second problem and half the verdict were lost)."""
    import pdfplumber

    out = tmp_path / "汇总.xlsx"
    run("check", str(folder), "--summary", str(out))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=180)
    with pdfplumber.open(tmp_path / "汇总.pdf") as pdf:
        first_pages, headings = {}, {}
        for page in pdf.pages:
            for word in page.extract_words():
                if word["text"] in ("主要问题", "结论", "说明") and word["text"] not in headings:
                    first_pages.setdefault(word["text"], page)
                    headings[word["text"]] = word
        assert set(first_pages) == {"主要问题", "结论", "说明"}  # each sheet's header printed

        def column(name: str, width: float) -> str:
            at = headings[name]
            page = first_pages[name]
            return "".join(page.crop((at["x0"] - 2, at["top"], min(at["x0"] + width, page.width), page.height)).extract_text().split())

        assert "2.表二缺少「行政许可」行。" in column("主要问题", 400)  # rows as tall as their wrapped text
        assert "发现2处错误，暂不宜提交" in column("结论", 80)
        for page in first_pages.values():
            assert page.width > page.height  # landscape
            sizes = [char["size"] for char in page.chars if "\u4e00" <= char["text"] <= "\u9fff"]
            assert min(sizes) >= 8.0, (page.page_number, min(sizes), max(sizes))
