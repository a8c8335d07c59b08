"""The version resource of the Windows programs (what Explorer shows under 属性 → 详细信息)."""
from __future__ import annotations

from pathlib import Path

TEMPLATE = """# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(filevers={tuple}, prodvers={tuple}, mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404b0', [
      StringStruct('CompanyName', '年报检查'),
      StringStruct('FileDescription', '政府信息公开工作年度报告检查'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'nianbao'),
      StringStruct('LegalCopyright', ''),
      StringStruct('OriginalFilename', 'nianbao.exe'),
      StringStruct('ProductName', '年报检查'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [0x0804, 1200])])
  ]
)
"""


def write_version_file(path: Path, version: str) -> Path:
    numbers = [int(part) for part in version.split(".")[:3] if part.isdigit()]
    numbers = (numbers + [0, 0, 0, 0])[:4]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE.format(tuple=tuple(numbers), version=version), encoding="utf-8")
    return path
