"""The frozen program as a clerk gets it: built with PyInstaller, packed as a .deb, installed
with dpkg, and its own --self-test run — on every CI run."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ship.prune import is_pruned
from tests import no_network
from tests.conftest import ROOT

pytestmark = [pytest.mark.linux_only, pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="Debian's dpkg-deb builds the package")]


@pytest.fixture(scope="module")
def bundle() -> Path:
    from ship.deb import build_bundle

    return build_bundle()


def _run(args: list[str], **kw) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # the self-test chooses offscreen itself
    return subprocess.run(args, capture_output=True, text=True, encoding="utf-8", timeout=180, env=env, **kw)


def test_the_frozen_program_passes_its_self_test(bundle):
    done = _run([str(bundle / "nianbao-cli"), "--self-test"], cwd="/")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "自检通过" in done.stdout and "安装版" in done.stdout


def test_the_frozen_console_twin_checks_a_report(bundle, tmp_path):
    done = _run([str(bundle / "nianbao-cli"), "check", str(ROOT / "tests" / "data" / "seeds" / "003_28289e2a5a8acb77.txt")])
    assert done.returncode == 0 and "杭州高新区（滨江）行政服务中心" in done.stdout


def test_the_frozen_program_reads_a_single_file_page(bundle):
    """The .mht reader needs the standard library's email package: the bundle must carry it."""
    page = ROOT / "tests" / "data" / "mhtml" / "seed-004-portal.mht"
    done = _run([str(bundle / "nianbao-cli"), "check", str(page)])
    assert "小河街道办事处" in done.stdout and "无法读取" not in done.stdout, done.stdout + done.stderr


def test_the_frozen_program_opens_no_socket(bundle, tmp_path):
    """The frozen program checks a report, exports a workbook and a check report, and runs its self-test
    (the window, PDFs, worker processes) without opening a socket: proved twice.

    From outside (`no_network.run(outside=True)`): each run is in a network namespace of its own, where
    no connection could go anywhere, under `strace -f`, which lists every socket call of the program, of
    its worker processes and of the C libraries inside them (Qt, libcups); no socket but a local one may
    be made. From inside: the program's own guard (core/nonet.py) logs each attempt as NETWORK_REFUSED in
    its log, and the log is there — no such line. The outside witness is first shown to catch a socket.
    """
    if not no_network.outside_available():  # asked here, not while the module is imported: it runs a trial
        pytest.skip("the outside witness needs unshare and strace (./dev setup installs strace), and a machine that lets them make a network namespace and trace")
    assert no_network.outside_sees_a_socket()
    cli, report = str(bundle / "nianbao-cli"), str(ROOT / "tests" / "data" / "seeds" / "003_28289e2a5a8acb77.txt")
    workbook, printout = tmp_path / "导出 结果.xlsx", tmp_path / "检查单.pdf"
    runs = {
        "check": no_network.run([cli, "check", report], outside=True),
        "export": no_network.run([cli, "export", report, "--xlsx", str(workbook), "--pdf", str(printout)], outside=True),
        "self-test": no_network.run([cli, "--self-test"], outside=True),
    }
    for what, run in runs.items():
        assert run.code == 0, f"{what}: {run.stdout}{run.stderr}"
        assert run.attempts == [], what
        assert any("年报检查" in line for line in run.log), f"{what} wrote no log: the guard's witness is missing"
    assert "自检通过" in runs["self-test"].stdout
    assert workbook.stat().st_size > 0 and printout.stat().st_size > 0


def test_the_bundle_holds_what_it_needs_and_nothing_pruned(bundle):
    everything = list((bundle / "_internal").rglob("*"))
    assert [p.name for p in everything if p.is_symlink() and not p.exists()] == []  # no link to a pruned file
    files = [p.relative_to(bundle / "_internal").as_posix() for p in everything if p.is_file() and not p.is_symlink()]
    assert [f for f in files if is_pruned(f)] == []
    needed = [
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "pdfminer/cmap/UniGB-UCS2-H.json.gz",
        "pdfminer/cmap/to-unicode-Adobe-GB1.json.gz",
        "opencc/clib/share/opencc/t2s.json",
        "resources/samples/sample-2023.txt",
        "resources/selftest/cmap-probe.pdf",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    ]
    assert [n for n in needed if n not in files] == []
    size = sum((bundle / "_internal" / f).stat().st_size for f in files)
    assert size < 150 * 1024 * 1024, f"{size / 2**20:.0f} MB unpacked"


def test_printing_finds_the_systems_cups_from_the_bundle(bundle):
    """The print plugin's libraries: the bundle's, and libcups from the system (not bundled, ship/prune.py)."""
    plugin = bundle / "_internal" / "PySide6" / "Qt" / "plugins" / "printsupport" / "libcupsprintersupport.so"
    env = {**os.environ, "LD_LIBRARY_PATH": str(bundle / "_internal")}  # as the frozen program's loader sets it
    linked = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, env=env, timeout=60).stdout
    assert "not found" not in linked, linked
    cups = next(line for line in linked.splitlines() if "libcups.so" in line)
    assert str(bundle) not in cups  # the system's copy


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="installing a .deb needs root (CI runs as root)")
def test_the_deb_installs_and_the_installed_program_self_tests(bundle):
    from ship.deb import build_deb

    deb = build_deb(bundle, ROOT / "dist")
    info = _run(["dpkg-deb", "--field", str(deb), "Depends"]).stdout
    assert "libxcb-cursor0" in info and "libxkbcommon-x11-0" in info and "libcups2" in info
    installed = _run(["dpkg", "-i", str(deb)])
    assert installed.returncode == 0, installed.stderr
    try:
        done = _run(["nianbao-cli", "--self-test"], cwd="/")
        assert done.returncode == 0, done.stdout + done.stderr
        assert Path("/opt/nianbao/nianbao").is_file() and Path("/usr/bin/nianbao").is_file()
        desktop = Path("/usr/share/applications/nianbao.desktop").read_text(encoding="utf-8")
        assert "Name[zh_CN]=年报检查" in desktop
        assert Path("/usr/share/icons/hicolor/256x256/apps/nianbao.png").is_file()
    finally:
        _run(["dpkg", "-r", "nianbao"])
    assert not Path("/opt/nianbao").exists()
