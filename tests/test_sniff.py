"""Files named for what they are not: each is read by the reader its content needs."""
from __future__ import annotations

import shutil

import pytest

from core.api import open_report
from core.readers import reader_for
from core.readers.errors import ReadError
from core.readers.sniff import sniff
from tests.conftest import SEEDS
from tests.fixtures.compare import cell_differences


@pytest.mark.parametrize(
    "made, name, seed, kind",
    [
        ("pdf", "其实是PDF.docx", "001", "pdf"),
        ("docx", "其实是Word.pdf", "002", "docx"),
        ("docx", "改了扩展名.doc", "004", "docx"),
        ("html", "网页另存的.doc", "003", "html"),
    ],
)
def test_a_renamed_file_is_read_as_what_it_is(tmp_path, pdf_corpus, html_corpus, seed_reports, made, name, seed, kind):
    path = tmp_path / name
    shutil.copy(pdf_corpus.seeds()[seed].path(made), path)
    report = open_report(str(path))
    assert report.kind == kind
    assert report.layout.name == seed_reports[seed].layout.name
    assert cell_differences(seed_reports[seed], report) == []


@pytest.mark.parametrize(
    "head, kind",
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + "WordDocument".encode("utf-16-le"), "doc"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + "EncryptedPackage".encode("utf-16-le"), "encrypted"),
        (b"{\\rtf1\\ansi", "rtf"),
        (b"<!DOCTYPE html><html>", "html"),
        ("一、总体情况\n".encode(), "text"),
        (b"\x00\x01\x02binary\x03\x04" * 20, None),
    ],
)
def test_sniffing_the_first_bytes(head, kind):
    assert sniff(head) == kind


def test_text_files_stay_text_even_with_tags_in_them():
    assert reader_for(".md", "html") == "core.readers.text"


def test_an_rtf_named_doc_names_what_it_is():
    with pytest.raises(ReadError) as error:
        reader_for(".docx", "rtf")
    assert "RTF" in error.value.message and "另存为" in error.value.message


@pytest.mark.parametrize("name, encoding", [("报告.docx", "utf-8"), ("报告.pdf", "gb18030"), ("报告.doc", "utf-16"), ("报告.xlsx", "utf-8-sig")])
def test_plain_text_named_as_something_else_is_read_as_text(tmp_path, seed_reports, name, encoding):
    """A report pasted into Notepad and saved as 报告.docx is text: read as such, not called damaged."""
    path = tmp_path / name
    path.write_bytes(SEEDS[4].read_text(encoding="utf-8").encode(encoding))
    report = open_report(str(path))
    assert report.kind == "text"
    assert cell_differences(seed_reports["004"], report) == [] and report.meta.title == seed_reports["004"].meta.title


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_bytes_are_not_text(seed):
    import random

    assert sniff(random.Random(seed).randbytes(64 * 1024)) is None
