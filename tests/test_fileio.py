"""Writing files: all at once, never over the source, with a Chinese word when it cannot."""
from __future__ import annotations

import os

import pytest

from core.platform.fileio import WriteError, atomic_write
from tests.fixtures.folders import unwritable


def test_writes_and_replaces_without_leaving_temporary_files(tmp_path):
    target = tmp_path / "导出 结果.xlsx"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert os.listdir(tmp_path) == ["导出 结果.xlsx"]


def test_never_writes_over_the_file_it_read(tmp_path):
    source = tmp_path / "报告.docx"
    source.write_bytes(b"original")
    with pytest.raises(WriteError) as caught:
        atomic_write(source, b"new", source=source)
    assert caught.value.code == "would_overwrite_source" and "不能覆盖原始文件" in caught.value.message
    assert source.read_bytes() == b"original"


def test_read_only_folder_is_a_message(tmp_path):
    folder = tmp_path / "只读"
    folder.mkdir()
    with unwritable(folder), pytest.raises(WriteError) as caught:
        atomic_write(folder / "out.xlsx", b"x")
    assert caught.value.code == "read_only"


def test_missing_folder_is_a_message(tmp_path):
    with pytest.raises(WriteError) as caught:
        atomic_write(tmp_path / "没有" / "out.xlsx", b"x")
    assert caught.value.code == "no_folder" and "不存在" in caught.value.message


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_written_file_has_the_users_normal_permissions(tmp_path, umask, mode):
    """Not mkstemp's 0600: a colleague on the office's shared folder must be able to open an export."""
    old = os.umask(umask)
    try:
        atomic_write(tmp_path / "导出.xlsx", b"x")
    finally:
        os.umask(old)
    assert oct((tmp_path / "导出.xlsx").stat().st_mode & 0o777) == oct(mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_a_replaced_file_keeps_its_permissions_and_private_work_stays_private(tmp_path):
    shared = tmp_path / "共享.xlsx"
    shared.write_bytes(b"old")
    shared.chmod(0o664)
    atomic_write(shared, b"new")
    assert shared.stat().st_mode & 0o777 == 0o664
    atomic_write(tmp_path / "autosave.json", b"{}", private=True)
    assert (tmp_path / "autosave.json").stat().st_mode & 0o777 == 0o600
