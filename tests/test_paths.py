"""core/platform/paths.py: names as the file system has them, shown as a clerk can read them."""
from __future__ import annotations

import os
import sys

import pytest

from core.platform.paths import dropped_paths, shown

GBK_NAME = "年报2023.txt".encode("gbk")  # unzipped from a Windows archive on 麒麟 or 统信


@pytest.mark.skipif(sys.platform == "win32", reason="names as bytes: a POSIX file system")
def test_a_dragged_name_is_read_from_its_bytes():
    gbk = os.fsdecode(b"/tmp/\xe5\xb9\xb4\xe6\x8a\xa5/" + GBK_NAME)  # a UTF-8 folder, a GBK name
    listing = b"# from the file manager\r\nfile:///tmp/%E5%B9%B4%E6%8A%A5/%C4%EA%B1%A82023.txt\r\nfile://localhost/tmp/a%20b.pdf\r\nhttps://example.org/x.pdf\r\n"
    assert dropped_paths(listing) == [gbk, "/tmp/a b.pdf"]  # the web address is not a file
    assert shown(gbk).startswith("/tmp/年报/\\xc4") and shown(gbk).endswith("（按GBK编码：年报2023.txt）")  # c4 is not UTF-8
    assert dropped_paths(b"") == [] and dropped_paths(b"file://server/share/x.docx") == []  # another machine's file
