"""Every ELF file of the Linux bundle, audited: no glibc symbol version above the floor docs/install.md
claims (2.31: 麒麟V10 SP1, Ubuntu 20.04, Debian 11), no libstdc++ one above what those systems ship."""
from __future__ import annotations

import pytest

from ship import elf
from ship.buildroot import FLOOR

pytestmark = [pytest.mark.frozen, pytest.mark.linux_only]


def audit(bundle) -> dict[str, dict[str, tuple[int, ...]]]:
    """file → {prefix: the highest version it needs} for every ELF file of the bundle."""
    found = {}
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink() and elf.is_elf(path):
            versions = set().union(set(), *elf.read(path).versions.values())
            found[path.relative_to(bundle).as_posix()] = {p: v for p in FLOOR if (v := elf.highest(versions, p))}
    return found


def test_no_file_of_the_bundle_needs_a_newer_system_than_the_floor(linux_build):
    found = audit(linux_build.bundle)
    assert len(found) > 50  # the programs, Python's modules, Qt's libraries and plugins
    above = {f"{name}: {prefix}{elf.dotted(v)}" for name, needs in found.items() for prefix, v in needs.items() if v > FLOOR[prefix]}
    assert sorted(above) == []
    highest = {prefix: max(needs.get(prefix, ()) for needs in found.values()) for prefix in FLOOR}
    assert highest["GLIBC_"] >= (2, 17)  # the audit reads real version needs
    print("highest:", {p: elf.dotted(v) for p, v in highest.items()})


def test_the_reader_sees_what_readelf_sees():
    """The audit's own ELF reader, against a library every Linux has."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    if shutil.which("readelf") is None:
        pytest.skip("readelf (binutils) is not installed")
    library = Path(sys.executable).resolve()
    ours = elf.read(library)
    said = subprocess.run(["readelf", "-dV", "--wide", str(library)], capture_output=True, text=True).stdout
    assert ours.needed and all(f"[{n}]" in said for n in ours.needed)
    for versions in ours.versions.values():
        assert all(f"Name: {v} " in said for v in versions)
