"""Whatever a clerk drops on the program, `check` answers in Chinese within seconds and bounded memory, never a traceback.

The corpus (tests/badfiles.py) is generated for the session (`bad_files` in tests/conftest.py); each file is checked by the real
program in a process of its own, timed and its peak memory taken (wait4).
"""
from __future__ import annotations

import sys
import zlib
from pathlib import Path

import pytest

from core.api import open_report
from core.readers.errors import ReadError
from tests import badfiles
from tests.conftest import SAMPLE
from tests.fixtures import measure
from tests.fixtures.folders import unwritable

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="measured with wait4 and POSIX signals")

SECONDS = badfiles.ANSWER_SECONDS
PEAK_MB = 1024


def _secret_line() -> str:
    return Path(badfiles.SECRET_FILE).read_text(encoding="utf-8").splitlines()[0]


@pytest.mark.parametrize("name", badfiles.NAMES)
@pytest.mark.slow
def test_check_answers_every_bad_file_in_chinese_in_seconds(bad_files, name):
    bad = bad_files[name]
    run = measure.run(["check", str(bad.path)], timeout=SECONDS)
    assert not run.timed_out and run.seconds < SECONDS, f"{name}: {run.seconds:.1f} s"
    assert run.peak_mb < PEAK_MB, f"{name}: {run.peak_mb:.0f} MB"
    assert run.code == bad.exit, run.stdout
    assert run.stderr == ""  # the answer and nothing else: no traceback, no library's warning
    assert "Traceback" not in run.stdout
    for words in bad.says:
        assert words in run.stdout, run.stdout
    if bad.exit == 2:
        message = run.stdout.split("无法读取：", 1)[1]
        assert "请" in message  # and what to do
    assert _secret_line() not in run.stdout


@pytest.mark.parametrize("name", badfiles.NAMES)
@pytest.mark.slow
def test_the_reader_names_the_problem_by_its_code(bad_files, name):
    bad = bad_files[name]
    if bad.exit != 2:
        open_report(str(bad.path))  # readable: no ReadError
        return
    with pytest.raises(ReadError) as caught:
        open_report(str(bad.path))
    assert caught.value.code in bad.codes, caught.value.message


@pytest.mark.slow
def test_the_corpus_is_what_it_says(bad_files):
    """The files are what their names claim, so the answers above are about the right thing."""
    import zipfile

    with zipfile.ZipFile(bad_files["压缩炸弹.docx"].path) as archive:
        assert sum(i.file_size for i in archive.infolist()) > 4_000_000_000 > 500 * bad_files["压缩炸弹.docx"].path.stat().st_size
    assert bad_files["二百兆.docx"].path.stat().st_size == badfiles.SPARSE_BYTES
    assert bad_files["加密.docx"].path.read_bytes()[:4] == bad_files["加密.xlsx"].path.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    assert b"/Encrypt" in bad_files["加密.pdf"].path.read_bytes()
    assert b"<!DOCTYPE" in zipfile.ZipFile(bad_files["外部实体.xlsx"].path).read("xl/worksheets/sheet2.xml")
    assert badfiles.SECRET_FILE.encode() in zipfile.ZipFile(bad_files["外部实体.docx"].path).read("word/document.xml")
    import pdfplumber

    with pdfplumber.open(bad_files["五百页.pdf"].path) as pdf:
        assert len(pdf.pages) == 500
    with pdfplumber.open(bad_files["扫描件.pdf"].path) as pdf:
        assert pdf.pages[0].images and not pdf.pages[0].chars


def test_defusedxml_guards_openpyxl_in_our_process():
    """openpyxl parses worksheets with defusedxml only when it is installed and not turned off: it is."""
    import openpyxl
    from openpyxl.xml import functions

    from core.readers.xlsx import read  # noqa: F401  (the reader's own imports are what counts)

    assert openpyxl.DEFUSEDXML is True
    assert functions.iterparse.__module__.startswith("defusedxml")


def test_without_defusedxml_the_reader_refuses_workbooks(tmp_path):
    """OPENPYXL_DEFUSEDXML=False (or a build without defusedxml) makes openpyxl parse entities: the reader says so."""
    workbook = badfiles.sample_xlsx(tmp_path)
    run = measure.run(["check", str(workbook)], timeout=SECONDS, env={"OPENPYXL_DEFUSEDXML": "False"})
    assert run.code == 2 and "defusedxml" in run.stdout and "重新安装" in run.stdout


# --- exporting into a folder that cannot be written --------------------------------------------------


def test_export_into_a_folder_that_cannot_be_written(tmp_path):
    folder = tmp_path / "只读 文件夹"
    folder.mkdir()
    target = folder / "导出 结果.xlsx"
    with unwritable(folder):
        with pytest.raises(PermissionError):
            (folder / "probe").write_bytes(b"")  # truly unwritable, even for this process
        run = measure.run(["export", str(SAMPLE), "--xlsx", str(target)], timeout=SECONDS)
    assert run.code == 3, run.stdout
    assert "没有权限" in run.stdout and "请选择另一个文件夹" in run.stdout
    assert run.stderr == "" and "Traceback" not in run.stdout
    assert list(folder.iterdir()) == []


def _lzw_spaces(megabytes: int) -> bytes:
    """LZW codes (as pdfminer reads them, EarlyChange 1) that make runs of spaces ever longer: ~7 MB per table."""
    bits, out, size = [], 0, 0
    while size < megabytes * 1024 * 1024:
        codes = [256, 32] + list(range(258, 4095))
        for code in codes:
            width = 9 if code < 511 else 10 if code < 1023 else 11 if code < 2047 else 12
            if code == 256:
                width = 12 if bits else 9  # a clear code is read at the width of the table it ends
            bits.append(format(code, f"0{width}b"))
        size += sum(range(1, 4095 - 258 + 2))
    joined = "".join(bits)
    joined += "0" * (-len(joined) % 8)
    out = int(joined, 2).to_bytes(len(joined) // 8, "big")
    return out


@pytest.mark.parametrize("wrapping", ["plain", "damaged tail", "two filters", "short name", "hex then flate", "indirect name",
                                      "run-length", "lzw"])
@pytest.mark.slow
def test_a_pdf_stream_bomb_is_stopped_however_its_filters_are_written(wrapping):
    """pdfminer's own filter chain inflates the stream, whatever the filters are called: each decoder that can grow is
    bounded (a damaged stream inflates as far as it goes; two filters apply one after the other)."""
    from core.readers.limits import MAX_STREAM_BYTES

    spaces = badfiles.TEXT + b" " * (MAX_STREAM_BYTES + 1024)
    packed, filters, extra = zlib.compress(spaces, 9), b"/FlateDecode", []
    if wrapping == "damaged tail":
        packed = packed[:-64] + b"garbage" * 64
    elif wrapping == "two filters":
        packed, filters = zlib.compress(packed, 9), b"[/FlateDecode /FlateDecode]"
    elif wrapping == "short name":
        filters = b"/Fl"
    elif wrapping == "hex then flate":
        packed, filters = packed.hex().encode() + b">", b"[/AHx /Fl]"
    elif wrapping == "indirect name":
        filters, extra = b"6 0 R", [b"/FlateDecode"]
    elif wrapping == "run-length":
        packed, filters = bytes([129, 32]) * (MAX_STREAM_BYTES // 128 + 1024) + b"\x80", b"/RL"
    elif wrapping == "lzw":
        packed, filters = _lzw_spaces(MAX_STREAM_BYTES // (1024 * 1024) + 8), b"/LZWDecode"
    pdf = badfiles.crafted_pdf(b"", stream=badfiles.pdf_stream(b"", b" /Filter " + filters, packed=packed), extra=extra)
    assert len(pdf) < 4 * 1024 * 1024
    with pytest.raises(ReadError) as caught:
        read_document_of(pdf)
    assert caught.value.code == "too_large" and "解压后超过了 64 MB" in caught.value.message


def read_document_of(pdf: bytes):
    import tempfile

    from core.readers import read_document

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "炸弹.pdf"
        path.write_bytes(pdf)
        return read_document(str(path))


@pytest.mark.slow  # the page is recognised as a scan
def test_a_stream_never_inflated_is_no_bomb():
    """A picture's stream is never inflated to read the text: a page drawing a picture that would be 64 MB reads as usual."""
    bomb = zlib.compress(b"\0" * (80 * 1024 * 1024), 9)
    image = badfiles.pdf_stream(b"", b" /Type /XObject /Subtype /Image /Width 8192 /Height 10240 /ColorSpace /DeviceGray"
                                     b" /BitsPerComponent 8 /Filter /FlateDecode", packed=bomb)
    pdf = badfiles.crafted_pdf(badfiles.TEXT + b"q 100 0 0 100 0 0 cm /X0 Do Q\n", extra=[image])
    pdf = pdf.replace(b"/XObject <<  >>", b"/XObject << /X0 6 0 R >>")
    from core.document import Doubt

    try:
        document = read_document_of(pdf)
    except ReadError as error:
        assert error.code != "too_large"  # read, and found to be no report
    else:  # a picture and a line too short for a text layer: the page is recognised as a scan, within every limit
        assert document.blocks and all(block.doubt is Doubt.SCAN for block in document.blocks)


def test_the_inflated_total_of_a_read_is_counted_too(monkeypatch):
    """Each stream within its limit, all of them past the read's: the read stops there."""
    from core.readers import limits, pdf_budget

    monkeypatch.setattr(pdf_budget, "MAX_STREAMS_BYTES", 2 * 1024 * 1024)
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
    content = badfiles.pdf_stream(badfiles.TEXT + b" " * (900 * 1024))  # each page within its own limit of 1 MB
    pdf = badfiles.pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R 5 0 R 6 0 R] /Count 3 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", page % 7, page % 8, page % 9, content, content, content,
    ])
    with pytest.raises(ReadError) as caught:
        read_document_of(pdf)
    assert caught.value.code == "too_large" and "2 MB" in caught.value.message
    assert limits.MAX_STREAMS_BYTES == 256 * 1024 * 1024


NASTIEST = ("管道.txt", "一百万个因.docx", "密网.pdf", "十九万链接.html", "共享字符串.xlsx", "三十三万书名号.txt", "三百万内部分.mht",
            "短名压缩炸弹.pdf", "字体编码表.pdf", "合并到底.xlsx")


@pytest.mark.slow
def test_a_folder_of_the_nastiest_files_and_one_good_report_is_all_answered(bad_files, tmp_path):
    """Before: no end in 300 s, 11 GB over its processes, nothing printed, no workbook, the good report's result never seen."""
    import json
    import os
    import shutil

    folder = tmp_path / "区政府办 收到的报告"
    folder.mkdir()
    for name in NASTIEST:
        if name == "管道.txt":
            os.mkfifo(folder / name)
        else:
            shutil.copy(bad_files[name].path, folder / name)
    shutil.copy(SAMPLE, folder / "青山街道 年报.txt")
    summary = tmp_path / "汇总.xlsx"
    run = measure.run(["check", str(folder), "--json", "--summary", str(summary)], timeout=120)
    assert not run.timed_out and run.seconds < 60, f"{run.seconds:.0f} s"
    assert run.peak_mb < PEAK_MB, f"{run.peak_mb:.0f} MB"
    assert run.code == 2
    results = {Path(r["file"]).name: r for r in json.loads(run.stdout)}
    assert len(results) == len(NASTIEST) + 1
    assert results["青山街道 年报.txt"]["meta"]["agency"] == "青山街道办事处"
    answered = {name: results[name]["error"]["code"] if results[name]["error"] else "read" for name in NASTIEST}
    assert answered == {name: bad_files[name].codes[0] if bad_files[name].exit == 2 else "read" for name in NASTIEST}
    assert summary.stat().st_size > 0 and "汇总表已保存" in run.stderr
