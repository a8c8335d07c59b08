"""The installers' scripts, checked on every run: the NSIS script compiles, the prune list holds,
the portable zip carries its marker."""
from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest

from ship.portable import MARKER, build_zip
from ship.prune import is_pruned
from tests.conftest import ROOT


@pytest.fixture
def stand_in(tmp_path):
    """A folder shaped like the PyInstaller output, with dummy programs."""
    folder = tmp_path / "nianbao"
    (folder / "_internal" / "resources").mkdir(parents=True)
    (folder / "nianbao.exe").write_bytes(b"MZ stand-in")
    (folder / "nianbao-cli.exe").write_bytes(b"MZ stand-in")
    (folder / "_internal" / "resources" / "示例.txt").write_text("示例", encoding="utf-8")
    return folder


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis is installed by ./dev")
def test_windows_setup_script_compiles(stand_in, tmp_path):
    out = tmp_path / "nianbao-setup-1.2.3.exe"
    done = subprocess.run(
        ["makensis", "-WX", "-V2", f"-DSOURCE_DIR={stand_in}", "-DVERSION=1.2.3", f"-DOUT_FILE={out}", "installer.nsi"],
        cwd=ROOT / "ship" / "windows",
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.read_bytes()[:2] == b"MZ"
    script = (ROOT / "ship" / "windows" / "installer.nsi").read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in script and '!insertmacro MUI_LANGUAGE "SimpChinese"' in script


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
    from core.paths import data_dir

    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "数据"))
    assert data_dir() == tmp_path / "数据" and (tmp_path / "数据").is_dir()
