"""Draws the program's icon (resources/icon.png and resources/icon.ico). Run once; the results are committed."""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"


def draw(size: int = 512) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    s = size / 512
    d.rounded_rectangle((16 * s, 16 * s, 496 * s, 496 * s), radius=96 * s, fill=(183, 28, 28, 255))
    # a sheet of paper
    d.rounded_rectangle((112 * s, 72 * s, 400 * s, 440 * s), radius=24 * s, fill=(255, 255, 255, 255))
    font = ImageFont.truetype(FONT, int(120 * s), index=0)
    d.text((256 * s, 190 * s), "年报", font=font, fill=(183, 28, 28, 255), anchor="mm")
    # a check mark in a green disc
    d.ellipse((292 * s, 300 * s, 468 * s, 476 * s), fill=(46, 125, 50, 255), outline=(255, 255, 255, 255), width=int(12 * s))
    d.line(
        [(330 * s, 390 * s), (368 * s, 428 * s), (432 * s, 348 * s)],
        fill=(255, 255, 255, 255),
        width=int(26 * s),
        joint="curve",
    )
    for y in (300, 350, 400):
        d.rounded_rectangle((150 * s, y * s, (270 if y > 320 else 360) * s, (y + 18) * s), radius=9 * s, fill=(210, 210, 210, 255))
    return image


if __name__ == "__main__":
    big = draw(512)
    big.resize((256, 256), Image.Resampling.LANCZOS).save(ROOT / "resources" / "icon.png")
    big.save(ROOT / "resources" / "icon.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
