"""Single-file web pages (.mht): a portal's page as the browser saves it, 「另存为→网页，单个文件」.

The pages are Chromium's own snapshots of the seeds' portal pages (tests/fixtures/browser_capture.py
made them; they are committed, so no browser is needed here).
"""
from __future__ import annotations

import email.policy
import shutil
from email.charset import QP, Charset
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from core.api import open_report
from core.readers.mhtml import page_part
from tests.fixtures import browser_capture
from tests.fixtures.compare import cell_differences, reading

SEEDS = browser_capture.SEEDS


@pytest.mark.parametrize("name", SEEDS)
def test_a_page_saved_by_the_browser_as_one_file_reads_like_the_report(seed_reports, name):
    page = open_report(str(browser_capture.path(name)))
    assert reading(page) == reading(seed_reports[name])
    assert cell_differences(seed_reports[name], page) == []


def test_the_banner_line_the_portals_script_wrote_is_not_taken_for_the_title(seed_reports):
    """The browser ran the portal's script before saving: its 「2022年…年度报告」 line is now the page's first
    line, above the report's own <h1> title, and must not give the report's year."""
    path = browser_capture.path("001")
    with path.open("rb") as handle:
        html = page_part(email.message_from_binary_file(handle, policy=email.policy.compat32)).get_payload(decode=True)
    assert "<div>2022年政府信息公开工作年度报告</div>".encode("gbk") in html and b"<script" not in html.lower()
    report = open_report(str(path))
    assert report.document.paragraphs[0].text == "2022年政府信息公开工作年度报告"
    assert report.meta.title == seed_reports["001"].meta.title and report.year == 2020


def test_a_single_file_page_named_html_is_read_as_what_it_is(tmp_path, seed_reports):
    renamed = tmp_path / "年报.html"
    renamed.write_bytes(browser_capture.path("004").read_bytes())
    assert cell_differences(seed_reports["004"], open_report(str(renamed))) == []


def test_a_long_page_title_does_not_hide_what_the_file_is(tmp_path, seed_reports):
    """The page's title is encoded in the Subject (nine bytes a character): a long one pushes the content type
    past the first kilobyte."""
    data = browser_capture.path("004").read_bytes()
    head, rest = data.split(b"\r\nDate:", 1)
    subject_lines = head.split(b"\r\n")[2:]
    longer = head + b"".join(b"\r\n" + b" " + line.removeprefix(b"Subject: ").strip() for line in subject_lines * 2)
    data = longer + b"\r\nDate:" + rest
    assert data.index(b"Content-Type: multipart/related") > 1024
    renamed = tmp_path / "年报.html"
    renamed.write_bytes(data)
    assert cell_differences(seed_reports["004"], open_report(str(renamed))) == []


def _ie_page(body: str, charset: str = "gb2312") -> bytes:
    """A page as IE (and the IE mode of the 360 browser) saves it: the page's charset in its part's header,
    quoted-printable, the pictures after it."""
    message = MIMEMultipart("related", type="text/html")
    encoding = Charset(charset)
    encoding.body_encoding = QP
    message.attach(MIMEText(f"<html><body>{body}</body></html>", "html", encoding))
    picture = MIMEText("", "plain")
    picture.replace_header("Content-Type", "image/gif")
    message.attach(picture)
    return message.as_bytes()


def test_the_pages_charset_comes_from_its_parts_header(tmp_path):
    sample = Path(__file__).parent.parent / "resources" / "samples" / "sample-2023.txt"
    text = sample.read_text(encoding="utf-8")
    body = "".join(f"<p>{line}</p>" for line in text.splitlines())
    path = tmp_path / "样例.mht"
    path.write_bytes(_ie_page(body))
    assert "青山".encode("gb2312") not in path.read_bytes()  # encoded for the message, not raw GB2312
    report = open_report(str(path))
    assert report.agency and "青山" in report.agency and report.year == 2023


# A page without its page part, and one of ten thousand parts: in the bad-file corpus (tests/badfiles.py).


def test_the_fixtures_are_chromiums_own():
    for name in SEEDS:
        head = browser_capture.path(name).read_bytes()[:200]
        assert head.startswith(b"From: <Saved by Blink>")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium remakes the committed pages; not needed to read them")
def test_chromium_saves_the_page_the_same_way(tmp_path, html_corpus):
    """The committed pages are what Chromium makes of today's portal pages (the capture is not stale)."""
    page = tmp_path / "seed-004-portal.html"
    shutil.copyfile(html_corpus.seeds()["004"].path("html"), page)
    out = tmp_path / "now.mht"
    browser_capture.capture(page, out)
    assert cell_differences(open_report(str(browser_capture.path("004"))), open_report(str(out))) == []
