"""Word and Excel files are zip packages of XML parts: a copy with some parts changed, the rest as they were.

Changing a part through python-docx or openpyxl would write every part again in the library's
own way; here only the parts that change are written, and every other entry is copied with its
name, place in the package, date and compression, its content byte for byte. Beside the readers:
the workbook reader rewrites a package before openpyxl sees it, and the exports copy one.
"""
from __future__ import annotations

import io
import zipfile

from lxml import etree

# A part is a file of the package: no entities to resolve, nothing to fetch.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def parse_part(data: bytes):
    """The root element of an XML part."""
    return etree.fromstring(data, _PARSER)


def part_bytes(root) -> bytes:
    """An XML part written back, with the encoding and standalone declaration it was read with."""
    tree = root.getroottree()
    info = tree.docinfo
    return etree.tostring(tree, xml_declaration=True, encoding=info.encoding or "UTF-8", standalone=info.standalone)


def replace_parts(package: bytes, parts: dict[str, bytes]) -> bytes:
    """`package` with the entries named in `parts` holding the new bytes, every other entry as it was."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as copy:
        for info in source.infolist():
            data = parts[info.filename] if info.filename in parts else source.read(info)
            copy.writestr(_entry(info), data)
        copy.comment = source.comment
    return out.getvalue()


def _entry(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """A fresh entry like `info`: the source's own would carry its old sizes and extra fields into the copy."""
    entry = zipfile.ZipInfo(info.filename, info.date_time)
    entry.compress_type = info.compress_type
    entry.external_attr = info.external_attr
    entry.create_system = info.create_system
    return entry
