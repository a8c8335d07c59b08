"""The real window, offscreen, with its settings in a temporary file (never the user's)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tests.conftest import ROOT, SAMPLE

GENERATED = ROOT / "tests" / "generated"
READ_TIMEOUT_MS = 20_000


@pytest.fixture
def settings(tmp_path):
    from gui.settings import Settings

    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, qapp, settings):
    from gui.app import setup
    from gui.main_window import MainWindow

    setup(qapp)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def open_in(qtbot, window, path: Path | str) -> None:
    """Open a report as the clerk would, and wait until it is checked and shown."""
    with qtbot.waitSignal(window.report_shown, timeout=READ_TIMEOUT_MS):
        window.open_path(str(path))


def open_rendered(qtbot, window, folder: Path, data) -> Path:
    """Write report data (tests/fixtures) as a text export, as Word writes one, and open it."""
    from tests.fixtures.text_render import render_text

    path = folder / "report.txt"
    path.write_text(render_text(data), encoding="utf-8")
    open_in(qtbot, window, path)
    return path


def fail_in(qtbot, window, path: Path | str) -> str:
    """Open a file that cannot be read; the Chinese message the window shows."""
    with qtbot.waitSignal(window.read_failed, timeout=READ_TIMEOUT_MS) as blocker:
        window.open_path(str(path))
    return blocker.args[0]


@pytest.fixture(scope="session")
def sample_pdf() -> Path:
    """The bundled sample report as a PDF, made by LibreOffice from the text file."""
    out = GENERATED / "pdf"
    pdf = out / "sample-2023.pdf"
    if not pdf.exists() or pdf.stat().st_mtime < SAMPLE.stat().st_mtime:
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["soffice", "--headless", "--infilter=Text (encoded):UTF8", "--convert-to", "pdf", "--outdir", str(out), str(SAMPLE)],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return pdf
