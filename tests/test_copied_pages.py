"""A portal's page copied from the browser (select all, copy, paste into Notepad) reads like the page.

The copies are Chromium's own text of the seeds' portal pages (tests/fixtures/browser_capture.py made them;
committed, so no browser is needed here). The portal writes each table cell as a paragraph, as most portals
and LibreOffice do; the copy then sets every cell off by empty lines with a line of tabs between two cells.
"""
from __future__ import annotations

import shutil

import pytest

from core.api import open_report
from core.document import Grid
from core.model import Written
from core.readers.text import parse_text
from tests.fixtures import browser_capture
from tests.fixtures.compare import cell_differences, new_notes, reading


@pytest.mark.parametrize("name", browser_capture.COPIED_SEEDS)
def test_a_portal_page_copied_as_text_reads_like_the_page(html_corpus, name):
    page = open_report(str(html_corpus.seeds()[name].path("html")))
    copy = open_report(str(browser_capture.copied_path(name)))
    assert copy.kind == "text"
    assert reading(copy) == reading(page)
    differ = cell_differences(page, copy)
    # A cell merged over two columns is one cell in the copy, which shows no spans: seed 000's 其他对外管理服务事项
    # row (its last two cells merged by LibreOffice squaring the row off) comes out a cell short, as in its text.
    assert differ == (["t2:other_service/decisions"] if name == "000" else [])
    assert all(copy.cells[c].written is Written.MISSING for c in differ)
    assert [kind for kind, _ in new_notes(page, copy)] == (["short_row"] if name == "000" else [])


def test_each_cell_of_a_copy_keeps_its_own_line():
    """Cells gathered from many lines into one row: each still points at the line its text stands on."""
    path = browser_capture.copied_path("004")
    lines = path.read_text(encoding="utf-8").splitlines()
    document = parse_text("\n".join(lines), str(path), "x")
    cells = [cell for block in document.blocks if isinstance(block, Grid) for row in block.rows for cell in row]
    assert len(cells) > 200
    for cell in cells:
        if cell.text:
            assert cell.text[:2] in "".join(lines[cell.loc.line - 1].split()), cell


def test_the_portals_menus_and_a_title_further_down_in_a_copy():
    """Copied whole, the page starts with the portal's search box and menus (「政府信息公开年报」 among them):
    the report's own title, lines further down, is the title."""
    copy = open_report(str(browser_capture.copied_path("004")))
    assert copy.document.paragraphs[0].text == "搜索"
    assert copy.meta.title == "杭州市拱墅区人民政府小河街道办事处2023年度政府信息公开工作年度报告"


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium remakes the committed copies; not needed to read them")
def test_chromium_copies_the_page_the_same_way(tmp_path, html_corpus):
    """The committed copies are what Chromium makes of today's portal pages (the copy is not stale)."""
    page = tmp_path / "seed-004-portal.html"
    page.write_bytes(browser_capture.without_banner(html_corpus.seeds()["004"].path("html").read_bytes()))
    out = tmp_path / "now.txt"
    browser_capture.copy_text(page, out)
    committed, now = open_report(str(browser_capture.copied_path("004"))), open_report(str(out))
    assert cell_differences(committed, now) == [] and reading(committed) == reading(now)
