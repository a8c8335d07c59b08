"""Typing Chinese on Linux: reaching the input method the desktop runs, through a plugin the program carries.

Qt reaches an input method through the plugin QT_IM_MODULE names. 麒麟 and 统信 run fcitx and name it
(QT_IM_MODULE=fcitx); fcitx's own Qt plugin is built against the system's Qt, on Qt's private interfaces,
version by version, so a program that brings its own Qt cannot bring it, and without a plugin Qt has no input
method at all: the clerk could type no Chinese (a note to 已核实, the body's name). Fcitx 5 also answers as IBus
on the session bus — its IBus portal, there for sandboxed programs — and Qt's IBus plugin, which the bundle
carries, speaks to that portal when IBUS_USE_PORTAL is set. So where fcitx is asked for and no fcitx plugin is
at hand, the program asks for IBus through the portal. (Fcitx 4 has no portal: there nothing changes, and
docs/install.md says what to install.) Where IBus itself runs (QT_IM_MODULE=ibus), Qt's plugin finds it as it is.
"""
from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path

log = logging.getLogger(__name__)

SUFFIX = "platforminputcontextplugin"


def plugins_here() -> set[str]:
    """The input-method plugins of the Qt the program runs on: {'ibus', 'compose', …}."""
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforminputcontexts"
    names = (p.name for p in folder.glob(f"*{SUFFIX}*")) if folder.is_dir() else ()
    return {name.removeprefix("lib").split(SUFFIX)[0] for name in names}


def wanted(environ: Mapping[str, str]) -> str:
    """The input method the desktop asks programs for ('' when it names none)."""
    listed = [name for name in environ.get("QT_IM_MODULES", "").split(";") if name and name != "wayland"]  # Qt 6.7's list
    named = environ.get("QT_IM_MODULE") or next(iter(listed), "")
    if named:
        return named
    if "fcitx" in environ.get("XMODIFIERS", "") or environ.get("GTK_IM_MODULE", "").startswith("fcitx"):
        return "fcitx"  # some desktops name it only for X11's and GTK's programs
    return ""


def choose(environ: Mapping[str, str], plugins: set[str]) -> dict[str, str]:
    """What to set before Qt starts so that the desktop's input method is reached (empty: Qt finds it itself)."""
    asked = wanted(environ)
    if not asked.startswith("fcitx") or any(p.startswith("fcitx") for p in plugins) or "ibus" not in plugins:
        return {}
    return {"QT_IM_MODULE": "ibus", "QT_IM_MODULES": "ibus", "IBUS_USE_PORTAL": "1"}


def reach_input_method() -> None:
    """Set, before the QApplication is made, what `choose` says (Linux only: Windows' input methods need nothing)."""
    if not sys.platform.startswith("linux"):
        return
    chosen = choose(os.environ, plugins_here())
    if chosen:
        log.info("input method %s: through Qt's IBus plugin and fcitx 5's IBus portal", wanted(os.environ))
        os.environ.update(chosen)
