"""The corrected Word report: a copy of the original .docx in which only the corrected cells' text differs.

Each case is a real .docx (the seeds filled into the official template in both formats, table 二 as
four Word tables, a file with a text box and a nested table, blank cells, a row starting further right
by w:gridBefore, and the official blank template itself as Word/WPS saved it) with corrections made as
the window makes them: in `report.corrections`. The copy is compared with the original part by part
and, in the document, element by element; read back; and opened by LibreOffice.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from core.api import open_report
from core.export.docx import DocxExport, export_docx
from core.model import Report, Written
from core.platform.fileio import WriteError
from core.readers.docx import cell_places, fallback_twin
from tests.conftest import ROOT, SAMPLE
from tests.fixtures import corpus, files, libreoffice
from tests.fixtures.compare import cell_differences
from tests.fixtures.docx_render import TEMPLATE

DOCUMENT = "word/document.xml"
_TEXT = tuple(qn(t) for t in ("w:t", "w:tab", "w:br", "w:cr", "w:noBreakHyphen"))
_RPR = qn("w:rPr")


@dataclass
class Case:
    source: Path
    corrections: dict  # cell id → value
    blank: tuple[str, ...] = ()  # corrected cells that were blank in the original
    missing: tuple[str, ...] = ()  # corrected cells the original lacks


@dataclass
class Exported:
    original: Report
    copy: Path
    summary: DocxExport


def _corrections(report: Report, cells: list[str]) -> dict:
    """A value for each cell that no cell of these reports holds, so a value found is the one written."""
    return {cid: 701 + n for n, cid in enumerate(cells)}


def _located(report: Report, table: str) -> list[str]:
    return [cid for cid, c in report.cells.items() if cid.startswith(table + ":") and c.loc is not None]


def _usual(path: Path, *extra: str) -> list[str]:
    """A cell of table 二, （七）总计 (a row whose label spans two grid columns under a merged cell), a cell of table 四."""
    report = open_report(str(path))
    return [_located(report, "t2")[1], "t3:3.7/natural", _located(report, "t4")[-1], *extra]


def _with_grid_before(source: Path, target: Path) -> Path:
    """The report with table 三's row 「2.其他法律行政法规禁止公开」 starting at grid column 2 (w:gridBefore):
    its two cells under the merged labels deleted, as a row looks whose first cells were removed in WPS."""
    document = docx.Document(str(source))
    tr = next(row._tr for table in document.tables for row in table.rows if "其他法律行政法规禁止公开" in row._tr.xml)
    for tc in tr.findall(qn("w:tc"))[:2]:
        tr.remove(tc)
    tr.get_or_add_trPr().insert(0, parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="2"/>'))
    document.save(str(target))
    return target


def _blank_cells() -> files.Rendering:
    data = corpus.seed_data()["001"]
    cells = dict(data.cells, **{"t3:3.2/natural": "", "t4:1/review.other": ""})
    return files.Rendering("docx-export-blank-cells", replace(data, cells=cells))


@pytest.fixture(scope="module")
def cases(docx_corpus, tmp_path_factory) -> dict[str, Case]:
    seeds, variants = docx_corpus.seeds(), docx_corpus.variants()
    blank = _blank_cells()
    files.make([blank])
    folder = tmp_path_factory.mktemp("originals")
    grid_before = _with_grid_before(seeds["001"].path("docx"), folder / "grid-before.docx")
    paths = {name: seeds[name].path("docx") for name in ("000", "001", "004")}
    four = variants["t2-four-tables-2021"].path("docx")
    t2_four = _located(open_report(str(four)), "t2")
    made = {
        "seed-000": Case(paths["000"], {}, missing=("t2:rules/total_published",)),
        "seed-001": Case(paths["001"], {}),
        "seed-004": Case(paths["004"], {}),
        "t2-four-tables": Case(four, {}),
        "decoys": Case(variants["decoys"].path("docx"), {}),
        "blank-cells": Case(blank.path("docx"), {}, blank=("t3:3.2/natural", "t4:1/review.other")),
        "grid-before": Case(grid_before, {}),
        "template-2021": Case(TEMPLATE, {}),
        "t3-split": Case(variants["t3-split-2021"].path("docx"), {}),
        "text-boxes": Case(variants["text-boxes"].path("docx"), {}),
        "layout-tables": Case(variants["layout-tables"].path("docx"), {}),
    }
    extra = {
        "seed-000": ["t2:rules/total_published"],
        "t2-four-tables": [t2_four[8], t2_four[-1]],  # in the second and the fourth Word table
        "blank-cells": ["t3:3.2/natural", "t4:1/review.other"],
        "grid-before": ["t3:3.3.2/business", "t3:3.3.2/total"],
        "t3-split": ["t3:3.3.2/business", "t3:3.3.2/total"],  # in the first part and in the 续表
    }
    for name, case in made.items():
        report = open_report(str(case.source))
        case.corrections = _corrections(report, _usual(case.source, *extra.get(name, [])))
    made["seed-001"].corrections["t3:1/natural"] = Decimal("12.50")  # written as 12.5
    made["template-2021"].blank = tuple(made["template-2021"].corrections)  # every cell of the template is blank
    return made


@pytest.fixture(scope="module")
def exported(cases, tmp_path_factory) -> dict[str, Exported]:
    folder = tmp_path_factory.mktemp("copies")
    out = {}
    for name, case in cases.items():
        report = open_report(str(case.source))
        report.corrections = dict(case.corrections)
        target = folder / f"{name}.docx"
        out[name] = Exported(report, target, export_docx(report, str(target)))
    return out


CASES = ["seed-000", "seed-001", "seed-004", "t2-four-tables", "decoys", "blank-cells", "grid-before", "template-2021",
         "t3-split", "text-boxes", "layout-tables"]


def test_the_special_originals_are_what_they_claim(cases, seed_reports):
    grid_before = open_report(str(cases["grid-before"].source))
    assert cell_differences(seed_reports["001"], grid_before) == []
    assert grid_before.cells["t3:3.3.2/business"].loc.col == 4  # two grid columns skipped, then label and 自然人
    blank = open_report(str(cases["blank-cells"].source))
    assert all(blank.cells[cid].written is Written.BLANK for cid in cases["blank-cells"].blank)
    template = open_report(str(TEMPLATE))
    assert all(c.written is Written.BLANK for c in template.cells.values())


@pytest.mark.parametrize("name", CASES)
def test_every_entry_but_the_document_is_copied_byte_for_byte(exported, name):
    with zipfile.ZipFile(exported[name].original.source) as before, zipfile.ZipFile(exported[name].copy) as after:
        old, new = before.infolist(), after.infolist()
        assert [i.filename for i in new] == [i.filename for i in old]
        assert [(i.compress_type, i.date_time) for i in new] == [(i.compress_type, i.date_time) for i in old]
        changed = [i.filename for i in old if before.read(i) != after.read(i.filename)]
    assert changed == [DOCUMENT]


def _tree(path) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(DOCUMENT))


def _cells(root, report: Report, cids) -> list:
    places = cell_places(root.find(qn("w:body")))
    return [places[c.loc.table, c.loc.row, c.loc.col] for c in map(report.cells.get, cids)]


def _text_runs(tc) -> list:
    return [r for r in tc.iter(qn("w:r")) if r.find(qn("w:t")) is not None]


def _masked(root, tcs) -> bytes:
    """The document with the text of `tcs` taken out, and the runs that held nothing but that text."""
    for tc in tcs:
        for run in list(tc.iter(qn("w:r"))):
            for element in list(run.iterchildren(*_TEXT)):
                run.remove(element)
            if all(child.tag == _RPR for child in run):
                run.getparent().remove(run)
    return etree.tostring(root, method="c14n")


def _c14n(element) -> bytes | None:
    return etree.tostring(element, method="c14n") if element is not None else None


@pytest.mark.parametrize("name", CASES)
@pytest.mark.slow
def test_only_the_corrected_cells_text_differs_in_the_document(exported, cases, name):
    done, case = exported[name], cases[name]
    written = [cid for cid in case.corrections if cid not in case.missing]
    assert done.summary.written == tuple(c for c in done.original.cells if c in written)
    old, new = _tree(done.original.source), _tree(done.copy)
    old_cells, new_cells = _cells(old, done.original, written), _cells(new, done.original, written)
    new_runs = []
    for cid, before, after in zip(written, old_cells, new_cells):
        shown = "".join(t.text or "" for t in after.iter(qn("w:t")))
        assert shown == ("12.5" if case.corrections[cid] == Decimal("12.50") else str(case.corrections[cid])), cid
        [run] = _text_runs(after)  # the other runs lost their text
        if _text_runs(before):
            assert _c14n(run.find(_RPR)) == _c14n(_text_runs(before)[0].find(_RPR)), cid  # the same font and size
        else:  # a cell without a run: a new one, like the row's other values
            assert _c14n(run.find(_RPR)) in _row_styles(old, done.original, cid), cid
            new_runs.append(cid)
    assert set(new_runs) >= {cid for cid in case.blank if not _text_runs(old_cells[written.index(cid)])}
    assert bool(new_runs) == (name in ("blank-cells", "template-2021"))
    # A table in a text box is written twice (for new and old readers): the copy old readers show is corrected too.
    twins = [(cid, fallback_twin(tc)) for cid, tc in zip(written, new_cells)]
    assert all(twin is not None for _, twin in twins) == (name == "text-boxes") or not twins
    for cid, twin in twins:
        if twin is not None:
            assert "".join(t.text or "" for t in twin.iter(qn("w:t"))) == str(case.corrections[cid]), cid
    old_twins = [t for t in map(fallback_twin, old_cells) if t is not None]
    new_twins = [t for _, t in twins if t is not None]
    assert _masked(new, new_cells + new_twins) == _masked(old, old_cells + old_twins)


def _row_styles(root, report: Report, cid: str) -> set:
    """The run properties of the row's other value cells that hold text, or else of the cell's paragraph mark."""
    loc = report.cells[cid].loc
    row = [c for c, cell in report.cells.items() if c != cid and cell.loc and (cell.loc.table, cell.loc.row) == (loc.table, loc.row)]
    styles = {_c14n(r.find(_RPR)) for tc in _cells(root, report, row) for r in _text_runs(tc)}
    [tc] = _cells(root, report, [cid])
    return styles or {_c14n(tc.find(f"{qn('w:p')}/{qn('w:pPr')}/{_RPR}"))}


@pytest.mark.parametrize("name", CASES)
def test_reading_the_copy_gives_the_corrections_there_and_the_original_everywhere_else(exported, cases, name):
    done, case = exported[name], cases[name]
    back = open_report(str(done.copy))
    for cid, cell in done.original.cells.items():
        read = back.cells[cid]
        place = (read.loc.table, read.loc.row, read.loc.col) if read.loc else None
        if cid in case.corrections and cid not in case.missing:
            assert (read.value, read.written) == (case.corrections[cid], Written.NUMBER), cid
        else:
            assert (read.value, read.written, read.raw) == (cell.value, cell.written, cell.raw), cid
        assert place == ((cell.loc.table, cell.loc.row, cell.loc.col) if cell.loc else None), cid
    assert (back.layout.name, back.year, back.agency) == (done.original.layout.name, done.original.year, done.original.agency)


def test_a_cell_the_original_lacks_is_listed_as_not_written(exported):
    summary = exported["seed-000"].summary
    assert summary.not_written == ("t2:rules/total_published",)
    assert "没有写入：表二规章·对外公开总数量" in summary.message
    assert len(summary.written) == 3 and exported["seed-000"].copy.exists()
    assert all(not e.summary.not_written and not e.summary.message for n, e in exported.items() if n != "seed-000")


@pytest.mark.skipif(not libreoffice.available(), reason="LibreOffice is not installed")
@pytest.mark.slow
def test_libreoffice_opens_every_copy_and_prints_the_corrected_values(exported, cases, tmp_path):
    """Each copy converted to PDF by LibreOffice, and that PDF read as a report: the corrections are on the page."""
    copies = [exported[name].copy for name in CASES]
    for name, pdf in zip(CASES, libreoffice.convert_all(copies, "pdf", tmp_path / "pdf", tmp_path)):
        assert pdf.exists(), name
        printed, case = open_report(str(pdf)), cases[name]
        wrong = {cid: printed.value(cid) for cid, v in case.corrections.items() if cid not in case.missing and printed.value(cid) != v}
        assert wrong == {}, name


# --- nothing to change, and what may not be written ----------------------------------------


def test_without_corrections_the_copy_is_the_original(docx_corpus, tmp_path):
    source = docx_corpus.seeds()["004"].path("docx")
    summary = export_docx(open_report(str(source)), str(tmp_path / "副本.docx"))
    assert (tmp_path / "副本.docx").read_bytes() == source.read_bytes()
    assert summary == DocxExport((), ())


def _corrected(docx_corpus, tmp_path) -> Report:
    source = tmp_path / "报告.docx"
    shutil.copy(docx_corpus.seeds()["001"].path("docx"), source)
    report = open_report(str(source))
    report.corrections = {"t3:3.7/natural": 50}
    return report


def test_never_written_over_the_original(docx_corpus, tmp_path):
    report = _corrected(docx_corpus, tmp_path)
    before = Path(report.source).read_bytes()
    with pytest.raises(WriteError) as caught:
        export_docx(report, report.source)
    assert caught.value.code == "would_overwrite_source" and "不能覆盖原始文件" in caught.value.message
    assert Path(report.source).read_bytes() == before


def test_a_read_only_target_is_left_as_it_was(docx_corpus, tmp_path):
    report = _corrected(docx_corpus, tmp_path)
    target = tmp_path / "更正.docx"
    target.write_bytes(b"earlier")
    target.chmod(0o444)
    try:
        with pytest.raises(WriteError) as caught:
            export_docx(report, str(target))
        assert caught.value.code == "read_only" and "只读" in caught.value.message
        assert target.read_bytes() == b"earlier"
    finally:
        target.chmod(0o644)
    assert sorted(os.listdir(tmp_path)) == ["报告.docx", "更正.docx"]  # no temporary file left


def test_an_original_changed_since_it_was_read_is_not_used(docx_corpus, tmp_path):
    report = _corrected(docx_corpus, tmp_path)
    shutil.copy(docx_corpus.seeds()["004"].path("docx"), report.source)  # saved again in Word meanwhile
    with pytest.raises(WriteError) as caught:
        export_docx(report, str(tmp_path / "更正.docx"))
    assert caught.value.code == "source_changed" and "被修改过" in caught.value.message
    os.remove(report.source)
    with pytest.raises(WriteError) as caught:
        export_docx(report, str(tmp_path / "更正.docx"))
    assert "找不到文件" in caught.value.message
    assert not (tmp_path / "更正.docx").exists()


def test_a_report_not_read_from_word_gets_a_message(tmp_path):
    with pytest.raises(WriteError) as caught:
        export_docx(open_report(str(SAMPLE)), str(tmp_path / "不会写.docx"))
    assert caught.value.code == "not_docx" and "Excel工作簿" in caught.value.message
    assert os.listdir(tmp_path) == []


# --- the command line ------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120
    )


@pytest.mark.slow
def test_export_docx_on_the_command_line(docx_corpus, tmp_path):
    source = docx_corpus.seeds()["001"].path("docx")
    out = tmp_path / "更正后.docx"
    done = run("export", str(source), "--docx", str(out))
    assert done.returncode == 0 and f"已保存：{out}" in done.stdout, done.stdout + done.stderr
    assert out.read_bytes() == source.read_bytes()  # no corrections on the command line: the original's content
    done = run("export", str(SAMPLE), "--docx", str(tmp_path / "x.docx"), "--xlsx", str(tmp_path / "x.xlsx"))
    assert done.returncode == 3 and "不是从Word文档（.docx）读取的" in done.stdout
    assert (tmp_path / "x.xlsx").exists() and not (tmp_path / "x.docx").exists()
    done = run("export", str(source), "--docx", str(source))
    assert done.returncode == 3 and "不能覆盖原始文件" in done.stdout
    assert "Traceback" not in done.stderr
