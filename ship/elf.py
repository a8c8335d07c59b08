"""What an ELF file (a Linux program or library) asks of the system: the libraries it links
(DT_NEEDED) and the symbol versions it needs from each (GLIBC_2.29, GLIBCXX_3.4.26…).

Read straight from the file (64-bit little-endian: x86-64, arm64, loong64), so the build and the
tests need no binutils: ship/prune.py keeps only the libraries something links, and
tests/test_elf_audit.py holds the bundle to the glibc floor.
"""
from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

MAGIC = b"\x7fELF"
PT_LOAD, PT_DYNAMIC = 1, 2
DT_NULL, DT_NEEDED, DT_STRTAB, DT_SONAME, DT_VERNEED, DT_VERNEEDNUM = 0, 1, 5, 14, 0x6FFFFFFE, 0x6FFFFFFF


@dataclass
class Elf:
    path: Path
    soname: str | None = None
    needed: list[str] = field(default_factory=list)
    versions: dict[str, set[str]] = field(default_factory=dict)  # library → the symbol versions needed from it


def is_elf(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(4) == MAGIC
    except OSError:
        return False


def read(path: Path) -> Elf:
    data = Path(path).read_bytes()
    if data[:4] != MAGIC or data[4] != 2 or data[5] != 1:
        raise ValueError(f"{path}: not a 64-bit little-endian ELF file")
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    loads, dynamic = [], None
    for i in range(phnum):
        kind, _flags, offset, vaddr, _paddr, filesz, _memsz, _align = struct.unpack_from("<IIQQQQQQ", data, phoff + i * phentsize)
        if kind == PT_LOAD:
            loads.append((vaddr, offset, filesz))
        elif kind == PT_DYNAMIC:
            dynamic = (offset, filesz)
    elf = Elf(Path(path))
    if dynamic is None:  # a static program links nothing
        return elf

    def at(address: int) -> int:
        for vaddr, offset, size in loads:
            if vaddr <= address < vaddr + size:
                return address - vaddr + offset
        raise ValueError(f"{path}: address {address:#x} outside the file")

    entries: list[tuple[int, int]] = []
    for pos in range(dynamic[0], dynamic[0] + dynamic[1], 16):
        tag, value = struct.unpack_from("<qQ", data, pos)
        if tag == DT_NULL:
            break
        entries.append((tag, value))
    table = dict(entries)
    strtab = at(table[DT_STRTAB])

    def string(offset: int) -> str:
        end = data.index(b"\0", strtab + offset)
        return data[strtab + offset : end].decode("utf-8", "replace")

    elf.needed = [string(value) for tag, value in entries if tag == DT_NEEDED]
    if DT_SONAME in table:
        elf.soname = string(table[DT_SONAME])
    if DT_VERNEED in table:
        pos = at(table[DT_VERNEED])
        for _ in range(table.get(DT_VERNEEDNUM, 0)):
            _version, count, file_name, aux, following = struct.unpack_from("<HHIII", data, pos)
            wanted = elf.versions.setdefault(string(file_name), set())
            apos = pos + aux
            for _ in range(count):
                _hash, _flags, _other, name, anext = struct.unpack_from("<IHHII", data, apos)
                wanted.add(string(name))
                apos += anext
            pos += following
    return elf


def highest(versions: set[str], prefix: str) -> tuple[int, ...] | None:
    """The highest `prefix`N.N.N among `versions` (GLIBC_2.29 → (2, 29)), or None."""
    found = [tuple(int(n) for n in m.group(1).split(".")) for v in versions if (m := re.fullmatch(re.escape(prefix) + r"([\d.]+)", v))]
    return max(found) if found else None


def dotted(version: tuple[int, ...] | None) -> str:
    return ".".join(map(str, version)) if version else "—"
