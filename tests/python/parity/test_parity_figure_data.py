"""The ggplot2 figures hold the matplotlib figures' data: ggplot_build() against the artists."""

from __future__ import annotations

import re

import numpy as np
import pytest
from matplotlib.colors import to_hex, to_rgba_array

import xorbridge as xb
from xorbridge.plot import EDGE_COLOUR, figure_layout

pytestmark = pytest.mark.rpy2

# What R reports of a built plot: its layers' data and what the panel shows.
R_FIGURE = """
built <- ggplot2::ggplot_build(plot)
panel <- built$layout$panel_params[[1]]
axis <- function(scale) {
  breaks <- scale$get_breaks()
  list(ticks = breaks[!is.na(breaks)], labels = scale$get_labels()[!is.na(breaks)])
}
fill <- built$plot$scales$get_scales("fill")
list(layers = lapply(built$data, function(layer) layer[, intersect(names(layer),
                                                                   c("x", "y", "fill", "colour"))]),
     xlim = panel$x.range, ylim = panel$y.range, x = axis(panel$x), y = axis(panel$y),
     title = plot$labels$title, xlabel = deparse(plot$labels$x), ylabel = deparse(plot$labels$y),
     legend = fill$get_labels())
"""
STYLES = ["darkgrid", "default"]


def plotmath(mathtext: str) -> str:
    """The plotmath of a mathtext label such as ``$x_1$``: ``italic(x)[1]``."""
    base, subscript = re.fullmatch(r"\$(\w)_(\w)\$", mathtext).groups()
    return f"italic({base})[{subscript}]"


def check_axes(from_r: dict, fig) -> None:
    """Limits, ticks, tick labels, title, axis labels and legend entries agree."""
    layout = figure_layout(fig)["axes"][0]
    assert from_r["xlim"].tolist() == layout["xlim"]
    assert from_r["ylim"].tolist() == layout["ylim"]
    assert from_r["x"]["ticks"].tolist() == layout["xticks"]
    assert from_r["y"]["ticks"].tolist() == layout["yticks"]
    assert from_r["x"]["labels"].tolist() == layout["xticklabels"]
    assert from_r["y"]["labels"].tolist() == layout["yticklabels"]
    assert from_r["title"] == layout["title"]
    assert plotmath(layout["xlabel"]) in from_r["xlabel"]
    assert plotmath(layout["ylabel"]) in from_r["ylabel"]
    legend = fig.axes[0].get_legend()
    assert from_r["legend"].tolist() == [text.get_text() for text in legend.get_texts()]


def check_points(layer, ax) -> None:
    """R's point layer is matplotlib's two scatters, class 0 then class 1: same
    positions (exactly), fills and edge colour."""
    scatters = ax.collections
    offsets = np.concatenate([scatter.get_offsets() for scatter in scatters])
    fills = np.concatenate([[to_hex(scatter.get_facecolor()[0])] * len(scatter.get_offsets())
                            for scatter in scatters])
    np.testing.assert_array_equal(layer[["x", "y"]].to_numpy(), offsets)
    assert [fill.lower() for fill in layer["fill"]] == fills.tolist()
    assert {colour.lower() for colour in layer["colour"]} == {EDGE_COLOUR}
    assert {to_hex(scatter.get_edgecolor()[0]) for scatter in scatters} == {EDGE_COLOUR}


@pytest.mark.parametrize("style", STYLES)
def test_autoplot_dataset_holds_plot_samples_data(r, style):
    from_r = r.run("plot <- autoplot(xor_dataset(200, seed = 44), style = style)\n" + R_FIGURE,
                   style=style)
    fig = xb.plot_samples(xb.XORDataset(200, seed=44), style=style)
    check_points(from_r["layers"][0], fig.axes[0])
    check_axes(from_r, fig)


@pytest.mark.parametrize("style", STYLES)
def test_autoplot_model_holds_plot_boundary_data(r, tutorial_model, style):
    model, path = tutorial_model
    from_r = r.run("plot <- autoplot(load_model(path), xor_dataset(200, seed = 44), "
                   "style = style)\n" + R_FIGURE, path=path, style=style)
    fig = xb.plot_boundary(model, xb.XORDataset(200, seed=44), style=style)
    ax = fig.axes[0]
    raster, points = from_r["layers"]
    check_points(points, ax)
    check_axes(from_r, fig)
    # the raster: one cell per grid point, with the image's colour within 1/255
    (image,) = ax.images
    expected = image.get_array()  # (n2, n1, 4), rows follow x2
    grid = xb.decision_grid(model)
    columns = np.rint((raster["x"].to_numpy() - grid.x1[0]) / grid.step).astype(int)
    rows = np.rint((raster["y"].to_numpy() - grid.x2[0]) / grid.step).astype(int)
    assert len(raster) == expected.shape[0] * expected.shape[1]
    assert len(set(zip(rows, columns, strict=True))) == len(raster)
    np.testing.assert_allclose(raster["x"], grid.x1[columns], atol=1e-12)
    np.testing.assert_allclose(raster["y"], grid.x2[rows], atol=1e-12)
    np.testing.assert_allclose(to_rgba_array(raster["fill"].tolist()), expected[rows, columns],
                               atol=1 / 255)
    assert from_r["xlim"].tolist() == list(image.get_extent()[:2])
    assert from_r["ylim"].tolist() == list(image.get_extent()[2:])
