"""What the readers' and rules' limits stop (core/readers/limits.py), how, and that real reports stay far from them.

The bad-file corpus (tests/badfiles.py, test_bad_inputs.py) checks each hostile file end to end; here
are the mechanisms: the scans that were quadratic grow in proportion to the text now, the DOCTYPE
refusal asks libxml2, list numbers and font maps are capped, and the seeds' own files are measured
against each limit.
"""
from __future__ import annotations

import io
import re
import time
import zipfile

import pytest

from core.readers.errors import ReadError
from tests import badfiles


def _seconds(work, *args) -> float:
    """The quickest of three runs."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        work(*args)
        best = min(best, time.perf_counter() - start)
    return best


def _grows_in_proportion(work, make, small: int) -> None:
    """Four times the input costs about four times as much (a quadratic scan would cost sixteen)."""
    little, big = _seconds(work, make(small)), _seconds(work, make(4 * small))
    assert big < 8 * max(little, 0.005), f"{little:.3f} s → {big:.3f} s"


@pytest.mark.slow
def test_a_browser_copys_rows_are_grouped_in_proportion_to_them():
    from core.readers.text import parse_text

    _grows_in_proportion(lambda text: parse_text(text, "x.txt", "f"), lambda n: badfiles.text_browser_rows(n).decode(), 5_000)


def test_the_titles_quotations_are_scanned_in_proportion_to_the_text():
    from core.assemble.meta import _year_of_text

    _grows_in_proportion(lambda text: _year_of_text([text]), lambda n: "《" * n + "2023年", 20_000)


def test_a_denials_cause_is_looked_for_in_proportion_to_the_sentence():
    from core.rules.text import denials

    _grows_in_proportion(lambda text: list(denials(text)), lambda n: "因" * n + "，未发生行政复议。", 500)
    assert list(denials("因没有及时答复被申请行政复议。")) == []  # a cause: not a denial
    assert [kinds for *_, kinds in denials("因工作需要，未发生行政复议。")][0][0][0] == "reviews"  # another clause's


def test_a_paragraph_of_lists_is_read_in_proportion_to_it():
    from core.rules.text import list_claims

    _grows_in_proportion(lambda text: list(list_claims(text)), lambda n: "共2条，其中甲1条、乙1条" * n, 200)
    claims = list(list_claims("主动公开信息共计2186条。其中，通过网站公开15条，通过微信公开2171条。另有说明。"))
    assert [(c.total, c.parts, c.quote) for c in claims] == [
        (2186, (("通过网站公开", 15), ("通过微信公开", 2171)), "主动公开信息共计2186条。其中，通过网站公开15条，通过微信公开2171条")
    ]


def test_a_sentence_longer_than_any_reports_is_read_by_no_rule(seed_reports):
    from core.rules.text import MAX_SENTENCE, report_sentences

    longest = max(len(s.simple) for report in seed_reports.values() for s in report_sentences(report))
    assert longest < MAX_SENTENCE / 4


# --- Word's list numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["upperLetter", "lowerLetter", "upperRoman", "lowerRoman", "chineseCounting", "decimal"])
def test_a_list_number_past_words_largest_is_written_in_digits(fmt):
    from core.readers.word_numbering import MAX_LIST_NUMBER, format_number

    assert format_number(10**12, fmt) == "1000000000000"
    assert format_number(-(10**12), fmt) == "-1000000000000"
    assert len(format_number(MAX_LIST_NUMBER, fmt)) <= 1_300  # ZZZ… of 1 261 letters: the most Word itself writes
    assert format_number(4, fmt) in ("D", "d", "IV", "iv", "四", "4")


# --- no DTD, however it is hidden -------------------------------------------------------------------------

DOCUMENT = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'
DTD = b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize("prolog, verdict", [
    (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', "ok"),
    (b'<?xml version="1.0"?><!-- a comment -->', "ok"),
    (b'<?xml version="1.0"?>' + DTD, "dtd"),
    (b'<?xml version="1.0"?><!-- <a -->' + DTD, "dtd"),  # a text search took 「<a」 for the first element
    (b'<?xml version="1.0"?><?pi <b?>' + DTD, "dtd"),
    (b'<?xml version="1.0"?><!DOCTYPE w:document SYSTEM "http://example.org/x.dtd">', "dtd"),
    (b'<?xml version="1.0"?><!--' + b"x" * 70_000 + b"-->", "dtd"),  # no first element within 64 KB
    (b'<?xml version="1.0"?><<', "broken"),
])
def test_the_dtd_refusal_reads_the_prolog_as_an_xml_parser_does(prolog, verdict):
    from core.readers.limits import _PROLOG_BYTES, _prolog

    assert _prolog((prolog + DOCUMENT)[:_PROLOG_BYTES]) == verdict


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_dtd_in_another_encoding_is_found(encoding):
    from core.readers.limits import _prolog

    declaration = '<?xml version="1.0" encoding="UTF-16"?>'
    assert _prolog(f"{declaration}{DTD.decode()}{DOCUMENT.decode()}".encode(encoding)) == "dtd"
    assert _prolog(f"{declaration}{DOCUMENT.decode()}".encode(encoding)) == "ok"


def test_a_package_whose_part_is_broken_before_its_first_element_is_refused_as_damaged():
    from core.readers.limits import open_package

    data = badfiles.rewrite_part(badfiles.seed_docx().read_bytes(), "word/styles.xml", lambda xml: b"<?xml version='1.0'?><<" + xml)
    with pytest.raises(ReadError) as caught:
        open_package(data)
    assert caught.value.code == "corrupt" and "word/styles.xml" in caught.value.message and "另存" in caught.value.message


def test_every_part_of_the_seeds_word_files_and_an_exported_workbook_passes(docx_corpus, tmp_path):
    from core.readers.limits import open_package

    for rendering in docx_corpus.seeds().values():
        open_package(rendering.path("docx").read_bytes()).close()
    open_package(badfiles.sample_xlsx(tmp_path).read_bytes()).close()


# --- PDFs: fonts' maps, ruled meshes --------------------------------------------------------------------


def test_a_font_map_of_a_cid_range_is_counted_too():
    """An encoding CMap's cidrange adds nothing pdfminer keeps, but walks every code: four billion steps."""
    from io import BytesIO

    from pdfminer.cmapdb import CMapParser, FileCMap

    import core.readers.pdf_budget  # noqa: F401  (counts the maps' entries)

    cmap = b"begincmap 1 begincidrange <00000000> <ffffffff> 0 endcidrange endcmap"
    started = time.perf_counter()
    with pytest.raises(ReadError) as caught:
        CMapParser(FileCMap(), BytesIO(cmap)).run()
    assert caught.value.code == "too_complex" and "编码表" in caught.value.message
    assert time.perf_counter() - started < 5


def test_the_seeds_pdf_pages_cross_their_rules_far_less_than_the_limit(pdf_corpus):
    import pdfplumber

    from core.readers.limits import MAX_RULE_CROSSINGS
    from core.readers.pdf_budget import rule_crossings

    most = 0
    for rendering in pdf_corpus.seeds().values():
        with pdfplumber.open(rendering.path("pdf")) as pdf:
            most = max(most, *(rule_crossings(page) for page in pdf.pages))
    assert 100 < most < MAX_RULE_CROSSINGS / 5


def test_a_mesh_within_the_limit_is_still_read_as_a_page(tmp_path):
    """40 × 50 cells (2 091 crossings): under the limit, its table found."""
    from core.readers import read_document

    path = tmp_path / "细网.pdf"
    path.write_bytes(badfiles.pdf_mesh(40, 50, 6))
    assert len(read_document(str(path)).grids) == 1


@pytest.mark.slow
def test_a_pdf_whose_pages_cross_their_rules_too_often_together_is_refused(tmp_path):
    """Each page under the limit, twelve of them over the PDF's: stopped at the page that went past it."""
    from core.readers import read_document

    path = tmp_path / "每页细网.pdf"
    path.write_bytes(badfiles.pdf_mesh(40, 50, 6, pages=12))
    with pytest.raises(ReadError) as caught:
        read_document(str(path))
    assert caught.value.code == "too_complex" and "第12页为止" in caught.value.message


def _page_of_characters(pages: int, per_page: int, size: int = 6) -> bytes:
    """`pages` pages of `per_page` characters in rows of 100 (one content stream drawn by every page)."""
    content = b"BT /F1 %d Tf %d TL 10 830 Td\n" % (size, size + 1) + (b"(" + b"x" * 100 + b") Tj T*\n") * (per_page // 100) + b"ET\n"
    kids = b" ".join(b"%d 0 R" % (5 + n) for n in range(pages))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
    return badfiles.pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages), badfiles.pdf_stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", *([page] * pages),
    ])


def test_a_pdf_with_more_characters_than_any_report_is_stopped_where_it_goes_past(tmp_path, monkeypatch):
    from core.readers import limits, read_document

    monkeypatch.setattr(limits, "MAX_PDF_CHARS", 2_500)  # the limit's workings, on a small file
    path = tmp_path / "多字.pdf"
    path.write_bytes(_page_of_characters(3, 1_000))
    with pytest.raises(ReadError) as caught:
        read_document(str(path))
    assert caught.value.code == "too_complex" and "到第3页为止已有超过2500个字" in caught.value.message


def test_a_page_with_more_characters_than_any_reports_page_is_refused(tmp_path):
    from core.readers import read_document

    path = tmp_path / "一页两万字.pdf"
    path.write_bytes(_page_of_characters(1, 20_000, size=4))
    with pytest.raises(ReadError) as caught:
        read_document(str(path))
    assert caught.value.code == "too_complex" and "超过10000个字" in caught.value.message


def test_characters_printed_twice_are_looked_for_in_proportion_to_the_page():
    from core.readers.pdf import _has_doubled_chars

    def row(n: int) -> list[dict]:
        return [{"text": "0", "top": 100.0, "x0": 1.5 * i} for i in range(n)]  # one long row, none twice

    _grows_in_proportion(_has_doubled_chars, row, 5_000)
    assert not _has_doubled_chars(row(100))
    assert _has_doubled_chars(row(100) + [{"text": "0", "top": 100.4, "x0": 30.6}])  # the 21st again, 0.6 pt on


# --- web pages --------------------------------------------------------------------------------------------


def test_the_seeds_portal_pages_look_for_their_navigation_far_within_the_budget(html_corpus, monkeypatch):
    from core.readers import html, read_document
    from core.readers.limits import MAX_WALK

    spent: list[int] = []
    real = html.check_walk
    monkeypatch.setattr(html, "check_walk", lambda places: (spent.append(places), real(places)))
    for rendering in html_corpus.seeds().values():
        read_document(str(rendering.path("html")))
    assert 1_000 < max(spent) < MAX_WALK / 20


# --- workbooks ------------------------------------------------------------------------------------------


def test_a_merged_range_past_the_sheets_cells_is_cut_to_them(tmp_path):
    from core.readers.xlsx import _clip_merged_ranges

    data = badfiles.xlsx_merged_to_the_end(badfiles.sample_xlsx(tmp_path).read_bytes())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        clipped = _clip_merged_ranges(archive, data)
    sheet = zipfile.ZipFile(io.BytesIO(clipped)).read("xl/worksheets/sheet1.xml")
    assert b"XFD1048576" not in sheet and b'ref="K1:K1"' in sheet  # past every cell: merges nothing
    original = zipfile.ZipFile(badfiles.sample_xlsx(tmp_path)).read("xl/worksheets/sheet1.xml")
    assert sheet.count(b"<mergeCell ") == original.count(b"<mergeCell ") + 1
    for ref in re.findall(rb'<mergeCell ref="([^"]+)"', original):
        assert b'ref="%s"' % ref in sheet  # the sheet's own ranges as they were
