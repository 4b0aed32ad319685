"""The decision grid, and which way round both sides draw it."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_rgb
from parity_images import ggplot_pixels, matplotlib_pixels

import xorbridge as xb
from xorbridge.plot import PALETTES, figure_layout

pytestmark = pytest.mark.rpy2


def test_decision_grid_equals_python_after_reshaping(r, tutorial_model):
    model, path = tutorial_model
    frame = r.run("decision_grid(load_model(path), xlim = c(-0.5, 1.5), ylim = c(-0.3, 1.2), "
                  "step = 0.05)", path=path)
    grid = xb.decision_grid(model, xlim=(-0.5, 1.5), ylim=(-0.3, 1.2), step=0.05)
    shape = (len(grid.x2), len(grid.x1))
    assert len(frame) == shape[0] * shape[1]
    # R's long form has x1 varying fastest: row by row of Python's (n2, n1) matrix
    np.testing.assert_array_equal(frame["prob"].to_numpy().reshape(shape), grid.prob)
    np.testing.assert_array_equal(frame["x1"].to_numpy().reshape(shape)[0], grid.x1)
    np.testing.assert_array_equal(frame["x2"].to_numpy().reshape(shape)[:, 0], grid.x2)


def colour_at(pixels: np.ndarray, box: list[float], fx: float, fy: float) -> np.ndarray:
    """The RGB (0-1) at fractions (fx, fy) of the panel ``box`` (figure fractions)."""
    height, width, _ = pixels.shape
    column = int((box[0] + fx * (box[2] - box[0])) * width)
    row = int((1 - (box[1] + fy * (box[3] - box[1]))) * height)
    return pixels[row, column] / 255


@pytest.mark.parametrize("style", ["darkgrid", "default"])
def test_both_figures_put_high_probability_on_the_right(r, asymmetric_model, tmp_path, style):
    # P(class 1) rises with x1 and ignores x2: a transposed figure would put
    # the class 1 colour at the top instead
    model, path = asymmetric_model
    fig = xb.plot_boundary(model, style=style)
    box = figure_layout(fig)["axes"][0]["box"]
    figures = {
        "matplotlib": matplotlib_pixels(fig),
        "ggplot2": ggplot_pixels(r, "autoplot(load_model(model), style = style)",
                                 tmp_path / "asymmetric.png", model=path, style=style),
    }
    class0, class1 = (np.array(to_rgb(colour)) for colour in PALETTES[style][:2])
    for name, pixels in figures.items():
        for fy in (0.2, 0.5, 0.8):
            left, right = colour_at(pixels, box, 0.05, fy), colour_at(pixels, box, 0.95, fy)
            assert np.abs(left - class0).max() < 0.03, name
            assert np.abs(right - class1).max() < 0.03, name
