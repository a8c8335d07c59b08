"""Each reader declares itself once (core/readers/kinds.py), and everything that lists or chooses the readable
kinds takes them from there: the reader chosen, the folder scan, the command line, the unknown-type message."""
from __future__ import annotations

import os
import subprocess
import sys
from importlib import import_module

import pytest

from core.batch import is_report_file, report_files
from core.readers import UNSUPPORTED, read_document, reader_for
from core.readers.errors import ReadError
from core.readers.kinds import KINDS, PICTURES, READERS, kind_names
from tests.conftest import ROOT


def test_every_declared_reader_reads_and_no_extension_is_claimed_twice():
    extensions = [ext for kind in KINDS for ext in kind.extensions]
    assert len(extensions) == len(set(extensions)) == len(READERS)
    assert not set(extensions) & set(UNSUPPORTED)
    for kind in KINDS:
        assert callable(import_module(kind.module).read), kind.module
        assert all(ext == ext.lower() and ext.startswith(".") for ext in kind.extensions)


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_a_file_is_read_by_the_reader_its_name_declares_or_its_content(kind):
    for ext in kind.extensions:
        assert reader_for(ext, None if not kind.strict else kind.content[0]) == kind.module
    for content in kind.content:
        assert reader_for(".docx", content) == kind.module


def test_a_file_of_an_unknown_kind_is_told_every_kind_that_is_read(tmp_path):
    drawing = tmp_path / "报告.svg"
    drawing.write_bytes(b"<svg/>")
    with pytest.raises(ReadError) as error:
        read_document(str(drawing))
    assert error.value.code == "unsupported_format"
    assert error.value.message == (
        "不认识的文件类型「.svg」。本程序可以读取 Word（.docx）、PDF、Excel（.xlsx）、网页（.html）、单个文件网页（.mht）、"
        "文本（.txt）和扫描的图片（.png、.jpg、.tif）文件。"
    )
    assert all(name in error.value.message for name in kind_names())


def test_a_folder_is_searched_for_every_declared_extension(tmp_path):
    for ext in READERS:
        (tmp_path / f"报告{ext}").write_bytes(b"x")
        assert is_report_file(f"报告{ext.upper()}")
    (tmp_path / "照片.png").write_bytes(b"x")
    # a page picture among reports is no report of its own (a folder of nothing but page pictures is one report)
    assert sorted(report_files([str(tmp_path)])) == sorted(str(tmp_path / f"报告{ext}") for ext in READERS if ext not in PICTURES)


def test_the_command_line_names_each_kinds_extension():
    env = {**os.environ, "COLUMNS": "200"}  # argparse wraps its help to the terminal
    done = subprocess.run([sys.executable, "main.py", "check", "--help"], cwd=ROOT, capture_output=True, text=True, env=env)
    assert "报告文件（.docx .pdf .xlsx .html .mht .txt .png）或文件夹" in done.stdout
