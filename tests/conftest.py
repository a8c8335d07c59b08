"""Shared test set-up: where the real files are, and reading them."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SEEDS = sorted((ROOT / "tests" / "data" / "seeds").glob("*.txt"))
SAMPLE = ROOT / "resources" / "samples" / "sample-2023.txt"


@pytest.fixture(scope="session")
def linux_build():
    """dist/nianbao and its .deb as `./dev deb` makes them, in the Debian 11 root (ship/buildroot.py): once a session."""
    from ship import chroot

    why = chroot.available()
    if why:
        pytest.skip(f"the Debian 11 build root: {why}")
    from types import SimpleNamespace

    from ship.deb import build_in_root

    bundle, deb, times = build_in_root(log=lambda *args: None)
    return SimpleNamespace(bundle=bundle, deb=deb, times=times)


def pytest_collection_modifyitems(config, items):
    """`linux_only` tests (pyproject.toml declares the marker) are skipped off Linux, whoever runs them."""
    if sys.platform.startswith("linux"):
        return
    skip = pytest.mark.skip(reason="needs Linux (linux_only)")
    for item in items:
        if "linux_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    """Every test keeps its settings, autosaves and logs in its own folder, never the user's."""
    folder = tmp_path / "data"
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(folder))
    return folder


def check_on_a_terminal(*args: str) -> tuple[int, str]:
    """`main.py check ARGS` with stderr on a terminal (a pty; POSIX only, skipped elsewhere): its exit status and
    all it wrote there, the status line's carriage returns included."""
    import select
    import subprocess

    pty = pytest.importorskip("pty")  # Windows has no pseudo-terminals to test with
    master, slave = pty.openpty()
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "check", *args], stdout=subprocess.DEVNULL, stderr=slave, cwd=ROOT)
    os.close(slave)
    seen = b""
    while select.select([master], [], [], 60)[0]:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    return process.wait(timeout=60), seen.decode("utf-8", errors="replace")


def seed(prefix: str) -> Path:
    return next(p for p in SEEDS if p.name.startswith(prefix))


@pytest.fixture(scope="session")
def bad_files(tmp_path_factory):
    """The corpus of bad inputs (tests/badfiles.py), written once for the session: `check` and the window both open it."""
    from tests import badfiles

    return badfiles.make(tmp_path_factory.mktemp("坏文件 corpus"))


@pytest.fixture(scope="session")
def seed_reports():
    from core.api import open_report

    return {p.name[:3]: open_report(str(p)) for p in SEEDS}


# --- real files made from the seeds (tests/fixtures/files.py): made once, cached under tests/generated/ -------


@pytest.fixture(scope="session")
def docx_corpus():
    from tests.fixtures import corpus, files

    files.make(list(corpus.seeds().values()) + list(corpus.variants().values()))
    return corpus


@pytest.fixture(scope="session")
def pdf_corpus():
    """Every PDF the tests read, converted by LibreOffice in one batch."""
    from tests.fixtures import corpus, files

    files.make(corpus.all_pdfs(), ("docx", "pdf"))
    return corpus


@pytest.fixture(scope="session")
def html_corpus():
    from tests.fixtures import corpus, files

    files.make(list(corpus.seeds().values()), ("docx", "html"))
    return corpus


@pytest.fixture(scope="session")
def scan_corpus(pdf_corpus):
    """Scans of the PDF fixtures (tests/fixtures/scan_render.py), made once and cached by hash under tests/generated/."""
    from tests.fixtures import scans

    return scans
