"""The frozen program as a clerk gets it: built with PyInstaller in the Debian 11 root, packed as a
.deb, installed with apt on a clean Debian 11 (the oldest system claimed), and run there — on every CI run.
(The other systems: `./dev systems`, ship/systems.py.)"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.cli import EXIT_FAILED
from ship.prune import is_pruned, is_system_library
from tests import no_network
from tests.conftest import ROOT, SAMPLE

pytestmark = [pytest.mark.frozen, pytest.mark.linux_only, pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="Debian's dpkg-deb builds the package")]
MB = 1024 * 1024
MAX_BUNDLE_MB = 135  # all but the recogniser's parts
MAX_OCR_MB = 70  # what reading scans adds: onnxruntime, numpy, the recognition model and the scanned sample
OCR_PARTS = ("onnxruntime/", "numpy/", "resources/ocr/", "resources/samples/sample-2023-scan.pdf")
SCANNED_SAMPLE = ROOT / "resources" / "samples" / "sample-2023-scan.pdf"


@pytest.fixture(scope="module")
def bundle(linux_build) -> Path:
    return linux_build.bundle


def _run(args: list[str], env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # the self-test chooses offscreen itself
    return subprocess.run(args, capture_output=True, text=True, encoding="utf-8", timeout=180, env={**base, **(env or {})}, **kw)


def test_the_frozen_program_passes_its_self_test(bundle):
    """Its steps include the font and Qt's Chinese words: the file dialog's labels are Chinese in the frozen copy."""
    done = _run([str(bundle / "nianbao-cli"), "--self-test"], cwd="/")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "自检通过" in done.stdout and "安装版" in done.stdout
    assert "√ Qt对话框的中文：查找范围：、文件名称(&N)：、文件类型：、取消" in done.stdout
    assert "onnxruntime" not in done.stdout + done.stderr  # no library's own warning on a clerk's terminal


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
    be made. From inside: the program's own guard (core/platform/nonet.py) logs each attempt as NETWORK_REFUSED in
    its log, and the log is there — no such line. The outside witness is first shown to catch a socket.
    """
    if not no_network.outside_available():  # asked here, not while the module is imported: it runs a trial
        pytest.skip("the outside witness needs unshare and strace (./dev setup installs strace), and a machine that lets them make a network namespace and trace")
    assert no_network.outside_sees_a_socket()
    cli, report = str(bundle / "nianbao-cli"), str(ROOT / "tests" / "data" / "seeds" / "003_28289e2a5a8acb77.txt")
    workbook, printout = tmp_path / "导出 结果.xlsx", tmp_path / "检查单.pdf"
    runs = {
        "check": no_network.run([cli, "check", report], outside=True),
        "scan": no_network.run([cli, "check", str(SCANNED_SAMPLE)], outside=True),  # recognised offline
        "export": no_network.run([cli, "export", report, "--xlsx", str(workbook), "--pdf", str(printout)], outside=True),
        "self-test": no_network.run([cli, "--self-test"], outside=True),
    }
    for what, run in runs.items():
        assert run.code == (EXIT_FAILED if what == "scan" else 0), f"{what}: {run.stdout}{run.stderr}"  # the sample has errors
        assert run.attempts == [], what
        assert any("年报检查" in line for line in run.log), f"{what} wrote no log: the guard's witness is missing"
    assert "自检通过" in runs["self-test"].stdout and "√ 识别扫描件" in runs["self-test"].stdout
    assert "发现2处错误" in runs["scan"].stdout and "表格由扫描图片识别" in runs["scan"].stdout
    assert workbook.stat().st_size > 0 and printout.stat().st_size > 0


def _files(bundle: Path) -> list[str]:
    everything = list((bundle / "_internal").rglob("*"))
    return [p.relative_to(bundle / "_internal").as_posix() for p in everything if p.is_file() and not p.is_symlink()]


def test_the_bundle_holds_what_it_needs_and_nothing_dead(bundle):
    assert [p.name for p in (bundle / "_internal").rglob("*") if p.is_symlink() and not p.exists()] == []  # no link to a pruned file
    files = _files(bundle)
    names = {f.rsplit("/", 1)[-1] for f in files}
    assert [f for f in files if is_pruned(f)] == []
    assert sorted(n for n in names if is_system_library(n)) == []  # the system's (the .deb depends on them)
    needed = [
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "resources/translations/qt_gaps_zh_CN.qm",  # the program's own words for Qt's gaps
        "pdfminer/cmap/UniGB-UCS2-H.json.gz",
        "pdfminer/cmap/to-unicode-Adobe-GB1.json.gz",
        "opencc/clib/share/opencc/t2s.json",
        "resources/samples/sample-2023.txt",
        "resources/selftest/cmap-probe.pdf",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "resources/ocr/ch_PP-OCRv4_rec_infer.onnx",  # the recogniser's model, and the scan the self-test reads
        "resources/samples/sample-2023-scan.pdf",
    ]
    assert [n for n in needed if n not in files] == []
    assert "libxcb-cursor.so.0" in names  # Ubuntu 20.04 has no libxcb-cursor0
    dead = [n for n in names if n.startswith(("libgtk-3", "libgdk-3", "libatk", "libkrb5", "libgssapi", "libk5crypto", "libQt6OpenGL", "libstdc++"))]
    assert dead == []
    assert any(f.startswith("onnxruntime/capi/onnxruntime_pybind11_state") for f in files)
    ocr = sum((bundle / "_internal" / f).stat().st_size for f in files if f.startswith(OCR_PARTS))
    size = sum((bundle / "_internal" / f).stat().st_size for f in files) - ocr
    assert size <= MAX_BUNDLE_MB * MB, f"{size / MB:.0f} MB unpacked besides the recogniser"
    assert ocr <= MAX_OCR_MB * MB, f"the recogniser: {ocr / MB:.0f} MB unpacked"


def test_printing_finds_the_systems_cups_from_the_bundle(bundle):
    """The print plugin's libraries: the bundle's, and libcups from the system (not bundled, ship/prune.py)."""
    plugin = bundle / "_internal" / "PySide6" / "Qt" / "plugins" / "printsupport" / "libcupsprintersupport.so"
    env = {**os.environ, "LD_LIBRARY_PATH": str(bundle / "_internal")}  # as the frozen program's loader sets it
    linked = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, env=env, timeout=60).stdout
    assert "not found" not in linked, linked
    cups = next(line for line in linked.splitlines() if "libcups.so" in line)
    assert str(bundle) not in cups  # the system's copy


def test_the_pruned_window_looks_as_the_window_from_source(bundle, tmp_path):
    """What was pruned was dead: the frozen window's picture of the sample is the source window's, pixel for pixel."""
    from PySide6.QtGui import QImage

    frozen, source = tmp_path / "frozen.png", tmp_path / "source.png"
    offscreen = {"QT_QPA_PLATFORM": "offscreen"}
    done = _run([str(bundle / "nianbao"), str(SAMPLE), "--screenshot", str(frozen)], env=offscreen)
    assert done.returncode == 0, done.stdout + done.stderr
    done = _run([sys.executable, str(ROOT / "main.py"), str(SAMPLE), "--screenshot", str(source)], env=offscreen, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert QImage(str(frozen)).convertToFormat(QImage.Format.Format_RGB32) == QImage(str(source)).convertToFormat(QImage.Format.Format_RGB32)


def test_the_frozen_window_takes_a_name_typed_in_pinyin_through_fcitx(bundle, tmp_path):
    """麒麟 and 统信 run fcitx 5; the bundle carries Qt's IBus plugin, and reaches fcitx through its IBus portal
    (gui/input_method.py): the clerk types a body's name in pinyin and the window has it in characters."""
    from tests.fixtures import desktop

    assert desktop.typed_agency([str(bundle / "nianbao")], tmp_path) == "青山街道"


def test_a_frozen_program_missing_a_library_says_so_in_chinese(bundle, tmp_path):
    """A library gone from the program's folder: the window says which, in Chinese, with exit status 4."""
    broken = tmp_path / "nianbao"
    shutil.copytree(bundle, broken, symlinks=True)
    for library in broken.rglob("libQt6XcbQpa.so.6"):  # the file and PyInstaller's link to it
        library.unlink()
    done = _run([str(broken / "nianbao")], env={"DISPLAY": ":9999", "NIANBAO_DATA_DIR": str(tmp_path / "data")})
    assert done.returncode == 4, done.stdout + done.stderr
    assert "年报检查无法启动：找不到库文件 libQt6XcbQpa.so.6" in done.stderr and "Traceback" not in done.stderr
    assert str(tmp_path / "data" / "logs" / "nianbao.log") in done.stderr


def test_on_a_clean_debian_11_the_deb_installs_and_the_program_works(linux_build):
    """The oldest system claimed (glibc 2.31): apt installs the .deb with its dependencies; the self-test,
    `check` of a Word and a PDF report, and the window's --screenshot through X11 (Xvfb) all work there."""
    from ship import systems

    reports = systems.sample_reports(ROOT / "build" / "systems")
    result = systems.trial(systems.OLDEST, linux_build.deb, reports, log=lambda *args: None)
    assert result.ok(), result.summary() + "".join(f"\n--- {n}\n{d.stdout[-2000:]}{d.stderr[-2000:]}" for n, d in result.steps.items() if d.returncode)
    assert "自检通过" in result.steps["self-test"].stdout
    assert "小河街道办事处" in result.steps["check report.docx"].stdout and "小河街道办事处" in result.steps["check report.pdf"].stdout
    assert result.screenshot is not None and result.screenshot.stat().st_size > 10_000


def test_the_deb_is_laid_out_as_tongxin_expects_and_depends_on_what_it_links(linux_build):
    """统信's layout (/opt/apps/<appid>/ files, entries, info), the launchers on the PATH, and Depends:
    computed from the bundle's ELF files (a real libc6 version) plus a CJK font."""
    import json
    import re

    from ship.deb import APP_ID

    deb = str(linux_build.deb)
    listing = subprocess.run(["dpkg-deb", "-c", deb], capture_output=True, text=True, check=True).stdout
    app = f"./opt/apps/{APP_ID}"
    for path in (f"{app}/files/nianbao", f"{app}/files/nianbao-cli", f"{app}/info", f"{app}/entries/applications/{APP_ID}.desktop",
                 f"{app}/entries/icons/hicolor/256x256/apps/{APP_ID}.png", "./usr/bin/nianbao", "./usr/bin/nianbao-cli",
                 f"./usr/share/applications/{APP_ID}.desktop -> /opt/apps/{APP_ID}/entries/applications/{APP_ID}.desktop"):
        assert path in listing, path
    info = subprocess.run(f"dpkg-deb --fsys-tarfile {deb} | tar -xO {app}/info", shell=True, capture_output=True, text=True, check=True).stdout
    assert json.loads(info)["appid"] == APP_ID and json.loads(info)["name"] == "年报检查"
    depends = subprocess.run(["dpkg-deb", "--field", deb, "Depends"], capture_output=True, text=True, check=True).stdout
    libc = re.search(r"libc6 \(>= (2\.\d+)\)", depends)
    assert libc and tuple(map(int, libc.group(1).split("."))) <= (2, 31), depends
    assert "libcups2" in depends and "libxkbcommon-x11-0" in depends and "libstdc++6" in depends
    assert "fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei" in depends
    assert "libxcb-cursor0" not in depends  # bundled: Ubuntu 20.04 has none
    preinst = subprocess.run(f"dpkg-deb --ctrl-tarfile {deb} | tar -xO ./preinst", shell=True, capture_output=True, text=True, check=True).stdout
    from ship.deb import glibc_floor

    assert f"need={'.'.join(map(str, glibc_floor(linux_build.bundle)))}\n" in preinst  # the newest glibc symbol any file needs
