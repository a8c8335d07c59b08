"""A program that cannot start says why in Chinese, with exit status 4 and the log's path: never a traceback."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

BROKEN_QT = """
import sys
class _Broken:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("libxcb-cursor.so.0: cannot open shared object file: No such file or directory")
sys.meta_path.insert(0, _Broken())
"""


def _main(args, tmp_path, **env) -> subprocess.CompletedProcess:
    full = {**os.environ, "NIANBAO_DATA_DIR": str(tmp_path / "data"), **env}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, encoding="utf-8",
                          cwd=ROOT, env={k: v for k, v in full.items() if v is not None}, timeout=120)


def test_a_missing_system_library_is_a_chinese_sentence_with_the_log(tmp_path):
    """As on a PC without libxcb-cursor0: Qt cannot be loaded when the window starts."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(BROKEN_QT, encoding="utf-8")
    done = _main([], tmp_path, PYTHONPATH=str(tmp_path / "site"), QT_QPA_PLATFORM="xcb", DISPLAY=":9999")
    assert done.returncode == 4
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert "年报检查无法启动：找不到库文件 libxcb-cursor.so.0" in done.stderr and "apt install" in done.stderr
    log = tmp_path / "data" / "logs" / "nianbao.log"
    assert f"详细情况已记入日志：{log}" in done.stderr
    assert "ImportError: libxcb-cursor.so.0" in log.read_text(encoding="utf-8")  # the details are for support


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11 screen is Linux's")
def test_the_window_without_a_screen_says_so_instead_of_qts_abort(tmp_path):
    done = _main([], tmp_path, QT_QPA_PLATFORM=None, DISPLAY=None, WAYLAND_DISPLAY=None)
    assert done.returncode == 4 and "Traceback" not in done.stderr
    assert "没有找到图形界面" in done.stderr and "nianbao-cli check" in done.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11 screen is Linux's")
def test_a_screen_that_does_not_answer_is_said_instead_of_qts_abort(tmp_path):
    done = _main([], tmp_path, QT_QPA_PLATFORM=None, DISPLAY=":9999", WAYLAND_DISPLAY=None)  # no X server has that number
    assert done.returncode == 4 and "Traceback" not in done.stderr
    assert "年报检查无法连接到图形界面（DISPLAY=:9999）" in done.stderr


def test_the_sentences_name_what_is_missing():
    from gui.startup import explain

    assert "缺少 GLIBC_2.35" in explain(OSError("/lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.35' not found"))
    assert "麒麟V10 SP1" in explain(OSError("version `GLIBCXX_3.4.30' not found (required by x)"))
    assert explain(RuntimeError("boom")) == "年报检查无法启动（RuntimeError）。请重新安装；如仍不行，请把日志发给技术支持。"


def test_the_library_is_named_when_a_loader_wraps_the_systems_words():
    """PyInstaller's ctypes wraps the loader's OSError in its own; the sentence still names the library."""
    from gui.startup import explain

    class PyInstallerImportError(OSError):
        pass

    try:
        try:
            raise OSError("libQt6XcbQpa.so.6: cannot open shared object file: No such file or directory")
        except OSError as cause:
            raise PyInstallerImportError("Failed to load dynlib/dll 'libqxcb.so'.") from cause
    except OSError as wrapped:
        assert "找不到库文件 libQt6XcbQpa.so.6" in explain(wrapped)
