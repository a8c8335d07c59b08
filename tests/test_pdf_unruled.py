"""Tables without column rules, where the words' positions do not tell everything: what is not certain stays unread.

The lines are laid out as LibreOffice prints table 三 without rules (labels from x 57, seven columns of figures
from x 304, 34 points apart, a line every 15.6 points), then changed where a real file can go wrong.
"""
from __future__ import annotations

from core.assemble import build_report
from core.check import check
from core.document import Document, Doubt, Para
from core.formats import FORMATS
from core.model import Location, Written
from core.readers.pdf import _blocks
from core.readers.pdf_tables import group_tables
from core.readers.pdf_text import Line
from core.readers.pdf_unruled import find_unruled

SIZE = 10.0
LANES = [304 + 34 * n for n in range(7)]
T3 = FORMATS["2021"].t3
LEAVES = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def line(top: float, *words: tuple[str, float], page: int = 1) -> Line:
    """A line of words, each at its x; characters as wide as the font (half as wide for digits and Latin)."""
    glyphs = []
    for text, x in words:
        for char in text:
            width = SIZE if ord(char) > 0x2E80 else SIZE * 0.6
            glyphs.append((char, x, x + width))
            x += width
    text = " ".join(w for w, _ in words)
    gaps = len(words) > 1
    return Line(text, page, glyphs[0][1], glyphs[-1][2], top, top + SIZE, SIZE, tuple(glyphs) if gaps else ())


def header(top: float, leaves=LEAVES) -> list[Line]:
    """The header as LibreOffice sets it in narrow cells: the column labels two characters a line."""
    lines = [line(top, ("申请人情况", 396)), line(top + 15.6, ("法人或其他组织", 386))]
    corner = ["（本列数据的勾稽关系为：第一项加第", "二项之和，等于第三项加第四项之和）"]
    for n in range(3):
        words = [(leaf[2 * n : 2 * n + 2], x + 5) for leaf, x in zip(leaves, LANES) if leaf[2 * n : 2 * n + 2]]
        if n < len(corner):
            words.insert(0, (corner[n], 60))
        lines.append(line(top + 31.2 + 15.6 * n, *words))
    return lines


def rows(top: float, values=None) -> list[Line]:
    """A line a row, its label wrapped at 24 characters (its cell full) (the rest on the next line), its figures on the first."""
    out = []
    for row in T3.rows:
        figures = values(row.id) if values else ["1"] * 6 + ["6"]
        label = row.label
        out.append(line(top, (label[:24], 57), *((f, x) for f, x in zip(figures, LANES) if f)))
        top += 15.6
        if len(label) > 24:
            out.append(line(top, (label[24:], 57)))
            top += 15.6
    return out


def report_of(lines: list[Line]):
    heading = Location("x.pdf", "pdf", page=1)
    items = [line(30, ("三、收到和处理政府信息公开申请情况", 111)), *lines]
    blocks = _blocks(find_unruled(group_tables(items)), "x.pdf")
    paras = [Para(f"{n}、{h}", heading, doubt=Doubt.PDF_TEXT) for n, h in (("一", "总体情况"), ("二", "主动公开政府信息情况"))]
    return build_report(Document("x.pdf", "pdf", "f", [*paras, *blocks]))


def t3_values(report) -> dict[str, object]:
    return {cid: report.cells[cid].value for cid in T3.cell_ids}


def test_a_table_laid_out_so_is_read():
    report = report_of([*header(60), *rows(140)])
    assert set(t3_values(report).values()) == {1, 6}
    grid = next(g for g in report.document.grids)
    assert grid.doubt is Doubt.INFERRED_COLUMNS and grid.has_grid


def test_a_blank_cell_takes_no_other_columns_number():
    report = report_of([*header(60), *rows(140, lambda rid: ["", "1", "1", "1", "1", "1", "5"] if rid == "3.1" else ["1"] * 6 + ["6"])])
    assert report.cells["t3:3.1/natural"].written is Written.BLANK
    assert [report.value(f"t3:3.1/{c.id}") for c in T3.columns[1:]] == [1, 1, 1, 1, 1, 5]


def test_a_header_that_does_not_tell_two_columns_apart_leaves_every_row_unread():
    """Two columns' labels in one word over both lanes: which is 商业企业? The figures are not put in the form's
    order; the table is said to be unreadable, not missing."""
    leaves = ["自然人", "商业企业科研机构", "", "社会公益组织", "法律服务机构", "其他", "总计"]
    report = report_of([*header(60, leaves), *rows(140)])
    assert all(v is None for v in t3_values(report).values())
    st2 = next(f for f in check(report).findings if f.key == "ST-2:t3")
    assert "读不出表格" in st2.message and "请按格式补上表格" not in st2.message


def test_two_figures_for_one_cell_leave_it_unread():
    """A row whose label is beside two figures in one column (which is its own?): that cell is not read."""
    lines = [*header(60), *rows(140)]
    row = next(ln for ln in lines if ln.text.startswith("（一）"))
    lines.append(line(row.top + 5, ("9", LANES[0])))  # a second figure in the first column, beside row （一）
    report = report_of(sorted(lines, key=lambda ln: ln.top))
    assert report.cells["t3:3.1/natural"].written is Written.MISSING
    assert report.value("t3:3.1/business") == 1 and report.value("t3:1/natural") == 1
    assert 9 not in t3_values(report).values()


def test_a_figure_between_two_columns_is_not_read():
    lines = [*header(60), *rows(140)]
    row = next(n for n, ln in enumerate(lines) if ln.text.startswith("（一）"))
    label = T3.row("3.1").label
    lines[row] = line(lines[row].top, (label, 57), ("1", LANES[0]), ("7", (LANES[1] + LANES[2]) / 2 + 3),
                      *(("1", x) for x in LANES[3:6]), ("6", LANES[6]))
    report = report_of(lines)
    assert 7 not in t3_values(report).values()
    assert report.value("t3:3.1/natural") == 1 and report.value("t3:3.1/ngo") == 1
