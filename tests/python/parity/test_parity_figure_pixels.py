"""The ggplot2 figures look like the matplotlib ones: SSIM of the two renderings.

Each figure is drawn at the same size (4 x 4 in) and dpi (100) by matplotlib
(``xorbridge.plot``) and by ggplot2 (the R ``autoplot()`` methods, saved by
``ggsave_matplotlib()``); their structural similarity on grayscale must
reach ``SSIM_FLOOR``. The pairs are saved side by side in ``out/parity/``,
with the scores in ``out/parity/ssim.json``.
"""

from __future__ import annotations

import json

import pytest
from parity_images import OUT, SSIM_FLOOR, ggplot_pixels, matplotlib_pixels, save_side_by_side, ssim

import xorbridge as xb

pytestmark = pytest.mark.rpy2

STYLES = ["darkgrid", "default"]


@pytest.fixture(scope="module")
def scores():
    """The scores of this module's tests, written to ``out/parity/ssim.json`` at its end."""
    found: dict[str, float] = {}
    yield found
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "ssim.json").write_text(json.dumps(found, indent=2, sort_keys=True) + "\n")


def compare(name: str, python_fig, r, plot: str, scores: dict, tmp_path, **inputs) -> None:
    left = matplotlib_pixels(python_fig)
    right = ggplot_pixels(r, plot, tmp_path / f"{name}.png", **inputs)
    assert left.shape == right.shape == (400, 400, 3)
    score = scores[name] = round(ssim(left, right), 4)
    save_side_by_side(left, right, OUT / f"{name}.png", f"SSIM {score:.3f}")
    assert score >= SSIM_FLOOR


@pytest.mark.parametrize("style", STYLES)
def test_dataset_figures_look_alike(r, scores, tmp_path, style):
    fig = xb.plot_samples(xb.XORDataset(200, seed=44), style=style)
    compare(f"dataset-{style}", fig, r, "autoplot(xor_dataset(200, seed = 44), style = style)",
            scores, tmp_path, style=style)


@pytest.mark.parametrize("style", STYLES)
def test_boundary_figures_look_alike(r, tutorial_model, scores, tmp_path, style):
    model, path = tutorial_model
    fig = xb.plot_boundary(model, xb.XORDataset(200, seed=44), style=style)
    compare(f"boundary-{style}", fig, r,
            "autoplot(load_model(path), xor_dataset(200, seed = 44), style = style)",
            scores, tmp_path, path=path, style=style)
