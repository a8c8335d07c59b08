"""Opening reports in the real window: each seed, the sample, drag and drop, recent files, bad files, cancel."""
from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from core.api import open_report
from core.check import check
from core.formats.sections import SECTIONS
from gui.checklist import FINDINGS_ROLE, KEY_ROLE
from gui.marks import finding_mark
from gui.settings import RECENT_FILES
from tests.conftest import SAMPLE, SEEDS, seed
from tests.fixtures.sample_data import sample
from tests.gui.conftest import fail_in, open_in, open_rendered


def listed(window) -> list[tuple[str, str, str]]:
    """(finding key, line text, mark word) of every finding line of the checklist, top to bottom."""
    panel = window.checklist
    rows = []
    for index in panel.lines():
        key = index.data(KEY_ROLE)
        if key.startswith(("group:", "rule:")):
            continue
        rows.append((key, index.data(), index.siblingAtColumn(1).data()))
    return rows


@pytest.mark.parametrize("path", SEEDS + [SAMPLE], ids=lambda p: p.name[:10])
def test_each_report_shows_the_cores_verdict_and_exactly_its_findings(qtbot, window, path):
    open_in(qtbot, window, path)
    result = check(open_report(str(path)))
    assert window.verdict.text.text().endswith(result.verdict.text)
    assert window.verdict.isVisible()
    shown = listed(window)
    assert Counter(key for key, _, _ in shown) == Counter(f.key for f in result.findings)
    words = {f.key: finding_mark(f).word for f in result.findings}
    assert all(word == words[key] for key, _, word in shown)
    for finding in result.findings:  # a failed balance shows its numbers on its line
        if finding.rule in ("T3-1", "T3-2", "T3-3", "T4-1") and finding.outcome.value == "failed":
            text = next(text for key, text, _ in shown if key == finding.key)
            assert f"应为{finding.expected}，实为{finding.actual}" in text


def test_the_sample_says_it_must_not_be_submitted_and_lists_its_three_errors(qtbot, window):
    open_in(qtbot, window, SAMPLE)
    assert window.verdict.text.text() == "✗  发现3处错误，暂不宜提交"
    failed = [(key, word) for key, _, word in listed(window) if word == "未通过"]
    assert failed == [("T3-1:business", "未通过"), ("T3-1:total", "未通过"), ("T4-1:review", "未通过")]
    assert window.windowTitle().startswith("sample-2023.txt")


def test_the_six_sections_show_their_headings_as_written_and_a_missing_one_is_said(qtbot, window, tmp_path):
    open_in(qtbot, window, seed("001"))
    report = window.session.report
    for spec in SECTIONS:
        box = window.report_view.sections[spec.id]
        assert box.found
        texts = [label.text() for label in box.findChildren(type(window.verdict.text))]
        assert report.sections[spec.id].heading in texts
    assert "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况" in [
        label.text() for label in window.report_view.sections["s4"].findChildren(type(window.verdict.text))
    ]

    data = sample()
    data.sections = [s for s in data.sections if s[0] != "s5"]
    open_rendered(qtbot, window, tmp_path, data)
    box = window.report_view.sections["s5"]
    assert not box.found
    assert "缺少第五部分：五、存在的主要问题及改进情况" in [label.text() for label in box.findChildren(type(window.verdict.text))]


def test_a_section_not_found_in_a_copy_from_a_pdf_is_unread_not_missing(qtbot, window, tmp_path, pdf_corpus):
    """Text copied out of the PDF of seed 004 without its heading 「1、 总体情况」: the reader was unsure of the
    text, so the section is drawn grey-blue as 「未能读出」, not red as missing, and the verdict is not red."""
    from tests.fixtures.pdf_copies import copy_path

    copy = copy_path(pdf_corpus.seeds()["004"], "pdfplumber").read_text(encoding="utf-8")
    assert "\n1、 总体情况\n" in copy
    path = tmp_path / "复制.txt"
    path.write_text(copy.replace("\n1、 总体情况\n", "\n"), encoding="utf-8")
    open_in(qtbot, window, path)
    box = window.report_view.sections["s1"]
    assert not box.found and box.unread
    assert "未能读出第一部分：一、总体情况" in [label.text() for label in box.findChildren(type(window.verdict.text))]
    assert window.verdict.text.text() == "!  还有1项需要核实"
    assert [word for key, _, word in listed(window) if key == "ST-1:s1"] == ["无法判断"]


def test_a_missing_table_is_drawn_empty_with_its_cells_marked_missing(qtbot, window, tmp_path):
    data = sample()
    data.cells = {cid: raw for cid, raw in data.cells.items() if not cid.startswith("t4:")}
    open_rendered(qtbot, window, tmp_path, data)
    model = window.report_view.tables["t4"].form()
    assert model.data(model.index_of("t4:1/review.total")) == "缺"
    labels = [label.text() for label in window.report_view.sections["s4"].findChildren(type(window.verdict.text))]
    assert "报告中没有读到表四，下面是格式规定的空表。" in labels


def test_a_file_dropped_on_the_window_is_opened(qtbot, window):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(seed("004")))])
    enter = QDragEnterEvent(window.rect().center(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(window.rect().center(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.report_shown, timeout=20_000):
        window.dropEvent(drop)
    assert window.session.report.meta.agency == "杭州市拱墅区人民政府小河街道办事处"


def test_dragging_something_that_is_not_a_file_is_refused(window):
    mime = QMimeData()
    mime.setText("一段文字")
    enter = QDragEnterEvent(window.rect().center(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    window.dragEnterEvent(enter)
    assert not enter.isAccepted()


@pytest.mark.parametrize(
    "name, content, says",
    [
        ("old.doc", b"\xd0\xcf\x11\xe0 not really word", "暂不能直接读取Word 97-2003 文档（.doc）"),
        ("empty.txt", b"", "这个文件是空的"),
        ("shopping.txt", "买菜：白菜两棵，豆腐一块。\n记得交电费。\n".encode(), "可能不是政府信息公开工作年度报告"),
        ("picture.png", b"\x89PNG\r\n\x1a\n", "无法打开这张图片"),  # a page picture cut short
        ("drawing.svg", b"<svg/>", "不认识的文件类型"),
    ],
)
def test_a_file_that_cannot_be_read_shows_its_message_and_the_window_stays_usable(qtbot, window, tmp_path, name, content, says):
    open_in(qtbot, window, SAMPLE)
    bad = tmp_path / name
    bad.write_bytes(content)
    message = fail_in(qtbot, window, bad)
    assert says in message
    assert window.message.isVisible()
    assert window.message.text.text() == message
    assert window.message.title.text() == f"无法读取「{name}」"
    assert window.pages.currentWidget() is window.report_page  # the report read before is still there
    assert window.verdict.isVisible()
    open_in(qtbot, window, seed("002"))  # and the next file opens
    assert not window.message.isVisible()
    assert window.session.report.meta.agency == "拱宸桥街道"


def test_a_file_that_is_gone_is_said_and_dropped_from_the_recent_files(qtbot, window, settings, tmp_path):
    gone = tmp_path / "moved-away.txt"
    settings.add_recent(str(gone))
    message = fail_in(qtbot, window, gone)
    assert "找不到文件" in message
    assert str(gone) not in settings[RECENT_FILES]
    assert window.pages.currentWidget() is window.empty


def test_reading_shows_progress_and_cancel_returns_to_what_was_shown(qtbot, window):
    window.open_path(str(SAMPLE))
    assert window.pages.currentWidget() is window.loading
    assert window.loading.bar.isVisible() and window.loading.cancel.isEnabled()
    assert "sample-2023.txt" in window.loading.label.text()
    qtbot.mouseClick(window.loading.cancel, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.empty
    with qtbot.assertNotEmitted(window.report_shown, wait=1500):  # the read finishes, its answer is thrown away
        pass
    assert window.session is None and not window.loader.busy


def test_the_empty_window_offers_to_open_a_report_or_the_sample(qtbot, window):
    assert window.pages.currentWidget() is window.empty
    assert window.empty.open_button.text() == "打开报告…"
    with qtbot.waitSignal(window.report_shown, timeout=20_000):
        qtbot.mouseClick(window.empty.sample_button, Qt.MouseButton.LeftButton)
    assert window.session.report.meta.title == "青山街道办事处2023年政府信息公开工作年度报告"


def test_recent_files_are_kept_newest_first_and_reopen_from_the_menu(qtbot, window, settings):
    open_in(qtbot, window, seed("003"))
    open_in(qtbot, window, SAMPLE)
    assert settings[RECENT_FILES] == (str(SAMPLE), str(seed("003")))
    window.recent_menu.aboutToShow.emit()
    entries = [a for a in window.recent_menu.actions() if a.toolTip() in settings[RECENT_FILES]]
    assert [a.toolTip() for a in entries] == [str(SAMPLE), str(seed("003"))]
    with qtbot.waitSignal(window.report_shown, timeout=20_000):
        entries[1].trigger()
    assert window.session.report.source == str(seed("003"))
    assert settings[RECENT_FILES][0] == str(seed("003"))


def test_the_checklist_keeps_every_line_of_a_report_with_many_findings(qtbot, window):
    open_in(qtbot, window, seed("000"))
    lines = window.checklist.lines()
    findings = window.session.result.findings
    leaves = [i for i in lines if not i.data(KEY_ROLE).startswith(("group:", "rule:"))]
    assert sorted(n for i in leaves for n in i.data(FINDINGS_ROLE)) == list(range(len(findings)))


def test_a_finding_of_a_rule_the_catalogue_does_not_list_is_still_shown(qtbot, window):
    from core.findings import Finding, Outcome, Severity

    open_in(qtbot, window, SAMPLE)
    window.session.result.findings.append(
        Finding("X-9", Severity.WARNING, Outcome.FAILED, "一项新的检查发现的问题。", "X-9:new", cells=("t4:1/after.total",))
    )
    window.checklist.rebuild()
    lines = {i.data(KEY_ROLE): i for i in window.checklist.lines()}
    assert lines["group:other"].data() == "其他发现"
    assert lines["X-9:new"].parent().data(KEY_ROLE) == "group:other"
    assert lines["X-9:new"].siblingAtColumn(1).data() == "需核实"
