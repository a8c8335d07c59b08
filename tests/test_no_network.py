"""No network, ever: opening, checking and exporting every fixture opens no socket, in this process and in the program's."""
from __future__ import annotations

import socket
import sys
import urllib.request
from datetime import datetime

import pytest

from core.api import open_report
from core.check import check
from core.export.check_report import check_report_html
from core.export.xlsx import export_xlsx
from core.platform import nonet
from core.serialize import result_dict
from tests import no_network
from tests.conftest import ROOT, SAMPLE, SEEDS

SCANNED_SAMPLE = ROOT / "resources" / "samples" / "sample-2023-scan.pdf"


@pytest.fixture(scope="module")
def fixtures(pdf_corpus, html_corpus, tmp_path_factory) -> list[str]:
    """Every kind of file the program reads: the seeds as text, Word, PDF and web page, a scan (the bundled sample
    printed, stamped and scanned: recognised offline), and an exported workbook."""
    folder = tmp_path_factory.mktemp("no network")
    workbook = folder / "导出.xlsx"
    export_xlsx(check(open_report(str(SAMPLE))), str(workbook))
    files = [str(p) for p in SEEDS] + [str(SAMPLE), str(SCANNED_SAMPLE), str(workbook)]
    for rendering in pdf_corpus.seeds().values():
        files += [str(rendering.path(kind)) for kind in ("docx", "pdf", "html")]
    return files


def test_the_guard_refuses_and_records_every_kind_of_attempt():
    """Without this the test below could not fail."""
    with nonet.refused() as attempts:
        with pytest.raises(nonet.NetworkRefused):
            socket.create_connection(("127.0.0.1", 9), timeout=1)
        with pytest.raises(nonet.NetworkRefused):
            urllib.request.urlopen("http://example.com/", timeout=1)
        with pytest.raises(nonet.NetworkRefused):
            socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        local, other = socket.socketpair()  # local sockets between a program's own processes are no network
        local.close(), other.close()
    assert [a.split()[0] for a in attempts] == ["socket.getaddrinfo", "urllib.Request", "socket.__new__"]
    socket.socket(socket.AF_INET).close()  # refused only inside the block


@pytest.mark.slow
def test_reading_checking_and_exporting_every_fixture_opens_no_socket(fixtures, tmp_path):
    with nonet.refused() as attempts:
        for n, path in enumerate(fixtures):
            result = check(open_report(path))
            result_dict(path, result)
            check_report_html(result, datetime(2024, 3, 1, 9, 30))
            export_xlsx(result, str(tmp_path / f"{n}.xlsx"))
            open_report(str(tmp_path / f"{n}.xlsx"))
    assert attempts == []


@pytest.mark.skipif(sys.platform == "win32", reason="the sitecustomize witness is tried on Linux")
@pytest.mark.slow
def test_the_program_opens_no_socket_checking_and_exporting(fixtures, tmp_path):
    assert no_network.site_is_used()  # the witness works: a socket made in a child Python is caught
    main = [sys.executable, str(ROOT / "main.py")]
    runs = [
        no_network.run([*main, "check", *fixtures, "--jobs", "2", "--summary", str(tmp_path / "汇总.xlsx")]),
        no_network.run([*main, "export", fixtures[-1], "--xlsx", str(tmp_path / "导出.xlsx"), "--pdf", str(tmp_path / "检查单.pdf")],
                       env={"QT_QPA_PLATFORM": "offscreen"}),
    ]
    for run in runs:
        assert run.attempts == []
        assert run.code in (0, 1), run.stdout + run.stderr
    assert (tmp_path / "汇总.xlsx").exists() and (tmp_path / "检查单.pdf").exists()
