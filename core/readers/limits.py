"""Limits every reader keeps, in one place: a clerk's file must never hang or exhaust the PC."""
from __future__ import annotations

from core.readers.errors import ReadError

MAX_FILE_BYTES = 64 * 1024 * 1024  # a real report is a few MB at most


def check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise ReadError(
            "too_large",
            f"文件太大（{size / 1024 / 1024:.0f} MB），超过了 {MAX_FILE_BYTES // 1024 // 1024} MB 的上限，"
            "不像是一份年度报告。请确认选择的文件是否正确；如果报告中有大量图片，请另存一份不含图片的Word或PDF再检查。",
        )

# A zip package (.xlsx, .docx) may unpack to far more than its size on disk (a "zip bomb").
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
# A worksheet's used range: a report's tables are a few hundred cells; a stray cell at row 1048576 is not.
MAX_SHEET_CELLS = 500_000


def check_unpacked(size: int) -> None:
    if size > MAX_UNPACKED_BYTES:
        raise ReadError(
            "too_large",
            f"文件解压后有 {size / 1024 / 1024:.0f} MB，超过了 {MAX_UNPACKED_BYTES // 1024 // 1024} MB 的上限，"
            "不像是一份年度报告。请确认选择的文件是否正确，或另存一份不含图片的文件再检查。",
        )


MAX_PAGES = 150  # an annual report has a few dozen pages; hundreds would keep the clerk waiting for minutes


def check_pages(pages: int) -> None:
    if pages > MAX_PAGES:
        raise ReadError(
            "too_large",
            f"这个PDF有{pages}页，超过了{MAX_PAGES}页的上限，不像是一份年度报告。请确认选择的文件是否正确。",
        )
