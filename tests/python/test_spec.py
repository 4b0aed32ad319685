"""Figure specs hold what the matplotlib figure holds, computed once."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

import xorbridge as xb
from xorbridge.plot import read_layout
from xorbridge.spec import figure_spec

DATA = xb.XORDataset(60, seed=3)


@pytest.fixture(scope="module")
def model():
    xb.set_seed(7)
    model = xb.SimpleClassifier(num_hidden=4)
    xb.train_model(model, xb.XORDataset(300, seed=1), epochs=5, progress=False)
    return model


@pytest.mark.parametrize("style", ["darkgrid", "default"])
def test_the_samples_spec_is_the_scatter(style):
    spec = figure_spec("samples", DATA, style=style, title="Mine")
    points = spec["points"]
    frame = DATA.to_frame()
    order = np.argsort(frame["label"].to_numpy(), kind="stable")  # class 0 drawn first
    np.testing.assert_array_equal(points["x"], frame["x1"].to_numpy()[order])
    np.testing.assert_array_equal(points["y"], frame["x2"].to_numpy()[order])
    palette = xb.look.PALETTES[style]
    expected_fill = [palette[label].upper() for label in frame["label"].to_numpy()[order]]
    assert points["fill"] == expected_fill
    assert points["label"] == [f"Class {label}" for label in frame["label"].to_numpy()[order]]
    assert set(points["edge"]) == {"#333333"}
    assert set(points["size"]) == {36.0}
    assert set(points["linewidth"]) == {1.0}
    (panel,) = spec["panels"]
    assert (panel["title"], panel["xlabel"], panel["ylabel"]) == ("Mine", "$x_1$", "$x_2$")
    assert panel["layout"]["legend"] is not None
    assert spec["raster"]["panel"] == []
    assert spec["lines"]["panel"] == []
    assert spec["figsize"] == [4.0, 4.0]
    assert spec["dpi"] == 100.0


def test_the_boundary_spec_computes_the_grid_once(model, monkeypatch):
    from xorbridge import plot

    calls = []
    real = plot.decision_grid

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(plot, "decision_grid", counted)
    spec = figure_spec("boundary", model, DATA, step=0.05)
    assert len(calls) == 1
    grid = real(model, step=0.05)
    raster = spec["raster"]
    np.testing.assert_allclose(raster["x"], np.tile(grid.x1, len(grid.x2)), atol=1e-12)
    np.testing.assert_allclose(raster["y"], np.repeat(grid.x2, len(grid.x1)), atol=1e-12)
    assert raster["fill"] == xb.grid.blend_hex(grid.prob, "#4C72B0", "#DD8452")
    (panel,) = spec["panels"]
    assert panel["fixed"]  # imshow's equal aspect
    assert not panel["grid"]  # ax.grid(False)
    assert len(spec["points"]["x"]) == len(DATA)


def test_the_history_spec_is_two_panels_of_lines():
    history = xb.train_model(xb.SimpleClassifier(), DATA, epochs=4, progress=False)
    spec = figure_spec("history", history, style="default")
    assert [(p["row"], p["column"], p["title"]) for p in spec["panels"]] == [
        (1, 1, "Training loss"), (1, 2, "Training accuracy")]
    lines = spec["lines"]
    assert lines["panel"] == [1] * 4 + [2] * 4
    assert lines["y"] == history.loss + history.accuracy
    assert lines["x"] == [1.0, 2.0, 3.0, 4.0] * 2
    assert lines["colour"] == ["#1F77B4"] * 4 + ["#FF7F0E"] * 4
    # R sends a history's rows as columns
    columns = {"epoch": [2, 3], "loss": history.loss[1:3], "accuracy": history.accuracy[1:3]}
    assert figure_spec("history", columns)["lines"]["y"] == (history.loss[1:3] +
                                                             history.accuracy[1:3])
    with pytest.raises(ValueError, match="no completed epochs"):
        figure_spec("history", {"epoch": [], "loss": [], "accuracy": []})


def test_the_layout_without_painting_is_the_painted_layout(model):
    """draw_without_rendering() places ticks, labels and the legend as a real draw does."""
    quick = figure_spec("boundary", model, DATA)["panels"][0]["layout"]
    fig = xb.plot_boundary(model, DATA)
    fig.canvas.draw()  # what savefig() and Jupyter show
    painted = read_layout(fig)["axes"][0]
    plt.close(fig)
    assert quick == painted


def test_a_spec_refuses_an_unknown_figure():
    with pytest.raises(ValueError, match="`kind` must be one of"):
        figure_spec("histogram", DATA)


def test_r_autoplot_of_a_model_is_the_boundary_or_the_neurons_spec():
    from xorbridge import _bridge

    xb.set_seed(0)
    model = xb.SimpleClassifier(num_hidden=2)
    boundary = _bridge.model_spec(model, type="boundary", title="Mine", step=0.25)
    assert boundary == figure_spec("boundary", model, title="Mine", step=0.25)
    neurons = _bridge.model_spec(model, type="neurons", title="ignored", step=0.25)
    assert neurons == figure_spec("neurons", model, step=0.25)
    with pytest.raises(ValueError, match=r'^`type` must be one of "boundary", "neurons", '
                                         r'not "weights"\.$'):
        _bridge.model_spec(model, type="weights")


def test_r_gets_ggplot2_units_facets_labels_and_the_legend_place():
    # one panel: its own labels; a marker of 36 pt^2 with a 1 pt edge is 6 pt wide
    # at the edge's middle: 8 px, less the 4/3 px edge, in ggplot2's mm of .pt
    spec = figure_spec("samples", DATA, title="Mine")
    assert spec["labels"] == {"title": "Mine", "x": "$x_1$", "y": "$x_2$"}
    gg_pt = 72.27 / 25.4
    assert spec["points"]["gg_size"] == pytest.approx([(8 - 4 / 3) / gg_pt] * len(DATA))
    assert spec["points"]["gg_stroke"] == pytest.approx([4 / 3 * 2 / (96 / 25.4)] * len(DATA))
    legend = spec["panels"][0]["layout"]["legend"]
    assert spec["legend"] == pytest.approx([(legend[0] + legend[2]) / 2,
                                            (legend[1] + legend[3]) / 2])
    assert spec["facets"] == {"columns": ["Mine"], "rows": []}  # unused: one panel
    assert set(spec["points"]["row"]) == set(spec["points"]["column"]) == {1}
    # several panels: the figure's labels (x from the first panel), a column label each,
    # line widths in ggplot2's units, the legend in figure fractions
    history = xb.train_model(xb.SimpleClassifier(), DATA, epochs=3, progress=False,
                             test=xb.XORDataset(40, seed=4))
    spec = figure_spec("history", history)
    assert spec["labels"] == {"title": None, "x": spec["panels"][0]["xlabel"], "y": None}
    assert spec["facets"]["columns"] == [panel["title"] for panel in spec["panels"]]
    lines = spec["lines"]
    assert lines["column"] == lines["panel"]  # one row of panels
    for width, gg in zip(lines["linewidth"], lines["gg_linewidth"], strict=True):
        assert gg == pytest.approx(width * 96 / 72 / gg_pt)
    box = next(p["layout"]["legend_in_figure"] for p in spec["panels"] if p["layout"]["legend"])
    assert spec["legend"] == pytest.approx([(box[0] + box[2]) / 2, (box[1] + box[3]) / 2])


def test_a_sweeps_boundaries_have_row_and_column_facets():
    sweep = xb.sweep_hidden([1, 2], [0, 1], epochs=2, device="cpu")
    spec = figure_spec("sweep", sweep, type="boundaries", step=0.25)
    assert spec["facets"] == {"columns": ["seed 0", "seed 1"], "rows": ["1 hidden", "2 hidden"]}
    texts = spec["texts"]
    assert texts["row"] == [1, 1, 2, 2]
    assert texts["column"] == [1, 2, 1, 2]
    assert set(texts["box"]) == {"#FFFFFFCC"}  # white at alpha 0.8, as R's rgb() rounds it
    assert texts["gg_size"] == pytest.approx([8 / (72.27 / 25.4)] * 4)  # fontsize 8
