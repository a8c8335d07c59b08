"""A one-line PDF whose Chinese text can only be read with pdfminer's CJK CMap data.

Many government PDFs use a standard Chinese font that is not embedded (STSong-Light,
encoding UniGB-UCS2-H, no ToUnicode map): pdfminer decodes them with its bundled CMap
files. A frozen build that forgets those files reads such a PDF as nothing at all —
no error, just no text. The self-test reads this probe to prove the files are there.

    .venv/bin/python -m ship.cmap_probe      → resources/selftest/cmap-probe.pdf
"""
from __future__ import annotations

from pathlib import Path

PROBE_TEXT = "政府信息公开工作年度报告"
PROBE = Path(__file__).resolve().parents[1] / "resources" / "selftest" / "cmap-probe.pdf"


def probe_pdf(text: str = PROBE_TEXT) -> bytes:
    content = b"BT /F1 24 Tf 50 700 Td <" + text.encode("utf-16-be").hex().upper().encode() + b"> Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


if __name__ == "__main__":
    PROBE.write_bytes(probe_pdf())
    print(PROBE)
