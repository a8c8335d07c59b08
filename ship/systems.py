"""The .deb tried as a new user tries it, on clean systems made with debootstrap:

    ./dev systems                      # every system below
    ./dev systems debian-11 ubuntu-20.04

For each: a throw-away copy of the clean root (kept prepared under /var/cache/nianbao, ship/chroot.py);
`apt-get install ./nianbao_….deb` (its dependencies come along); then, in a network namespace of its
own (nothing can be reached): `nianbao-cli --self-test`, `nianbao-cli check` of a Word and a PDF
report; then Xvfb is installed and the window's `--screenshot` taken through Qt's X11 platform.
The pictures are left in build/systems/ to be looked at. tests/test_frozen.py runs the oldest
system on every test run.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ship import chroot

ROOT = Path(__file__).resolve().parents[1]
SYSTEMS = {
    s.name: s
    for s in (
        chroot.System("debian-11", "bullseye", sources=(f"deb {chroot.DEBIAN_SECURITY} bullseye-security main",), glibc="2.31"),
        chroot.System("debian-12", "bookworm", sources=(f"deb {chroot.DEBIAN_SECURITY} bookworm-security main",), glibc="2.36"),
        chroot.System("debian-13", "trixie", sources=(f"deb {chroot.DEBIAN_SECURITY} trixie-security main",), glibc="2.41"),
        chroot.System("ubuntu-20.04", "focal", chroot.UBUNTU, "main universe", (f"deb {chroot.UBUNTU} focal-updates main universe",), chroot.UBUNTU_KEYRING, glibc="2.31"),
        chroot.System("ubuntu-22.04", "jammy", chroot.UBUNTU, "main universe", (f"deb {chroot.UBUNTU} jammy-updates main universe",), chroot.UBUNTU_KEYRING, glibc="2.35"),
    )
}
OLDEST = "debian-11"
WORK = chroot.CACHE / "trials"
X_SERVER = ("xvfb", "xauth")
REPORTS = ("report.docx", "report.pdf")  # copied into the root's /tmp by the caller's `reports`


@dataclass
class Trial:
    system: str
    steps: dict[str, subprocess.CompletedProcess] = field(default_factory=dict)
    screenshot: Path | None = None
    seconds: float = 0.0

    def ok(self) -> bool:
        return bool(self.steps) and all(step.returncode == 0 for step in self.steps.values())

    def summary(self) -> str:
        said = "; ".join(f"{name} {'ok' if step.returncode == 0 else f'exit {step.returncode}'}" for name, step in self.steps.items())
        return f"{self.system}: {'passed' if self.ok() else 'FAILED'} ({said}; {self.seconds:.0f} s)"

    def details(self) -> str:
        """What the system is, the font the program found there, and its answers, a line each."""
        lines = [self.steps["system"].stdout.strip()] if "system" in self.steps else []
        for name, step in self.steps.items():
            if name in ("self-test", "window") or name.startswith("check"):
                said = [ln.strip() for ln in step.stdout.splitlines() if ln.strip()]
                if name == "self-test":
                    pick = [ln for ln in said if "中文字体" in ln or ln.startswith("自检")]
                else:
                    pick = [ln for ln in said if ln.startswith(("机关", "结论", "/tmp/"))]
                lines.append(f"{name}: {' | '.join(pick)}")
        return "\n".join(f"    {line}" for line in lines)


def trial(name: str, deb: Path, reports: dict[str, Path], log=print) -> Trial:
    """Install `deb` on a clean copy of system `name`, and run the program there."""
    start = time.monotonic()
    clean = chroot.prepared(SYSTEMS[name], log=log)
    root = chroot.copy(clean, WORK / name)
    result = Trial(name)
    try:
        shutil.copy(deb, root / "tmp" / deb.name)
        for target, source in reports.items():
            shutil.copy(source, root / "tmp" / target)
        result.steps["system"] = _run(root, ["sh", "-c", '. /etc/os-release; echo "$PRETTY_NAME, $(getconf GNU_LIBC_VERSION)"'])
        result.steps["install"] = _run(root, ["sh", "-c", f"apt-get update -qq && apt-get install -y -qq ./{deb.name}"], cwd="/tmp", network=True)
        if result.steps["install"].returncode:
            return result
        result.steps["self-test"] = _run(root, ["nianbao-cli", "--self-test"])
        for target in reports:
            result.steps[f"check {target}"] = _run(root, ["nianbao-cli", "check", f"/tmp/{target}"], ok=(0, 1))  # 1: it has errors
        result.steps["install xvfb"] = _run(root, ["apt-get", "install", "-y", "-qq", *X_SERVER], network=True)
        shot = "/tmp/window.png"
        script = (
            "Xvfb :7 -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & sleep 2; "
            f"DISPLAY=:7 nianbao /tmp/{next(iter(reports))} --screenshot {shot}; code=$?; kill %1; exit $code"
        )
        result.steps["window"] = _run(root, ["sh", "-c", script])
        if (root / shot.lstrip("/")).is_file():
            out = ROOT / "build" / "systems" / f"{name}.png"
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(root / shot.lstrip("/"), out)
            result.screenshot = out
        return result
    finally:
        result.seconds = time.monotonic() - start
        chroot._remove(root)


def _run(root: Path, argv: list[str], *, cwd: str = "/", network: bool = False, ok=(0,)) -> subprocess.CompletedProcess:
    done = chroot.run(root, argv, cwd=cwd, network=network, check=False, capture=True, timeout=900,
                      env={"DEBIAN_FRONTEND": "noninteractive", "HOME": "/root"})
    if done.returncode in ok:
        done.returncode = 0
    return done


def main(argv: list[str]) -> int:
    from ship.deb import PACKAGE

    names = argv or list(SYSTEMS)
    unknown = [n for n in names if n not in SYSTEMS]
    if unknown:
        print(f"unknown systems {unknown}; known: {', '.join(SYSTEMS)}", file=sys.stderr)
        return 2
    why = chroot.available()
    if why:
        print(f"ship.systems: {why}", file=sys.stderr)
        return 2
    deb = max((ROOT / "dist").glob(f"{PACKAGE}_*.deb"), key=lambda p: p.stat().st_mtime, default=None)
    if deb is None:
        print("no .deb in dist/: run ./dev deb first", file=sys.stderr)
        return 2
    reports = sample_reports(ROOT / "build" / "systems")
    failed = 0
    for name in names:
        result = trial(name, deb, reports)
        print(result.summary(), flush=True)
        print(result.details(), flush=True)
        for step, done in result.steps.items():
            if done.returncode:
                print(f"--- {step}\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
        failed += not result.ok()
    return 1 if failed else 0


def sample_reports(folder: Path) -> dict[str, Path]:
    """A Word and a PDF report: a seed written as .docx from the official template, and that .docx
    printed to PDF by LibreOffice (the test fixtures, cached under tests/generated/)."""
    sys.path.insert(0, str(ROOT))
    from tests.fixtures import corpus, files

    seed = corpus.seeds()["004"]
    files.make([seed], ("docx", "pdf"))
    return {"report.docx": seed.path("docx"), "report.pdf": seed.path("pdf")}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
