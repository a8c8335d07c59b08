"""Reading a file into a `Document`: the reader is chosen by what the file is, not only its name."""
from __future__ import annotations

import hashlib
import os
from importlib import import_module

from core.document import Document
from core.readers.errors import ReadError
from core.readers.limits import MAX_FILE_BYTES, check_size

# extension → module with a `read(path, data, fingerprint) -> Document`; imported only when needed,
# so `check report.txt` never loads the PDF or Word libraries.
READERS = {
    ".txt": "core.readers.text",
    ".md": "core.readers.text",
    ".text": "core.readers.text",
    ".xlsx": "core.readers.xlsx",
}

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


def read_bytes(path: str) -> bytes:
    try:
        size = os.path.getsize(path)
    except FileNotFoundError:
        raise ReadError("not_found", f"找不到文件：{path}。请确认文件还在原来的位置。") from None
    except OSError as error:
        raise ReadError("unreadable", f"无法打开文件：{path}（{error.strerror}）。请确认文件没有被其他程序占用。") from None
    if os.path.isdir(path):
        raise ReadError("is_folder", f"{path} 是一个文件夹。请选择其中的年度报告文件。")
    check_size(size)
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ReadError("unreadable", f"无法读取文件：{path}（{error.strerror}）。请确认文件没有被其他程序占用。") from None


def read_document(path: str) -> Document:
    ext = os.path.splitext(path)[1].lower()
    if ext in UNSUPPORTED:
        raise ReadError("unsupported_format", f"暂不能直接读取{UNSUPPORTED[ext]}。{SAVE_AS}")
    if ext not in READERS:
        raise ReadError(
            "unsupported_format",
            f"不认识的文件类型「{ext or '无扩展名'}」。本程序可以读取 Word（.docx）、PDF、Excel（.xlsx）、网页（.html）和文本（.txt）文件。",
        )
    data = read_bytes(path)
    if not data.strip():
        raise ReadError("empty", "这个文件是空的，没有任何内容。请确认选择的是写好的年度报告。")
    fingerprint = hashlib.sha256(data).hexdigest()
    module = import_module(READERS[ext])
    return module.read(path, data, fingerprint)
