"""The training-history figures plot the same curves, in the same colours, under the same titles."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

import xorbridge as xb

pytestmark = pytest.mark.rpy2


def test_autoplot_history_holds_plot_history_data(r):
    from_r = r.run("""
set_seed(1)
history <- train_model(simple_classifier(), xor_dataset(500, seed = 1), epochs = 12, seed = 2,
                       device = "cpu")
plot <- autoplot(history, style = "default")
built <- ggplot2::ggplot_build(plot)
list(lines = built$data[[1]][, c("x", "y", "colour", "PANEL")],
     titles = unname(unlist(built$plot$facet$params$labeller(built$layout$layout["column"]))),
     xlabel = plot$labels$x)
""")
    xb.set_seed(1)
    history = xb.train_model(xb.SimpleClassifier(), xb.XORDataset(500, seed=1), epochs=12,
                             seed=2, device="cpu", progress=False)
    fig = xb.plot_history(history, style="default")
    lines = from_r["lines"]
    assert from_r["titles"].tolist() == [ax.get_title() for ax in fig.axes]
    for panel, ax in enumerate(fig.axes, start=1):
        (line,) = ax.lines
        mine = lines[lines["PANEL"] == str(panel)]
        np.testing.assert_array_equal(mine["x"], line.get_xdata())
        np.testing.assert_array_equal(mine["y"], line.get_ydata())
        assert {colour.lower() for colour in mine["colour"]} == {to_hex(line.get_color())}
        assert from_r["xlabel"] == ax.get_xlabel()
