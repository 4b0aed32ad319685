"""A hidden-size sweep gives the same table, and the same models, from R and from Python."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex, to_rgb

import xorbridge as xb

pytestmark = pytest.mark.rpy2

R_SWEEP = """
sweep <- sweep_hidden(sizes = c(1, 2), seeds = 0:1, epochs = 5, device = "cpu")
list(table = as.data.frame(unclass(sweep)),
     prob = predict(sweep_model(sweep, num_hidden = 2, seed = 1), xor_dataset(50, seed = 9)))
"""


def test_sweep_hidden_and_sweep_model_agree_with_sweep(r):
    from_r = r.run(R_SWEEP)
    sweep = xb.sweep_hidden(sizes=(1, 2), seeds=range(2), epochs=5, device="cpu")
    assert isinstance(sweep, xb.Sweep)
    for column in sweep.table.columns:
        np.testing.assert_array_equal(from_r["table"][column], sweep.table[column])
    np.testing.assert_array_equal(
        from_r["prob"], xb.predict_proba(sweep.model(2, 1), xb.XORDataset(50, seed=9)))


def test_autoplot_sweep_holds_plot_sweep_data(r):
    from_r = r.run("""
sweep <- sweep_hidden(sizes = c(1, 4), seeds = 0:2, epochs = 5, device = "cpu")
built <- ggplot2::ggplot_build(autoplot(sweep, style = "default"))
boundaries <- ggplot2::ggplot_build(autoplot(sweep, type = "boundaries", seeds = c(0, 2),
                                             style = "default", step = 0.25))
list(points = built$data[[2]][, c("y", "fill")], medians = built$data[[1]]$y,
     title = built$plot$labels$title, panels = nrow(boundaries$layout$layout),
     raster = boundaries$data[[1]]$fill)
""")
    sweep = xb.sweep_hidden(sizes=(1, 4), seeds=range(3), epochs=5, device="cpu")
    fig = xb.plot_sweep(sweep, style="default")
    (ax,) = fig.axes
    assert from_r["title"] == ax.get_title()
    python_points = np.concatenate([c.get_offsets()[:, 1] for c in ax.collections])
    np.testing.assert_array_equal(np.sort(from_r["points"]["y"]), np.sort(python_points))
    assert {f.lower() for f in from_r["points"]["fill"]} == {
        to_hex(c.get_facecolor()[0]) for c in ax.collections}
    # each median bar is a line with two ends
    np.testing.assert_array_equal(np.sort(from_r["medians"]),
                                  np.sort([y for line in ax.lines for y in line.get_ydata()]))
    boundaries = xb.plot_sweep(sweep, type="boundaries", seeds=[0, 2], style="default", step=0.25)
    assert from_r["panels"] == len(boundaries.axes) == 4
    # panels row by row (hidden size, then seed); in each, x1 fastest, then x2 upwards
    images = [ax.images[0].get_array() for ax in boundaries.axes]  # (8, 8, 4) each
    python_fill = np.concatenate([image.reshape(-1, 4)[:, :3] for image in images])
    r_fill = np.array([to_rgb(colour) for colour in from_r["raster"]])
    np.testing.assert_allclose(r_fill, python_fill, atol=1 / 255)
