"""The installers' scripts, checked on every run: the NSIS script compiles, and its setup program
installs and uninstalls under Wine; the prune list holds; the portable zip carries its marker."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from ship.portable import MARKER, build_zip
from ship.prune import is_pruned
from tests.conftest import ROOT


def _stand_in(folder: Path) -> Path:
    (folder / "_internal" / "resources").mkdir(parents=True)
    (folder / "nianbao.exe").write_bytes(b"MZ stand-in")
    (folder / "nianbao-cli.exe").write_bytes(b"MZ stand-in")
    (folder / "_internal" / "resources" / "示例.txt").write_text("示例", encoding="utf-8")
    return folder


@pytest.fixture
def stand_in(tmp_path):
    """A folder shaped like the PyInstaller output, with dummy programs."""
    return _stand_in(tmp_path / "nianbao")


def _compile(source: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["makensis", "-WX", "-V2", f"-DSOURCE_DIR={source}", "-DVERSION=1.2.3", f"-DOUT_FILE={out}", "installer.nsi"],
        cwd=ROOT / "ship" / "windows",
        capture_output=True,
        text=True,
    )


@pytest.mark.frozen
@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis is installed by ./dev")
def test_windows_setup_script_compiles(stand_in, tmp_path):
    out = tmp_path / "nianbao-setup-1.2.3.exe"
    done = _compile(stand_in, out)
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.read_bytes()[:2] == b"MZ"
    script = (ROOT / "ship" / "windows" / "installer.nsi").read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in script and '!insertmacro MUI_LANGUAGE "SimpChinese"' in script


APP_ID = "{6F1C2B7E-3D84-4B9A-A5E2-7C0D9F41B8A3}"


class Wine:
    """A Windows of its own (a fresh WINEPREFIX) for one test; HOME too, since Wine links Desktop to it."""

    def __init__(self, folder: Path):
        self.prefix, self.home = folder / "prefix", folder / "home"
        self.home.mkdir(parents=True)
        self.env = {**os.environ, "WINEPREFIX": str(self.prefix), "HOME": str(self.home), "WINEDEBUG": "-all",
                    "WINEDLLOVERRIDES": "mscoree,mshtml=", "DISPLAY": ""}
        self.user = self.prefix / "drive_c" / "users" / os.environ.get("USER", "root")

    def run(self, *args: str) -> int:
        done = subprocess.run(["wine", *args], env=self.env, capture_output=True, timeout=300)
        subprocess.run(["wineserver", "-w"], env=self.env, timeout=300)  # every process ended, the registry written out
        return done.returncode

    def registry(self) -> str:
        return (self.prefix / "user.reg").read_text(encoding="utf-8", errors="replace")


@pytest.mark.frozen
@pytest.mark.linux_only
@pytest.mark.skipif(shutil.which("makensis") is None or shutil.which("wine") is None, reason="makensis and Wine are installed by ./dev")
def test_the_setup_program_refuses_old_windows_installs_and_uninstalls_under_wine(tmp_path):
    """The compiled setup program, run silently (/S) as Windows would run it: Wine's Windows 7 is refused;
    on Windows 10 the files land in the per-user folder, the shortcuts and the uninstall entry are
    written; the silent uninstaller takes all of it away again."""
    setup = tmp_path / "nianbao-setup-1.2.3.exe"
    assert _compile(_stand_in(tmp_path / "nianbao"), setup).returncode == 0
    wine = Wine(tmp_path / "wine")
    installed = wine.user / "AppData" / "Local" / "Programs" / "NianbaoCheck"
    menu = wine.user / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "年报检查"
    desktop = wine.home / "年报检查.lnk"  # Wine's Desktop is a link to HOME

    wine.run("reg", "add", r"HKCU\Software\Wine", "/v", "Version", "/t", "REG_SZ", "/d", "win7", "/f")
    assert wine.run(str(setup), "/S") == 2
    assert not installed.exists() and APP_ID not in wine.registry()

    wine.run("reg", "add", r"HKCU\Software\Wine", "/v", "Version", "/t", "REG_SZ", "/d", "win10", "/f")
    assert wine.run(str(setup), "/S") == 0
    assert sorted(p.name for p in installed.iterdir()) == ["_internal", "nianbao-cli.exe", "nianbao.exe", "uninstall.exe"]
    assert (installed / "_internal" / "resources" / "示例.txt").read_text(encoding="utf-8") == "示例"
    assert sorted(p.name for p in menu.iterdir()) == ["卸载年报检查.lnk", "年报检查.lnk"] and desktop.is_file()
    key = re.search(r"\[Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Uninstall\\\\" + re.escape(APP_ID) + r"\][^\[]*", wine.registry())
    assert key and '"QuietUninstallString"' in key.group(0) and "NianbaoCheck\\\\uninstall.exe" in key.group(0)

    assert wine.run(str(installed / "uninstall.exe"), "/S") == 0
    assert not installed.exists() and not menu.exists() and not desktop.exists()
    assert APP_ID not in wine.registry() and "NianbaoCheck" not in wine.registry()


def test_portable_zip_has_the_marker_and_the_program(stand_in, tmp_path):
    out = build_zip(stand_in, tmp_path / "portable.zip")
    names = zipfile.ZipFile(out).namelist()
    assert f"年报检查/{MARKER}" in names and "年报检查/nianbao.exe" in names
    assert "年报检查/_internal/resources/示例.txt" in names


@pytest.mark.parametrize(
    "dest, pruned",
    [
        ("PySide6/Qt/lib/libQt6Quick.so.6", True),
        ("PySide6/Qt/lib/libQt6Qml.so.6", True),
        ("PySide6/Qt/qml/QtQuick/Controls/x.qml", True),
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", False),
        ("PySide6/Qt/translations/qt_zh_CN.qm", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", False),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", False),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
        ("PySide6/Qt/plugins/platforms/libqwayland-egl.so", True),
        ("pdfminer/cmap/UniGB-UCS2-H.pickle.gz", False),
    ],
)
def test_prune_list(dest, pruned):
    assert is_pruned(dest) is pruned


def test_data_dir_can_be_redirected_and_is_created(tmp_path, monkeypatch):
    from core.platform.paths import data_dir

    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "数据"))
    assert data_dir() == tmp_path / "数据" and (tmp_path / "数据").is_dir()


@pytest.mark.linux_only
@pytest.mark.parametrize("have, refused", [("2.28", True), ("2.30", True), ("2.31", False), ("2.41", False)])
def test_a_system_below_the_floor_refuses_the_package_and_the_launcher_says_why(tmp_path, have, refused):
    """The .deb's pre-install check and the `nianbao` launcher, on a system whose glibc is `have` (getconf faked)."""
    from ship.deb import EXIT_TOO_OLD, LAUNCHER, PREINST

    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "getconf").write_text(f"#!/bin/sh\necho 'glibc {have}'\n")
    (fake / "getconf").chmod(0o755)
    (tmp_path / "program").write_text("#!/bin/sh\necho started \"$@\"\n")
    (tmp_path / "program").chmod(0o755)
    env = {**os.environ, "PATH": f"{fake}:{os.environ['PATH']}"}
    scripts = {"preinst": PREINST.format(floor="2.31"), "launcher": LAUNCHER.format(program_dir=tmp_path, program="program", floor="2.31", code=EXIT_TOO_OLD)}
    for name, text in scripts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    preinst = subprocess.run(["sh", str(tmp_path / "preinst"), "install"], capture_output=True, text=True, env=env)
    launcher = subprocess.run(["sh", str(tmp_path / "launcher"), "报告.docx"], capture_output=True, text=True, env=env)
    if refused:
        assert preinst.returncode == 1 and f"系统的C运行库（glibc）版本是 {have}，本程序需要 2.31 或更新" in preinst.stderr
        assert launcher.returncode == EXIT_TOO_OLD and launcher.stdout == ""
        assert f"年报检查无法在这台电脑上运行：系统的C运行库（glibc）版本是 {have}" in launcher.stderr
    else:
        assert preinst.returncode == 0 and preinst.stderr == ""
        assert launcher.returncode == 0 and launcher.stdout == "started 报告.docx\n"
