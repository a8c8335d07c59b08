"""Builds the Linux bundle and the .deb for 统信UOS, 麒麟Kylin, Debian and Ubuntu.

    ./dev deb                              # = .venv/bin/python -m ship.deb
    .venv/bin/python -m ship.deb           # in the Debian 11 build root (ship/buildroot.py): dist/nianbao and the .deb
    .venv/bin/python -m ship.deb --here    # with this Python on this system (what runs inside the root)

The program goes where 统信's store expects an application (/opt/apps/<appid>/: files/ the program,
entries/ its menu entry and icon, info its description); `nianbao` (the window) and `nianbao-cli`
(the command line) are on the PATH, and the menu entry and icon are linked where every other
desktop looks (/usr/share/applications, /usr/share/icons).

`Depends:` is computed by dpkg-shlibdeps from every ELF file of the bundle (the libraries the
system provides, with the oldest version whose symbols they use, as the build root's packages
say), plus a CJK font. A system whose glibc is older than the bundle needs refuses the package
(apt: the libc6 dependency; dpkg -i: the pre-install check, in Chinese), and the launchers say the
same if the program is copied there anyway.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "nianbao"
APP_ID = "cn.nianbao.check"  # 统信's application id: the folder under /opt/apps and the entry's name
APP_DIR = f"/opt/apps/{APP_ID}"
PROGRAM_DIR = f"{APP_DIR}/files"
PROGRAMS = ("nianbao", "nianbao-cli")
# A font with the window's Chinese glyphs (gui/app.CJK_FAMILIES): 统信 ships Noto Sans CJK, 麒麟 WenQuanYi.
FONTS = "fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei"
EXIT_TOO_OLD = 4  # the program's own "cannot start" status (main.py)


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from core import __version__

    return __version__


def architecture() -> str:
    return {"x86_64": "amd64", "aarch64": "arm64", "loongarch64": "loong64"}.get(platform.machine(), platform.machine())


def build_bundle() -> Path:
    """PyInstaller with this Python, on this system (ship.buildroot runs it inside the Debian 11 root)."""
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN", "build.spec"], cwd=ROOT, check=True)
    return ROOT / "dist" / "nianbao"


def glibc_floor(bundle: Path) -> tuple[int, ...]:
    """The newest glibc symbol version any file of the bundle needs: the oldest glibc it runs on."""
    from ship import elf

    floor: tuple[int, ...] = (2, 2, 5)
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink() and elf.is_elf(path):
            for versions in elf.read(path).versions.values():
                floor = max(floor, elf.highest(versions, "GLIBC_") or floor)
    return floor


LAUNCHER = """#!/bin/sh
# 年报检查: starts {program_dir}/{program}, or says in Chinese why it cannot on this system.
need={floor}
have=$(getconf GNU_LIBC_VERSION 2>/dev/null | sed 's/^glibc //')
if [ -n "$have" ] && [ "$(printf '%s\\n%s\\n' "$need" "$have" | sort -V | head -n 1)" != "$need" ]; then
    echo "年报检查无法在这台电脑上运行：系统的C运行库（glibc）版本是 $have，本程序需要 glibc $need 或更新的系统（如麒麟V10 SP1、Ubuntu 20.04、Debian 11）。请联系技术支持。" >&2
    exit {code}
fi
exec {program_dir}/{program} "$@"
"""

PREINST = """#!/bin/sh
# Refuses a system older than the program needs before anything is unpacked (dpkg -i; apt already
# refuses through the libc6 dependency).
set -e
need={floor}
have=$(getconf GNU_LIBC_VERSION 2>/dev/null | sed 's/^glibc //')
if [ -n "$have" ] && [ "$(printf '%s\\n%s\\n' "$need" "$have" | sort -V | head -n 1)" != "$need" ]; then
    echo "年报检查不能安装在这个系统上：系统的C运行库（glibc）版本是 $have，本程序需要 $need 或更新。" >&2
    echo "nianbao needs glibc $need or newer; this system has $have." >&2
    exit 1
fi
exit 0
"""

POSTINST = """#!/bin/sh
set -e
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
"""


def info(floor: str) -> str:
    """统信's application description (/opt/apps/<appid>/info)."""
    return json.dumps(
        {
            "appid": APP_ID,
            "name": "年报检查",
            "version": version(),
            "arch": [architecture()],
            "permissions": {"autostart": False, "notification": False, "trayicon": False, "clipboard": False, "account": False, "bluetooth": False, "camera": False, "audio_record": False, "installed_apps": False},
            "support-plugins": [],
            "plugins": [],
            "glibc": floor,
        },
        ensure_ascii=False,
        indent=2,
    ) + "\n"


def stage(bundle: Path, root: Path) -> str:
    """The package's files under `root`; returns the glibc floor (as 2.31)."""
    if root.exists():
        shutil.rmtree(root)
    app = root / APP_DIR.lstrip("/")
    shutil.copytree(bundle, app / "files", symlinks=True)
    floor = ".".join(map(str, glibc_floor(bundle)))
    entries = app / "entries"
    (entries / "applications").mkdir(parents=True)
    desktop = (ROOT / "ship" / "linux" / "nianbao.desktop").read_text(encoding="utf-8")
    (entries / "applications" / f"{APP_ID}.desktop").write_text(desktop.replace("@ICON@", APP_ID), encoding="utf-8")
    icons = entries / "icons" / "hicolor" / "256x256" / "apps"
    icons.mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "icon.png", icons / f"{APP_ID}.png")
    (app / "info").write_text(info(floor), encoding="utf-8")
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for program in PROGRAMS:
        launcher = bin_dir / program
        launcher.write_text(LAUNCHER.format(program_dir=PROGRAM_DIR, program=program, floor=floor, code=EXIT_TOO_OLD), encoding="utf-8")
        launcher.chmod(0o755)
    for link, target in (
        (root / "usr" / "share" / "applications" / f"{APP_ID}.desktop", f"{APP_DIR}/entries/applications/{APP_ID}.desktop"),
        (root / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png", f"{APP_DIR}/entries/icons/hicolor/256x256/apps/{APP_ID}.png"),
    ):
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target)
    for path in [root, *root.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    return floor


def depends(root: Path) -> str:
    """dpkg-shlibdeps over every ELF file of the staged bundle: the system's libraries it links, as packages."""
    from ship import elf

    files = [p for p in (root / PROGRAM_DIR.lstrip("/")).rglob("*") if p.is_file() and not p.is_symlink() and elf.is_elf(p)]
    # The bundle's own folders, as installed: dpkg-shlibdeps looks there first, under the package's root
    # (the folder holding DEBIAN/), so what the bundle carries is not asked of the system.
    private = sorted({"/" + p.parent.relative_to(root).as_posix() for p in files})
    work = root.parent / "shlibdeps"
    shutil.rmtree(work, ignore_errors=True)
    (work / "debian").mkdir(parents=True)
    (work / "debian" / "control").write_text(f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n")
    done = subprocess.run(
        ["dpkg-shlibdeps", "-O", "--ignore-missing-info", "-xlibc6-dev", *[f"-l{d}" for d in private], *map(str, files)],
        cwd=work, capture_output=True, text=True,
    )
    if done.returncode:
        raise SystemExit(f"dpkg-shlibdeps failed:\n{done.stderr}")
    line = next(ln for ln in done.stdout.splitlines() if ln.startswith("shlibs:Depends="))
    return ", ".join(_per_symbol(d.strip()) for d in line.split("=", 1)[1].split(","))


def _per_symbol(dependency: str) -> str:
    """A package with a symbols file gets the oldest version whose symbols the bundle uses; one with only a
    shlibs file gets the build root's own version whatever is used (libx11-xcb1 (>= 2:1.7.2), which Ubuntu
    20.04's 1.6.9 would fail for one function as old as the library): such a version says nothing, and goes."""
    match = re.fullmatch(r"([\w.+-]+) \(>= [^)]+\)", dependency)
    if match and not Path(f"/var/lib/dpkg/info/{match.group(1)}:{architecture()}.symbols").exists() \
            and not Path(f"/var/lib/dpkg/info/{match.group(1)}.symbols").exists():
        return match.group(1)
    return dependency


def control(size_kb: int, depends_line: str) -> str:
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version()}\n"
        f"Architecture: {architecture()}\n"
        "Section: office\n"
        "Priority: optional\n"
        "Maintainer: 年报检查 <nianbao@localhost>\n"
        f"Installed-Size: {size_kb}\n"
        f"Depends: {depends_line}, {FONTS}\n"
        "Description: 年报检查 — check a 政府信息公开工作年度报告 before it is submitted\n"
        " Checks that the six statutory sections are there, that the tables are in the\n"
        " format the report's year requires and that they balance; shows every failing\n"
        " cell and exports a corrected workbook and Word copy. Works offline.\n"
    )


def build_deb(bundle: Path, out_dir: Path) -> Path:
    root = ROOT / "build" / "deb-root"
    floor = stage(bundle, root)
    size_kb = sum(f.stat().st_size for f in root.rglob("*") if f.is_file() and not f.is_symlink()) // 1024
    debian = root / "DEBIAN"
    debian.mkdir()  # before dpkg-shlibdeps: it finds the package's root by it
    (debian / "control").write_text(control(size_kb, depends(root)), encoding="utf-8")
    for name, text in (("preinst", PREINST.format(floor=floor)), ("postinst", POSTINST)):
        (debian / name).write_text(text, encoding="utf-8")
        (debian / name).chmod(0o755)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"{PACKAGE}_{version()}_{architecture()}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(out)], check=True, stdout=subprocess.DEVNULL)
    return out


def build_in_root(log=print) -> tuple[Path, Path, dict[str, float]]:
    """dist/nianbao and the .deb, built in the Debian 11 root; with the seconds each stage took."""
    from ship import buildroot, chroot

    times: dict[str, float] = {}
    start = time.monotonic()
    root = buildroot.prepared(log=log)
    times["root"] = time.monotonic() - start
    source = buildroot.sync_source(root)
    start = time.monotonic()
    chroot.run(root.path, [f"{buildroot.venv()}/bin/python", "-m", "ship.deb", "--here"], cwd=buildroot.source())
    times["build"] = time.monotonic() - start
    dist = ROOT / "dist"
    dist.mkdir(exist_ok=True)
    shutil.rmtree(dist / "nianbao", ignore_errors=True)
    shutil.copytree(source / "dist" / "nianbao", dist / "nianbao", symlinks=True)
    deb = next((source / "dist").glob(f"{PACKAGE}_*.deb"))
    shutil.copy2(deb, dist / deb.name)
    return dist / "nianbao", dist / deb.name, times


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="build the Linux bundle and the .deb")
    parser.add_argument("--here", action="store_true", help="build with this Python on this system (inside the build root)")
    args = parser.parse_args(argv)
    if args.here:
        print(build_deb(build_bundle(), ROOT / "dist"))
        return 0
    from ship import chroot

    why = chroot.available()
    if why:
        print(f"ship.deb: the Debian 11 build root cannot be used: {why}", file=sys.stderr)
        return 2
    start = time.monotonic()
    bundle, deb, times = build_in_root()
    print(deb)
    print(f"build root {times['root']:.0f} s, bundle and .deb {times['build']:.0f} s, in all {time.monotonic() - start:.0f} s")
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main(sys.argv[1:]))
