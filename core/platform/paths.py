"""Where the program finds its resources and keeps the clerk's data.

Settings, autosaved corrections and the log live in the user's data folder — or, in the
portable build (a `portable.ini` beside the program), in the `data` folder next to it.
`NIANBAO_DATA_DIR` overrides both (tests use it to keep out of the real profile).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_FOLDER = "NianbaoCheck"
PORTABLE_MARKER = "portable.ini"


def program_dir() -> Path:
    """The folder of the program: beside the .exe when frozen, the project root from source."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]  # core/platform/paths.py


def resources_dir() -> Path:
    """resources/ — next to core/ from source, inside the bundle (_internal/resources) when frozen."""
    return Path(__file__).resolve().parents[2] / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def is_portable() -> bool:
    return (program_dir() / PORTABLE_MARKER).exists()


def data_dir() -> Path:
    """The folder for settings, autosaves and the log (created on first use)."""
    override = os.environ.get("NIANBAO_DATA_DIR")
    if override:
        folder = Path(override)
    elif is_portable():
        folder = program_dir() / "data"
    elif sys.platform == "win32":
        folder = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / APP_FOLDER
    elif sys.platform == "darwin":
        folder = Path.home() / "Library" / "Application Support" / APP_FOLDER
    else:
        folder = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "nianbao"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shown(path: str) -> str:
    """A path as a clerk can read it, and as any text (the screen, the JSON, a workbook) can hold it.

    A name whose bytes are not UTF-8 (unzipping a Windows archive on 麒麟 or 统信 gives GBK names) comes
    from the file system with those bytes kept as lone surrogates, which no text can hold: they are
    shown as \\xNN, and when the name reads as GBK that reading follows it: 「\\xc4\\xea报.txt（按GBK编码：年报.txt）」.
    """
    raw = os.fsencode(path)
    text = raw.decode("utf-8", errors="backslashreplace")
    if text == path:
        return path
    name = os.fsencode(os.path.basename(path))
    try:
        return f"{text}（按GBK编码：{name.decode('gb18030')}）"
    except UnicodeDecodeError:
        return text


def dropped_paths(uri_list: bytes) -> list[str]:
    """The local files of a drag's text/uri-list (RFC 2483), each as the file system names it.

    A file manager writes a name's bytes percent-encoded; Qt decodes them as UTF-8, so a GBK name (unzipped from a
    Windows archive) comes out with U+FFFD and names no file. Decoded here byte for byte (`os.fsdecode`), it
    names the file, its undecodable bytes kept as lone surrogates as everywhere else (`shown`)."""
    from urllib.parse import unquote_to_bytes, urlsplit

    paths = []
    for line in uri_list.splitlines():
        line = line.strip()
        if not line or line.startswith(b"#"):
            continue
        parts = urlsplit(line)
        if parts.scheme.lower() != b"file" or parts.netloc not in (b"", b"localhost"):
            continue
        raw = unquote_to_bytes(parts.path)
        if sys.platform == "win32":  # file:///C:/… ; Windows' names are UTF-16 and Qt's reading of them is whole
            raw = raw.lstrip(b"/")
        paths.append(os.fsdecode(raw))
    return paths
