"""Fuzzing the whole read-and-check path with real reports (text, Word, workbook, PDF, web page), mutated: no exception escapes.

Every mutated file goes through `open_report` + `check` + `result_dict`, as `check --json`
does. A file that cannot be read must be a `ReadError` with a Chinese message saying what
to do, and not the "internal" one (an unexpected exception the front door caught: a bug);
a file that can be read must check and serialise. No case may take 10 seconds.

In CI the cases are fixed (derandomized) and a few thousand; `FUZZ_SCALE=20 ./dev test
tests/test_fuzz.py` runs twenty times as many, new ones each run (docs/limits.md: the long runs).
"""
from __future__ import annotations

import os
import time
import traceback
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.api import open_report
from core.check import check
from core.export.xlsx import export_xlsx
from core.readers.errors import ReadError
from core.readers.html import decode_page
from core.serialize import result_dict
from tests import fuzzing
from tests.conftest import SAMPLE, SEEDS
from tests.fixtures import browser_capture

pytestmark = pytest.mark.slow

SCALE = float(os.environ.get("FUZZ_SCALE", "1"))
CASE_SECONDS = 10


def fuzz(examples: int):
    return settings(
        max_examples=max(1, int(examples * SCALE)),
        derandomize=SCALE <= 1,  # CI: the same cases every run; a long run: new ones
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=list(HealthCheck),
    )


def read_and_check(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    start = time.monotonic()
    try:
        result = check(open_report(str(path)))
    except ReadError as error:
        cause = "".join(traceback.format_exception(error.__cause__)) if error.__cause__ else ""
        assert error.code != "internal", f"{error.message}\n{cause}"
        assert any("\u4e00" <= c <= "\u9fff" for c in error.message) and "请" in error.message, error.message
    else:
        result_dict(str(path), result)
    assert time.monotonic() - start < CASE_SECONDS


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    """Where each case is written: one file per kind, overwritten (function-scoped fixtures and hypothesis do not mix)."""
    folder = tmp_path_factory.mktemp("fuzz")
    return lambda ext: folder / f"报告{ext}"


COPIES = [browser_capture.copied_path(name) for name in browser_capture.COPIED_SEEDS]  # portal pages copied as text
TEXTS = [p.read_text(encoding="utf-8") for p in [*SEEDS, SAMPLE, *COPIES]]


@fuzz(1500)
@given(data=st.data())
def test_mutated_text_reports(case, data):
    text = TEXTS[data.draw(st.integers(0, len(TEXTS) - 1))]
    read_and_check(case(data.draw(st.sampled_from([".txt", ".md"]))), fuzzing.mutate_text(text, data.draw))


@pytest.fixture(scope="module")
def word_files(docx_corpus) -> list[Path]:
    renderings = [*docx_corpus.seeds().values(), *(docx_corpus.variants()[n] for n in ("auto-numbering", "t2-four-tables-2021",
                                                                                       "decoys", "appendix"))]
    return [r.path("docx") for r in renderings]  # paths: a failing case prints its arguments


WORD_PARTS = ["word/document.xml"] * 6 + ["word/numbering.xml", "word/styles.xml", "[Content_Types].xml",
                                          "word/_rels/document.xml.rels", "_rels/.rels"]


@fuzz(700)
@given(data=st.data())
def test_mutated_word_reports(case, word_files, data):
    source = word_files[data.draw(st.integers(0, len(word_files) - 1))].read_bytes()
    read_and_check(case(".docx"), fuzzing.mutate_package(source, data.draw, WORD_PARTS))


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("workbooks")
    out = []
    for n, path in enumerate([SAMPLE, SEEDS[0], SEEDS[4]]):
        target = folder / f"{n}.xlsx"
        export_xlsx(check(open_report(str(path))), str(target))
        out.append(target)
    return out


SHEET_PARTS = [f"xl/worksheets/sheet{n}.xml" for n in (1, 2, 3)] * 3 + ["xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                                                        "xl/styles.xml", "[Content_Types].xml"]


@fuzz(300)
@given(data=st.data())
def test_mutated_workbooks(case, workbooks, data):
    source = workbooks[data.draw(st.integers(0, len(workbooks) - 1))].read_bytes()
    read_and_check(case(".xlsx"), fuzzing.mutate_package(source, data.draw, SHEET_PARTS))


@pytest.fixture(scope="module")
def pdf_files(pdf_corpus) -> list[Path]:
    """LibreOffice's PDFs, and as WPS, a merging tool and a 三线表 leave them (white boxes, a page turned as a form,
    a table without column rules): the new readings are mutated too."""
    return [*(pdf_corpus.seeds()[n].path("pdf") for n in ("002", "004")),
            pdf_corpus.changed("wps-white-boxes", "004"), pdf_corpus.changed("form-sideways", "001"),
            pdf_corpus.changed("rotate-90", "004"), pdf_corpus.unruled()[("three-line", "001")].path("pdf")]


@fuzz(150)
@given(data=st.data())
def test_mutated_pdfs(case, pdf_files, data):
    source = pdf_files[data.draw(st.integers(0, len(pdf_files) - 1))].read_bytes()
    read_and_check(case(".pdf"), fuzzing.mutate_pdf(source, data.draw))


@pytest.fixture(scope="module")
def web_pages(html_corpus) -> list[Path]:
    return [r.path("html") for r in html_corpus.seeds().values()]


@fuzz(300)
@given(data=st.data())
def test_mutated_web_pages(case, web_pages, data):
    page = decode_page(web_pages[data.draw(st.integers(0, len(web_pages) - 1))].read_bytes())  # GBK, as portals write them
    read_and_check(case(".html"), fuzzing.mutate_text(page, data.draw))


SINGLE_FILE_PAGES = [browser_capture.path(name).read_bytes() for name in browser_capture.SEEDS]


@fuzz(200)
@given(data=st.data())
def test_mutated_single_file_pages(case, data):
    """Chromium's .mht of the portal pages: its MIME headers, boundaries and quoted-printable page mutated as text."""
    page = SINGLE_FILE_PAGES[data.draw(st.integers(0, len(SINGLE_FILE_PAGES) - 1))].decode("ascii")
    read_and_check(case(".mht"), fuzzing.mutate_text(page, data.draw))


@pytest.fixture(scope="module")
def pdf_copies(pdf_corpus) -> list[str]:
    """Text copied out of LibreOffice's PDFs (tests/fixtures/pdf_copies.py): the copy reader's own ways."""
    from tests.fixtures.pdf_copies import COPIERS, copy_path

    return [copy_path(pdf_corpus.seeds()[n], c).read_text(encoding="utf-8") for n in ("000", "004") for c in COPIERS]


@fuzz(300)
@given(data=st.data())
def test_mutated_copies_from_pdfs(case, pdf_copies, data):
    text = pdf_copies[data.draw(st.integers(0, len(pdf_copies) - 1))]
    read_and_check(case(".txt"), fuzzing.mutate_text(text, data.draw))


@fuzz(60)
@given(data=st.data())
def test_mutated_hostile_files(case, bad_files, data):
    """Issue 19's files (tests/badfiles.py), each changed a little: still answered, in time, never an internal error."""
    name = data.draw(st.sampled_from(fuzzing.HOSTILE_SEEDS))
    source = bad_files[name].path.read_bytes()
    read_and_check(case(Path(name).suffix), fuzzing.mutate_hostile(name, source, data.draw))
