"""PDFs as LibreOffice prints the Word files: every cell found by its labels, page breaks anywhere in the tables."""
from __future__ import annotations

import io
from functools import cache

import pdfplumber
import pypdfium2 as pdfium
import pytest

from core.api import open_report
from core.check import check
from core.findings import Outcome
from core.pdfpage import render_page
from core.readers.errors import ReadError
from core.readers.pdf import read
from core.text.normalize import squeeze
from tests.badfiles import open_password_pdf, scanned, without_unicode_maps
from tests.fixtures.compare import cell_differences, new_notes, reading
from tests.fixtures.corpus import PAGE_BREAK_FILLERS
from tests.fixtures.docx_render import RUNNING_HEADER
from tests.fixtures.files import GENERATED, convert_pdf_with


@pytest.mark.parametrize("name", ["001", "004"])
@pytest.mark.slow
def test_every_cell_has_its_page_and_box(pdf_corpus, name):
    """The box a cell keeps holds, on its page, exactly the cell's text: the window can draw it there."""
    path = pdf_corpus.seeds()[name].path("pdf")
    report = open_report(str(path))
    with pdfplumber.open(str(path)) as pdf:
        for cell in report.cells.values():
            if cell.raw is None:
                continue
            page = pdf.pages[cell.loc.page - 1].dedupe_chars()
            inside = page.within_bbox(cell.loc.bbox).extract_text()
            assert squeeze(inside) == squeeze(cell.raw), cell.id
            assert cell.loc.table is not None and cell.loc.row is not None and cell.loc.col is not None
    title = report.meta.title_loc
    assert title.page == 1 and title.bbox is not None


@pytest.mark.parametrize("filler", PAGE_BREAK_FILLERS)
@pytest.mark.parametrize("repeat", [False, True], ids=["no-header-repeat", "header-repeat"])
@pytest.mark.slow
def test_table_three_broken_anywhere_by_a_page_reads_the_same(pdf_corpus, seed_reports, filler, repeat):
    report = open_report(str(pdf_corpus.page_breaks()[(filler, repeat)].path("pdf")))
    assert cell_differences(seed_reports["004"], report) == []
    assert reading(report) == reading(seed_reports["004"])
    assert new_notes(seed_reports["004"], report) == []
    failed = {f.key for f in check(report).findings if f.outcome is Outcome.FAILED}
    assert failed == {f.key for f in check(seed_reports["004"]).findings if f.outcome is Outcome.FAILED}


@cache
def _page_texts(path) -> tuple[str, ...]:
    with pdfplumber.open(str(path)) as pdf:
        return tuple(squeeze(page.extract_text()) for page in pdf.pages)


def _pages_with(path, words: str) -> list[int]:
    return [n for n, text in enumerate(_page_texts(path), 1) if words in text]


@pytest.mark.slow
def test_the_page_break_fixtures_do_break_table_three_as_intended(pdf_corpus):
    """The cases above are real: table 三 over two pages with and without its header repeated, and a row cut in two."""
    kinds = set()
    for rendering in pdf_corpus.page_breaks().values():
        path = rendering.path("pdf")
        header, first_row, last_row = (_pages_with(path, w) for w in ("申请人情况", "本年新收", "结转下年度继续办理"))
        if first_row != last_row:
            kinds.add("over two pages, header repeated" if len(header) == 2 else "over two pages")
        if _pages_with(path, "（区分处理的") != _pages_with(path, "不计其他情形"):
            kinds.add("a row cut in two")
        if header != first_row:
            kinds.add("header and first row apart")
    assert kinds == {"over two pages", "over two pages, header repeated", "a row cut in two", "header and first row apart"}


@pytest.mark.slow
def test_a_split_row_is_joined_into_one_label(pdf_corpus):
    split = [r for (f, repeat), r in pdf_corpus.page_breaks().items()
             if _pages_with(r.path("pdf"), "（区分处理的") != _pages_with(r.path("pdf"), "不计其他情形")]
    assert split
    for rendering in split:
        report = open_report(str(rendering.path("pdf")))
        grid = next(g for g in report.document.grids if any("不计其他情形" in c.text for r in g.rows for c in r))
        label = next(c for r in grid.rows for c in r if "不计其他情形" in c.text)
        assert squeeze(label.text) == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
        assert report.cell("t3:3.2/natural").loc.page == label.loc.page  # values and label in the first half


def test_running_header_and_page_numbers_are_not_text(pdf_corpus, seed_reports):
    report = open_report(str(pdf_corpus.variants()["page-furniture"].path("pdf")))
    assert report.meta.title == seed_reports["001"].meta.title
    texts = [p.text for p in report.document.paragraphs]
    assert not any(RUNNING_HEADER in t or "— 2 —" in t for t in texts)
    assert cell_differences(seed_reports["001"], report) == []
    with pdfplumber.open(str(pdf_corpus.variants()["page-furniture"].path("pdf"))) as pdf:
        assert "— 2 —" in pdf.pages[1].extract_text() and RUNNING_HEADER in pdf.pages[1].extract_text()


def test_characters_printed_twice_are_read_once(pdf_corpus, seed_reports):
    path = pdf_corpus.variants()["doubled-characters"].path("pdf")
    with pdfplumber.open(str(path)) as pdf:
        assert "总总体体情情况况" in pdf.pages[0].extract_text()  # every character is there twice
    report = open_report(str(path))
    assert cell_differences(seed_reports["004"], report) == []
    assert reading(report) == reading(seed_reports["004"])


def test_tables_drawn_without_outer_side_borders_keep_their_first_and_last_columns(pdf_corpus, seed_reports):
    path = pdf_corpus.variants()["open-sides"].path("pdf")
    with pdfplumber.open(str(path)) as pdf:  # as drawn, pdfplumber alone loses the label and 总计 columns
        bare = [t.extract() for page in pdf.pages for t in page.find_tables()]
    assert not any("一、本年新收政府信息公开申请数量" in (cell or "") for t in bare for row in t for cell in row)
    report = open_report(str(path))
    assert cell_differences(seed_reports["001"], report) == []
    assert new_notes(seed_reports["001"], report) == []


def test_tables_typed_as_text_are_said_to_be_unreadable_not_missing(pdf_corpus):
    """Tables typed as lines of text, the cells a space apart: nothing says which column a number belongs to (a
    blank cell would shift every number after it), so none is guessed; the clerk is told the tables are there but
    cannot be read, not that the report lacks them. (Tables drawn without column rules are read: test_pdf_forms.)"""
    path = pdf_corpus.variants()["flattened"].path("pdf")
    with pdfplumber.open(str(path)) as pdf:
        assert not any(page.lines or page.rects for page in pdf.pages)
        assert any("一、本年新收政府信息公开申请数量 2 0 0 0 0 0 2" in page.extract_text() for page in pdf.pages)
    report = open_report(str(path))
    assert not any(report.tables_found.values()) and report.picture_tables == 0
    assert not any(cell.value is not None for cell in report.cells.values())  # nothing invented
    st2 = {f.key: f for f in check(report).findings if f.rule == "ST-2"}
    assert {key: f.outcome for key, f in st2.items()} == {f"ST-2:{t}": Outcome.NOT_ASSESSABLE for t in ("t2", "t3", "t4")}
    assert "「一、本年新收政府信息公开申请数量」" in st2["ST-2:t3"].message and "读不出表格" in st2["ST-2:t3"].message
    for finding in st2.values():
        assert finding.message.startswith("未能读出") and "Word原件" in finding.message
        assert "请按格式补上表格" not in finding.message


def test_table_three_on_landscape_pages_between_upright_ones(pdf_corpus, seed_reports):
    path = pdf_corpus.variants()["landscape"].path("pdf")
    with pdfplumber.open(str(path)) as pdf:
        turned = [n for n, page in enumerate(pdf.pages, 1) if page.width > page.height]
    report = open_report(str(path))
    assert len(turned) == 2 and {report.cell(c).loc.page for c in report.layout.t3.cell_ids} == set(turned)
    assert cell_differences(seed_reports["001"], report) == []
    assert reading(report) == reading(seed_reports["001"])


def test_word_list_numbers_are_text_in_the_pdf(pdf_corpus):
    report = open_report(str(pdf_corpus.variants()["auto-numbering"].path("pdf")))
    assert [s.numbering for s in report.sections.values()] == ["一、", "二、", "三、", "四、", "五、", "六、"]


@pytest.mark.parametrize("variant, name", [("t2-four-tables-2019", "001"), ("appendix", "003")])
def test_split_and_appended_tables(pdf_corpus, seed_reports, variant, name):
    report = open_report(str(pdf_corpus.variants()[variant].path("pdf")))
    assert cell_differences(seed_reports[name], report) == []


def test_a_heading_printed_inside_its_tables_rules_is_found(pdf_corpus, seed_reports):
    report = open_report(str(pdf_corpus.variants()["heading-rows"].path("pdf")))
    assert all(s.found for s in report.sections.values())
    assert report.table_sections == {"t2": "s2", "t3": "s3", "t4": "s4"}
    assert cell_differences(seed_reports["004"], report) == []
    assert not [f for f in check(report).findings if f.is_error]


def test_a_table_printed_as_a_picture_is_reported(pdf_corpus):
    report = open_report(str(pdf_corpus.variants()["picture"].path("pdf")))
    assert not report.tables_found["t3"] and report.picture_tables >= 1
    assert "图片" in next(f for f in check(report).findings if f.key == "ST-2:t3").message


def test_hybrid_pdf(pdf_corpus):
    report = open_report(str(pdf_corpus.variants()["hybrid"].path("pdf")))
    assert report.layout.name == "hybrid"


# --- PDFs that cannot be read ------------------------------------------------------------------------


def test_a_scan_too_coarse_to_read_its_figures_gets_a_message_not_numbers(tmp_path, pdf_corpus):
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(scanned(pdf_corpus.seeds()["004"].path("pdf")))  # 72 dpi: a digit is 8 pixels high
    with pytest.raises(ReadError) as error:
        open_report(str(path))
    assert error.value.code == "scan_resolution"
    assert "扫描件" in error.value.message and "72dpi" in error.value.message and "Word原件" in error.value.message


def test_a_typed_cover_before_scanned_pages_has_its_scanned_pages_recognised(tmp_path, pdf_corpus):
    source = pdf_corpus.seeds()["001"].path("pdf")
    scan = pdfium.PdfDocument(scanned(source))
    combined = pdfium.PdfDocument(str(source))
    for _ in range(len(combined) - 1):
        combined.del_page(1)
    combined.import_pages(scan, list(range(1, len(scan))))
    path = tmp_path / "封面加扫描.pdf"
    combined.save(str(path))
    with pdfplumber.open(str(path)) as pdf:
        assert pdf.pages[0].chars and not pdf.pages[1].chars and len(pdf.pages) == len(scan)
    with pytest.raises(ReadError) as error:
        open_report(str(path))
    assert error.value.code == "scan_resolution"  # the scanned pages are read by recognition: too coarse here


def test_text_without_a_unicode_map_gets_a_message(tmp_path, pdf_corpus):
    """A PDF whose fonts lost their ToUnicode maps: pdfminer can only give (cid:N)."""
    path = tmp_path / "乱码.pdf"
    path.write_bytes(without_unicode_maps(pdf_corpus.seeds()["004"].path("pdf")))
    with pdfplumber.open(str(path)) as pdf:
        assert "(cid:" in pdf.pages[0].extract_text()
    with pytest.raises(ReadError) as error:
        open_report(str(path))
    assert error.value.code == "no_unicode" and "乱码" in error.value.message


def test_a_pdf_with_an_open_password_gets_a_message(pdf_corpus):
    with pytest.raises(ReadError) as error:
        open_report(str(open_password_pdf(pdf_corpus.seeds()["004"].path("docx"))))
    assert error.value.code == "encrypted" and "密码" in error.value.message


@pytest.mark.slow
def test_a_pdf_restricted_only_by_permissions_is_read(pdf_corpus, seed_reports):
    source = pdf_corpus.seeds()["004"].path("docx")
    target = GENERATED / "password-permissions.pdf"
    convert_pdf_with(source, target, '{"RestrictPermissions":{"type":"boolean","value":"true"},'
                                     '"PermissionPassword":{"type":"string","value":"1234"},'
                                     '"EnableCopyingOfContent":{"type":"boolean","value":"false"}}')
    assert b"/Encrypt" in target.read_bytes()
    assert cell_differences(seed_reports["004"], open_report(str(target))) == []


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_a_damaged_pdf_gets_a_message(tmp_path, pdf_corpus, damage):
    data = pdf_corpus.seeds()["004"].path("pdf").read_bytes()
    data = data[: len(data) // 3] if damage == "truncated" else b"%PDF-1.4\n" + b"\x00garbage" * 100
    path = tmp_path / "坏.pdf"
    path.write_bytes(data)
    with pytest.raises(ReadError) as error:
        open_report(str(path))
    assert error.value.code == "corrupt" and "损坏" in error.value.message


def test_a_pdf_whose_pages_have_no_media_box_gets_a_message(tmp_path, pdf_corpus):
    """Found by fuzzing a pikepdf-written file: pdfplumber fails making such a page (a TypeError)."""
    import pikepdf

    pdf = pikepdf.open(str(pdf_corpus.seeds()["004"].path("pdf")))
    for page in [*pdf.pages, pdf.Root.Pages]:
        page = getattr(page, "obj", page)
        if "/MediaBox" in page:
            del page["/MediaBox"]
    path = tmp_path / "无页面尺寸.pdf"
    pdf.save(str(path))
    with pytest.raises(ReadError) as error:
        open_report(str(path))
    assert error.value.code == "corrupt" and "损坏" in error.value.message


# --- drawing a page for the window ---------------------------------------------------------------------


def test_render_page_draws_the_page_where_the_boxes_are(pdf_corpus):
    path = pdf_corpus.seeds()["004"].path("pdf")
    png = render_page(str(path), 1, scale=2.0).png
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    with pdfplumber.open(str(path)) as pdf:
        width, height = pdf.pages[0].width, pdf.pages[0].height
    assert image.size == (round(width * 2), round(height * 2))
    title = open_report(str(path)).meta.title_loc.bbox
    region = image.crop(tuple(round(v * 2) for v in title)).convert("L")
    assert region.getextrema()[0] < 128  # the title's box, scaled, is where its dark text is drawn


def test_render_page_of_a_missing_page_is_a_message(pdf_corpus):
    with pytest.raises(ReadError) as error:
        render_page(str(pdf_corpus.seeds()["004"].path("pdf")), 99)
    assert "第99页" in error.value.message


def test_pdf_tables_are_grids_with_true_columns(pdf_corpus):
    data = pdf_corpus.seeds()["001"].path("pdf").read_bytes()
    document = read("x.pdf", data, "f")
    assert document.kind == "pdf" and document.grids and all(g.has_grid for g in document.grids)


def test_a_section_heading_after_a_wide_row_of_numbers_starts_its_own_paragraph():
    """Lines as LibreOffice's PDF of a portal page placed them (a table without rules, wider than the text):
    table 四's numbers reach past the right margin, and 「五、存在问题及改进情况」 follows at the left margin
    at the paragraphs' usual distance. Joined as a wrapped line, the heading was lost to the numbers."""
    from core.readers.pdf_text import Body, Line

    text = Line("对照新要求新任务，仍存在以下短板：一是主动公开工作还需进一步规范，二是解读回应还需加强，", 3, 56.8, 538.6, 100, 112, 12)
    numbers = Line("376 97 196 121 790 16 1 12 27 56 74 1 30 51 156", 3, 58.2, 616.1, 488.9, 500.9, 12)
    heading = Line("五、存在问题及改进情况", 3, 56.8, 188.8, 521.1, 533.1, 12)
    body = Body(56.8, 538.6, 20.2)
    assert body.starts_paragraph(numbers, heading)
    assert body.starts_paragraph(text, numbers)
    assert not body.starts_paragraph(text, Line("三是平台建设有待完善。", 3, 56.8, 300, 121, 133, 12))  # a wrapped line still joins


def test_checking_a_text_pdf_or_a_txt_never_loads_the_recogniser(pdf_corpus):
    """The recogniser (numpy, onnxruntime, core.ocr) is imported only for a page without a text layer."""
    import subprocess
    import sys

    from tests.conftest import ROOT, SAMPLE

    code = (
        "import sys\nfrom core.api import check_file\n"
        "for path in sys.argv[1:]:\n    check_file(path)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('numpy', 'onnxruntime') or m.startswith('core.ocr')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(SAMPLE), str(pdf_corpus.seeds()["001"].path("pdf"))],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
