"""Builds the .deb for 统信UOS, 麒麟Kylin and Debian from the PyInstaller folder.

    .venv/bin/python -m ship.deb            # builds dist/nianbao (PyInstaller) and dist/nianbao_<version>_amd64.deb
    .venv/bin/python -m ship.deb --no-build # packs an existing dist/nianbao

The program goes under /opt/nianbao, launchers `nianbao` (the window) and `nianbao-cli` (the
command line) on the PATH, a Chinese .desktop entry and the icon. `Depends:` names the system
libraries Qt's xcb platform needs, which a minimal install may lack, and libcups for printing.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "nianbao"
PREFIX = "/opt/nianbao"

DEPENDS = [
    "libc6",
    "libglib2.0-0",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libx11-6",
    "libx11-xcb1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-shm0",
    "libxcb-sync1",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libxcb-util1 | libxcb-util0",
    "libcups2 | libcups2t64",  # printing: Qt's CUPS plugin uses the system's libcups (ship/prune.py)
]
RECOMMENDS = ["fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei"]


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from core import __version__

    return __version__


def architecture() -> str:
    return {"x86_64": "amd64", "aarch64": "arm64", "loongarch64": "loong64"}.get(platform.machine(), platform.machine())


def build_bundle() -> Path:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN", "build.spec"], cwd=ROOT, check=True)
    return ROOT / "dist" / "nianbao"


def control(size_kb: int) -> str:
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version()}\n"
        f"Architecture: {architecture()}\n"
        "Section: office\n"
        "Priority: optional\n"
        "Maintainer: 年报检查 <nianbao@localhost>\n"
        f"Installed-Size: {size_kb}\n"
        f"Depends: {', '.join(DEPENDS)}\n"
        f"Recommends: {', '.join(RECOMMENDS)}\n"
        "Description: 年报检查 — check a 政府信息公开工作年度报告 before it is submitted\n"
        " Checks that the six statutory sections are there, that the tables are in the\n"
        " format the report's year requires and that they balance; shows every failing\n"
        " cell and exports a corrected Excel template. Works offline.\n"
    )


LAUNCHER = """#!/bin/sh
exec {prefix}/{program} "$@"
"""


def stage(bundle: Path, root: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    target = root / PREFIX.lstrip("/")
    shutil.copytree(bundle, target, symlinks=True)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for name in ("nianbao", "nianbao-cli"):
        launcher = bin_dir / name
        launcher.write_text(LAUNCHER.format(prefix=PREFIX, program=name))
        launcher.chmod(0o755)
    apps = root / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy(ROOT / "ship" / "linux" / "nianbao.desktop", apps / "nianbao.desktop")
    icons = root / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps"
    icons.mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "icon.png", icons / "nianbao.png")
    size_kb = sum(f.stat().st_size for f in root.rglob("*") if f.is_file() and not f.is_symlink()) // 1024
    debian = root / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(control(size_kb), encoding="utf-8")
    postinst = debian / "postinst"
    postinst.write_text(
        "#!/bin/sh\nset -e\n"
        "command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true\n"
        "command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true\n"
    )
    postinst.chmod(0o755)
    for path in [root, *root.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)


def build_deb(bundle: Path, out_dir: Path) -> Path:
    root = ROOT / "build" / "deb-root"
    stage(bundle, root)
    out = out_dir / f"{PACKAGE}_{version()}_{architecture()}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(out)], check=True, stdout=subprocess.DEVNULL)
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="build the .deb")
    parser.add_argument("--no-build", action="store_true", help="pack the existing dist/nianbao")
    args = parser.parse_args(argv)
    bundle = ROOT / "dist" / "nianbao" if args.no_build else build_bundle()
    deb = build_deb(bundle, ROOT / "dist")
    print(deb)
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main(sys.argv[1:]))
