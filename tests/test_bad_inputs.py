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
def test_the_reader_names_the_problem_by_its_code(bad_files, name):
    bad = bad_files[name]
    if bad.exit != 2:
        open_report(str(bad.path))  # readable: no ReadError
        return
    with pytest.raises(ReadError) as caught:
        open_report(str(bad.path))
    assert caught.value.code in bad.codes, caught.value.message


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


@pytest.mark.parametrize("wrapping", ["plain", "damaged tail", "two filters"])
def test_a_pdf_stream_bomb_is_measured_however_it_is_wrapped(wrapping):
    """pdfminer inflates a damaged stream as far as it goes, and applies two Flate filters one after the other."""
    from core.readers.limits import MAX_STREAM_BYTES, check_pdf_streams

    spaces = b" " * (MAX_STREAM_BYTES + 1024)
    packed = zlib.compress(spaces, 9)
    filters = b"/FlateDecode"
    if wrapping == "damaged tail":
        packed = packed[:-64] + b"garbage" * 64
    elif wrapping == "two filters":
        packed, filters = zlib.compress(packed, 9), b"[/FlateDecode /FlateDecode]"
    pdf = b"%%PDF-1.4\n1 0 obj\n<< /Length %d /Filter %s >>\nstream\n%s\nendstream\nendobj\n" % (len(packed), filters, packed)
    assert len(pdf) < 200_000
    with pytest.raises(ReadError) as caught:
        check_pdf_streams(pdf)
    assert caught.value.code == "too_large" and "解压后" in caught.value.message
    check_pdf_streams(pdf.replace(b"/Length", b"/Subtype /Image /Length"))  # images are never inflated: no bomb
