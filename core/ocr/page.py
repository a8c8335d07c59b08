"""A scanned page made ready to read: grey, the red seal taken out, straightened, its ink found.

A seal is red and printing is black: in the red channel the seal is nearly white and the text
under it stays dark, so the page is read from its red channel. The sheet is straightened by the
angle at which its rows of ink line up best (the projection of the ink is sharpest). Ink is
whatever is darker than Otsu's threshold; specks (dust, toner) are small isolated dots, found by
the empty ring around them, and left out of the mask that locates text — never out of the picture
a line is recognised from, so a decimal point is never lost.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

MAX_SKEW = 3.0  # degrees: a sheet fed more askew than this is not straightened further
COARSE_STEP = 0.2
FINE_STEP = 0.02
REDNESS = 50  # red over the mean of green and blue: a seal's ink, not print


@dataclass
class Page:
    """One page's picture, straightened, with what the readers of its parts need."""

    number: int  # 1-based
    grey: np.ndarray  # uint8, straightened, seal gone (the red channel)
    ink: np.ndarray  # bool, ink without specks
    raw: np.ndarray  # bool, all ink (specks and small marks too: a 「。」 or a decimal point)
    dpi: float
    angle: float  # degrees the scan was turned to straighten it (counter-clockwise)
    size: tuple[int, int]  # the original picture's width and height, pixels


def original_box(box: tuple[float, float, float, float], angle: float, size: tuple[int, int]) -> tuple[float, float, float, float]:
    """A box on the page straightened by `angle` as the smallest box holding it on the picture as scanned."""
    x0, y0, x1, y1 = box
    w, h = size
    cx, cy = w / 2, h / 2
    a = math.radians(angle)
    cos, sin = math.cos(a), math.sin(a)
    xs, ys = [], []
    for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
        # PIL turned the picture by `angle` about its centre, counter-clockwise: turn the point back
        dx, dy = x - cx, y - cy
        xs.append(cx + dx * cos - dy * sin)
        ys.append(cy + dx * sin + dy * cos)
    return (round(max(0.0, min(xs)), 1), round(max(0.0, min(ys)), 1),
            round(min(float(w), max(xs)), 1), round(min(float(h), max(ys)), 1))


def prepare(image, number: int, dpi: float) -> Page:
    """The page of a PIL image: grey from the red channel, straightened, its ink found."""
    from PIL import Image

    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if image.mode == "RGB":
        rgb = np.asarray(image, dtype=np.int16)
        grey = rgb[:, :, 0].astype(np.uint8)
        # the seal's thin strokes, greyed by JPEG's coarser colour, are still redder than anything printed
        grey[rgb[:, :, 0] - (rgb[:, :, 1] + rgb[:, :, 2]) // 2 > REDNESS] = 255
        del rgb
    else:
        grey = np.asarray(image, dtype=np.uint8)
    threshold = otsu(grey)
    angle = skew_angle(grey < threshold)
    if abs(angle) >= FINE_STEP:
        grey = np.asarray(Image.fromarray(grey).rotate(-angle, resample=Image.Resampling.BICUBIC, fillcolor=255), dtype=np.uint8)
    raw = grey < threshold
    ink = raw.copy()
    remove_specks(ink, dpi)
    return Page(number, grey, ink, raw, dpi, -angle, (image.width, image.height))


def otsu(grey: np.ndarray) -> int:
    """Otsu's threshold between paper and ink (never lighter than 200: faint shading is not ink)."""
    hist = np.bincount(grey.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    levels = np.arange(256)
    weight = np.cumsum(hist)
    mean = np.cumsum(hist * levels)
    between = (mean[-1] * weight / total - mean) ** 2 / np.maximum(weight * (total - weight), 1)
    return min(int(np.argmax(between)), 200)


def skew_angle(ink: np.ndarray) -> float:
    """The angle (degrees, counter-clockwise positive) by which the rows of ink are turned."""
    step = 4 if ink.shape[1] > 1200 else 2
    small = ink[::step, ::step]
    ys, xs = np.nonzero(small)
    if len(ys) < 100:
        return 0.0
    if len(ys) > 200_000:  # every n-th point of ink is as good a sample, and the same every time
        every = -(-len(ys) // 200_000)
        ys, xs = ys[::every], xs[::every]
    xs = xs - small.shape[1] / 2

    def sharpness(angle: float) -> float:
        shifted = np.round(ys + xs * math.tan(math.radians(angle))).astype(np.int64)
        shifted -= shifted.min()
        counts = np.bincount(shifted)
        return float(np.dot(counts, counts))

    coarse: list[float] = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, COARSE_STEP).tolist()
    best = max(coarse, key=sharpness)
    fine: list[float] = np.arange(best - COARSE_STEP, best + COARSE_STEP + 1e-9, FINE_STEP).tolist()
    angle = max(fine, key=sharpness)
    return round(angle, 2)


def _box_sums(mask: np.ndarray, size: int) -> np.ndarray:
    """For each top-left position, the count of set pixels in the size × size box there (same shape, 0 past the edge)."""
    padded = np.zeros((mask.shape[0] + 1, mask.shape[1] + 1), np.int32)
    np.cumsum(np.cumsum(mask, axis=0, dtype=np.int32), axis=1, out=padded[1:, 1:])
    h, w = mask.shape
    out = np.zeros(mask.shape, np.int32)
    out[: h - size + 1, : w - size + 1] = (
        padded[size:, size:] - padded[:-size, size:] - padded[size:, :-size] + padded[:-size, :-size]
    )
    return out


def remove_specks(ink: np.ndarray, dpi: float) -> None:
    """Clear (in place) every blob of ink that fits in a small box with an empty ring around it."""
    core = max(3, round(5 * dpi / 200))
    ring = 2
    outer = core + 2 * ring
    inner = _box_sums(ink, core)
    around = _box_sums(ink, outer)
    # the core box at (y + ring, x + ring) holds ink and the outer box at (y, x) holds nothing more
    h, w = ink.shape
    isolated = np.zeros(ink.shape, bool)
    isolated[: h - ring, : w - ring] = (inner[ring:, ring:] > 0) & (around[: h - ring, : w - ring] == inner[ring:, ring:])
    if not isolated.any():
        return
    ys, xs = np.nonzero(isolated)
    for dy in range(core):
        for dx in range(core):
            ink[np.minimum(ys + ring + dy, h - 1), np.minimum(xs + ring + dx, w - 1)] = False
