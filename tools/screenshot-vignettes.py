#!/usr/bin/env python3
"""Full-page screenshots of the rendered vignettes, as a reader's browser shows them.

    python tools/screenshot-vignettes.py [DIR] [--width 1000] [--part NAME#SECTION:HEIGHT:FILE]

Opens each DIR/*.html (default out/vignettes) in headless Chromium, takes a
screenshot of a tall window, trims the empty space below the page and writes
DIR/screenshots/NAME.png. With --part, also saves the first HEIGHT pixels of
the section of vignette NAME whose id is SECTION (e.g. "training" for the
heading "4. Training"), shown alone, to FILE as a palette PNG (for the
README's picture). Without Chromium
(tools/setup-chromium.sh installs it) it says so and exits 0.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageChops

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]
MAX_HEIGHT = 16_000


def capture(browser: str, url: str, png: Path, width: int, height: int) -> Image.Image:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
             f"--screenshot={png}", url],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120,
        )
    return Image.open(png).convert("RGB")


def screenshot(browser: str, html: Path, png: Path, width: int) -> tuple[int, int]:
    image = capture(browser, html.resolve().as_uri(), png, width, MAX_HEIGHT)
    # Trim the blank window below the end of the page.
    background = Image.new("RGB", image.size, image.getpixel((image.width - 1, image.height - 1)))
    box = ImageChops.difference(image, background).getbbox()
    bottom = min(image.height, (box[3] if box else image.height) + 30)
    image.crop((0, 0, image.width, bottom)).save(png, optimize=True)
    return image.width, bottom


def part(browser: str, html: Path, section: str, target: Path, width: int, height: int) -> None:
    """The top of the section ``#section`` of a page, alone, as a small palette PNG."""
    hide_others = f"<style>body > *:not(#{section}) {{ display: none !important; }}</style>"
    page = html.read_text(encoding="utf-8").replace("</head>", hide_others + "</head>", 1)
    with tempfile.NamedTemporaryFile("w", suffix=".html", dir=html.parent,
                                     encoding="utf-8") as copy:
        copy.write(page)
        copy.flush()
        image = capture(browser, Path(copy.name).resolve().as_uri(), target, width, height)
    image.convert("P", palette=Image.Palette.ADAPTIVE, colors=256).save(target, optimize=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("dir", nargs="?", default="out/vignettes")
    parser.add_argument("--width", type=int, default=1000)
    parser.add_argument("--part", action="append", default=[],
                        help="NAME#SECTION:HEIGHT:FILE, a part of one page to save")
    args = parser.parse_args()
    browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    if browser is None:
        print("No Chromium found, so no screenshots (sh tools/setup-chromium.sh installs it).",
              file=sys.stderr)
        return 0
    directory = Path(args.dir)
    pages = sorted(directory.glob("*.html"))
    if not pages:
        print(f"No HTML files in {directory}/", file=sys.stderr)
        return 1
    (directory / "screenshots").mkdir(exist_ok=True)
    for html in pages:
        png = directory / "screenshots" / f"{html.stem}.png"
        width, height = screenshot(browser, html, png, args.width)
        print(f"{png} ({width}x{height})")
    for spec in args.part:
        page, height, target = spec.rsplit(":", 2)
        name, section = page.split("#", 1)
        path = Path(target)
        part(browser, directory / f"{name}.html", section, path, args.width, int(height))
        print(f"{path} ({args.width}x{height}, {path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
