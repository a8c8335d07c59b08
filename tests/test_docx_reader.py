"""Word files as clerks write them: the official template filled in, and the shapes real files take."""
from __future__ import annotations

import io
import shutil
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from core.api import open_report
from core.check import check
from core.findings import Outcome
from core.readers.docx import read
from core.readers.errors import ReadError
from core.readers.word_numbering import chinese_count, format_number
from tests.fixtures.compare import cell_differences, new_notes, reading
from tests.fixtures.docx_render import DECOY_NESTED, DECOY_YEAR_TITLE, TEMPLATE
from tests.fixtures.files import converted


@pytest.mark.parametrize("name", ["001", "004"])
@pytest.mark.slow
def test_every_cell_is_located_where_python_docx_finds_it(docx_corpus, seed_reports, name):
    """Location.table/row/col are the body-level table, its w:tr and the grid column: python-docx's own grid agrees."""
    path = docx_corpus.seeds()[name].path("docx")
    report = open_report(str(path))
    tables = docx.Document(str(path)).tables
    located = 0
    for cell in report.cells.values():
        if cell.raw is None:
            continue
        loc = cell.loc
        assert tables[loc.table].cell(loc.row, loc.col).text == cell.raw, cell.id
        located += 1
    assert located == sum(1 for c in seed_reports[name].cells.values() if c.raw is not None)


def test_merged_cells_are_counted_once_and_line_breaks_kept(docx_corpus):
    document = read("t.docx", docx_corpus.seeds()["004"].path("docx").read_bytes(), "x")
    t3 = [g for g in document.grids if any("申请人情况" in c.text for r in g.rows for c in r)][0]
    header = t3.rows[2]  # the row of 商业企业 … 其他, under two vertically merged cells
    assert [(c.text, c.col, c.span, c.covered) for c in header] == [
        ("", 0, 3, True),
        ("", 3, 1, True),
        ("商业\n企业", 4, 1, False),
        ("科研\n机构", 5, 1, False),
        ("社会公益组织", 6, 1, False),
        ("法律服务机构", 7, 1, False),
        ("其他", 8, 1, False),
        ("", 9, 1, True),
    ]
    total = next(r for r in t3.rows if any(c.text == "（七）总计" for c in r))
    assert [(c.col, c.span) for c in total[:2]] == [(0, 1), (1, 2)] and total[0].covered


def test_auto_numbered_headings_take_their_number_from_word(docx_corpus, seed_reports):
    report = open_report(str(docx_corpus.variants()["auto-numbering"].path("docx")))
    sections = list(report.sections.values())
    assert [s.numbering for s in sections] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert sections[0].heading == "总体情况"  # the text itself has no number
    assert cell_differences(seed_reports["004"], report) == []
    st1 = [f for f in check(report).findings if f.rule == "ST-1"]
    assert len(st1) == 6 and all(f.outcome is Outcome.PASSED for f in st1)  # seed 004's typed 「1、」 is gone


@pytest.mark.parametrize("variant, name", [("t2-four-tables-2019", "001"), ("t2-four-tables-2021", "004")])
def test_table_two_as_four_word_tables(docx_corpus, seed_reports, variant, name):
    report = open_report(str(docx_corpus.variants()[variant].path("docx")))
    assert len(report.document.grids) == 3 + 3 + (1 if name == "001" else 0)  # 2019 has a fifth block
    assert cell_differences(seed_reports[name], report) == []
    assert not [f.key for f in check(report).findings if f.rule == "ST-3" and f.outcome is Outcome.FAILED]


def test_tables_placed_as_appendix_at_the_end(docx_corpus, seed_reports):
    report = open_report(str(docx_corpus.variants()["appendix"].path("docx")))
    assert cell_differences(seed_reports["003"], report) == []
    assert report.table_sections == {"t2": "s6", "t3": "s6", "t4": "s6"}
    st2 = [f for f in check(report).findings if f.rule == "ST-2"]
    assert st2 and all(f.outcome is Outcome.PASSED for f in st2)


def test_a_table_pasted_as_a_picture_is_reported_not_guessed(docx_corpus):
    report = open_report(str(docx_corpus.variants()["picture"].path("docx")))
    assert report.picture_tables == 1 and not report.tables_found["t3"]
    assert all(report.cells[cid].value is None for cid in report.layout.t3.cell_ids)
    finding = next(f for f in check(report).findings if f.key == "ST-2:t3")
    assert finding.outcome is Outcome.FAILED and "1张图片" in finding.message


def test_header_footer_text_box_and_nested_table_are_not_the_report(docx_corpus, seed_reports):
    report = open_report(str(docx_corpus.variants()["decoys"].path("docx")))
    assert report.meta.title == seed_reports["004"].meta.title
    texts = [b.text for b in report.document.paragraphs] + [c.text for g in report.document.grids for r in g.rows for c in r]
    assert not any(DECOY_YEAR_TITLE in t or DECOY_NESTED in t or "第1页" in t for t in texts)
    assert report.picture_tables == 0  # a text box is not a picture
    assert cell_differences(seed_reports["004"], report) == []


# The forms offices give a report (variant, seed): table 三 split by columns with 「（续表）」, tables in text boxes
# (WPS), the whole report in a one-cell layout table, each table in one of its own, the sections' headings typed
# as their tables' first rows.
OFFICE_FORMS = [("t3-split-2019", "001"), ("t3-split-2021", "004"), ("text-boxes", "001"), ("layout-table", "004"),
                ("layout-tables", "001"), ("heading-rows", "004")]


def _outcomes(result) -> list[tuple[str, Outcome]]:
    return [(f.key, f.outcome) for f in result.findings]


@pytest.mark.parametrize("variant, name", OFFICE_FORMS)
def test_a_report_in_the_forms_offices_give_it_gets_the_result_of_the_plain_file(docx_corpus, variant, name):
    plain = open_report(str(docx_corpus.seeds()[name].path("docx")))
    report = open_report(str(docx_corpus.variants()[variant].path("docx")))
    assert cell_differences(plain, report) == []
    assert new_notes(plain, report) == [] and reading(report) == reading(plain)
    assert _outcomes(check(report)) == _outcomes(check(plain))
    assert check(report).verdict == check(plain).verdict


def test_a_heading_typed_as_its_tables_first_row_is_its_sections_heading(docx_corpus):
    path = docx_corpus.variants()["heading-rows"].path("docx")
    report = open_report(str(path))
    rows = [c.text for g in report.document.grids for c in g.rows[0]]
    assert any(t.endswith("收到和处理政府信息公开申请情况") for t in rows)  # the fixture did put it in the table
    assert all(s.found for s in report.sections.values())
    assert report.table_sections == {"t2": "s2", "t3": "s3", "t4": "s4"}
    assert not [f for f in check(report).findings if f.is_error]


def test_table_three_split_by_columns_is_joined_by_its_row_labels(docx_corpus):
    report = open_report(str(docx_corpus.variants()["t3-split-2021"].path("docx")))
    t3 = [g for g in report.document.grids if any("申请人情况" in c.text for r in g.rows for c in r)]
    assert len(t3) == 2 and any(p.text == "（续表）" for p in report.document.paragraphs)
    natural, total = report.cell("t3:3.7/natural"), report.cell("t3:3.7/total")
    assert natural.loc.table != total.loc.table  # 自然人 from the first table, 总计 from the 续表
    assert (natural.loc.row, natural.value, total.value) == (total.loc.row, 2, 2)


def test_a_table_in_a_text_box_is_read_once_and_a_box_without_one_is_not_read(docx_corpus):
    """Word writes a text box twice (for new and for old readers): its table is one table. A text box holding
    only text (a stamp, a draft title) stays out of the report."""
    report = open_report(str(docx_corpus.variants()["text-boxes"].path("docx")))
    with zipfile.ZipFile(docx_corpus.variants()["text-boxes"].path("docx")) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert xml.count("<w:txbxContent>") == 6 and "<w:body><w:tbl>" not in xml  # three boxes, each written twice
    assert len(report.document.grids) == 3
    decoys = open_report(str(docx_corpus.variants()["decoys"].path("docx")))
    assert decoys.meta.title != DECOY_YEAR_TITLE


def test_hybrid_report_is_read_as_such(docx_corpus):
    report = open_report(str(docx_corpus.variants()["hybrid"].path("docx")))
    assert (report.layout.t2.variant, report.layout.t3.variant) == ("2021", "2019")
    assert next(f for f in check(report).findings if f.rule == "FMT-1").is_error


# --- hand-made Word structures --------------------------------------------------------------------------


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_grid_before_shifts_the_cells_of_a_row():
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for r in range(2):
        for c in range(3):
            table.cell(r, c).text = f"{r}{c}"
    tr = table.rows[1]._tr
    tr.remove(tr.tc_lst[0])
    tr.insert(0, parse_xml(f'<w:trPr {nsdecls("w")}><w:gridBefore w:val="1"/></w:trPr>'))
    grid = read("g.docx", _save(document), "x").grids[0]
    assert grid.has_grid
    assert [(c.text, c.col) for c in grid.rows[1]] == [("11", 1), ("12", 2)]
    assert (grid.rows[1][0].loc.table, grid.rows[1][0].loc.row, grid.rows[1][0].loc.col) == (0, 1, 1)


def test_cells_read_as_word_shows_them_tracked_changes_hidden_text_and_formula_fields():
    """A reviewer's tracked change, hidden text, and a =SUM field: the reader sees what Word shows."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=4)
    cells = [c._tc for c in table.rows[0].cells]
    runs = {
        0: '<w:del w:id="1" w:author="审核人"><w:r><w:delText>5</w:delText></w:r></w:del>'
           '<w:ins w:id="2" w:author="审核人"><w:r><w:t>6</w:t></w:r></w:ins>',
        1: '<w:r><w:t>1</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>9</w:t></w:r>',
        2: '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> =SUM(LEFT) </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
        3: '<w:moveFrom w:id="3" w:author="审核人"><w:r><w:t>旧</w:t></w:r></w:moveFrom>'
           '<w:moveTo w:id="4" w:author="审核人"><w:r><w:t>新</w:t></w:r></w:moveTo>',
    }
    for n, xml in runs.items():
        paragraph = cells[n].find(qn("w:p"))
        for run in parse_xml(f'<w:p {nsdecls("w")}>{xml}</w:p>'):
            paragraph.append(run)
    row = read("t.docx", _save(document), "x").grids[0].rows[0]
    assert [c.text for c in row] == ["6", "1", "7", "新"]


def _numbered_document() -> bytes:
    """Paragraphs numbered by two lists of one definition, the second restarting, and a numbered heading style."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="10">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
        "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="21"><w:abstractNumId w:val="10"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="22"><w:abstractNumId w:val="10"/></w:num>'))
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="23"><w:abstractNumId w:val="10"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    heading = document.styles["Heading 1"]
    heading.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="21"/></w:numPr>'))
    for text, num_id, ilvl, style in [
        ("总体情况", None, None, "Heading 1"),  # numbered by its style: 一、
        ("主动公开", "21", 1, None),  # （一）
        ("依申请公开", "21", 1, None),  # （二）
        ("细目", "21", 2, None),  # 3. (its own start)
        ("主动公开政府信息情况", "22", 0, None),  # another list of the same definition continues: 二、
        ("（空行）", "0", 0, None),  # numId 0: no number
        ("新的列表", "23", 0, None),  # a list that restarts: 一、
    ]:
        paragraph = document.add_paragraph(text, style=style)
        if num_id is not None:
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    document.add_paragraph("", style="Heading 1")  # an empty numbered paragraph takes no number
    document.add_paragraph("其他需要报告的事项", style="Heading 1")
    return _save(document)


def test_word_list_numbering_is_computed_in_document_order():
    paragraphs = read("n.docx", _numbered_document(), "x").paragraphs
    assert [(p.text, p.numbering) for p in paragraphs] == [
        ("总体情况", "一、"),
        ("主动公开", "（一）"),
        ("依申请公开", "（二）"),
        ("细目", "3."),
        ("主动公开政府信息情况", "二、"),
        ("（空行）", ""),
        ("新的列表", "一、"),
        ("其他需要报告的事项", "三、"),
    ]
    assert paragraphs[0].heading_level == 1 and paragraphs[1].heading_level is None
    assert paragraphs[0].loc.paragraph == 0 and paragraphs[-1].loc.paragraph == 8  # the empty one is counted


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"), (100, "一百"),
                                     (105, "一百零五"), (110, "一百一十"), (1001, "一千零一")])
def test_chinese_counting(n, text):
    assert chinese_count(n) == text


@pytest.mark.parametrize("fmt, n, text", [("decimal", 7, "7"), ("decimalEnclosedCircle", 3, "③"), ("upperLetter", 28, "BB"),
                                          ("lowerRoman", 9, "ix"), ("ideographTraditional", 2, "乙"),
                                          ("chineseLegalSimplified", 12, "壹拾贰"), ("decimalZero", 4, "04"), ("bullet", 1, "")])
def test_number_formats(fmt, n, text):
    assert format_number(n, fmt) == text


# --- files that are not what they say, or that are hostile -----------------------------------------------


def _with_document_xml(data: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                content = change(content)
            target.writestr(info, content)
    return out.getvalue()


def _template_bytes() -> bytes:
    return TEMPLATE.read_bytes()


def _with_doctype(doctype: str, replacement: str) -> bytes:
    """The template with a DOCTYPE declaring entities, and the title's text replaced by entity references."""

    def change(xml: bytes) -> bytes:
        head, rest = xml.split(b"?>", 1)
        rest = rest.replace("政府信息公开工作年度报告格式模板".encode(), replacement.encode(), 1)
        return head + b"?>" + doctype.encode() + rest

    return _with_document_xml(_template_bytes(), change)


def test_python_docx_parser_resolves_no_entity(tmp_path):
    """Behind the reader's refusal of any DTD (next test), python-docx's own parser expands nothing either."""
    from docx.oxml.parser import parse_xml

    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")
    xml = (f'<!DOCTYPE w:t [<!ENTITY xxe SYSTEM "{secret.as_uri()}"><!ENTITY one "一">]>'
           '<w:t xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">标题&xxe;&one;</w:t>')
    element = parse_xml(xml.encode())
    assert "".join(element.itertext()) == "标题&xxe;&one;"  # left as written: neither the file nor even "一" is put in


def test_an_external_entity_is_refused_and_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")
    data = _with_doctype(f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>', "标题&xxe;")
    with pytest.raises(ReadError) as error:
        read("x.docx", data, "x")
    assert error.value.code == "unsafe" and "机密内容" not in error.value.message


def test_an_entity_bomb_is_refused_at_once():
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 8}">' for i in range(1, 10))
    data = _with_doctype(f'<!DOCTYPE w:document [<!ENTITY l0 "哈">{laughs}]>', "标题&l9;")
    with pytest.raises(ReadError) as error:
        read("bomb.docx", data, "x")
    assert error.value.code == "unsafe" and "另存" in error.value.message


def test_an_old_word_file_named_docx_gets_a_message(tmp_path, docx_corpus):
    renamed = tmp_path / "报告.docx"
    shutil.copy(converted(docx_corpus.seeds()["004"].path("docx"), "doc"), renamed)
    with pytest.raises(ReadError) as error:
        open_report(str(renamed))
    assert error.value.code == "unsupported_format"
    assert "实际是Word 97-2003 文档（.doc）" in error.value.message and "另存为" in error.value.message


def test_a_password_protected_docx_gets_a_message(tmp_path, docx_corpus):
    from msoffcrypto.format.ooxml import OOXMLFile

    path = tmp_path / "加密.docx"
    with open(docx_corpus.seeds()["004"].path("docx"), "rb") as source, open(path, "wb") as target:
        OOXMLFile(source).encrypt("1234", target)
    with pytest.raises(ReadError) as error:
        open_report(str(path))
    assert error.value.code == "encrypted" and "打开密码" in error.value.message


@pytest.mark.slow
def test_a_word_template_named_docx_gets_a_message(tmp_path, docx_corpus):
    renamed = tmp_path / "模板.docx"
    shutil.copy(converted(docx_corpus.seeds()["004"].path("docx"), "dotx"), renamed)
    with pytest.raises(ReadError) as error:
        open_report(str(renamed))
    assert error.value.code == "unsupported_format" and "模板" in error.value.message


@pytest.mark.parametrize("damage", ["truncated", "not_word"])
def test_a_damaged_docx_gets_a_message(tmp_path, damage):
    data = _template_bytes()
    if damage == "truncated":
        data = data[: len(data) // 2]
    else:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("readme.txt", "not a document")
        data = out.getvalue()
    path = tmp_path / "坏文件.docx"
    path.write_bytes(data)
    with pytest.raises(ReadError) as error:
        open_report(str(path))
    assert error.value.code in ("corrupt", "unsupported_format")
    assert "Traceback" not in error.value.message and ("损坏" in error.value.message or "另存为" in error.value.message)


def test_a_zip_that_unpacks_to_too_much_is_refused(tmp_path, monkeypatch):
    import core.readers.limits as limits

    monkeypatch.setattr(limits, "MAX_UNPACKED_BYTES", 100_000)
    path = tmp_path / "炸弹.docx"
    path.write_bytes(_template_bytes())  # unpacks to ~300 KB: over the lowered limit
    with pytest.raises(ReadError) as error:
        open_report(str(path))
    assert error.value.code == "too_large"
