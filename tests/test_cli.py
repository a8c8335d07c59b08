"""`python main.py check …` as a user runs it: a separate process, its output and exit code."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SAMPLE, SEEDS, check_on_a_terminal


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=60
    )


def test_json_for_every_seed_has_the_documented_shape():
    done = run("check", *map(str, SEEDS), "--json")
    assert done.returncode == 1, done.stderr  # seed 000 lacks 第二十条第（五）项 and its 行政许可 row
    results = json.loads(done.stdout)
    assert [r["file"] for r in results] == list(map(str, SEEDS))
    assert [r["ok"] for r in results] == [False, True, True, True, True]
    for result in results:
        assert set(result) >= {"file", "ok", "error", "meta", "sections", "tables", "findings"}
        assert result["error"] is None
        assert set(result["meta"]) == {"title", "agency", "year", "format", "required_format", "script", "doubts"}
        assert result["meta"]["doubts"] == []  # the seeds are text exported from Word: stated, not inferred
        assert [s["id"] for s in result["sections"]] == ["s1", "s2", "s3", "s4", "s5", "s6"]
        assert set(result["tables"]) == {"t2", "t3", "t4"}
        assert len(result["tables"]["t4"]) == 15
        for finding in result["findings"]:
            assert set(finding) == {"rule", "severity", "outcome", "message", "cells", "expected", "actual"}
            assert finding["outcome"] in ("passed", "failed", "not_assessable", "not_applicable")
    hybrid_free = {r["meta"]["format"] for r in results}
    assert hybrid_free == {"2019", "2021"}
    seed3 = results[3]
    assert seed3["meta"]["script"] == "traditional" and seed3["tables"]["t2"]["normative/in_force"] == 1
    assert len(seed3["tables"]["t3"]) == 25 * 7  # 2021: （六） has three rows


def test_a_failing_report_exits_1_and_names_the_error():
    done = run("check", str(SAMPLE))
    assert done.returncode == 1
    assert "发现3处错误，暂不宜提交" in done.stdout
    assert "表三「商业企业」列：第一项加第二项之和为3，第三项（七）总计加第四项之和为2，相差1。" in done.stdout


def test_problems_are_listed_errors_first_as_the_window_walks_them(tmp_path):
    """「/」 in table 四 and the sample's slips in table 三: the errors first, 表三's then 表四's, then what is to be
    verified, 表二's then 表四's — each kind in the checklist's order (its catalogue's groups), as F8 walks them."""
    from tests.fixtures.sample_data import sample
    from tests.fixtures.text_render import render_text

    data = sample()
    data.cells["t4:1/direct.upheld"] = "/"
    path = tmp_path / "报告.txt"
    path.write_text(render_text(data), encoding="utf-8")
    done = run("check", str(path))
    rules = [line.rsplit("（", 1)[1].rstrip("）") for line in done.stdout.splitlines() if line.startswith("  【")]
    assert rules == ["T3-1", "T3-1", "T4-1", "T2-1", "T4-2"]


def test_an_unreadable_file_exits_2_with_a_chinese_message(tmp_path):
    old = tmp_path / "旧报告.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    done = run("check", str(old), str(SEEDS[1]), "--json")
    assert done.returncode == 2
    first, second = json.loads(done.stdout)
    assert first["error"]["code"] == "unsupported_format" and "另存为" in first["error"]["message"]
    assert second["ok"] is True
    assert "Traceback" not in done.stderr


def test_missing_file_is_a_message_not_a_traceback(tmp_path):
    done = run("check", str(tmp_path / "没有这个文件.txt"))
    assert done.returncode == 2 and "找不到文件" in done.stdout and "Traceback" not in done.stderr


def test_check_loads_neither_qt_nor_the_pdf_library():
    code = (  # noqa: UP031 -- Python code with braces of its own: % leaves them plain
        "import sys; sys.argv=['main.py','check',%r]; import main\n"
        "try: main.main(sys.argv[1:])\nexcept SystemExit: pass\n"
        "bad=[m for m in sys.modules if m.split('.')[0] in ('PySide6','shiboken6','pdfplumber','pdfminer','docx','openpyxl')]\n"
        "print('LOADED', bad)"
    ) % str(SEEDS[0])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, encoding="utf-8")
    assert done.stdout.strip().endswith("LOADED []"), done.stdout[-300:] + done.stderr


def test_output_cut_short_by_a_pipe_is_no_traceback():
    done = subprocess.run(
        f'"{sys.executable}" main.py check {" ".join(map(str, SEEDS))} | head -n 1',
        shell=True, capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=60,
    )
    assert done.stdout.startswith("━━") and "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


def test_an_exported_workbook_is_not_blamed_for_lacking_sections(tmp_path):
    out = tmp_path / "导出.xlsx"
    assert run("export", str(SAMPLE), "--xlsx", str(out)).returncode == 0
    result = json.loads(run("check", str(out), "--json").stdout)[0]
    st1 = [f for f in result["findings"] if f["rule"] == "ST-1"]
    assert [f["outcome"] for f in st1] == ["not_applicable"]


def test_word_pdf_and_web_page_of_one_report_give_the_same_json(pdf_corpus, html_corpus):
    """`check X.docx X.pdf X.html --json`: the same cells, sections, year and format for the same report."""
    rendering = pdf_corpus.seeds()["001"]
    paths = [str(rendering.path(ext)) for ext in ("docx", "pdf")] + [str(html_corpus.seeds()["001"].path("html"))]
    done = run("check", str(SEEDS[1]), *paths, "--json")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    text, *files = json.loads(done.stdout)
    for result in files:
        assert result["error"] is None
        assert result["tables"] == text["tables"]
        # The same but for how sure the reading was: a PDF's paragraphs are inferred from positions.
        assert result["meta"].pop("doubts") == (["pdf_text"] if result["file"].endswith(".pdf") else [])
        assert result["meta"] == {k: v for k, v in text["meta"].items() if k != "doubts"}
        assert result["sections"] == text["sections"]
        assert [f["rule"] for f in result["findings"] if f["outcome"] == "failed"] == [
            f["rule"] for f in text["findings"] if f["outcome"] == "failed"
        ]


LIBRARIES = ("PySide6", "shiboken6", "pdfplumber", "pdfminer", "pypdfium2", "openpyxl", "docx")


def libraries_loaded(path: str) -> list[str]:
    """Run in the worker: the file checked, which of LIBRARIES it took."""
    import sys

    from core.api import check_file

    check_file(path)
    return sorted({m.split(".")[0] for m in sys.modules} & set(LIBRARIES))


def test_checking_a_word_file_loads_neither_qt_nor_the_pdf_library(docx_corpus):
    """The program reads nothing itself (its worker does): it loads no reader; the worker that read a Word file took python-docx only."""
    code = (  # noqa: UP031 -- as above
        "import sys, main\n"
        "try: main.main(['check', %r])\nexcept SystemExit: pass\n"
        "print('LOADED', sorted({m.split('.')[0] for m in sys.modules} & set(%r)))\n"
        "from core.readers.worker import Worker\n"
        "from tests.test_cli import libraries_loaded\n"
        "with Worker() as worker: print('WORKER', worker.run(libraries_loaded, %r))"
    ) % (str(docx_corpus.seeds()["004"].path("docx")), LIBRARIES, str(docx_corpus.seeds()["004"].path("docx")))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, encoding="utf-8")
    assert "LOADED []\nWORKER ['docx']" in done.stdout, done.stdout[-300:] + done.stderr


# --- file names: not UTF-8, starting with - ------------------------------------------------------------


def test_a_name_that_is_not_utf8_is_shown_escaped_and_given_back_losslessly_in_json(tmp_path):
    """A GBK name (unzipping a Windows archive on 麒麟/统信) beside a good report: both answered, neither lost."""
    folder = tmp_path / "解压"
    folder.mkdir()
    gbk = os.fsencode(folder) + b"/" + "年报2023.txt".encode("gbk")
    with open(gbk, "wb") as file:
        file.write(SAMPLE.read_bytes())
    (folder / "好的.txt").write_bytes(SAMPLE.read_bytes())

    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(folder), "--json", "--summary", str(tmp_path / "汇总.xlsx")],
                          capture_output=True, cwd=ROOT, timeout=60)
    assert done.returncode == 1, done.stderr
    results = json.loads(done.stdout)
    assert sorted(os.fsencode(r["file"]) for r in results) == sorted([gbk, os.fsencode(folder / "好的.txt")])
    assert all(r["meta"]["agency"] == "青山街道办事处" for r in results)
    assert b"\\udcc4" in done.stdout  # JSON's own escape of the name's first byte
    assert (tmp_path / "汇总.xlsx").stat().st_size > 0

    text = run("check", str(folder))
    assert text.returncode == 1
    assert "\\xc4" in text.stdout and "（按GBK编码：年报2023.txt）" in text.stdout and "Traceback" not in text.stderr


def test_a_name_starting_with_a_dash_is_checked_after_double_dash_and_the_usage_says_so(tmp_path):
    (tmp_path / "-报告.txt").write_bytes(SAMPLE.read_bytes())
    as_option = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", "-报告.txt"], capture_output=True, text=True,
                               encoding="utf-8", cwd=tmp_path, timeout=60)
    assert as_option.returncode == 2 and as_option.stdout == ""
    assert "命令行参数有误" in as_option.stderr and "「-报告.txt」以“-”开头" in as_option.stderr
    assert "main.py check -- -报告.txt" in as_option.stderr and "用法：main.py check" in as_option.stderr
    assert "usage" not in as_option.stderr and "error" not in as_option.stderr

    after = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", "--", "-报告.txt"], capture_output=True, text=True,
                           encoding="utf-8", cwd=tmp_path, timeout=60)
    assert after.returncode == 1 and "━━ -报告.txt" in after.stdout and "发现3处错误" in after.stdout


def test_an_unknown_option_is_said_in_chinese():
    done = run("check", "--jsn", str(SAMPLE))
    assert done.returncode == 2 and "无法识别的参数：--jsn" in done.stderr and "用法：" in done.stderr


# --- only regular files ------------------------------------------------------------------------------------


def test_a_pipe_named_like_a_report_is_refused_at_once_alone_and_in_a_folder(tmp_path):
    pipe = tmp_path / "报告.txt"
    os.mkfifo(pipe)
    (tmp_path / "好的.txt").write_bytes(SAMPLE.read_bytes())
    alone = run("check", str(pipe))  # opening it would wait for a writer for ever: run's 60 s would end the test
    assert alone.returncode == 2 and "命名管道" in alone.stdout and "没有打开" in alone.stdout
    folder = run("check", str(tmp_path), "--json")
    results = {r["file"]: r for r in json.loads(folder.stdout)}
    assert results[str(pipe)]["error"]["code"] == "not_a_file"
    assert results[str(tmp_path / "好的.txt")]["meta"]["agency"] == "青山街道办事处"


def test_on_a_terminal_a_pdf_says_how_far_its_reading_has_got(pdf_corpus):
    """stderr a terminal (a pty): the pages the worker reports, after the file's name, on one line cleared at the end."""
    pdf = pdf_corpus.seeds()["001"].path("pdf")
    _, text = check_on_a_terminal(str(pdf))
    assert f"正在检查 {pdf.name}：正在读取PDF的页面（1/7）" in text and "\r" in text
    assert text.endswith("\r")  # cleared


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_exports_can_be_opened_by_a_colleague(tmp_path, docx_corpus):
    """Workbook, Word copy and check-report PDF under umask 022: 0644, as the office's shared folder needs."""
    report = docx_corpus.seeds()["004"].path("docx")
    xlsx, docx, pdf = tmp_path / "更正.xlsx", tmp_path / "更正.docx", tmp_path / "检查单.pdf"
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", str(report), "--xlsx", str(xlsx), "--docx", str(docx), "--pdf", str(pdf)],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, preexec_fn=lambda: os.umask(0o022),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in (xlsx, docx, pdf)} == {p.name: "0o644" for p in (xlsx, docx, pdf)}
