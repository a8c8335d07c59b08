"""What a file really is, from its first bytes: clerks rename files, and save them under the wrong name.

A .docx that is really a PDF (or the reverse) is read by the reader its content
needs; an OLE file (the container of Word 97–2003, WPS and encrypted Office
files) gets a message naming what it is. Only the standard library is used here,
so sniffing a .txt loads nothing heavy.
"""
from __future__ import annotations

import codecs
import io
import re
import zipfile

from core.readers.limits import MAX_ZIP_ENTRIES, zip_entries

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# A single-file web page: a MIME message of related parts. Its headers come first, and a long page title
# (encoded, in the Subject) can push the content type past the first kilobyte.
_MHT_RE = re.compile(rb"^Content-Type:\s*multipart/related", re.IGNORECASE | re.MULTILINE)
_MHT_HEAD_BYTES = 16 * 1024
_HTML_RE = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|table|meta|div|p)[\s>/]", re.IGNORECASE)

# What each kind is called in a message.
KIND_NAMES = {
    "pdf": "PDF文件",
    "docx": "Word文档（.docx）",
    "xlsx": "Excel工作簿（.xlsx）",
    "html": "网页（.html）",
    "doc": "Word 97-2003 文档（.doc）或WPS文字文档（.wps）",
    "xls": "Excel 97-2003 工作簿（.xls）或WPS表格文档（.et）",
    "ole": "旧版Office文档",
    "encrypted": "加密的Office文档",
    "odf": "OpenDocument 文档（.odt/.ods）",
    "ofd": "OFD 版式文档（.ofd）",
    "rtf": "RTF 文档（.rtf）",
    "zip": "压缩包",
    "mht": "单个文件网页（.mht）",
    "text": "纯文本文件",
    "image": "图片（扫描件或照片）",
}
# Pictures a scanned or photographed report comes as: PNG, JPEG, TIFF (both byte orders), BMP.
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM")


def sniff(data: bytes) -> str | None:
    """'pdf', 'image', 'docx', 'xlsx', 'html', 'doc', 'xls', 'ole', 'encrypted', 'odf', 'ofd', 'rtf', 'zip', 'mht', 'text'
    (plain text in UTF-8, UTF-16 or GB18030: a report copied into Notepad and saved as 报告.docx) or None."""
    head = data[:1024]
    if b"%PDF-" in head:  # the header may follow a few bytes of junk; readers accept that
        return "pdf"
    if head.startswith(IMAGE_MAGIC):
        return "image"
    if head.startswith(OLE_MAGIC):
        return _ole_kind(data)
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(data)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    if head.lstrip().upper().startswith(b"MIME-VERSION:") or _MHT_RE.search(data[:_MHT_HEAD_BYTES]):
        return "mht"
    if _HTML_RE.search(head):
        return "html"
    if is_text(data[:_TEXT_SAMPLE]):
        return "text"
    return None


_TEXT_SAMPLE = 64 * 1024
_TEXT_CODECS = ("utf-8", "gb18030")
_LINE_CONTROLS = frozenset("\t\n\r\f\v")
_CONTROLS_ALLOWED = 0.001  # share of other control characters a text may hold (a stray one from a copy)


def is_text(sample: bytes) -> bool:
    """Whether the bytes are plain text (their start, maybe cut inside a character): they decode in a codec
    the text reader knows and hold next to no control characters, as random or binary bytes do."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if sample.startswith(bom):
            return _plain(_decoded(sample[len(bom):], codec))
    if b"\x00" in sample:  # UTF-16 without a BOM: every other byte of its ASCII is zero
        return any(_plain(_decoded(sample, codec)) for codec in ("utf-16-le", "utf-16-be"))
    return any(_plain(_decoded(sample, codec)) for codec in _TEXT_CODECS)


def _decoded(sample: bytes, codec: str) -> str | None:
    try:
        return codecs.getincrementaldecoder(codec)().decode(sample, final=False)
    except UnicodeDecodeError:
        return None


def _plain(text: str | None) -> bool:
    if not text or not text.strip():
        return False
    controls = sum(1 for c in text if (c < " " or "\x7f" <= c < "\xa0") and c not in _LINE_CONTROLS)
    return controls <= _CONTROLS_ALLOWED * len(text)


def _ole_kind(data: bytes) -> str:
    """An OLE compound file: its directory names its streams, in UTF-16."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "encrypted"  # a .docx/.xlsx with a password to open: Office wraps it in OLE
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "xls"
    return "ole"


def _zip_kind(data: bytes) -> str:
    if zip_entries(data) > MAX_ZIP_ENTRIES:
        return "zip"  # its directory alone would take long to read: the reader its name points to refuses it
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:80] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError):
        return "zip"  # damaged: the reader its name points to says so
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return "odf"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"
