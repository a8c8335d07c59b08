"""The corpus of bad inputs: what a clerk may drop on the program besides a good report.

`make(folder)` writes every file into `folder` and returns a `BadFile` for each, saying what
`main.py check` must answer: the exit status, the error code and words of the message (the
problem and what to do). Nothing large is committed or even written: the zip bomb is a few MB on
disk, the 200 MB file is sparse. The good reports the bad ones start from are the repository's
fixtures (the seeds rendered into the official Word template, and LibreOffice's PDFs of them).

    .venv/bin/python -m tests.badfiles OUT_FOLDER     # write them all, to look at
"""
from __future__ import annotations

import io
import os
import random
import re
import shutil
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

from tests.fixtures import browser_capture, corpus, files
from tests.fixtures.docx_render import TEMPLATE, Options, render_docx
from tests.fixtures.sample_data import sample
from tests.fixtures.text_render import render_text

MB = 1024 * 1024
SECRET_FILE = "/etc/passwd"  # what an external entity points at; its first line must never be shown
BOMB_BYTES = 4095 * 1024**2  # what the zip bomb's one entry inflates to (4 GB, the most a zip without Zip64 holds)
SPARSE_BYTES = 200 * 1024**2
LAUGHS = 10
ANSWER_SECONDS = 10  # the most any file may take to be answered, by `check` and in the window  # entity levels of the "billion laughs": 10 ** 10 characters if expanded


@dataclass(frozen=True)
class BadFile:
    name: str  # also the file's name in the corpus folder
    path: Path
    exit: int  # what `check` exits with: 2 cannot be read, 1 read and failing, 0 read and passing
    codes: tuple[str, ...] = ()  # the ReadError codes accepted (when exit is 2)
    says: tuple[str, ...] = ()  # words the message must hold: what is wrong, what to do


Maker = Callable[[Path], BadFile]


# --- good files to start from (made once, cached under tests/generated) -----------------------------


def seed_docx(name: str = "004") -> Path:
    rendering = corpus.seeds()[name]
    files.make([rendering])
    return rendering.path("docx")


def seed_pdf(name: str = "004") -> Path:
    rendering = corpus.seeds()[name]
    files.make([rendering], ("docx", "pdf"))
    return rendering.path("pdf")


def sample_xlsx(folder: Path) -> Path:
    """The sample report as exported by the program: a real workbook, written by openpyxl."""
    from core.api import open_report
    from core.check import check
    from core.export.xlsx import export_xlsx
    from tests.conftest import SAMPLE

    target = folder / "_sample.xlsx"
    if not target.exists():
        export_xlsx(check(open_report(str(SAMPLE))), str(target))
    return target


# --- changing a package: one part of a .docx/.xlsx rewritten, or one entry added ------------------------


def rewrite_part(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, change(content) if info.filename == part else content)
    return out.getvalue()


def with_doctype(xml: bytes, doctype: str, reference: str, anchor: bytes) -> bytes:
    """`xml` with `doctype` after its declaration and `reference` (an entity) put before the first `anchor`."""
    head, rest = xml.split(b"?>", 1) if xml.startswith(b"<?xml") else (b"", xml)
    head = head + b"?>" if head else b""
    at = rest.index(anchor) + len(anchor)
    return head + doctype.encode() + rest[:at] + reference.encode() + rest[at:]


def billion_laughs() -> str:
    levels = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, LAUGHS))
    return f'<!DOCTYPE r [<!ENTITY l0 "哈哈">{levels}]>'


def external_entity() -> str:
    return f'<!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{SECRET_FILE}">]>'


def zip_bomb(package: bytes, size: int = BOMB_BYTES, declared: int | None = None) -> bytes:
    """The package with one more entry: `size` zero bytes, deflated (~1000:1), built without ever holding them.

    A deflate stream flushed with Z_FULL_FLUSH starts afresh, so the compressed form of one
    megabyte of zeros, repeated, is the compressed form of many. `declared`: the size the zip's
    directory claims, if not the true one (a lying bomb claims little).
    """
    chunk = bytes(1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = block * (size // len(chunk)) + zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # + an empty final block
    crc = 0
    for _ in range(size // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    out = io.BytesIO(package)
    with zipfile.ZipFile(out, "a") as archive:
        # zipfile would deflate the data again: the entry is written raw, and listed for the central directory.
        info = zipfile.ZipInfo("word/media/image1.bin", date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.CRC, info.compress_size, info.file_size = crc, len(stream), declared if declared is not None else size
        archive.fp.seek(archive.start_dir)
        info.header_offset = archive.start_dir
        archive.fp.write(info.FileHeader() + stream)
        archive.start_dir = archive.fp.tell()
        archive.filelist.append(info)
        archive.NameToInfo[info.filename] = info
        archive._didModify = True
    return out.getvalue()


# --- PDFs -------------------------------------------------------------------------------------------


def scanned(source: Path) -> bytes:
    """The PDF as a scanner makes it: every page an image, no text."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(source))
    images = [document[n].render(scale=1).to_pil().convert("RGB") for n in range(len(document))]
    document.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:])
    return out.getvalue()


def without_unicode_maps(source: Path) -> bytes:
    """The PDF with its fonts' ToUnicode maps gone (same length: the file stays valid): pdfminer reads `(cid:N)`."""
    data = source.read_bytes()
    assert b"/ToUnicode" in data
    return data.replace(b"/ToUnicode", b"/ToUnicodX")


def many_pages(source: Path, pages: int) -> bytes:
    import pypdfium2 as pdfium

    original = pdfium.PdfDocument(str(source))
    document = pdfium.PdfDocument.new()
    while len(document) < pages:
        document.import_pages(original, list(range(min(len(original), pages - len(document)))))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_stream(data: bytes, extra: bytes = b"", packed: bytes | None = None) -> bytes:
    """A stream object's body: `data` deflated (or `packed`, already encoded as `extra`'s /Filter says)."""
    if packed is None:
        packed, extra = zlib.compress(data, 9), b" /Filter /FlateDecode" + extra
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(packed), extra, packed)


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF written byte by byte: object n is objects[n - 1]; object 1 is the catalogue."""
    out = b"%PDF-1.7\n"
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def crafted_pdf(
    content: bytes, forms: list[bytes] = (), size: tuple[int, int] = (595, 842), stream: bytes | None = None,
    font: bytes = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", extra: list[bytes] = (),
) -> bytes:
    """A one-page PDF written byte by byte: `content` drawn on the page, each of `forms` a Form XObject /X0, /X1 …

    Form i is object 6 + i; a form's own resources may name the others by those numbers. `stream`: the
    page's content stream object as written (its filters, its length), instead of `content` deflated;
    `font`: the font /F1 (object 5); `extra`: objects after the forms, for those to refer to.
    """
    names = b" ".join(b"/X%d %d 0 R" % (i, 6 + i) for i in range(len(forms)))
    return pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R" % size
        + b" /Resources << /Font << /F1 5 0 R >> /XObject << %s >> >> >>" % names,
        stream or pdf_stream(content),
        font,
        *(pdf_stream(form, b" /Type /XObject /Subtype /Form /BBox [0 0 10 10]" + resources) for form, resources in forms),
        *extra,
    ])


TEXT = b"BT /F1 12 Tf 72 720 Td (2023 annual report) Tj ET\n"


def pdf_flate_bomb() -> bytes:
    """A page whose drawing instructions inflate from ~100 KB to 100 MB (spaces after a line of text)."""
    compressor = zlib.compressobj(9)
    packed = compressor.compress(TEXT) + b"".join(compressor.compress(b" " * MB) for _ in range(100)) + compressor.flush()
    page = crafted_pdf(b"")
    empty = zlib.compress(b"", 9)
    return page.replace(b"/Length %d" % len(empty), b"/Length %d" % len(packed), 1).replace(empty, packed, 1)


def pdf_forms_in_forms(levels: int = 24) -> bytes:
    """Form i draws form i+1 twice: 2^24 drawings from a file of 5 KB."""
    forms = [(b"/X%d Do /X%d Do" % (i + 1, i + 1), b" /Resources << /XObject << /X%d %d 0 R >> >>" % (i + 1, 7 + i))
             for i in range(levels - 1)]
    forms.append((b"0 0 m 1 1 l S", b""))
    return crafted_pdf(TEXT + b"/X0 Do\n", forms)


def pdf_page_of_characters(count: int = 100_000) -> bytes:
    return crafted_pdf(b"BT /F1 1 Tf 10 10 Td (" + b"x" * count + b") Tj ET\n")


def pdf_instructions(count: int = 300_000) -> bytes:
    return crafted_pdf(TEXT + b"1 w\n" * count)


def pdf_unbalanced_saves(count: int = 200_000) -> bytes:
    return crafted_pdf(TEXT + b"q\n" * count)


def open_password_pdf(source_docx: Path) -> Path:
    target = files.GENERATED / "password-open.pdf"
    return files.convert_pdf_with(
        source_docx, target,
        '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"1234"}}',
    )


def encrypt_office(source: Path, target: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    with open(source, "rb") as plain, open(target, "wb") as out:
        OOXMLFile(plain).encrypt("1234", out)


# --- Word documents that are not (whole) reports --------------------------------------------------------


def letter_docx() -> bytes:
    """A letter written in the official template: a real Word document, but not an annual report."""
    import docx

    document = docx.Document(str(TEMPLATE))
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("sectPr"):
            body.remove(child)
    for line in ("关于召开季度工作会议的通知", "各科室：", "定于下周一上午九点在三楼会议室召开季度工作会议，请各科室负责人准时参加。", "办公室", "2024年3月1日"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def without_table_three() -> bytes:
    data = corpus.seed_data()["004"]
    cells = {cid: raw for cid, raw in data.cells.items() if not cid.startswith("t3:")}
    return render_docx(replace(data, cells=cells))


def tables_as_pictures() -> bytes:
    return render_docx(sample(), Options(picture_for=("t2", "t3", "t4")))


# --- hostile files: what an attacker, or an unlucky clerk, makes (issue 19) -------------------------------


def deflated(block: bytes, times: int, prefix: bytes = b"") -> bytes:
    """A zlib stream of `prefix` + `block` × `times`, built without ever holding it (see `zip_bomb`)."""
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = raw.compress(prefix) + raw.flush(zlib.Z_FULL_FLUSH)
    body = raw.compress(block) + raw.flush(zlib.Z_FULL_FLUSH)
    checksum = zlib.adler32(prefix)
    for _ in range(times):
        checksum = zlib.adler32(block, checksum)
    return b"\x78\xda" + first + body * times + raw.flush() + checksum.to_bytes(4, "big")


STREAM_BOMB_MB = 1536  # what each PDF stream bomb inflates to: 1.5 GB


def pdf_stream_bomb(how: str) -> bytes:
    """A page whose drawing instructions inflate to 1.5 GB, its filter written the ways pdfminer accepts:
    the short name (/Fl), hex then Flate, a name held by another object, or run-length (4 MB → 256 MB)."""
    if how == "runlength":
        packed, filters = bytes([129, 32]) * (2 * MB) + b"\x80", b"/RunLengthDecode"  # each pair: 128 spaces
    else:
        packed, filters = deflated(b" " * MB, STREAM_BOMB_MB, prefix=TEXT), b"/Fl"
        if how == "hex":
            packed, filters = packed.hex().encode() + b">", b"[/ASCIIHexDecode /FlateDecode]"
        elif how == "indirect":
            filters = b"6 0 R"
    stream = pdf_stream(b"", b" /Filter " + filters, packed=packed)
    return crafted_pdf(b"", stream=stream, extra=[b"/FlateDecode"] if how == "indirect" else [])


def pdf_vast_unicode_map() -> bytes:
    """A font whose ToUnicode map gives every 4-byte code a character: four billion entries, from a file of 1 KB."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Vast def "
            b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange "
            b"1 beginbfrange <00000000> <FFFFFFFF> <0000> endbfrange endcmap "
            b"CMapName currentdict /CMap defineresource pop end end")
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    return crafted_pdf(TEXT, font=font, extra=[pdf_stream(cmap)])


def pdf_mesh(columns: int = 280, rows: int = 200, step: int = 4, pages: int = 1) -> bytes:
    """Pages ruled every `step` points: a mesh of columns × rows cells, each a table cell to pdfplumber."""
    left, bottom = 40, 40
    lines = [b"%d %d m %d %d l" % (left + step * c, bottom, left + step * c, bottom + step * rows) for c in range(columns + 1)]
    lines += [b"%d %d m %d %d l" % (left, bottom + step * r, left + step * columns, bottom + step * r) for r in range(rows + 1)]
    size = (left * 2 + step * columns, bottom * 2 + step * rows + 40)
    content = b"0.2 w\n" + b"\n".join(lines) + b"\nS\nBT /F1 12 Tf 40 %d Td (2023 annual report) Tj ET\n" % (size[1] - 30)
    if pages == 1:
        return crafted_pdf(content, size=size)
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>" % size
    kids = b" ".join(b"%d 0 R" % (5 + n) for n in range(pages))
    return pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages), pdf_stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", *([page] * pages),
    ])


def pdf_tiny_characters(pages: int = 150, per_page: int = 45_000) -> bytes:
    """`pages` pages, each printing `per_page` characters 1 point high (one content stream drawn by every page)."""
    line = 300
    content = b"BT /F1 1 Tf 1.2 TL 10 830 Td\n" + (b"(" + b"x" * line + b") Tj T*\n") * (per_page // line) + b"ET\n"
    kids = b" ".join(b"%d 0 R" % (5 + n) for n in range(pages))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
    return pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        pdf_stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *([page] * pages),
    ])


def pdf_huge_pages(source: Path, inches: int) -> bytes:
    """The report with every page `inches` inches square (the most PDF allows is 200), its content where it was."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(source))
    for n in range(len(document)):
        document[n].set_mediabox(0, 0, 72 * inches, 72 * inches)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_with_paragraph(source: bytes, text: str) -> bytes:
    """The Word report with one more paragraph, `text`, at the start of its body."""
    from xml.sax.saxutils import escape

    paragraph = f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>".encode()
    return rewrite_part(source, "word/document.xml", lambda xml: xml.replace(b"<w:body>", b"<w:body>" + paragraph, 1))


def docx_numbered_from(start: int, fmt: str) -> bytes:
    """The sample with its headings numbered by Word's lists, the list starting at `start` in format `fmt`."""
    data = render_docx(sample(), Options(auto_numbering=True))
    return rewrite_part(data, "word/numbering.xml", lambda xml: xml.replace(
        b'<w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>', b'<w:start w:val="%d"/><w:numFmt w:val="%s"/>' % (start, fmt.encode())
    ))


def docx_doctype_behind_comment(source: bytes) -> bytes:
    """A DTD after a comment that holds 「<a」: a text search for the first element stops at the comment."""
    def change(xml: bytes) -> bytes:
        head, rest = xml.split(b"?>", 1)
        doctype = f"<!-- <a --><!DOCTYPE r [<!ENTITY xxe SYSTEM \"file://{SECRET_FILE}\">]>".encode()
        at = rest.index(b"<w:t>") + len(b"<w:t>")
        return head + b"?>" + doctype + rest[:at] + b"&xxe;" + rest[at:]

    return rewrite_part(source, "word/document.xml", change)


def xlsx_shared_string(package: bytes, characters: int = 4 * MB, cells: int = 90_000) -> bytes:
    """One shared string of 12 MB (4 M Chinese characters), as Excel keeps a workbook's text, and `cells` cells
    of the first sheet showing it (the program's own export writes its text in the cells: the part is added)."""
    strings = b'<sst xmlns="%s" count="1" uniqueCount="1"><si><t>%s</t></si></sst>' % (_SHEET_NS, "字".encode() * characters)
    rows = b"".join(
        b'<row r="%d">' % r + b"".join(b'<c r="%s%d" t="s"><v>0</v></c>' % (bytes([65 + c]), r) for c in range(20)) + b"</row>"
        for r in range(1000, 1000 + cells // 20)
    )
    package = rewrite_part(package, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>", 1))
    package = rewrite_part(package, "xl/_rels/workbook.xml.rels", lambda xml: xml.replace(b"</Relationships>", (
        b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"'
        b' Target="sharedStrings.xml"/></Relationships>'), 1))
    package = rewrite_part(package, "[Content_Types].xml", lambda xml: xml.replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml"'
        b' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'), 1))
    out = io.BytesIO(package)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", strings)
    return out.getvalue()


_SHEET_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def xlsx_merged_to_the_end(package: bytes) -> bytes:
    """One merged range from K1 to the sheet's last cell, XFD1048576: 17 billion places."""
    def merge(xml: bytes) -> bytes:
        if b"<mergeCells" in xml:
            xml = re.sub(rb'<mergeCells count="(\d+)">', lambda m: b'<mergeCells count="%d">' % (int(m.group(1)) + 1), xml, count=1)
            return xml.replace(b"</mergeCells>", b'<mergeCell ref="K1:XFD1048576"/></mergeCells>', 1)
        return xml.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="K1:XFD1048576"/></mergeCells>', 1)

    return rewrite_part(package, "xl/worksheets/sheet1.xml", merge)


def html_nested_links(links: int = 190_000, depth: int = 250) -> bytes:
    """A page of `links` links, each with words of its own (so no block is mostly links), inside `depth` nested blocks."""
    return (b"<html><head><meta charset=\"utf-8\"></head><body>" + b"<div>" * depth
            + '<a href="#">链接</a>说明文字'.encode() * links + b"</div>" * depth + b"</body></html>")


def mht_with_inner_parts(count: int) -> bytes:
    """Chromium's snapshot of seed 001's portal page with one more part: a multipart of its own holding `count` empty parts."""
    data = browser_capture.path("001").read_bytes()
    boundary = data.split(b'boundary="', 1)[1].split(b'"', 1)[0]
    end = data.rindex(b"--" + boundary + b"--")
    inner = (b"--" + boundary + b'\r\nContent-Type: multipart/mixed; boundary="inner"\r\n\r\n'
             + b"--inner\r\n\r\n" * count + b"--inner--\r\n")
    return data[:end] + inner + data[end:]


def text_browser_rows(groups: int = 70_000) -> bytes:
    """Text that looks like a browser's copy of a page whose cells hold paragraphs: `groups` rows in one run."""
    return ("某街道2023年政府信息公开工作年度报告\n\n\n\n" + "a\n\n\t\n\n1\n\nb\n\n" * groups).encode()


def text_unclosed_titles(count: int = 330_000) -> bytes:
    """A title without its year, then 「《」 opened `count` times and never closed."""
    return ("某某街道办事处政府信息公开工作年度报告\n" + "《" * count + "\n").encode()


def text_pdf_rows(rows: int = 30_000) -> bytes:
    """Rows as copying a PDF's table gives them: a label and numbers parted by spaces."""
    return ("2023年政府信息公开工作年度报告\n" + "".join(f"行政法规 {n % 10} 0 {n % 7}\n" for n in range(rows))).encode()


def text_word_rows(rows: int = 45_000) -> bytes:
    """Rows as Word's plain-text export writes them: a cell a line, indented by a tab, rows parted by empty lines."""
    return ("2023年政府信息公开工作年度报告\n\n" + "".join(f"\t规章\n\t{n % 10}\n\t0\n\n" for n in range(rows))).encode()


# --- the corpus -------------------------------------------------------------------------------------------

CORRUPT = ("损坏",)
SAMPLE_ERROR = ("发现3处错误", "表三「总计」列")  # the bundled sample's three errors: every rendering of it reads the same
SAVE_AGAIN = ("另存",)


def mht_without_page() -> bytes:
    """A single-file web page holding only a picture (the page part lost)."""
    message = MIMEMultipart("related")
    picture = MIMEText("", "plain")
    picture.replace_header("Content-Type", "image/png")
    message.attach(picture)
    return message.as_bytes()


def mht_with_parts(count: int) -> bytes:
    """Chromium's snapshot of seed 001's portal page with `count` more (empty) parts."""
    data = browser_capture.path("001").read_bytes()
    boundary = data.split(b'boundary="', 1)[1].split(b'"', 1)[0]
    end = data.rindex(b"--" + boundary + b"--")
    return data[:end] + (b"--" + boundary + b"\r\nContent-Type: text/plain\r\n\r\nx\r\n") * count + data[end:]


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _random_bytes(seed: int, size: int = 64 * 1024) -> bytes:
    return random.Random(seed).randbytes(size)


def _makers() -> dict[str, Maker]:
    def bad(name: str, data: bytes, exit: int, codes: tuple[str, ...], says: tuple[str, ...]) -> Maker:
        return lambda folder: BadFile(name, _write(folder, name, data() if callable(data) else data), exit, codes, says)

    def docx_bytes() -> bytes:
        return seed_docx().read_bytes()

    def pdf_bytes() -> bytes:
        return seed_pdf().read_bytes()

    def lazy(make: Callable[[], bytes]) -> Callable[[], bytes]:
        return make

    makers: dict[str, Maker] = {
        "空文件.docx": bad("空文件.docx", b"", 2, ("empty",), ("空的",)),
        "空文件.txt": bad("空文件.txt", b"\r\n \n", 2, ("empty",), ("空的",)),
        "随机字节.docx": bad("随机字节.docx", _random_bytes(1), 2, ("corrupt",), CORRUPT),
        "随机字节.pdf": bad("随机字节.pdf", _random_bytes(2), 2, ("corrupt",), CORRUPT),
        "随机字节.xlsx": bad("随机字节.xlsx", _random_bytes(3), 2, ("corrupt",), CORRUPT),
        "随机字节.txt": bad("随机字节.txt", _random_bytes(4), 2, ("encoding", "not_a_report"), ("年度报告",)),
        "截断.docx": bad("截断.docx", lazy(lambda: docx_bytes()[: len(docx_bytes()) // 2]), 2, ("corrupt",), CORRUPT),
        "截断.pdf": bad("截断.pdf", lazy(lambda: pdf_bytes()[: len(pdf_bytes()) // 2]), 2, ("corrupt",), CORRUPT),
        "压缩炸弹.docx": bad("压缩炸弹.docx", lazy(lambda: zip_bomb(docx_bytes())), 2, ("too_large",), ("解压后",)),
        "说谎的压缩炸弹.docx": bad(
            "说谎的压缩炸弹.docx", lazy(lambda: zip_bomb(docx_bytes(), 1024**3, declared=1024)), 0, (), ("结论",)
        ),  # harmless: zipfile inflates no more than the size declared (and the entry is no part of the document)
        "实体炸弹.docx": bad(
            "实体炸弹.docx",
            lazy(lambda: rewrite_part(docx_bytes(), "word/document.xml", lambda x: with_doctype(x, billion_laughs(), "&l9;", b"<w:t>"))),
            2, ("unsafe",), SAVE_AGAIN,
        ),
        "外部实体.docx": bad(
            "外部实体.docx",
            lazy(lambda: rewrite_part(docx_bytes(), "word/document.xml", lambda x: with_doctype(x, external_entity(), "&xxe;", b"<w:t>"))),
            2, ("unsafe",), SAVE_AGAIN,
        ),
        "加密.pdf": lambda folder: BadFile(
            "加密.pdf", _copy(open_password_pdf(seed_docx()), folder / "加密.pdf"), 2, ("encrypted",), ("密码",)
        ),
        "扫描件.pdf": bad("扫描件.pdf", lazy(lambda: scanned(seed_pdf())), 2, ("scan_resolution",), ("扫描件", "Word原件")),
        "乱码.pdf": bad("乱码.pdf", lazy(lambda: without_unicode_maps(seed_pdf())), 2, ("no_unicode",), ("乱码", "Word原件")),
        "五百页.pdf": bad("五百页.pdf", lazy(lambda: many_pages(seed_pdf(), 500)), 2, ("too_large",), ("500页", "是否正确")),
        "旧版Word.docx": lambda folder: BadFile(
            "旧版Word.docx", _copy(files.converted(seed_docx(), "doc"), folder / "旧版Word.docx"), 2,
            ("unsupported_format",), ("97-2003", "另存为"),
        ),
        # A .wps of WPS 文字 is the same OLE container as a .doc, with a WordDocument stream.
        "WPS文字.docx": lambda folder: BadFile(
            "WPS文字.docx", _copy(files.converted(seed_docx(), "doc"), folder / "WPS文字.docx"), 2,
            ("unsupported_format",), ("WPS文字文档（.wps）", "另存为"),
        ),
        "一封信.docx": bad("一封信.docx", lazy(letter_docx), 2, ("not_a_report",), ("年度报告",)),
        "缺表三.docx": bad("缺表三.docx", lazy(without_table_three), 1, (), ("表三",)),
        "表格是图片.docx": bad("表格是图片.docx", lazy(tables_as_pictures), 1, (), ("图片",)),
        "二百兆.docx": lambda folder: BadFile("二百兆.docx", _sparse(folder / "二百兆.docx"), 2, ("too_large",), ("太大", "是否正确")),
        "GBK编码.txt": bad("GBK编码.txt", lazy(lambda: render_text(sample()).encode("gbk")), 1, (), SAMPLE_ERROR),
        "年报 检查/2023年 青山街道 年报.docx": bad(
            "年报 检查/2023年 青山街道 年报.docx", lazy(lambda: render_docx(sample())), 1, (), SAMPLE_ERROR
        ),
    }
    # Over the limits of core/readers/limits.py: each stopped at once, not after minutes and gigabytes.
    makers.update({
        "PDF压缩炸弹.pdf": bad("PDF压缩炸弹.pdf", lazy(pdf_flate_bomb), 2, ("too_large",), ("解压后", "Word原件")),
        "图形套图形.pdf": bad("图形套图形.pdf", lazy(pdf_forms_in_forms), 2, ("too_complex", "too_slow"), ("异常复杂", "Word原件")),
        "一页十万字.pdf": bad("一页十万字.pdf", lazy(pdf_page_of_characters), 2, ("too_complex",), ("异常复杂", "Word原件")),
        "一页百万指令.pdf": bad("一页百万指令.pdf", lazy(pdf_instructions), 2, ("too_complex",), ("异常复杂", "Word原件")),
        "无尽嵌套.pdf": bad("无尽嵌套.pdf", lazy(pdf_unbalanced_saves), 2, ("too_complex",), ("嵌套", "Word原件")),
        "二百万段落.docx": bad(
            "二百万段落.docx",
            lazy(lambda: rewrite_part(docx_bytes(), "word/document.xml", lambda x: x.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 2_000_000, 1))),
            2, ("too_complex",), ("结构异常复杂", "是否正确"),
        ),
        "两万个部分.docx": bad("两万个部分.docx", lazy(lambda: _with_entries(docx_bytes(), 20_000)), 2, ("too_complex",), ("部分组成", "是否正确")),
        "超长文本.txt": bad("超长文本.txt", ("\t1\n" * 2_000_000).encode(), 2, ("too_large",), ("上限", "是否正确")),
        "只有图片.mht": bad("只有图片.mht", lazy(mht_without_page), 2, ("corrupt",), ("没有网页正文", "另存为")),
        "一万个部分.mht": bad("一万个部分.mht", lazy(lambda: mht_with_parts(10_000)), 2, ("too_complex",), ("部分组成", "是否正确")),
        "合并单元格.html": bad(
            "合并单元格.html",
            ("<html><body><table>" + ("<tr>" + '<td rowspan="100" colspan="100">1</td>' * 100 + "</tr>") * 100
             + "</table></body></html>").encode(),
            2, ("not_a_report",), ("年度报告",),
        ),
    })
    for name, encrypt in (("加密.docx", seed_docx), ("加密.xlsx", None)):
        makers[name] = _encrypted(name, encrypt)
    for name, what, reference in (("实体炸弹.xlsx", billion_laughs, "&l9;"), ("外部实体.xlsx", external_entity, "&xxe;")):
        makers[name] = _xlsx_with_entity(name, what, reference)
    makers["远处的单元格.xlsx"] = lambda folder: BadFile(
        "远处的单元格.xlsx", _write(folder, "远处的单元格.xlsx", _with_far_cells(sample_xlsx(folder).read_bytes())), 2,
        ("too_large",), ("范围太大", "新的工作簿"),
    )
    makers["二十万单元格.xlsx"] = lambda folder: BadFile(
        "二十万单元格.xlsx", _write(folder, "二十万单元格.xlsx", _with_cells(sample_xlsx(folder).read_bytes(), 200_000)), 2,
        ("too_large",), ("单元格", "新的工作簿"),
    )
    makers.update(_hostile_makers(bad, lazy, docx_bytes))
    return makers


def _hostile_makers(bad, lazy, docx_bytes) -> dict[str, Maker]:
    """Issue 19's files: each once hung or exhausted the program (the figures are what they cost before)."""
    pdf_says = ("Word原件",)
    return {
        # never ended: a pipe named like a report waited for a writer for ever; a device never ends
        "管道.txt": lambda folder: BadFile("管道.txt", _fifo(folder / "管道.txt"), 2, ("not_a_file",), ("命名管道", "没有打开")),
        "设备.txt": lambda folder: BadFile("设备.txt", _link(folder / "设备.txt", "/dev/zero"), 2, ("not_a_file",), ("设备", "没有打开")),
        # never ended: a cause looked for back from a denial, over a million 「因」 (40 000 took 11 s)
        "一百万个因.docx": bad("一百万个因.docx", lazy(lambda: docx_with_paragraph(docx_bytes(), "因" * 1_000_000 + "，未发生行政复议。")),
                           0, (), ("结论",)),
        # never ended: pdfplumber's table finding over 56 000 cells of an 11 KB page
        "密网.pdf": bad("密网.pdf", lazy(pdf_mesh), 2, ("too_complex",), ("表格线", *pdf_says)),
        # never ended: 250 nested blocks, each looked at whole for its links
        "十九万链接.html": bad("十九万链接.html", lazy(html_nested_links), 2, ("too_complex",), ("结构异常复杂", "另存")),
        # never ended: 90 000 cells each showing one shared string of 12 MB
        "共享字符串.xlsx": lambda folder: BadFile(
            "共享字符串.xlsx", _write(folder, "共享字符串.xlsx", xlsx_shared_string(sample_xlsx(folder).read_bytes())), 2,
            ("too_large",), ("文字超过", "新的工作簿"),
        ),
        # 30 s: the rows of a browser's copy grouped by asking a list of every row (now a set; the lines are counted first)
        "七万行组.txt": bad("七万行组.txt", lazy(text_browser_rows), 2, ("too_large",), ("行的上限", "是否正确")),
        # 56 s: 「《」 opened 330 000 times, each searched for its close to the end of the text
        "三十三万书名号.txt": bad("三十三万书名号.txt", lazy(text_unclosed_titles), 2, ("not_a_report",), ("年度报告",)),
        # 12.6 s and 10.4 s: far more rows than any report, each placed by its label
        "三万行PDF复制.txt": bad("三万行PDF复制.txt", lazy(text_pdf_rows), 2, ("too_large",), ("行的上限", "是否正确")),
        "四万五千行Word导出.txt": bad("四万五千行Word导出.txt", lazy(text_word_rows), 2, ("too_large",), ("行的上限", "是否正确")),
        # 50 s, past the PDF's own 30 s: 150 pages of 45 000 characters 1 point high
        "一百五十页小字.pdf": bad("一百五十页小字.pdf", lazy(pdf_tiny_characters), 2, ("too_complex",), ("无法看清", *pdf_says)),
        # 28 s and 1 GB: a part holding 3 000 000 empty parts of its own
        "三百万内部分.mht": bad("三百万内部分.mht", lazy(lambda: mht_with_inner_parts(3_000_000)), 2, ("too_complex",), ("部分组成", "是否正确")),
        # 3.1 GB each (2.4 GB run-length): streams inflating to 1.5 GB past the raw-byte search for /FlateDecode
        **{
            name: bad(name, lazy(lambda how=how: pdf_stream_bomb(how)), 2, ("too_large",), ("解压后", *pdf_says))
            for name, how in (("短名压缩炸弹.pdf", "short"), ("十六进制压缩炸弹.pdf", "hex"),
                              ("间接滤镜压缩炸弹.pdf", "indirect"), ("行程编码炸弹.pdf", "runlength"))
        },
        # past 4 GB: a ToUnicode map of four billion codes, from 1 KB
        "字体编码表.pdf": bad("字体编码表.pdf", lazy(pdf_vast_unicode_map), 2, ("too_complex",), ("编码表", *pdf_says)),
        # past 4 GB: list numbers of 3×10¹⁰ written as letters, 10¹² as Roman numerals
        "字母编号.docx": bad("字母编号.docx", lazy(lambda: docx_numbered_from(30_000_000_000, "upperLetter")), 1, (), SAMPLE_ERROR),
        "罗马数字编号.docx": bad("罗马数字编号.docx", lazy(lambda: docx_numbered_from(10**12, "upperRoman")), 1, (), SAMPLE_ERROR),
        # past 4 GB: one merged range K1:XFD1048576 (openpyxl makes an object of each place)
        "合并到底.xlsx": lambda folder: BadFile(
            "合并到底.xlsx", _write(folder, "合并到底.xlsx", xlsx_merged_to_the_end(sample_xlsx(folder).read_bytes())), 1,
            (), ("发现2处错误",),
        ),
        # the window: 26 s and 5.7 GB to draw a page 200 inches square, then a ZeroDivisionError
        "二百英寸.pdf": bad("二百英寸.pdf", lazy(lambda: pdf_huge_pages(seed_pdf(), 200)), 0, (), ("结论",)),
        # read as usual: a DOCTYPE behind a comment holding 「<a」 passed the text search for the first element
        "注释中的DTD.docx": bad("注释中的DTD.docx", lazy(lambda: docx_doctype_behind_comment(docx_bytes())), 2, ("unsafe",), SAVE_AGAIN),
        # exit 4 and no JSON for the whole folder: a name in GBK (unzipping a Windows archive on 麒麟/统信)
        "GBK文件名.txt": lambda folder: BadFile(
            "GBK文件名.txt", _write(folder, os.fsdecode("年报2023.txt".encode("gbk")), render_text(sample()).encode()), 1, (), SAMPLE_ERROR,
        ),
        "-开头.txt": bad("-开头.txt", lazy(lambda: render_text(sample()).encode()), 1, (), SAMPLE_ERROR),
    }


def _fifo(path: Path) -> Path:
    if not path.exists():
        os.mkfifo(path)
    return path


def _link(path: Path, target: str) -> Path:
    if not path.is_symlink():
        path.symlink_to(target)
    return path


def _encrypted(name: str, source: Callable[[], Path] | None) -> Maker:
    def make(folder: Path) -> BadFile:
        path = folder / name
        encrypt_office(source() if source else sample_xlsx(folder), path)
        return BadFile(name, path, 2, ("encrypted",), ("密码",))

    return make


def _xlsx_with_entity(name: str, doctype: Callable[[], str], reference: str) -> Maker:
    def make(folder: Path) -> BadFile:
        data = rewrite_part(
            sample_xlsx(folder).read_bytes(), "xl/worksheets/sheet2.xml", lambda x: with_doctype(x, doctype(), reference, b"<t>")
        )
        return BadFile(name, _write(folder, name, data), 2, ("unsafe",), SAVE_AGAIN)

    return make


def _with_entries(package: bytes, count: int) -> bytes:
    out = io.BytesIO(package)
    with zipfile.ZipFile(out, "a") as archive:
        for n in range(count):
            archive.writestr(f"customXml/empty{n}.bin", b"")
    return out.getvalue()


def _with_cells(package: bytes, count: int) -> bytes:
    """A workbook with `count` more filled cells in its first sheet (20 a row, below the tables)."""
    def add(xml: bytes) -> bytes:
        rows = b"".join(
            b'<row r="%d">' % r + b"".join(b'<c r="%s%d"><v>1</v></c>' % (bytes([65 + c]), r) for c in range(20)) + b"</row>"
            for r in range(1000, 1000 + count // 20)
        )
        return xml.replace(b"</sheetData>", rows + b"</sheetData>", 1)

    return rewrite_part(package, "xl/worksheets/sheet1.xml", add)


def _with_far_cells(package: bytes) -> bytes:
    """Each of the three tables' sheets with one stray cell at Z8000: 208 000 places each to walk, 624 000 in all."""
    for n in (1, 2, 3):
        package = rewrite_part(package, f"xl/worksheets/sheet{n}.xml",
                               lambda xml: xml.replace(b"</sheetData>", b'<row r="8000"><c r="Z8000"><v>1</v></c></row></sheetData>', 1))
    return package


def _copy(source: Path, target: Path) -> Path:
    shutil.copy(source, target)
    return target


def _sparse(path: Path) -> Path:
    with open(path, "wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(SPARSE_BYTES)
    return path


NAMES = list(_makers())


def make(folder: Path, names: list[str] | None = None) -> dict[str, BadFile]:
    """Write the corpus (or the files `names`) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    makers = _makers()
    return {name: makers[name](folder) for name in (names or NAMES)}


if __name__ == "__main__":
    for bad_file in make(Path(sys.argv[1])).values():
        print(f"{bad_file.path}  ({bad_file.path.stat().st_size} bytes): check exits {bad_file.exit} {bad_file.codes}")
