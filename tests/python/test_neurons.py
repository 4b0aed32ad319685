"""plot_neurons: each hidden unit's activation, then the output, and its figure spec."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch
from matplotlib.colors import to_rgba
from torch import nn

import xorbridge as xb
from xorbridge.grid import blend_hex, hex_colours
from xorbridge.look import DEEP, TAB10
from xorbridge.plot import activation_colours, neutral_colour
from xorbridge.spec import figure_spec

DATA = xb.XORDataset(40, seed=3)


def _model(hidden=4, activation="tanh", epochs=5):
    xb.set_seed(hidden)
    model = xb.SimpleClassifier(num_hidden=hidden, activation=activation)
    xb.train_model(model, xb.XORDataset(300, seed=1), epochs=epochs, seed=0, device="cpu",
                   progress=False)
    return model


def _activations_by_hand(model, step):
    """act(linear1(x)) on the grid's points, with torch and nothing of xorbridge's."""
    axis = torch.arange(-0.5, 1.5 - 1e-9, step, dtype=torch.float64)
    axis = torch.round(axis * 1e12) / 1e12
    x2, x1 = torch.meshgrid(axis, axis, indexing="ij")  # rows follow x2
    points = torch.stack([x1.reshape(-1), x2.reshape(-1)], dim=1).float()
    with torch.no_grad():
        hidden = model.act_fn(points @ model.linear1.weight.T + model.linear1.bias)
    return hidden.T.reshape(-1, len(axis), len(axis)).numpy()  # (H, n2, n1)


@pytest.mark.parametrize("hidden", [1, 4, 8])
def test_the_spec_has_a_panel_per_unit_and_the_activations_computed_directly(hidden):
    model = _model(hidden)
    step = 0.1
    spec = figure_spec("neurons", model, step=step)
    titles = [panel["title"] for panel in spec["panels"]]
    assert titles == [f"hidden {unit}" for unit in range(1, hidden + 1)] + ["output"]
    assert [panel["column"] for panel in spec["panels"]] == list(range(1, hidden + 2))
    assert {panel["row"] for panel in spec["panels"]} == {1}
    raster = spec["raster"]
    n = 20  # [-0.5, 1.5) in steps of 0.1
    assert raster["panel"] == [p for p in range(1, hidden + 2) for _ in range(n * n)]
    expected = _activations_by_hand(model, step)
    for unit in range(hidden):
        fills = raster["fill"][unit * n * n:(unit + 1) * n * n]
        assert fills == hex_colours(activation_colours(expected[unit], 0.0, 1.0, DEEP[0],
                                                       DEEP[1], "#EAEAF2"))
    grid = xb.decision_grid(model, step=step)
    assert raster["fill"][hidden * n * n:] == blend_hex(grid.prob, DEEP[0], DEEP[1])
    np.testing.assert_allclose(raster["x"][: n * n], np.tile(grid.x1, n), atol=1e-12)
    np.testing.assert_allclose(raster["y"][: n * n], np.repeat(grid.x2, n), atol=1e-12)
    assert spec["points"]["x"] == []  # no data asked for


def test_the_activations_are_the_units_own():
    model = _model(3, epochs=20)
    fig = xb.plot_neurons(model, step=0.05, style="default")
    expected = _activations_by_hand(model, 0.05)
    for unit, ax in enumerate(fig.axes[:3]):
        (image,) = ax.images
        colours = activation_colours(expected[unit], 0.0, 1.0, TAB10[0], TAB10[1], "white")
        np.testing.assert_allclose(image.get_array(), colours, atol=1e-6)
        assert image.get_extent() == pytest.approx([-0.525, 1.475, -0.525, 1.475])
    # blue where a unit is at -1, orange at +1, the panel's colour at 0
    ends = activation_colours(np.array([-1.0, 0.0, 1.0]), 0.0, 1.0, DEEP[0], DEEP[1], "#EAEAF2")
    assert hex_colours(ends) == ["#4C72B0", "#EAEAF2", "#DD8452"]


def test_the_weights_are_written_under_each_unit():
    model = _model(2)
    fig = xb.plot_neurons(model, DATA)
    w, b = model.linear1.weight.detach(), model.linear1.bias.detach()
    texts = [ax.texts[0].get_text() for ax in fig.axes]
    for unit in range(2):
        assert texts[unit] == (f"w = ({w[unit, 0]:.2f}, {w[unit, 1]:.2f})\n"
                               f"b = {b[unit]:.2f}")
    out_w, out_b = model.linear2.weight.detach()[0], model.linear2.bias.detach()[0]
    assert texts[2] == f"w = {out_w[0]:.2f}, {out_w[1]:.2f}\nb = {out_b:.2f}"
    # the data on every panel, small, without a legend
    for ax in fig.axes:
        assert sum(len(c.get_offsets()) for c in ax.collections) == len(DATA)
        assert ax.get_legend() is None
    assert fig._suptitle.get_text() == "Hidden units: tanh(w \u00b7 x + b); output: P(class 1)"


def test_many_units_write_the_output_weights_four_a_line():
    model = _model(9, epochs=1)
    text = xb.plot_neurons(model, step=0.25).axes[-1].texts[0].get_text()
    assert text.count("\n") == 3  # 4 + 4 + 1 weights, then the bias


@pytest.mark.parametrize(("activation", "centre", "half_width"), [
    ("tanh", 0.0, 1.0), ("sigmoid", 0.5, 0.5), ("relu", 0.0, None), ("gelu", 0.0, None)])
def test_each_activation_has_its_colour_range(activation, centre, half_width):
    model = _model(2, activation=activation)
    expected = _activations_by_hand(model, 0.1)
    half_width = half_width or float(np.abs(expected).max())
    spec = figure_spec("neurons", model, step=0.1)
    fills = spec["raster"]["fill"][:400]
    assert fills == hex_colours(activation_colours(expected[0], centre, half_width, DEEP[0],
                                                   DEEP[1], neutral_colour("darkgrid")))


def test_a_changed_activation_module_is_the_one_drawn():
    model = _model(2)
    model.act_fn = nn.Hardtanh()
    model.activation = "hardtanh"
    fig = xb.plot_neurons(model, step=0.1)
    assert fig._suptitle.get_text().startswith("Hidden units: hardtanh(w \u00b7 x + b)")
    expected = _activations_by_hand(model, 0.1)
    largest = float(np.abs(expected).max())
    colours = activation_colours(expected[1], 0.0, largest, DEEP[0], DEEP[1], "#EAEAF2")
    np.testing.assert_allclose(fig.axes[1].images[0].get_array(), colours, atol=1e-6)


@pytest.mark.parametrize(("model", "error", "message"), [
    (nn.Sequential(nn.Linear(2, 1)), ValueError,
     "`model` must be a SimpleClassifier to show its hidden units, not a Sequential."),
    (xb.SimpleClassifier(num_hidden=17), ValueError,
     "`model` has 17 hidden units; plot_neurons() draws at most 16."),
    (xb.SimpleClassifier(num_outputs=2), ValueError, "`model` must take 2 inputs"),
    ("model", TypeError, "`model` must be a SimpleClassifier or another torch nn.Module"),
])
def test_other_models_are_refused(model, error, message):
    import matplotlib.pyplot as plt

    plt.close("all")
    with pytest.raises(error, match=re.escape(message)):
        xb.plot_neurons(model)
    assert plt.get_fignums() == []


def test_bad_step_style_and_data_are_refused_before_drawing():
    import matplotlib.pyplot as plt

    plt.close("all")
    model = xb.SimpleClassifier()
    with pytest.raises(ValueError, match="`step` must be > 0"):
        xb.plot_neurons(model, step=0)
    with pytest.raises(ValueError, match='`style` must be one of "darkgrid", "default"'):
        xb.plot_neurons(model, style="ggplot")
    with pytest.raises(ValueError, match="labels must be 0 or 1"):
        xb.plot_neurons(model, ([[0.0, 1.0]], [2]))
    assert plt.get_fignums() == []


def test_the_spec_gives_r_a_row_of_labelled_facets():
    spec = figure_spec("neurons", _model(2), DATA, step=0.25)
    assert [p["column_label"] for p in spec["panels"]] == ["hidden 1", "hidden 2", "output"]
    assert {p["row_label"] for p in spec["panels"]} == {"2 hidden"}
    assert spec["panels"][0]["fixed"]
    assert not any(p["grid"] for p in spec["panels"])
    assert (spec["xlabel"], spec["ylabel"]) == ("$x_1$", "$x_2$")
    texts = spec["texts"]
    assert texts["panel"] == [1, 2, 3]
    assert set(texts["hjust"]) == {0.0}
    assert set(texts["vjust"]) == {0.0}
    assert len(spec["points"]["x"]) == 3 * len(DATA)
    assert set(spec["points"]["label"]) == {""}  # no legend
    assert spec["figsize"] == pytest.approx([6.6, 3.1])
    assert to_rgba(texts["fill"][0]) == to_rgba("white")
