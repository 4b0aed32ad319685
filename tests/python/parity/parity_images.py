"""Rendering the two sides' figures to pixels, comparing them, and showing them side by side."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib import font_manager
from PIL import Image, ImageDraw, ImageFont
from skimage.color import rgb2gray
from skimage.metrics import structural_similarity

OUT = Path(__file__).resolve().parents[3] / "out" / "parity"
SSIM_FLOOR = 0.95


def matplotlib_pixels(fig) -> np.ndarray:
    """The figure drawn at its own size and dpi: ``(height, width, 3)`` uint8 RGB."""
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[..., :3].copy()


def ggplot_pixels(r, plot: str, png: Path, **inputs) -> np.ndarray:
    """The ggplot that the R expression ``plot`` makes (with ``inputs`` as variables),
    saved to ``png`` by ``ggsave_matplotlib()`` at its matplotlib figure's size and
    dpi: ``(height, width, 3)`` uint8 RGB."""
    r.run(f"ggsave_matplotlib(png_file, {plot}); NULL", png_file=str(png), **inputs)
    with Image.open(png) as image:
        return np.asarray(image.convert("RGB"))


def ssim(left: np.ndarray, right: np.ndarray) -> float:
    """Structural similarity of two RGB images of one size, on grayscale in [0, 1]."""
    return float(structural_similarity(rgb2gray(left), rgb2gray(right), data_range=1.0))


def save_side_by_side(left: np.ndarray, right: np.ndarray, path: Path, note: str) -> None:
    """matplotlib's image on the left, ggplot2's on the right, labelled underneath."""
    gap, strip = 12, 28
    height, width, _ = left.shape
    canvas = Image.new("RGB", (2 * width + gap, height + strip), "white")
    canvas.paste(Image.fromarray(left), (0, 0))
    canvas.paste(Image.fromarray(right), (width + gap, 0))
    draw = ImageDraw.Draw(canvas)
    draw.line([(width + gap // 2, 0), (width + gap // 2, height)], fill="#BBBBBB", width=1)
    font = ImageFont.truetype(font_manager.findfont("DejaVu Sans"), 13)
    labels = ("matplotlib (Python)", f"ggplot2 (R), {note}")
    for x, label in zip((0, width + gap), labels, strict=True):
        draw.text((x + width // 2, height + strip // 2), label, fill="#262626", font=font,
                  anchor="mm")
    path.parent.mkdir(parents=True, exist_ok=True)
    canvas.save(path)
