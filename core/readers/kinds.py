"""The kinds of file the program reads: each reader declares itself here, once.

A declaration is the reader's module (it has `read(path, data, fingerprint) -> Document`, and is imported only
when a file of its kind is read: `check x.txt` never loads the PDF library), how a clerk names the kind, the
extensions it is read under, and what `sniff.sniff` calls its content. Everything that lists or chooses the
readable kinds takes them from here: the reader chosen for a file (`core/readers/__init__.py`), the folder scan
(`core/batch.py`), the command line's help and its message for a folder with no report, the message for a file
of an unknown kind, the window's open dialogs and its lists of what it opens. Adding a reader is its module and
one line below.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    module: str  # the reader: 'core.readers.pdf'
    name: str  # how a clerk names the kind, in messages and lists: 「Word（.docx）」
    extensions: tuple[str, ...]  # lower case, with the dot; the first is the kind's own
    content: tuple[str, ...] = ()  # what `sniff` calls a file of this kind: read so whatever its name says
    strict: bool = False  # a file named so must hold this format: anything else is damaged (a .pdf that is not one)


# In the order a clerk meets them.
KINDS: tuple[Kind, ...] = (
    Kind("core.readers.docx", "Word（.docx）", (".docx", ".docm"), ("docx",), strict=True),
    Kind("core.readers.pdf", "PDF", (".pdf",), ("pdf",), strict=True),
    Kind("core.readers.xlsx", "Excel（.xlsx）", (".xlsx",), ("xlsx",), strict=True),
    Kind("core.readers.html", "网页（.html）", (".html", ".htm", ".shtml", ".xhtml"), ("html",)),
    Kind("core.readers.mhtml", "单个文件网页（.mht）", (".mht", ".mhtml"), ("mht",)),
    Kind("core.readers.text", "文本（.txt）", (".txt", ".md", ".text"), ("text",)),
    # a scanned or photographed page, read by recognition; a folder of them is one report (read_document)
    Kind("core.readers.scan", "扫描的图片（.png、.jpg、.tif）", (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"), ("image",)),
)

READERS: dict[str, str] = {ext: kind.module for kind in KINDS for ext in kind.extensions}  # extension → module
CONTENT_READERS: dict[str, str] = {content: kind.module for kind in KINDS for content in kind.content}
PICTURES: tuple[str, ...] = tuple(ext for kind in KINDS if "image" in kind.content for ext in kind.extensions)
STRICT: frozenset[str] = frozenset(ext for kind in KINDS if kind.strict for ext in kind.extensions)


def kind_names() -> list[str]:
    """「Word（.docx）」, 「PDF」…: the readable kinds as a clerk names them."""
    return [kind.name for kind in KINDS]


def kinds_sentence() -> str:
    """「Word（.docx）、PDF、…和文本（.txt）」: the readable kinds in a sentence."""
    names = kind_names()
    return "、".join(names[:-1]) + "和" + names[-1] if len(names) > 1 else names[0]


def main_extensions() -> list[str]:
    """Each kind's own extension: '.docx', '.pdf', …"""
    return [kind.extensions[0] for kind in KINDS]
