"""Mutations of real report files for the fuzz tests (test_fuzz.py): bytes, zip entries, XML, table text, PDF drawing.

Each mutator takes the file's bytes and hypothesis's `draw` and returns new bytes; what it
does is drawn, so hypothesis can replay and shrink a failing case. The files mutated are
the repository's own: the seeds as text, rendered into the official Word template, printed
to PDF by LibreOffice, and exported as a workbook by the program.
"""
from __future__ import annotations

import copy
import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Callable

from hypothesis import strategies as st
from lxml import etree

Draw = Callable

# What clerks and programs write in a table cell, and what number parsers trip on.
CELL_TEXTS = [
    "", " ", "/", "／", "0", "00", "-1", "－5", "—", "–", "1.5", "0.5万元", "3万", "1,234", "1 234", "1_000", "0x10", "1e308",
    "9" * 40, "NaN", "inf", "∞", "１２", "十二", "一百万", "零", "〇", "½", "²", "٣", "𝟑", "Ⅻ", "①", "12\n34", "（一）", "总计",
    "合计", "无", "—/—", "5件", "约10", "10%", "10.", ".5", "+3", "3-", "1/2", "万元", "\u200b7", "\ufeff8", "2023年",
]
TEXT_ALPHABET = "0123456789０１２３４５６７８９一二三四五六七八九十百千万亿零〇/-－—.,，。、：（）() %万元件条个总计合计其他本年上年"
ATTRIBUTE_VALUES = [
    "", "0", "1", "-1", "2", "7", "99", "-99999", "2147483648", "99999999999999999999", "1.5", "abc", "restart", "continue",
    "true", "false", "nil", "A1", "XFD1048576", "A0", "ZZZZ99999999", "1e9", "NaN", "一", "s", "str", "inlineStr", "n", "b",
    "e", "hidden", "veryHidden", "../../etc/passwd", "/word/document.xml",
]
# Element names a reader looks for, to wrap or insert (Word, then SpreadsheetML).
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NEW_ELEMENTS = [_W + t for t in ("p", "r", "t", "tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "hyperlink", "br", "tab",
                                 "vMerge", "gridSpan", "gridBefore", "numPr", "ilvl", "numId", "pStyle", "vanish", "del", "ins")]
NEW_ELEMENTS += [_S + t for t in ("row", "c", "v", "f", "is", "t", "mergeCell", "sheet", "dimension")]
PDF_OPERATORS = [
    b"q", b"Q", b"BT", b"ET", b"1 0 0 1 0 0 cm", b"0 0 0 0 0 0 cm", b"/F1 12 Tf", b"/F9 0 Tf", b"(123) Tj", b"[(1) -500 (2)] TJ",
    b"<00ff> Tj", b"0 0 m 300 0 l S", b"0 0 300 20 re f", b"0 0 300 20 re S", b"1 0 0 -1 0 800 Tm", b"T*", b"10 TL",
    b"-100000 100000 Td", b"/X0 Do", b"/Im1 Do", b"99999 w", b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI", b"(", b")", b"<<", b"]",
]


def cell_text() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(CELL_TEXTS), st.text(alphabet=TEXT_ALPHABET, max_size=24))


# --- bytes --------------------------------------------------------------------------------------------


def mutate_bytes(data: bytes, draw: Draw, most: int = 4) -> bytes:
    """A few changes anywhere: bytes flipped, inserted, deleted, repeated, zeroed, or the end cut off."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, most))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "zero", "truncate"]))
        at = draw(st.integers(0, max(0, len(out) - 1)))
        size = draw(st.integers(1, 64))
        if op == "flip" and out:
            out[at] ^= draw(st.integers(1, 255))
        elif op == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=size))
        elif op == "delete":
            del out[at : at + size]
        elif op == "repeat":
            out[at:at] = out[at : at + size] * draw(st.integers(1, 8))
        elif op == "zero":
            out[at : at + size] = bytes(len(out[at : at + size]))
        elif op == "truncate":
            del out[at:]
    return bytes(out)


# --- text exports ------------------------------------------------------------------------------------


_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


def mutate_text(text: str, draw: Draw) -> bytes:
    """Numbers replaced by odd cell text, lines deleted, repeated, moved or split, then encoded one way or another."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["number", "delete", "repeat", "move", "insert", "split", "tab", "pipe"]))
        n = draw(st.integers(0, max(0, len(lines) - 1)))
        if op == "number":
            numbers = list(_NUMBER.finditer(lines[n]))
            if numbers:
                hit = numbers[draw(st.integers(0, len(numbers) - 1))]
                lines[n] = lines[n][: hit.start()] + draw(cell_text()) + lines[n][hit.end() :]
        elif op == "delete" and len(lines) > 1:
            del lines[n]
        elif op == "repeat":
            lines[n:n] = [lines[n]] * draw(st.integers(1, 5))
        elif op == "move":
            lines.insert(draw(st.integers(0, len(lines))), lines.pop(n))
        elif op == "insert":
            lines.insert(n, draw(st.text(alphabet=TEXT_ALPHABET + "\t|", max_size=40)))
        elif op == "split":
            at = draw(st.integers(0, len(lines[n])))
            lines[n : n + 1] = [lines[n][:at], lines[n][at:]]
        elif op == "tab":
            lines[n] = "\t" + lines[n]
        elif op == "pipe":
            lines[n] = "|" + lines[n].replace(" ", "|") + "|"
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
    data = "\n".join(lines).encode(encoding, errors="replace")
    return mutate_bytes(data, draw, 2) if draw(st.booleans()) and draw(st.booleans()) else data


# --- zip packages (.docx, .xlsx) ---------------------------------------------------------------------------


def read_entries(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def write_entries(entries: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are one of the mutations
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in entries:
                archive.writestr(name, content)
    return out.getvalue()


def mutate_package(data: bytes, draw: Draw, parts: list[str]) -> bytes:
    """Changes to the package: mostly to the XML of `parts` (the ones a reader reads most), else to any entry."""
    entries = read_entries(data)
    names = [name for name, _ in entries]
    for _ in range(draw(st.integers(1, 5))):
        op = draw(st.sampled_from(["xml"] * 6 + ["text"] * 3 + ["drop", "garbage", "cut", "bytes", "rename", "duplicate", "add"]))
        wanted = [n for n in parts if n in names]
        if op in ("xml", "text") and wanted:
            index = names.index(draw(st.sampled_from(wanted)))
        else:
            index = draw(st.integers(0, len(entries) - 1))
        name, content = entries[index]
        if op == "xml":
            entries[index] = (name, mutate_xml(content, draw))
        elif op == "text":
            entries[index] = (name, mutate_xml_text(content, draw))
        elif op == "drop" and len(entries) > 1:
            del entries[index]
            del names[index]
        elif op == "garbage":
            entries[index] = (name, draw(st.binary(max_size=200)))
        elif op == "cut":
            entries[index] = (name, content[: draw(st.integers(0, len(content)))])
        elif op == "bytes" and content:
            entries[index] = (name, mutate_bytes(content, draw, 2))
        elif op == "rename":
            new = draw(st.sampled_from(names + ["word/document2.xml", "xl/worksheets/sheet9.xml", "[trash]/0000.dat", "a/../b"]))
            entries[index] = (new, content)
            names[index] = new
        elif op == "duplicate":
            entries.append((name, content))
            names.append(name)
        elif op == "add":
            entries.append((draw(st.sampled_from(names)) + ".x", draw(st.binary(max_size=100))))
            names.append(entries[-1][0])
    return write_entries(entries)


def _parse(xml: bytes):
    try:
        return etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None


def mutate_xml(xml: bytes, draw: Draw) -> bytes:
    """Elements removed, repeated, moved, wrapped or added; attributes and text changed."""
    root = _parse(xml)
    if root is None:
        return mutate_bytes(xml, draw, 2)
    for _ in range(draw(st.integers(1, 4))):
        elements = list(root.iter())
        element = elements[draw(st.integers(0, len(elements) - 1))]
        parent = element.getparent()
        op = draw(st.sampled_from(["remove", "repeat", "move", "attribute", "text", "wrap", "add"]))
        if op == "remove" and parent is not None:
            parent.remove(element)
        elif op == "repeat" and parent is not None:
            for _ in range(draw(st.integers(1, 3))):
                element.addnext(copy.deepcopy(element))
        elif op == "move" and parent is not None:
            target = elements[draw(st.integers(0, len(elements) - 1))]
            if element not in target.iterancestors() and target is not element:
                target.insert(draw(st.integers(0, len(target))), element)
        elif op == "attribute":
            names = list(element.attrib) + [_W + "val", "r", "t", "s", "ref", "state", "name"]
            element.set(draw(st.sampled_from(names)), draw(st.sampled_from(ATTRIBUTE_VALUES)))
        elif op == "text":
            element.text = draw(cell_text())
        elif op == "wrap" and parent is not None:
            wrapper = etree.Element(draw(st.sampled_from(NEW_ELEMENTS)))
            element.addprevious(wrapper)
            wrapper.append(element)
        elif op == "add":
            element.insert(draw(st.integers(0, len(element))), etree.Element(draw(st.sampled_from(NEW_ELEMENTS))))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def mutate_xml_text(xml: bytes, draw: Draw) -> bytes:
    """The text of a few text elements (Word's w:t, a sheet's v and t) replaced by odd cell text."""
    root = _parse(xml)
    if root is None:
        return xml
    texts = [e for e in root.iter(_W + "t", _S + "v", _S + "t")]
    for _ in range(draw(st.integers(1, 8)) if texts else 0):
        texts[draw(st.integers(0, len(texts) - 1))].text = draw(cell_text())
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- PDFs ---------------------------------------------------------------------------------------------------

_FLATE_STREAM = re.compile(rb"/FlateDecode[^>]*>>\s*stream\r?\n")


def mutate_pdf(data: bytes, draw: Draw) -> bytes:
    """Bytes of the file, or the drawing instructions inside a compressed stream (inflated, changed, deflated again)."""
    if draw(st.booleans()):
        return mutate_bytes(data, draw)
    streams = list(_FLATE_STREAM.finditer(data))
    hit = streams[draw(st.integers(0, len(streams) - 1))]
    end = data.find(b"endstream", hit.end())
    try:
        content = zlib.decompressobj().decompress(data[hit.end() : end])
    except zlib.error:
        return mutate_bytes(data, draw)
    operations = content.split(b"\n")
    for _ in range(draw(st.integers(1, 6))):
        n = draw(st.integers(0, max(0, len(operations) - 1)))
        op = draw(st.sampled_from(["insert", "delete", "repeat", "number"]))
        if op == "insert":
            operations.insert(n, draw(st.sampled_from(PDF_OPERATORS)))
        elif op == "delete" and operations:
            del operations[n]
        elif op == "repeat" and operations:
            operations[n:n] = [operations[n]] * draw(st.integers(1, 20))
        elif op == "number" and operations:
            operations[n] = re.sub(rb"-?\d+(\.\d+)?", draw(st.sampled_from([b"0", b"-1", b"99999", b"1e9", b"nan", b"."])),
                                   operations[n], count=1)
    packed = zlib.compress(b"\n".join(operations))
    return data[: hit.end()] + packed + b"\n" + data[end:]  # the /Length is wrong now, as in many damaged files


# --- issue 19's hostile files, mutated: a bomb or a mesh changed a little must still be stopped in time -------

HOSTILE_SEEDS = (
    "密网.pdf", "一百五十页小字.pdf", "短名压缩炸弹.pdf", "十六进制压缩炸弹.pdf", "间接滤镜压缩炸弹.pdf", "行程编码炸弹.pdf",
    "字体编码表.pdf", "字母编号.docx", "罗马数字编号.docx", "注释中的DTD.docx", "合并到底.xlsx", "共享字符串.xlsx",
    "三十三万书名号.txt", "七万行组.txt",
)


def mutate_hostile(name: str, data: bytes, draw: Draw) -> bytes:
    """A hostile file changed as its kind is: a package's parts, a text's lines, a PDF's bytes (its streams are
    not all /FlateDecode: the bytes of any of them may change)."""
    if name.endswith(".docx"):
        return mutate_package(data, draw, ["word/document.xml", "word/numbering.xml"])
    if name.endswith(".xlsx"):
        return mutate_package(data, draw, ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"])
    if name.endswith(".txt"):
        return mutate_text(data.decode("utf-8"), draw)
    return mutate_bytes(data, draw)
