"""When something goes wrong, support can see why: the details in the log file, only a Chinese sentence for the clerk."""
from __future__ import annotations

import json
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from core.platform import diagnostics, logs, nonet
from core.platform.fileio import WriteError
from tests.conftest import ROOT, SAMPLE, seed
from tests.fixtures import measure

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="runs the program with a patched engine in a subprocess")


def _run_patched(patch: str, args: list[str], data_dir: Path) -> measure.Run:
    """main.py ARGS… with `patch` (Python) applied first: a bug planted where the test wants one."""
    code = (
        f"import runpy, sys\nsys.path.insert(0, {str(ROOT)!r})\n{patch}\n"
        f"sys.argv = ['main.py', *{args!r}]\nrunpy.run_path({measure.MAIN!r}, run_name='__main__')\n"
    )
    return measure.run_command([sys.executable, "-c", code], timeout=60, env={"NIANBAO_DATA_DIR": str(data_dir)})


def _log(data_dir: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in logs.log_files(data_dir / "logs"))


BUG_IN_READING = """
import core.api
def build_report(document):
    raise ValueError("内部细节：第42行的格子不见了")
core.api.build_report = build_report
"""


def test_a_bug_in_reading_is_a_chinese_sentence_and_its_details_are_in_the_log(data_dir):
    run = _run_patched(BUG_IN_READING, ["check", str(SAMPLE)], data_dir)
    assert run.code == 2
    assert "意外问题（ValueError）" in run.stdout and "已记入日志" in run.stdout and "导出诊断信息" in run.stdout
    assert "内部细节" not in run.stdout + run.stderr and "Traceback" not in run.stdout + run.stderr
    log = _log(data_dir)
    assert "Traceback" in log and "ValueError: 内部细节：第42行的格子不见了" in log and str(SAMPLE) in log
    assert "年报检查" in log and " check " in log  # the run's first line: version and command


def test_a_bug_outside_reading_says_where_the_log_is(data_dir, tmp_path):
    patch = "import core.cli\ndef write(result, target):\n    raise KeyError('规则的细节')\ncore.cli._write_xlsx = write\n"  # reading is the worker's
    run = _run_patched(patch, ["export", str(SAMPLE), "--xlsx", str(tmp_path / "导出.xlsx")], data_dir)
    assert run.code == 4
    assert "意外问题（KeyError）" in run.stderr and str(data_dir / "logs" / logs.LOG_NAME) in run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert "KeyError: '规则的细节'" in _log(data_dir)


def test_a_bug_in_a_worker_process_reaches_the_same_log(data_dir):
    patch = (
        "import core.batch\nreal = core.batch.open_report\n"
        "def open_report(path):\n    if path.endswith('000_1b5c19fb5e1087b0.txt'):\n        raise ZeroDivisionError('工作进程里的细节')\n"
        "    return real(path)\ncore.batch.open_report = open_report\n"
    )
    run = _run_patched(patch, ["check", str(seed("000")), str(seed("001")), "--jobs", "2"], data_dir)
    assert run.code == 2 and "意外问题（ZeroDivisionError）" in run.stdout
    log = _log(data_dir)
    assert "ZeroDivisionError: 工作进程里的细节" in log
    pids = {line.split("[")[1].split()[0] for line in log.splitlines() if "INFO [" in line or "ERROR [" in line}
    assert len(pids) >= 2  # the main process's start line, and the worker's error


def test_an_unreadable_file_leaves_its_reason_and_the_librarys_error(data_dir, tmp_path):
    damaged = tmp_path / "坏了.pdf"
    damaged.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 100)
    run = measure.run(["check", str(damaged)], timeout=30, env={"NIANBAO_DATA_DIR": str(data_dir)})
    assert run.code == 2 and run.stderr == ""
    log = _log(data_dir)
    assert f"{damaged} cannot be read (corrupt)" in log and "Traceback" in log  # pdfminer's own complaint, for support


def test_the_log_rotates_and_keeps_a_few_files(tmp_path):
    code = (
        f"import sys, logging\nsys.path.insert(0, {str(ROOT)!r})\nfrom core.platform import logs\n"
        f"logs.setup(__import__('pathlib').Path({str(tmp_path)!r}), max_bytes=20_000)\n"
        "for n in range(2000):\n    logging.getLogger('core.test').error('第%d条：%s', n, '很长的细节' * 20)\n"
    )
    run = measure.run_command([sys.executable, "-c", code], timeout=60)
    assert run.code == 0 and run.stderr == ""
    files = logs.log_files(tmp_path)
    assert [f.name for f in files] == ["nianbao.log", "nianbao.log.1", "nianbao.log.2", "nianbao.log.3"]
    assert all(f.stat().st_size <= 21_000 for f in files)
    assert "第1999条" in files[0].read_text(encoding="utf-8")  # the newest kept, the oldest dropped
    assert "第0条" not in "".join(f.read_text(encoding="utf-8") for f in files)


def test_a_folder_that_cannot_hold_the_log_does_not_stop_the_program(tmp_path):
    blocked = tmp_path / "数据"
    blocked.write_text("不是文件夹")  # where the data folder should be, a file
    run = measure.run(["check", str(SAMPLE)], timeout=30, env={"NIANBAO_DATA_DIR": str(blocked)})
    assert run.code == 1 and run.stderr == "" and "发现3处错误" in run.stdout


# --- 帮助 → 导出诊断信息 -------------------------------------------------------------------------------


def test_the_diagnostics_zip_holds_the_facts_and_the_logs(tmp_path):
    folder = tmp_path / "logs"
    folder.mkdir()
    (folder / logs.LOG_NAME).write_text("2024-03-01 ERROR 读取失败的细节\n", encoding="utf-8")
    (folder / f"{logs.LOG_NAME}.1").write_text("更早的一行\n", encoding="utf-8")
    target = tmp_path / "发给 技术支持" / diagnostics.default_name(datetime(2024, 3, 1, 9, 30))
    target.parent.mkdir()
    with nonet.refused() as attempts:
        diagnostics.write_diagnostics(target, extra={"Qt": "6.12.0"}, log_folder=folder)
    assert attempts == []
    assert target.name == "年报检查诊断信息-20240301-0930.zip"
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == ["日志/nianbao.log", "日志/nianbao.log.1", "系统信息.json"]
        facts = json.loads(archive.read("系统信息.json"))
        assert archive.read("日志/nianbao.log").decode("utf-8") == "2024-03-01 ERROR 读取失败的细节\n"
    from core import __version__

    assert facts["程序版本"] == __version__ and facts["Qt"] == "6.12.0"
    assert facts["openpyxl"] == "3.1.5" and facts["Python"].startswith("CPython 3.")
    assert facts["操作系统"] and facts["数据文件夹"]
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # written whole, no temporary file left


def test_diagnostics_into_a_missing_folder_is_a_chinese_message(tmp_path):
    with pytest.raises(WriteError) as caught:
        diagnostics.write_diagnostics(tmp_path / "没有这个文件夹" / "诊断.zip")
    assert caught.value.code == "no_folder" and "不存在" in caught.value.message
