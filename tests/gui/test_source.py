"""Where a number stood in a PDF: the page rendered (core/pdfpage.py), the cell's box drawn on it.

The PDF is the sample report converted by LibreOffice; the box is where pdfplumber finds the
number, given to the window exactly as the PDF reader's `Location` contract says (page, bbox).
"""
from __future__ import annotations

from dataclasses import replace

import pdfplumber
import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage

from core.model import Location
from core.pdfpage import render_page
from core.readers.errors import ReadError
from gui.source_view import page_with_box
from tests.conftest import SAMPLE
from tests.gui.conftest import open_in
from tests.gui.test_navigation import click_cell


def word_box(pdf, text: str) -> tuple[int, tuple[float, float, float, float]]:
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, 1):
            for word in page.extract_words():
                if word["text"] == text:
                    return number, (word["x0"], word["top"], word["x1"], word["bottom"])
    raise LookupError(text)


def is_red(colour: QColor) -> bool:
    return colour.red() > 180 and colour.green() < 90 and colour.blue() < 90


def test_a_page_is_rendered_at_its_scale(sample_pdf):
    picture = render_page(str(sample_pdf), 1, scale=2.0)
    assert picture.png.startswith(b"\x89PNG")
    with pdfplumber.open(sample_pdf) as document:
        width, height = document.pages[0].width, document.pages[0].height
    assert (picture.width, picture.height) == (round(width * 2), round(height * 2))
    assert picture.box((10, 20, 30, 50)) == (20, 40, 40, 60)


def test_a_page_that_cannot_be_shown_says_why_in_chinese(sample_pdf, tmp_path):
    with pytest.raises(ReadError) as missing:
        render_page(str(tmp_path / "gone.pdf"), 1)
    assert "找不到原文件" in missing.value.message
    with pytest.raises(ReadError) as beyond:
        render_page(str(sample_pdf), 99)
    assert "没有第99页" in beyond.value.message
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"%PDF-1.4 this is not really a pdf")
    with pytest.raises(ReadError) as broken:
        render_page(str(fake), 1)
    assert broken.value.code == "pdf_render"


def test_the_box_is_drawn_around_the_number_and_leaves_it_readable(qapp, sample_pdf):
    page, bbox = word_box(sample_pdf, "156")
    picture = render_page(str(sample_pdf), page)
    left, top, width, height = picture.box(bbox)
    image = page_with_box(picture.png, (left, top, width, height))
    assert is_red(image.pixelColor(left - 3, top + height // 2))  # the frame, just outside the number
    assert is_red(image.pixelColor(left + width + 3, top + height // 2))
    plain = QImage.fromData(picture.png, "PNG")
    inside = [image.pixelColor(x, top + height // 2) for x in range(left, left + width)]
    assert any(c.lightness() < 100 for c in inside)  # the digits still show through
    assert not is_red(plain.pixelColor(left - 3, top + height // 2))  # the red is ours, not the page's


def test_selecting_a_cell_read_from_a_pdf_shows_its_page_with_the_box(qtbot, window, sample_pdf):
    open_in(qtbot, window, SAMPLE)
    page, bbox = word_box(sample_pdf, "156")
    report = window.session.report
    cid = "t2:license/decisions"
    loc = Location(str(sample_pdf), "pdf", page=page, table=0, row=6, col=1, bbox=bbox)
    report.cells[cid] = replace(report.cells[cid], loc=loc)
    click_cell(qtbot, window, cid)
    source = window.details.source
    assert source.stack.currentWidget() is source.page_area
    assert f"sample-2023.pdf　第{page}页" in source.where.text()
    assert source.box is not None
    shown = source.picture.pixmap().toImage()
    edge = source.box.left() - 2, source.box.center().y()
    assert is_red(shown.pixelColor(*edge)) or is_red(shown.pixelColor(edge[0] - 1, edge[1]))
    visible = source.page_area.viewport().rect().translated(-source.picture.pos())
    assert visible.contains(source.box.center())  # scrolled to the box


def test_a_pdf_cell_is_shown_legibly_with_its_row_and_column_and_the_whole_page_on_a_double_click(qtbot, window, pdf_corpus):
    from gui.source_view import MIN_HEIGHT, PageDialog

    pdf = pdf_corpus.seeds()["004"].path("pdf")  # a real report made into a PDF from its Word file
    open_in(qtbot, window, pdf)
    cid = "t3:3.1/natural"
    loc = window.session.report.cells[cid].loc
    assert loc.kind == "pdf" and loc.bbox is not None
    click_cell(qtbot, window, cid)
    source = window.details.source
    shown = source.picture.pixmap()
    assert shown.height() >= MIN_HEIGHT  # the cell's region of the page, not a thin strip of it
    assert shown.rect().contains(source.box) and source.box.height() >= 14  # the cell, its digits legible
    visible = source.page_area.viewport().rect().translated(-source.picture.pos())
    assert visible.contains(source.box.center())  # scrolled to the cell
    page = render_page(str(pdf), loc.page)
    label_left = min(c.loc.bbox[0] for g in window.session.report.document.grids for row in g.rows for c in row if c.loc.row == loc.row and c.loc.bbox and c.loc.page == loc.page and c.loc.table == loc.table)
    zoom = source.box.width() / page.box(loc.bbox)[2]
    left_of_box = (page.box(loc.bbox)[0] - page.box((label_left, 0, label_left, 0))[0]) * zoom
    assert source.box.left() >= left_of_box - 2  # the row's label is in the picture, left of the cell
    header_top = min(c.loc.bbox[1] for g in window.session.report.document.grids for row in g.rows for c in row if c.loc.col == loc.col and c.loc.bbox and c.loc.page == loc.page and c.loc.table == loc.table)
    assert source.box.top() >= (loc.bbox[1] - header_top) * page.scale * zoom - 2  # and the column's header, above it
    before = (shown.width(), source.box.width())
    qtbot.mouseClick(source.zoom_in, Qt.MouseButton.LeftButton)
    assert source.picture.pixmap().width() > before[0] and source.box.width() > before[1]
    source.zoom_by(-1)
    assert (source.picture.pixmap().width(), source.box.width()) == before

    opened = []

    def look():
        dialog = next(w for w in window.findChildren(PageDialog) if w.isVisible())
        opened.append((dialog.windowTitle(), dialog.picture.pixmap().size(), dialog.box))
        dialog.reject()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(200, look)
    qtbot.mouseDClick(source.picture, Qt.MouseButton.LeftButton, pos=source.box.center())
    assert opened and opened[0][0] == f"原文：PDF第{loc.page}页"
    assert (opened[0][1].width(), opened[0][1].height()) == (page.width, page.height)  # the whole page, full size
    assert opened[0][2] == QRect(*page.box(loc.bbox))


def test_a_pdf_that_has_gone_is_said_in_the_source_panel(qtbot, window, tmp_path):
    open_in(qtbot, window, SAMPLE)
    report = window.session.report
    cid = "t2:penalty/decisions"
    report.cells[cid] = replace(report.cells[cid], loc=Location(str(tmp_path / "gone.pdf"), "pdf", page=1, bbox=(1, 2, 3, 4)))
    click_cell(qtbot, window, cid)
    assert "找不到原文件" in window.details.source.where.text()
    assert window.isVisible() and window.pages.currentWidget() is window.report_page
    qtbot.mouseClick(window.report_view.tables["t2"].viewport(), Qt.MouseButton.LeftButton)
