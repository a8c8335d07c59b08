"""Every kind of file the readers read, opened in the real window: a Word report, its PDF (converted by
LibreOffice), its web page, a clerk's workbook. The checklist shows exactly the core's findings; for
the PDF, choosing a cell shows its page with the cell's box drawn where the number is printed."""
from __future__ import annotations

from collections import Counter

import openpyxl
import pdfplumber
import pytest

from core.api import open_report
from core.check import check
from core.model import Written
from core.pdfpage import render_page
from gui.marks import finding_mark
from tests.conftest import seed
from tests.fixtures.xlsx_render import write_table
from tests.gui.conftest import open_in
from tests.gui.test_navigation import click_cell
from tests.gui.test_source import is_red
from tests.gui.test_window import listed

SEEDS = ("001", "004")  # a 2019-format report with figures in every table, a 2021-format one


def shows_exactly_the_cores_findings(qtbot, window, path) -> None:
    open_in(qtbot, window, path)
    result = check(open_report(str(path)))
    assert window.session.report.kind == result.report.kind
    assert window.verdict.text.text().endswith(result.verdict.text)
    shown = listed(window)
    assert Counter(key for key, _, _ in shown) == Counter(f.key for f in result.findings)
    words = {f.key: finding_mark(f).word for f in result.findings}
    assert all(word == words[key] for key, _, word in shown)


@pytest.mark.parametrize("name", SEEDS)
def test_a_word_report(qtbot, window, docx_corpus, name):
    shows_exactly_the_cores_findings(qtbot, window, docx_corpus.seeds()[name].path("docx"))


@pytest.mark.parametrize("name", SEEDS)
def test_a_pdf(qtbot, window, pdf_corpus, name):
    shows_exactly_the_cores_findings(qtbot, window, pdf_corpus.seeds()[name].path("pdf"))


@pytest.mark.parametrize("name", SEEDS)
def test_a_web_page(qtbot, window, html_corpus, name):
    shows_exactly_the_cores_findings(qtbot, window, html_corpus.seeds()[name].path("html"))


def test_a_clerks_workbook(qtbot, window, tmp_path):
    """The form's tables pasted into one sheet under the report's title, filled in by the clerk."""
    report = open_report(str(seed("004")))
    values = {cid: c.raw for cid, c in report.cells.items() if c.raw is not None}
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = report.meta.title
    end = write_table(sheet, "t2", 3, 1, values)
    end = write_table(sheet, "t3", end + 2, 1, values)
    write_table(sheet, "t4", end + 2, 1, values)
    path = tmp_path / "小河街道 年报表格.xlsx"
    book.save(path)
    shows_exactly_the_cores_findings(qtbot, window, path)
    assert window.session.report.value("t3:1/natural") == report.value("t3:1/natural")


def words_on(pdf_path, page: int) -> list[dict]:
    with pdfplumber.open(pdf_path) as pdf:
        return pdf.pages[page - 1].extract_words()


def test_choosing_a_cell_of_a_pdf_shows_its_page_with_the_box_around_the_number(qtbot, window, pdf_corpus):
    path = pdf_corpus.seeds()["001"].path("pdf")
    open_in(qtbot, window, path)
    report = window.session.report
    # A cell whose number is printed once on its page: pdfplumber's own words say where it stands.
    chosen = None
    for cid in report.layout.t3.cell_ids:
        cell = report.cells[cid]
        if cell.written is not Written.NUMBER or cell.loc is None or cell.loc.page is None:
            continue
        same = [w for w in words_on(path, cell.loc.page) if w["text"] == cell.raw.strip()]
        if len(same) == 1 and len(cell.raw.strip()) >= 2:
            chosen, word = cid, same[0]
            break
    assert chosen is not None, "no number printed once on its page"
    click_cell(qtbot, window, chosen)
    source = window.details.source
    assert source.stack.currentWidget() is source.page_area
    assert f"第{report.cells[chosen].loc.page}页" in source.where.text()
    shown = source.picture.pixmap()
    page = render_page(str(path), report.cells[chosen].loc.page)  # the part of its picture shown, at its zoom:
    region, zoom = source.crop.region, source.crop.zoom
    centre = (
        ((word["x0"] + word["x1"]) / 2 * page.scale - region.left()) * zoom,
        ((word["top"] + word["bottom"]) / 2 * page.scale - region.top()) * zoom,
    )
    assert source.box is not None and source.box.contains(round(centre[0]), round(centre[1]))  # drawn where the number is
    image = shown.toImage()
    assert is_red(image.pixelColor(source.box.left() - 2, source.box.center().y())) or is_red(
        image.pixelColor(source.box.left() - 3, source.box.center().y())
    )
    visible = source.page_area.viewport().rect().translated(-source.picture.pos())
    assert visible.contains(source.box.center())  # scrolled to it
