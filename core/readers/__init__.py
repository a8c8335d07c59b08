"""Reading a file into a `Document`: the reader is chosen by what the file is, not only its name."""
from __future__ import annotations

import hashlib
import os
import stat
from importlib import import_module

from core.document import Document
from core.platform.paths import shown
from core.readers.errors import ReadError
from core.readers.kinds import CONTENT_READERS, PICTURES, READERS, STRICT, kinds_sentence
from core.readers.limits import MAX_FILE_BYTES, check_size
from core.readers.sniff import KIND_NAMES, sniff

# Which reader reads a file, by its name or by its content, is each reader's declaration in kinds.py (READERS:
# extension → module, CONTENT_READERS: what `sniff` says → module).
_TEXT_READER = "core.readers.text"

UNSUPPORTED = {
    ".doc": "Word 97-2003 文档（.doc）",
    ".wps": "WPS 文字文档（.wps）",
    ".et": "WPS 表格文档（.et）",
    ".xls": "Excel 97-2003 工作簿（.xls）",
    ".ofd": "OFD 版式文档（.ofd）",
    ".rtf": "RTF 文档（.rtf）",
    ".odt": "OpenDocument 文档（.odt）",
    ".wpt": "WPS 模板（.wpt）",
}

SAVE_AS = "请在Word或WPS中打开它，选择“另存为”Word文档（.docx）或PDF后再检查。"
ENCRYPTED = (
    "这个文件设置了打开密码（已加密），本程序无法读取其中的内容。"
    "请在Word、Excel或WPS中输入密码打开它，去掉打开密码后另存一份，再检查这份副本。"
)


def read_bytes(path: str) -> bytes:
    """The file's bytes. Only a regular file is opened: a pipe, a device or a folder named like a report is
    refused at once (opening a pipe waits for a writer for ever; a device never ends)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ReadError("not_found", f"找不到文件：{shown(path)}。请确认文件还在原来的位置。") from None
    except OSError as error:
        raise ReadError("unreadable", f"无法打开文件：{shown(path)}（{error.strerror}）。请确认文件没有被其他程序占用。") from None
    _regular(path, info.st_mode)
    check_size(info.st_size)
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise ReadError("unreadable", f"无法读取文件：{shown(path)}（{error.strerror}）。请确认文件没有被其他程序占用。") from None
    try:
        _regular(path, os.fstat(handle).st_mode)  # what was opened, should the name have been given to another in between
        with os.fdopen(handle, "rb") as file:
            handle = -1
            return file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ReadError("unreadable", f"无法读取文件：{shown(path)}（{error.strerror}）。请确认文件没有被其他程序占用。") from None
    finally:
        if handle >= 0:
            os.close(handle)


_NOT_FILES = ((stat.S_ISFIFO, "命名管道"), (stat.S_ISCHR, "设备"), (stat.S_ISBLK, "设备"), (stat.S_ISSOCK, "套接字"))


def _regular(path: str, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise ReadError("is_folder", f"{shown(path)} 是一个文件夹。请选择其中的年度报告文件。")
    if not stat.S_ISREG(mode):
        what = next((name for test, name in _NOT_FILES if test(mode)), "特殊文件")
        raise ReadError(
            "not_a_file",
            f"「{shown(path)}」不是普通文件，而是一个{what}，本程序没有打开它。请选择年度报告文件本身（.docx、PDF、.xlsx等）。",
        )


def picture_folder(path: str) -> bool:
    """A folder holding page pictures (a scanned or photographed report) and no other report: read as one report."""
    try:
        names = [n for n in os.listdir(path) if not n.startswith((".", "~$"))]
    except OSError:
        return False
    exts = {os.path.splitext(n)[1].lower() for n in names if os.path.isfile(os.path.join(path, n))}
    return bool(exts & set(PICTURES)) and not (exts & (set(READERS) | set(UNSUPPORTED))) - set(PICTURES)


def read_document(path: str) -> Document:
    if os.path.isdir(path) and picture_folder(path):
        from core.readers import scan  # its pages, in the order of their names

        return scan.read_folder(path)
    ext = os.path.splitext(path)[1].lower()
    if ext not in READERS and ext not in UNSUPPORTED:
        raise ReadError(
            "unsupported_format",
            f"不认识的文件类型「{ext or '无扩展名'}」。本程序可以读取 {kinds_sentence()}文件。",
        )
    data = read_bytes(path)
    if not data.strip():
        raise ReadError("empty", "这个文件是空的，没有任何内容。请确认选择的是写好的年度报告。")
    fingerprint = hashlib.sha256(data).hexdigest()
    module = import_module(reader_for(ext, sniff(data)))
    return module.read(path, data, fingerprint)


def reader_for(ext: str, kind: str | None) -> str:
    """The reader module for a file named `ext` whose content is `kind` (see `sniff`), or a ReadError saying why none."""
    if kind == "encrypted":
        raise ReadError("encrypted", ENCRYPTED)
    if READERS.get(ext) == _TEXT_READER and kind in (None, "text", "html", "mht"):
        return _TEXT_READER  # a text or Markdown file may well contain a tag or two
    if kind in CONTENT_READERS:
        return CONTENT_READERS[kind]  # text saved as 报告.docx from Notepad, a PDF named .docx: read as what it is
    if ext in UNSUPPORTED:
        raise ReadError("unsupported_format", f"暂不能直接读取{UNSUPPORTED[ext]}。{SAVE_AS}")
    if kind == "zip" and ext in READERS and READERS[ext] != _TEXT_READER:
        return READERS[ext]  # a damaged or odd package: the reader its name points to says what is wrong
    if kind is not None:
        raise ReadError(
            "unsupported_format",
            f"这个文件的扩展名是「{ext}」，但它实际是{KIND_NAMES[kind]}，暂不能读取。{SAVE_AS}",
        )
    if ext in STRICT:
        raise ReadError(
            "corrupt",
            f"这个文件的扩展名是「{ext}」，但内容不是这种格式：文件可能已损坏，或者没有下载完整。"
            "请重新获取原文件，或在Word/WPS中打开后另存一份再检查。",
        )
    return READERS[ext]
