"""How sure a reading is decides the severity: what a reader unsure of its blocks did not find is
「未能读出」 (not assessable, open the Word original), never 【错误】「缺少…」; a clean read that lacks it
still gets the error.

The documents are LibreOffice's PDF of a seed as the PDF reader reads it, with blocks marked here the way
the readers mark them (`Doubt.PDF_TEXT` on every PDF paragraph, `INFERRED_COLUMNS` on a table whose columns
were told from positions, `SCAN` on recognised text) and a section, a row or a table taken out.
"""
from __future__ import annotations

import pytest

from core.assemble import build_report
from core.check import check
from core.document import Document, Doubt, Grid, Para
from core.findings import Outcome
from core.readers import read_document
from core.rules.unread import ADVICE
from core.serialize import result_dict


def _pdf_document(pdf_corpus, name: str = "004") -> Document:
    return read_document(str(pdf_corpus.seeds()[name].path("pdf")))


def _mark(document: Document, paragraphs: Doubt | None = None, grids: Doubt | None = None) -> Document:
    """The blocks marked as a reader that is so sure or unsure of them would (no doubt on the paragraphs: a
    clean read of the same text, though the PDF reader marks its paragraphs PDF_TEXT)."""
    for block in document.blocks:
        if isinstance(block, Para):
            block.doubt = paragraphs
        elif grids is not None:
            block.doubt = grids
    return document


def _without_heading(document: Document, words: str) -> Document:
    document.blocks = [b for b in document.blocks if not (isinstance(b, Para) and words in b.text)]
    return document


def _without_row(document: Document, words: str) -> Document:
    for grid in document.grids:
        grid.rows = [row for row in grid.rows if not any(words in cell.text for cell in row)]
    return document


def _without_table(document: Document, words: str) -> Document:
    document.blocks = [b for b in document.blocks if not (isinstance(b, Grid) and any(words in c.text for r in b.rows for c in r))]
    return document


def _finding(result, key: str):
    return next(f for f in result.findings if f.key == key)


@pytest.mark.parametrize("doubt", [Doubt.PDF_TEXT, Doubt.PDF_COPY, Doubt.SCAN])
def test_a_section_not_found_in_text_read_with_doubts_is_unread_not_missing(pdf_corpus, doubt):
    document = _without_heading(_mark(_pdf_document(pdf_corpus), paragraphs=doubt), "存在的主要问题")
    result = check(build_report(document))
    st1 = _finding(result, "ST-1:s5")
    assert st1.outcome is Outcome.NOT_ASSESSABLE and not st1.is_error
    assert st1.message.startswith("未能读出第五部分「五、存在的主要问题及改进情况」") and ADVICE in st1.message
    assert "缺少第" not in st1.message
    assert result.ok and result.verdict.level == "verify"
    assert result_dict("x.pdf", result)["meta"]["doubts"] == [doubt.value]


def test_the_same_section_missing_from_a_clean_read_is_an_error(pdf_corpus):
    result = check(build_report(_without_heading(_mark(_pdf_document(pdf_corpus)), "存在的主要问题")))
    st1 = _finding(result, "ST-1:s5")
    assert st1.is_error and st1.message == "缺少第五部分「五、存在的主要问题及改进情况」。"
    assert result.verdict.level == "error"
    assert result_dict("x.pdf", result)["meta"]["doubts"] == []


def test_rows_not_found_in_a_table_whose_columns_were_inferred_are_one_unread_line(pdf_corpus):
    document = _mark(_pdf_document(pdf_corpus), paragraphs=Doubt.PDF_TEXT, grids=Doubt.INFERRED_COLUMNS)
    for words in ("1.属于国家秘密", "2.重复申请"):
        _without_row(document, words)
    report = build_report(document)
    assert report.unsure("t3") is Doubt.INFERRED_COLUMNS
    result = check(report)
    unread = _finding(result, "ST-3:t3:unread")
    assert unread.outcome is Outcome.NOT_ASSESSABLE
    assert "表三的2行（「（三）1.属于国家秘密」「（五）2.重复申请」）" in unread.message and "没有竖线" in unread.message
    assert {"t3:3.3.1/natural", "t3:3.5.2/total"} <= set(unread.cells)
    assert not [f for f in result.findings if f.rule == "ST-3" and f.is_error]
    # The balances that need the unread rows cannot be made: not assessable, never a failure.
    assert _finding(result, "T3-2:total").outcome is Outcome.NOT_ASSESSABLE
    assert result.ok


def test_rows_missing_from_a_ruled_table_are_errors_though_the_text_was_inferred(pdf_corpus):
    """A ruled table states its rows: a row absent from it is absent, whatever the paragraphs' doubt."""
    document = _without_row(_mark(_pdf_document(pdf_corpus), paragraphs=Doubt.PDF_TEXT), "1.属于国家秘密")
    result = check(build_report(document))
    missing = next(f for f in result.findings if f.rule == "ST-3" and "1.属于国家秘密" in f.message)
    assert missing.is_error and missing.message == "表三缺少「（三）1.属于国家秘密」行。"


def test_a_table_not_found_in_a_document_read_with_doubts_is_unread(pdf_corpus):
    document = _without_table(_mark(_pdf_document(pdf_corpus), paragraphs=Doubt.SCAN, grids=Doubt.SCAN), "行政复议")
    result = check(build_report(document))
    st2 = _finding(result, "ST-2:t4")
    assert st2.outcome is Outcome.NOT_ASSESSABLE and st2.message.startswith("未能读出表四「政府信息公开行政复议、行政诉讼情况」")
    assert "扫描件" in st2.message
    assert result.ok
    clean = check(build_report(_without_table(_mark(_pdf_document(pdf_corpus)), "行政复议")))
    assert _finding(clean, "ST-2:t4").is_error


def test_a_format_told_from_rows_read_with_doubts_is_not_a_failure(pdf_corpus):
    """Table 三's three （六） rows of the 2021 form not read, but the block's label with a row of numbers is:
    that is the 2019 form's one-row （六）其他处理, and table 二 is the 2021 form's — a hybrid, were the rows sure."""

    def one_row_other_handling(document: Document) -> Document:
        for words in ("申请人无正当理由逾期不补正", "申请人逾期未按收费通知"):
            _without_row(document, words)
        for grid in document.grids:
            for row in grid.rows:
                for cell in row:
                    if cell.text.strip() in ("3.其他", "（六）其他处理"):
                        cell.text = "（六）其他处理" if cell.text.strip() == "3.其他" else ""
        return document

    clean = build_report(one_row_other_handling(_mark(_pdf_document(pdf_corpus))))
    assert clean.layout.name == "hybrid" and _finding(check(clean), "FMT-1").is_error
    document = _mark(_pdf_document(pdf_corpus), paragraphs=Doubt.PDF_TEXT, grids=Doubt.INFERRED_COLUMNS)
    report = build_report(one_row_other_handling(document))
    assert report.layout.name == "hybrid"
    fmt = _finding(check(report), "FMT-1")
    assert fmt.outcome is Outcome.NOT_ASSESSABLE and "新旧格式混用" in fmt.message and "未能读出全部行名" in fmt.message
