"""Where a number came from (core/source.py): the lines of the file, or the reader's table rows."""
from __future__ import annotations

import shutil

from core.api import open_report
from core.document import Document
from tests.conftest import SAMPLE, seed


def test_a_text_cell_is_shown_among_the_files_own_lines():
    from core.source import excerpt

    report = open_report(str(SAMPLE))
    cell = report.cells["t4:1/review.total"]
    found = excerpt(report, cell.loc)
    margin, line = found.lines[found.focus]
    assert margin == str(cell.loc.line)
    assert line.strip() == "1"
    assert found.where == cell.loc.describe()
    assert len(found.lines) == 7  # three lines either side


def test_a_line_of_200_000_characters_is_shown_shortened_saying_how_long_it_was(tmp_path):
    from core.source import LINE_CHARS, excerpt

    text = SAMPLE.read_text(encoding="utf-8").splitlines()
    report_path = tmp_path / "report.txt"
    heading = next(n for n, line in enumerate(text) if line.startswith("二、"))
    text.insert(heading - 1, "因" * 200_000)  # a paragraph pasted over and over, just above a section's heading
    report_path.write_text("\n".join(text), encoding="utf-8")
    report = open_report(str(report_path))
    found = excerpt(report, report.sections["s2"].loc)
    longest = max(found.lines, key=lambda line: len(line[1]))[1]
    assert len(longest) < LINE_CHARS + 30 and longest.endswith("……（这一段共200000字）")


def test_a_heading_is_shown_with_the_lines_around_it():
    from core.source import excerpt

    report = open_report(str(seed("004")))
    section = report.sections["s1"]
    found = excerpt(report, section.loc)
    assert found.lines[found.focus][1].strip() == section.heading


def test_when_the_file_has_changed_the_readers_table_rows_are_shown(tmp_path):
    from core.source import excerpt

    copy = tmp_path / "report.txt"
    shutil.copy(SAMPLE, copy)
    report = open_report(str(copy))
    copy.write_text("改过了", encoding="utf-8")
    cell = report.cells["t3:3.7/business"]
    found = excerpt(report, cell.loc)
    assert found.lines[found.focus][1] == "｜（七）总计｜15｜【2】｜0｜0｜0｜0｜17"  # the merged place before it is empty
    assert found.lines[found.focus][0] == f"第{cell.loc.row + 1}行"

    copy.unlink()
    report.document = Document(report.source, "text", report.fingerprint)  # nothing left to show it from
    assert excerpt(report, cell.loc).lines == ()
