"""A page of a PDF, or a scanned page's picture, as a picture, so the window can show where a number stood on it.

pypdfium2 (which pdfplumber already brings) renders the page; the picture comes back
as PNG bytes with its scale, so a box in pdfplumber's points (x0, top, x1, bottom) is
drawn at (x0 × scale, top × scale). A page that came as a picture file (.png, .jpg, .tif) is
that picture, upright and sized as the scan reader read it, its points its pixels × 72 / its
resolution. `around` cuts a page down to the part around a box: a scan's cell is shown as the
picture the recogniser read, with its neighbours. Nothing here knows about windows.
"""
from __future__ import annotations

import io
import math
import os
from dataclasses import dataclass

from core.platform.paths import shown
from core.readers.errors import ReadError

DEFAULT_SCALE = 2.0  # pixels per point: 144 dpi, sharp enough to read a table's digits
SCAN_SCALE = 200 / 72  # a scanned PDF page as it was scanned: 200 dpi
MAX_PIXELS = 8_000_000  # a page's picture at most (an A3 page at DEFAULT_SCALE is 4 million): 32 MB to draw


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


def fitting_scale(width: float, height: float, scale: float = DEFAULT_SCALE) -> float:
    """`scale`, or less for a page too large for MAX_PIXELS at it (a PDF page may be 200 inches square:
    28 800 pixels a side at 2 pixels a point, 3.3 GB to draw)."""
    return min(scale, math.sqrt(MAX_PIXELS / (width * height)))


def render_page(path: str, page: int, scale: float = DEFAULT_SCALE) -> PagePicture:
    """Page `page` (1-based) of the PDF at `path`, rendered at `scale` pixels per point."""
    if not os.path.isfile(path):
        raise ReadError("not_found", f"找不到原文件：{shown(path)}。文件可能已被移动或删除，无法显示原文位置。")
    import pypdfium2  # only when a PDF page is shown

    try:
        document = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError:
        raise ReadError("pdf_render", f"无法打开PDF文件「{os.path.basename(path)}」来显示原文位置。文件可能已损坏或已加密。") from None
    try:
        if not 1 <= page <= len(document):
            raise ReadError("pdf_page", f"PDF文件只有{len(document)}页，没有第{page}页。文件可能在读取后被更换过，请重新打开。")
        sheet = document[page - 1]
        width, height = sheet.get_size()
        if not (width >= 1 and height >= 1):  # no area (or not a number): nothing to draw, nothing to divide by
            raise ReadError("pdf_page", f"PDF第{page}页的页面大小为零，无法显示。文件可能已损坏，请用其他软件打开核对。")
        scale = fitting_scale(width, height, scale)
        bitmap = sheet.render(scale=scale)
        image = bitmap.to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG")
        return PagePicture(out.getvalue(), image.width, image.height, scale)
    except pypdfium2.PdfiumError:
        raise ReadError("pdf_render", f"无法显示PDF第{page}页。文件可能已损坏，请用其他软件打开核对。") from None
    finally:
        document.close()


def render_any(path: str, page: int) -> PagePicture:
    """Page `page` of a PDF, or of a picture file (a scan's page): by what the file is, as its reader took it."""
    if not os.path.isfile(path):
        raise ReadError("not_found", f"找不到原文件：{shown(path)}。文件可能已被移动或删除，无法显示原文位置。")
    with open(path, "rb") as handle:
        head = handle.read(1024)
    from core.readers.sniff import sniff

    return render_picture(path, page) if sniff(head) == "image" else render_page(path, page, SCAN_SCALE)


def render_picture(path: str, page: int) -> PagePicture:
    """Page `page` (1-based: a TIFF's frame; 1 for any other picture) of a picture file, as the scan reader read it."""
    from core.readers import scan

    with open(path, "rb") as handle:
        data = handle.read()
    try:
        if not 1 <= page <= scan.frame_count(data):
            raise ReadError("pdf_page", f"图片文件「{os.path.basename(path)}」没有第{page}页。文件可能在读取后被更换过，请重新打开。")
        image = scan.frame(data, page - 1)
    except ReadError as error:
        raise ReadError(error.code, f"无法显示图片「{os.path.basename(path)}」：{error.message}") from None
    scale = scan.image_dpi(image) / 72
    if image.width * image.height > MAX_PIXELS:
        k = math.sqrt(MAX_PIXELS / (image.width * image.height))
        image, scale = image.resize((max(1, int(image.width * k)), max(1, int(image.height * k)))), scale * k
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PNG")
    return PagePicture(out.getvalue(), image.width, image.height, scale)
