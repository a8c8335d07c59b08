"""PDFs in the forms offices really produce, each read as the plain LibreOffice PDF of the same report is.

WPS's white boxes behind every line, pages turned by /Rotate or drawn turned as forms on portrait paper
(tests/fixtures/pdf_forms.py), and tables drawn without column rules: a 三线表, a Word table style with rules
between rows only, no rules at all (tests/fixtures/docx_render.py). A form read right gives the clerk what the
plain file gives: the same cells, sections, findings; what cannot be read with certainty stays unread.
"""
from __future__ import annotations

import pdfplumber
import pytest

from core.api import open_report
from core.check import check
from core.document import Doubt
from core.findings import Outcome
from core.model import Written
from tests.fixtures.compare import cell_differences, new_notes, reading
from tests.fixtures.corpus import BLANKED, CHANGED, UNRULED, UNRULED_SEEDS


def _failed(report) -> set[str]:
    return {f.key for f in check(report).findings if f.outcome is Outcome.FAILED}


@pytest.fixture(scope="module")
def plain(pdf_corpus):
    """The plain LibreOffice PDF of each seed, read: what every changed form must read back to."""
    return {name: plain_report(pdf_corpus, name) for name in UNRULED_SEEDS}


def plain_report(pdf_corpus, name: str):
    return open_report(str(pdf_corpus.seeds()[name].path("pdf")))


@pytest.mark.parametrize("name", UNRULED_SEEDS)
@pytest.mark.parametrize("form", list(CHANGED))
@pytest.mark.slow
def test_a_changed_pdf_reads_as_the_plain_one(pdf_corpus, plain, seed_reports, form, name):
    report = open_report(str(pdf_corpus.changed(form, name)))
    assert cell_differences(seed_reports[name], report) == []
    assert reading(report) == reading(plain[name])
    assert new_notes(plain[name], report) == []
    assert _failed(report) == _failed(plain[name])


def test_the_white_boxes_are_what_wps_paints_and_pdfplumber_takes_for_a_table(pdf_corpus):
    """As on two real district reports: a white, unstroked, filled box behind every line, the boxes of the prose
    touching; pdfplumber alone makes the page's prose one column of a table, its headings inside."""
    with pdfplumber.open(str(pdf_corpus.changed("wps-white-boxes", "004"))) as pdf:
        page = pdf.pages[0]
        boxes = [r for r in page.rects if r["fill"] and not r["stroke"]]
        assert len(boxes) >= 20 and not page.lines
        assert all(r["non_stroking_color"] in ((1,), (1, 1, 1), [1], [1, 1, 1], 1) for r in boxes)
        prose = page.find_tables()[0].extract()
    assert {len(row) for row in prose} == {1} and len(prose) >= 20
    assert any("总体情况" in (row[0] or "") for row in prose)


def test_the_prose_behind_white_boxes_is_text_and_checked_against_the_tables(pdf_corpus, plain):
    report = open_report(str(pdf_corpus.changed("wps-white-boxes", "004")))
    assert all(s.found for s in report.sections.values())
    assert [s.heading for s in report.sections.values()] == [s.heading for s in plain["004"].sections.values()]
    assert report.sections["s6"].text == plain["004"].sections["s6"].text  # 六's sentence under 六, not under 五
    narrative = {f.key: f.outcome for f in check(report).findings if f.rule.startswith("TX-")}
    assert narrative and narrative == {f.key: f.outcome for f in check(plain["004"]).findings if f.rule.startswith("TX-")}


@pytest.mark.parametrize("form", ["rotate-90", "rotate-180", "rotate-270", "form-sideways", "form-sideways-270"])
@pytest.mark.slow
def test_the_pages_really_show_their_text_turned(pdf_corpus, form):
    with pdfplumber.open(str(pdf_corpus.changed(form, "001"))) as pdf:
        page = next(p for p in pdf.pages if "申请人情况" in "".join(c["text"] for c in p.chars))
        left_to_right = [c["matrix"][0] > 0 and abs(c["matrix"][1]) < 1e-6 for c in page.chars]
        assert not any(left_to_right)


@pytest.mark.parametrize("form", ["rotate-90", "rotate-270", "form-sideways", "form-rotate-90"])
@pytest.mark.slow
def test_a_cell_on_a_turned_page_keeps_its_box_where_the_page_shows_it(pdf_corpus, form):
    """The box is in the page's own coordinates, as the window draws the page: it holds the cell's characters."""
    path = pdf_corpus.changed(form, "001")
    report = open_report(str(path))
    with pdfplumber.open(str(path)) as pdf:
        for cid in report.layout.t3.cell_ids:
            cell = report.cell(cid)
            x0, top, x1, bottom = cell.loc.bbox
            page = pdf.pages[cell.loc.page - 1]
            inside = [c["text"] for c in page.chars
                      if x0 - 1 <= (c["x0"] + c["x1"]) / 2 <= x1 + 1 and top - 1 <= (c["top"] + c["bottom"]) / 2 <= bottom + 1]
            assert sorted(inside) == sorted(cell.raw.replace(" ", "")), cid


def test_every_paragraph_of_a_pdf_is_marked_as_inferred_text(pdf_corpus):
    document = open_report(str(pdf_corpus.seeds()["004"].path("pdf"))).document
    assert document.paragraphs and all(p.doubt is Doubt.PDF_TEXT for p in document.paragraphs)
    assert document.grids and all(g.doubt is None for g in document.grids)  # ruled tables state their cells


@pytest.mark.parametrize("form", list(UNRULED))
@pytest.mark.slow
def test_a_table_without_column_rules_reads_as_its_word_file(pdf_corpus, seed_reports, form):
    """三线表, row rules only, no rules: every cell as in the Word file, the sections and the findings as the plain
    PDF's; the grids say their columns were inferred."""
    for name in UNRULED_SEEDS:
        rendering = pdf_corpus.unruled()[(form, name)]
        report = open_report(str(rendering.path("pdf")))
        assert cell_differences(seed_reports[name], report) == [], name
        assert reading(report) == reading(plain_report(pdf_corpus, name))
        assert new_notes(plain_report(pdf_corpus, name), report) == []
        assert _failed(report) == _failed(plain_report(pdf_corpus, name))
        grids = [g for g in report.document.grids if any(c.text for r in g.rows for c in r)]
        assert grids and all(g.doubt is Doubt.INFERRED_COLUMNS and g.has_grid for g in grids)


@pytest.mark.parametrize("form", list(UNRULED))
@pytest.mark.slow
def test_a_blank_cell_without_column_rules_stays_blank(pdf_corpus, form):
    """A clerk's blank cell is not filled by the next column's number: each number stands in its column."""
    word = open_report(str(pdf_corpus.blanked()["ruled"].path("docx")))
    report = open_report(str(pdf_corpus.blanked()[form].path("pdf")))
    assert {cid: report.cells[cid].written for cid in BLANKED} == {cid: Written.BLANK for cid in BLANKED}
    assert cell_differences(word, report) == []
    assert _failed(report) == _failed(open_report(str(pdf_corpus.blanked()["ruled"].path("pdf"))))


@pytest.mark.slow
def test_the_unruled_fixtures_have_no_column_rules(pdf_corpus):
    """The forms are what they say: no vertical rule at all; a 三线表 three (or so) rules a table, row rules many."""
    for (form, name), rendering in pdf_corpus.unruled().items():
        with pdfplumber.open(str(rendering.path("pdf"))) as pdf:
            rules = [e for page in pdf.pages for e in page.lines + page.rects if min(e["width"], e["height"]) < 2]
            assert not any(e["height"] > e["width"] for e in rules), (form, name)
            assert not any(page.find_tables() for page in pdf.pages), (form, name)
            count = len(rules)
        assert {"no-rules": count == 0, "three-line": 6 <= count <= 12, "row-rules": count > 40}[form], (form, name, count)


@pytest.mark.parametrize("form", list(UNRULED))
@pytest.mark.slow
def test_a_table_without_column_rules_broken_by_pages_anywhere_reads_the_same(pdf_corpus, seed_reports, form):
    """Page breaks through table 三's header, through its tall （二） row, between rows and through table 四's header;
    table 三's header repeated on the new page or not."""
    plain = plain_report(pdf_corpus, "004")
    for (f, filler, repeat), rendering in pdf_corpus.unruled_page_breaks().items():
        if f != form:
            continue
        report = open_report(str(rendering.path("pdf")))
        assert cell_differences(seed_reports["004"], report) == [], (filler, repeat)
        assert new_notes(plain, report) == [], (filler, repeat)
        assert _failed(report) == _failed(plain), (filler, repeat)


@pytest.mark.slow
def test_the_page_breaks_fall_through_the_unruled_tables(pdf_corpus):
    """The cases above are real: table 三 over two pages, its header apart from its rows, table 四's header cut."""
    kinds = set()
    for rendering in pdf_corpus.unruled_page_breaks().values():
        with pdfplumber.open(str(rendering.path("pdf"))) as pdf:
            texts = ["".join(c["text"] for c in page.chars) for page in pdf.pages]
        pages = lambda words: [n for n, text in enumerate(texts) if words in text]  # noqa: E731, B023 -- used at once
        if pages("本年新收") != pages("结转下年度继续办理"):
            kinds.add("table 三 over two pages")
        if pages("申请人情况")[:1] != pages("本年新收"):
            kinds.add("table 三's header apart from its rows")
        if pages("复议后起诉") != pages("审结"):  # words of its header's second line and of its last
            kinds.add("table 四's header cut")
    assert kinds == {"table 三 over two pages", "table 三's header apart from its rows", "table 四's header cut"}
