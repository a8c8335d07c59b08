"""`main.py --self-test` from source: it passes here, and it fails, saying what to install, where no font
can draw the window's Chinese (every character would be a box)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{fonts}</dir><cachedir>{cache}</cachedir></fontconfig>
"""


def _self_test(**env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--self-test"], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, env={**os.environ, **env}, timeout=300)


def test_the_self_test_passes_and_names_the_font_and_qts_chinese_words():
    done = _self_test()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "√ 中文字体：字体“" in done.stdout and "√ Qt对话框的中文：查找范围：、文件名称(&N)：、文件类型：、取消" in done.stdout
    assert done.stdout.rstrip().endswith("自检通过")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig decides which fonts Qt sees on Linux")
def test_without_a_chinese_font_the_self_test_fails_and_names_the_package(tmp_path):
    latin = next(p for p in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation") if os.path.isdir(p))
    (tmp_path / "fonts.conf").write_text(FONTS_CONF.format(fonts=latin, cache=tmp_path / "cache"), encoding="utf-8")
    done = _self_test(FONTCONFIG_FILE=str(tmp_path / "fonts.conf"))
    assert done.returncode == 1
    assert "× 中文字体：找不到能显示中文的字体，窗口中的汉字会显示成方框。请安装中文字体：sudo apt install fonts-noto-cjk" in done.stdout
    assert "自检失败" in done.stdout and "Traceback" not in done.stderr
