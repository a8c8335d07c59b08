"""What the frozen program leaves out, read by build.spec and checked by tests.

PySide6 brings all of Qt; the program uses QtCore, QtGui, QtWidgets and QtPrintSupport (PDF output).
Three steps, in this order:

1. explicit lists: Python modules left out of the analysis (EXCLUDED_MODULES), and collected files
   dropped by name (PRUNED_FILES: Qt libraries, plugins, QML, translations other than Simplified Chinese);
2. on Linux, the libraries the system provides (SYSTEM_LIBRARIES): the .deb depends on them instead,
   through dpkg-shlibdeps (ship/deb.py), so they match the system's drivers and configuration;
3. on Linux, whatever nothing links any more (`drop_unlinked`): a library PyInstaller collected
   because a pruned plugin needed it (the GTK stack for the GTK theme, Kerberos for libcups) goes
   with it. What is loaded by name rather than linked (Python's extension modules, Qt's plugins,
   libraries opened with ctypes) is listed in LOADED_BY_NAME and always kept.

A new library bundled later needs: its Python modules are found by PyInstaller; a library it opens by
name goes into LOADED_BY_NAME; files it never uses go into PRUNED_FILES (as onnxruntime's C library,
which its Python module does not need).
"""
from __future__ import annotations

import fnmatch
import posixpath
import re
from pathlib import Path

# Python modules never imported by the program (some are pulled in by optional imports of libraries).
EXCLUDED_MODULES = [
    "tkinter",
    "unittest",
    "pydoc",
    "IPython",
    "matplotlib",
    "pandas",
    # numpy is the recogniser's (core/ocr): what of it the program never imports
    "numpy.f2py",
    "numpy.testing",
    "numpy.typing",
    "numpy.random",
    "numpy.fft",
    "numpy.polynomial",
    "numpy.ma",
    "numpy._pyinstaller",
    # onnxruntime's tools for making and converting models; the program only runs one
    "onnxruntime.tools",
    "onnxruntime.transformers",
    "onnxruntime.quantization",
    "onnxruntime.backend",
    "onnxruntime.training",
    "onnx",
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
    # the input methods: IBus's plugin stays (麒麟's and 统信's fcitx 5 is reached through it, gui/input_method.py),
    # and compose's (dead keys); Qt's on-screen keyboard goes with its library
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboard*",
    "PySide6/Qt/plugins/designer/*",
    "PySide6/Qt/plugins/scenegraph/*",
    "PySide6/Qt/plugins/xcbglintegrations/*",  # OpenGL in X windows: the window draws with the raster engine
    "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal*",  # Flatpak's portals: not on an office PC
    "PySide6/Qt/lib/libQt6OpenGL*",
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
    # onnxruntime's own C library: its Python module carries the runtime itself, and the CPU runs the model. Its
    # provider bridge (15 KB) stays (LOADED_BY_NAME): without it every first recognition printed
    # 「[W:onnxruntime…] Init provider bridge failed.」 in colour on a clerk's terminal
    "onnxruntime/capi/libonnxruntime.so*",
    # numpy's own test modules (C extensions that numpy.testing loads, never numpy itself)
    "numpy/_core/_multiarray_tests*",
    "numpy/_core/_simd*",
    "numpy/_core/_umath_tests*",
    "numpy/_core/_rational_tests*",
    "numpy/_core/_struct_ufunc_tests*",
    "numpy/_core/_operand_flag_tests*",
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

# Translations: Qt's own dialogs in Chinese need only these, and the program's own catalogue of the
# words Qt's leaves in English (resources/translations/qt_gaps_zh_CN.qm: the file dialog's "Look in:").
KEPT_TRANSLATIONS = ("qt_zh_CN.qm", "qtbase_zh_CN.qm", "qt_gaps_zh_CN.qm")

# OpenCC: the program converts Traditional to Simplified (t2s) only; its command-line tools,
# headers, static libraries and the other conversions' dictionaries stay behind.
OPENCC_DATA = "opencc/clib/share/opencc/"
KEPT_OPENCC = ("t2s.json", "CJK_Compatibility_Ideographs.ocd2", "TSPhrases.ocd2", "TSCharactersExt.ocd2", "TSCharacters.ocd2")
PRUNED_FILES += ["opencc/clib/bin/*", "opencc/clib/include/*", "opencc/clib/lib64/*"]


# Libraries every supported Linux desktop has, taken from the system rather than the bundle: a copy of
# libstdc++ older than the system's breaks the system's graphics drivers, fontconfig must read the
# system's own configuration, and X and D-Bus speak the system's protocols. ship/deb.py depends on
# the packages that hold them (dpkg-shlibdeps), tests/test_elf_audit.py on their oldest versions.
SYSTEM_LIBRARIES = re.compile(
    r"lib(stdc\+\+|gcc_s|fontconfig|freetype|expat|glib-2\.0|gobject-2\.0|gthread-2\.0|gmodule-2\.0|gio-2\.0"
    r"|dbus-1|X11|X11-xcb|Xau|Xdmcp|xcb-[a-z-]+|xkbcommon|xkbcommon-x11|png16|z|bz2|uuid|bsd|md|pcre)\.so(\..*)?"
)
# ...except xcb-cursor: Ubuntu 20.04 has no libxcb-cursor0, which Qt 6.5+ links, so the bundle carries it.
BUNDLED_SYSTEM_LIBRARIES = ("libxcb-cursor.so.0",)

# Collected files that are loaded by name, not linked: kept whether or not anything links them.
LOADED_BY_NAME = [
    "PySide6/Qt/plugins/*",  # Qt's plugins (what is left of them after PRUNED_FILES)
    "pypdfium2_raw/*",  # PDFium, opened with ctypes
    "libpython3*",  # the bootloader opens Python's library
    "onnxruntime/capi/libonnxruntime_providers_shared.so",  # onnxruntime opens its provider bridge by name
]


def is_system_library(dest: str) -> bool:
    name = dest.replace("\\", "/").rsplit("/", 1)[-1]
    return name not in BUNDLED_SYSTEM_LIBRARIES and SYSTEM_LIBRARIES.fullmatch(name) is not None


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


def prune_collected(binaries, datas, linux: bool = False):
    """PyInstaller TOCs without the pruned entries (an entry is (dest, source, kind)); on Linux, without
    the system's libraries and what nothing links any more, too."""
    binaries, datas = [e for e in binaries if not _dropped(e)], [e for e in datas if not _dropped(e)]
    if linux:
        system = [e for e in binaries if is_system_library(e[0])]
        kept = drop_unlinked([e for e in binaries if not is_system_library(e[0])])
        unlinked = [e for e in binaries if e not in kept and e not in system]
        print(f"ship/prune.py: left to the system: {_names(system)}; linked by nothing kept: {_names(unlinked)}")
        binaries = kept
    return binaries, datas


def _names(entries) -> str:
    return ", ".join(sorted({e[0].replace("\\", "/").rsplit("/", 1)[-1] for e in entries})) or "none"


def drop_unlinked(binaries):
    """The entries still needed: everything loaded by name or as a Python extension, and the libraries
    these link (DT_NEEDED), and so on; a link to a dropped library goes with it."""
    from ship import elf

    def name(entry) -> str:
        return entry[0].replace("\\", "/").rsplit("/", 1)[-1]

    files = [e for e in binaries if e[2] != "SYMLINK"]
    by_name: dict[str, list] = {}
    for entry in files:
        by_name.setdefault(name(entry), []).append(entry)
    for dest, source, kind in binaries:  # a link by its own name stands for the file it points to
        if kind == "SYMLINK":
            target = posixpath.normpath(posixpath.join(posixpath.dirname(dest.replace("\\", "/")), source.replace("\\", "/")))
            by_name.setdefault(posixpath.basename(dest), []).extend(e for e in files if e[0].replace("\\", "/") == target)
    kept = {id(e) for e in files if e[2] == "EXTENSION" or any(fnmatch.fnmatch(e[0].replace("\\", "/"), p) for p in LOADED_BY_NAME)}
    queue = [e for e in files if id(e) in kept]
    while queue:
        entry = queue.pop()
        source = Path(entry[1])
        if not elf.is_elf(source):
            continue
        for needed in elf.read(source).needed:
            for library in by_name.get(needed, []):
                if id(library) not in kept:
                    kept.add(id(library))
                    queue.append(library)
    kept_dests = {e[0].replace("\\", "/") for e in files if id(e) in kept}
    result = []
    for entry in binaries:
        if entry[2] == "SYMLINK":
            dest = entry[0].replace("\\", "/")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(dest), entry[1].replace("\\", "/")))
            if target in kept_dests:
                result.append(entry)
        elif id(entry) in kept:
            result.append(entry)
    return result
