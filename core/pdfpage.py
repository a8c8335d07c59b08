"""A page of a PDF as a picture, so the window can show where a number stood on it.

pypdfium2 (which pdfplumber already brings) renders the page; the picture comes back
as PNG bytes with its scale, so a box in pdfplumber's points (x0, top, x1, bottom) is
drawn at (x0 × scale, top × scale). Nothing here knows about windows.
"""
from __future__ import annotations

import io
import os
from dataclasses import dataclass

from core.readers.errors import ReadError

DEFAULT_SCALE = 2.0  # pixels per point: 144 dpi, sharp enough to read a table's digits


@dataclass(frozen=True)
class PagePicture:
    png: bytes
    width: int  # pixels
    height: int
    scale: float  # pixels per point

    def box(self, bbox: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
        """A box in points (x0, top, x1, bottom) as pixels (left, top, width, height)."""
        x0, top, x1, bottom = bbox
        return round(x0 * self.scale), round(top * self.scale), round((x1 - x0) * self.scale), round((bottom - top) * self.scale)


def render_page(path: str, page: int, scale: float = DEFAULT_SCALE) -> PagePicture:
    """Page `page` (1-based) of the PDF at `path`, rendered at `scale` pixels per point."""
    if not os.path.isfile(path):
        raise ReadError("not_found", f"找不到原文件：{path}。文件可能已被移动或删除，无法显示原文位置。")
    import pypdfium2  # only when a PDF page is shown

    try:
        document = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError:
        raise ReadError("pdf_render", f"无法打开PDF文件「{os.path.basename(path)}」来显示原文位置。文件可能已损坏或已加密。") from None
    try:
        if not 1 <= page <= len(document):
            raise ReadError("pdf_page", f"PDF文件只有{len(document)}页，没有第{page}页。文件可能在读取后被更换过，请重新打开。")
        bitmap = document[page - 1].render(scale=scale)
        image = bitmap.to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG")
        return PagePicture(out.getvalue(), image.width, image.height, scale)
    except pypdfium2.PdfiumError:
        raise ReadError("pdf_render", f"无法显示PDF第{page}页。文件可能已损坏，请用其他软件打开核对。") from None
    finally:
        document.close()
