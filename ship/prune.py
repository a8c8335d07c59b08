"""What the frozen program leaves out: one explicit list, read by build.spec and checked by a test.

PySide6 brings all of Qt; the program uses QtCore, QtGui, QtWidgets and QtPrintSupport (PDF output).
Everything below is left out of the analysis (Python modules) or dropped from the collected
files (Qt libraries, plugins, QML, translations other than Simplified Chinese).
"""
from __future__ import annotations

import fnmatch
import posixpath

# Python modules never imported by the program (some are pulled in by optional imports of libraries).
EXCLUDED_MODULES = [
    "tkinter",
    "unittest",
    "pydoc",
    "IPython",
    "matplotlib",
    "numpy",
    "pandas",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtNetwork",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtSvgWidgets",
    "PySide6.QtSvg",
    # Pillow's optional codecs: pages are drawn as PNG, nothing else is decoded
    "PIL._avif",
    "PIL._webp",
    "PIL._imagingcms",
    "PIL._imagingtk",
    "PIL.ImageQt",
    "PIL.ImageTk",
]

# Collected files (destination paths, '/'-separated, fnmatch patterns) that are dropped.
PRUNED_FILES = [
    "PySide6/Qt/qml/*",
    "PySide6/Qt/lib/libQt6Quick*",
    "PySide6/Qt/lib/libQt6Qml*",
    "PySide6/Qt/lib/libQt6Labs*",
    "PySide6/Qt/lib/libQt6Lottie*",
    "PySide6/Qt/lib/libQt6Designer*",
    "PySide6/Qt/lib/libQt6Help*",
    "PySide6/Qt/lib/libQt6Sql*",
    "PySide6/Qt/lib/libQt6Test*",
    "PySide6/Qt/lib/libQt6Wayland*",
    "PySide6/Qt/lib/libQt6Wl*",
    "PySide6/Qt/lib/libQt6EglFS*",
    "PySide6/Qt/lib/libQt6Pdf*",
    "PySide6/Qt/lib/libQt6VirtualKeyboard*",
    "PySide6/Qt/lib/libQt6Network*",
    "PySide6/Qt/lib/libQt6Svg*",
    "PySide6/Qt/lib/libQt6EglFsKmsSupport*",
    "PySide6/Qt/plugins/qmltooling/*",
    "PySide6/Qt/plugins/generic/*",  # evdev and TUIO input: for kiosks, not office PCs
    "PySide6/Qt/plugins/imageformats/*",  # PNG is built into QtGui; nothing else is shown
    "PySide6/Qt/plugins/iconengines/*",
    "PySide6/Qt/plugins/platforms/libqvkkhrdisplay*",
    "PySide6/Qt/plugins/platformthemes/libqgtk3*",  # needs GTK, which the bundle does not carry
    "PySide6/Qt/plugins/platforms/libqwayland*",
    "PySide6/Qt/plugins/platforms/libqeglfs*",
    "PySide6/Qt/plugins/platforms/libqlinuxfb*",
    "PySide6/Qt/plugins/platforms/libqvnc*",
    "PySide6/Qt/plugins/platforms/libqminimal*",
    "PySide6/Qt/plugins/wayland-*",
    "PySide6/Qt/plugins/egldeviceintegrations/*",
    "PySide6/Qt/plugins/sqldrivers/*",
    "PySide6/Qt/plugins/networkinformation/*",
    "PySide6/Qt/plugins/tls/*",
    "PySide6/Qt/plugins/virtualkeyboard/*",
    "PySide6/Qt/plugins/platforminputcontexts/*",
    "PySide6/Qt/plugins/designer/*",
    "PySide6/Qt/plugins/scenegraph/*",
    "PySide6/opengl32sw.dll",
    "PySide6/Qt6Quick*",
    "PySide6/Qt6Network*",
    "PySide6/Qt6Svg*",
    "PySide6/plugins/imageformats/*",
    "PySide6/plugins/generic/*",
    "PySide6/plugins/iconengines/*",
    "PySide6/Qt6Qml*",
    "PySide6/Qt6Pdf*",
    "PySide6/qml/*",
]

# Printing on Linux goes through the system's CUPS: Qt's CUPS plugin stays in the bundle, but libcups and
# what only it needs (TLS, DNS-SD, IDN: 8 MB) are the system's — the .deb depends on libcups2, every desktop
# with a printer has it, and the system's copy matches its own CUPS. Without it Qt offers printing to PDF.
SYSTEM_PRINTING = [
    "libcups.so*",
    "libavahi-client.so*",
    "libavahi-common.so*",
    "libgnutls.so*",
    "libgmp.so*",
    "libhogweed.so*",
    "libnettle.so*",
    "libidn2.so*",
    "libp11-kit.so*",
    "libtasn1.so*",
    "libunistring.so*",
]
PRUNED_FILES += SYSTEM_PRINTING

# Translations: Qt's own dialogs in Chinese need only these.
KEPT_TRANSLATIONS = ("qt_zh_CN.qm", "qtbase_zh_CN.qm")

# OpenCC: the program converts Traditional to Simplified (t2s) only; its command-line tools,
# headers, static libraries and the other conversions' dictionaries stay behind.
OPENCC_DATA = "opencc/clib/share/opencc/"
KEPT_OPENCC = ("t2s.json", "CJK_Compatibility_Ideographs.ocd2", "TSPhrases.ocd2", "TSCharactersExt.ocd2", "TSCharacters.ocd2")
PRUNED_FILES += ["opencc/clib/bin/*", "opencc/clib/include/*", "opencc/clib/lib64/*"]


def is_pruned(dest: str) -> bool:
    dest = dest.replace("\\", "/")
    if "/translations/" in dest and dest.endswith(".qm"):
        return not dest.endswith(KEPT_TRANSLATIONS)
    if dest.startswith(OPENCC_DATA):
        return dest[len(OPENCC_DATA) :] not in KEPT_OPENCC
    return any(fnmatch.fnmatch(dest, pattern) for pattern in PRUNED_FILES)


def _dropped(entry: tuple[str, str, str]) -> bool:
    dest, source, kind = entry
    if kind == "SYMLINK":  # PyInstaller links libraries to the top folder: a link to a pruned file goes too
        target = posixpath.normpath(posixpath.join(posixpath.dirname(dest.replace("\\", "/")), source.replace("\\", "/")))
        return is_pruned(target) or is_pruned(dest)
    return is_pruned(dest)


def prune_collected(binaries, datas):
    """PyInstaller TOCs without the pruned entries (an entry is (dest, source, kind))."""
    return [e for e in binaries if not _dropped(e)], [e for e in datas if not _dropped(e)]
