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
import random
import shutil
import sys
import zipfile
import zlib
from dataclasses import dataclass, replace
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path
from typing import Callable

from tests.fixtures import corpus, files, browser_capture
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


def crafted_pdf(content: bytes, forms: list[bytes] = ()) -> bytes:
    """A one-page PDF written byte by byte: `content` drawn on the page, each of `forms` a Form XObject /X0, /X1 …

    Form i is object 6 + i; a form's own resources may name the others by those numbers.
    """
    def stream(data: bytes, extra: bytes = b"") -> bytes:
        packed = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode%s >>\nstream\n%s\nendstream" % (len(packed), extra, packed)

    names = b" ".join(b"/X%d %d 0 R" % (i, 6 + i) for i in range(len(forms)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> /XObject << %s >> >> >>" % names,
        stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *(stream(form, b" /Type /XObject /Subtype /Form /BBox [0 0 10 10]" + resources) for form, resources in forms),
    ]
    out = b"%PDF-1.7\n"
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


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
    return makers


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
