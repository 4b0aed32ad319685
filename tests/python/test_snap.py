"""Where matplotlib's Agg renderer draws markers, grid lines and spines: the rule, checked
against what Agg paints, and the positions a figure spec gives R."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import xorbridge as xb
from xorbridge.snap import drawn_positions, snap
from xorbridge.spec import figure_spec


def painted(draw) -> np.ndarray:
    """The ink (0 to 255) of a 100 x 100 pixel figure whose data coordinates are its pixels
    (x from the left edge, y from the bottom) after ``draw(ax)``."""
    fig = Figure(figsize=(1, 1), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set(xlim=(0, 100), ylim=(0, 100))
    draw(ax)
    fig.canvas.draw()
    return 255 - np.asarray(fig.canvas.buffer_rgba())[..., :3].mean(axis=2)


@pytest.mark.parametrize("where", [30.3, 30.6])
@pytest.mark.parametrize("width", [1, 2, 3])
def test_lines_are_drawn_where_snap_says(where, width):
    ink = painted(lambda ax: ax.axvline(where, color="k", linewidth=width * 72 / 100))
    columns = np.flatnonzero(ink[50] > 0)  # pixel i covers [i, i + 1)
    assert len(columns) == width
    assert (ink[50, columns] == 255).all()  # whole pixels
    assert columns.mean() + 0.5 == snap(where, width)


@pytest.mark.parametrize("where", [30.3, 30.6, 41.5])
def test_markers_are_drawn_at_the_pixel_centre_snap_says(where):
    ink = painted(lambda ax: ax.scatter([where], [60.2], s=30, color="k", linewidths=0))
    across, down = ink.sum(axis=0), ink.sum(axis=1)
    centre_x = (across * np.arange(100)).sum() / across.sum() + 0.5
    centre_y = (down * np.arange(100)).sum() / down.sum() + 0.5  # from the top edge
    assert centre_x == pytest.approx(snap(where), abs=0.01)
    assert centre_y == pytest.approx(snap(100 - 60.2), abs=0.01)


@pytest.mark.parametrize(("width", "odd"), [(1.5, False), (2.4999, False), (2.5, True)])
def test_a_width_rounds_half_up_as_agg_rounds_it(width, odd):
    ink = painted(lambda ax: ax.axvline(30.3, color="k", linewidth=width * 72 / 100))[50]
    centre = (ink * np.arange(100)).sum() / ink.sum() + 0.5
    assert centre == pytest.approx(snap(30.3, width)) == pytest.approx(30.5 if odd else 30.0)
    assert snap(30.3, width) == (snap(30.3) if odd else 30.0)  # an odd width as a marker


def test_drawn_positions_are_in_fractions_of_the_panel():
    # a 2 x 2 inch figure at 100 dpi, its panel from 20 to 180 pixels both ways
    layout = {"box": [0.1, 0.1, 0.9, 0.9], "xlim": [0.0, 1.0], "ylim": [0.0, 2.0],
              "xticks": [0.25, 0.5], "yticks": [1.0]}
    one_pixel, two_pixels = 0.72, 1.44  # points at 100 dpi
    drawn = drawn_positions(layout, (2.0, 2.0), 100.0, ([80.3 / 160], [0.5]),
                            grid_width=one_pixel, spine_width=two_pixels)
    assert drawn["x"] == pytest.approx([(100.5 - 20) / 160])  # 100.3 pixels from the left
    assert drawn["y"] == pytest.approx([(180 - 140.5) / 160])  # 140 from the top: a centre
    assert drawn["xgrid"] == pytest.approx([(60.5 - 20) / 160, (100.5 - 20) / 160])
    assert drawn["ygrid"] == pytest.approx([(180 - 100.5) / 160])
    assert drawn["border"] == pytest.approx([0, 0, 1, 1])  # even: on the panel's edges
    odd = drawn_positions(layout, (2.0, 2.0), 100.0, ([], []), one_pixel, one_pixel)
    assert odd["x"] == odd["y"] == []
    assert odd["border"] == pytest.approx([0.5 / 160, -0.5 / 160, 160.5 / 160, 159.5 / 160])

@pytest.mark.parametrize("style", ["darkgrid", "default"])
def test_a_spec_says_where_each_panel_is_drawn(style):
    spec = figure_spec("samples", xb.XORDataset(60, seed=3), style=style)
    (panel,) = spec["panels"]
    drawn, layout = panel["drawn"], panel["layout"]
    assert len(drawn["x"]) == len(drawn["y"]) == len(spec["points"]["x"]) == 60
    assert len(drawn["xgrid"]) == len(layout["xticks"])
    assert len(drawn["ygrid"]) == len(layout["yticks"])
    # within a pixel of the exact place, 400 pixels making the figure's width
    (x_low, x_high), (left, _, right, _) = layout["xlim"], layout["box"]
    exact = (np.asarray(spec["points"]["x"]) - x_low) / (x_high - x_low)
    shift = (np.asarray(drawn["x"]) - exact) * (right - left) * 400
    assert ((shift > 0) & (shift <= 1 + 1e-9)).all()
