"""Typing Chinese on Linux (gui/input_method.py): in a session running fcitx 5 with pinyin, as 麒麟 and 统信 run
one, the clerk types a body's name in pinyin into the window and the window has it in characters.

The frozen program does the same in tests/test_frozen.py; `choose` is the decision both rest on.
"""
from __future__ import annotations

import sys

import pytest

from gui.input_method import choose
from tests.conftest import ROOT
from tests.fixtures import desktop

PORTAL = {"QT_IM_MODULE": "ibus", "QT_IM_MODULES": "ibus", "IBUS_USE_PORTAL": "1"}
CARRIED = {"ibus", "compose"}  # what the bundle (and PySide6's wheel) carries


@pytest.mark.parametrize(
    ("environ", "plugins", "chosen"),
    [
        ({"QT_IM_MODULE": "fcitx", "XMODIFIERS": "@im=fcitx"}, CARRIED, PORTAL),  # 麒麟, 统信: fcitx, no fcitx plugin
        ({"QT_IM_MODULE": "fcitx5"}, CARRIED, PORTAL),
        ({"XMODIFIERS": "@im=fcitx"}, CARRIED, PORTAL),  # named for X11's programs only
        ({"QT_IM_MODULES": "wayland;fcitx;ibus"}, CARRIED, PORTAL),  # fcitx 5.1's list for Qt 6.7 and later
        ({"QT_IM_MODULE": "fcitx"}, CARRIED | {"fcitx5"}, {}),  # a Qt that has fcitx's plugin: as it is
        ({"QT_IM_MODULE": "ibus"}, CARRIED, {}),  # IBus itself: Qt's plugin finds its daemon
        ({}, CARRIED, {}),  # no input method named: Qt's default (compose)
        ({"QT_IM_MODULE": "fcitx"}, {"compose"}, {}),  # no IBus plugin to reach fcitx with
    ],
)
def test_fcitx_is_reached_through_ibus_s_portal_where_its_own_plugin_is_missing(environ, plugins, chosen):
    assert choose(environ, plugins) == chosen


pytestmark = [pytest.mark.linux_only, pytest.mark.skipif(sys.platform != "linux", reason="fcitx runs on Linux desktops")]


@pytest.mark.slow
def test_a_clerk_types_a_body_s_name_in_pinyin_in_the_window(tmp_path):
    assert desktop.typed_agency([str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "main.py")], tmp_path) == "青山街道"
