"""「未能读出」: what a reading with doubts did not find is not assessable, and the clerk is told why and what to do.

A reader marks the blocks whose structure it inferred (`core/document.Doubt`); the assembler sums them
up per part of the report (`Report.doubts`). A section, table or row not found in such a part may be in
the file unread, so the structure rules say so here, never 「缺少…」 (which is for a clean read).
"""
from __future__ import annotations

from core.document import Doubt

# Why the reading of such a file may have missed something (the sentence's middle part).
REASONS = {
    Doubt.PDF_TEXT: "PDF中的文字是按字在页面上的位置拼成段落和标题的",
    Doubt.PDF_COPY: "这是从PDF中复制出来的文字，原来的分行、段落和表格的列在复制时已经丢失",
    Doubt.INFERRED_COLUMNS: "表格没有竖线，各列是按文字在页面上的位置推断的",
    Doubt.SCAN: "这是扫描件，文字是从图像中识别出来的",
}
ADVICE = "请打开这份报告的Word原件（.docx）再检查，或核对原件中是否有这部分内容"


def unread_message(what: str, doubt: Doubt) -> str:
    """「未能读出第三部分「…」：<why>，可能在文件中却没有读到（不一定是报告缺少）。<advice>。」"""
    return f"未能读出{what}：{REASONS[doubt]}，可能在文件中却没有读到（不一定是报告缺少）。{ADVICE}。"
