import numpy as np
import pytest
from matplotlib.colors import to_hex, to_rgba

import xorbridge as xb
from xorbridge.plot import DEEP, TAB10
from xorbridge.spec import figure_spec


def test_samples_figure_data():
    data = xb.XORDataset(60, seed=4)
    fig = xb.plot_samples(data)
    ax = fig.axes[0]
    class0, class1 = ax.collections
    np.testing.assert_array_equal(class0.get_offsets(), data.data[data.label == 0].numpy())
    np.testing.assert_array_equal(class1.get_offsets(), data.data[data.label == 1].numpy())
    assert to_hex(class0.get_facecolor()[0]) == DEEP[0].lower()
    assert to_hex(class1.get_facecolor()[0]) == DEEP[1].lower()
    assert to_hex(class0.get_edgecolor()[0]) == "#333333"
    assert ax.get_title() == "Dataset samples"
    assert ax.get_xlabel() == "$x_1$"
    assert ax.get_ylabel() == "$x_2$"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Class 0", "Class 1"]
    assert tuple(fig.get_size_inches()) == (4.0, 4.0)


def test_the_two_looks():
    data = xb.XORDataset(20, seed=4)
    dark = xb.plot_samples(data, style="darkgrid").axes[0]
    plain = xb.plot_samples(data, style="default").axes[0]
    assert to_hex(dark.get_facecolor()) == "#eaeaf2"
    assert to_hex(plain.get_facecolor()) == "#ffffff"
    assert dark.xaxis.get_gridlines()[0].get_visible()
    assert not plain.xaxis.get_gridlines()[0].get_visible()
    assert to_hex(plain.collections[0].get_facecolor()[0]) == TAB10[0]


def test_user_rc_params_do_not_leak_in():
    import matplotlib as mpl

    with mpl.rc_context({"axes.facecolor": "red", "font.size": 30}):
        ax = xb.plot_samples(xb.XORDataset(10, seed=1), style="default").axes[0]
    assert to_hex(ax.get_facecolor()) == "#ffffff"


@pytest.mark.parametrize("style", ["darkgrid", "default"])
def test_figures_are_drawn_in_their_own_look_wherever_they_are_drawn(style):
    # the number of ticks that fit, the minus sign and the margins are read when
    # the figure is drawn: drawn under a user's rcParams, the figure stays the same
    import io

    import matplotlib as mpl

    from xorbridge.plot import StyledFigure, figure_layout, style_context

    data = xb.XORDataset(200, seed=44)
    with style_context(style):
        expected = figure_layout(xb.plot_samples(data, style=style))
    fig = xb.plot_samples(data, style=style)
    assert isinstance(fig, StyledFigure)
    assert fig.style == style
    user = {"xtick.labelsize": 4, "ytick.labelsize": 4, "axes.unicode_minus": False,
            "axes.xmargin": 0.3, "axes.autolimit_mode": "round_numbers"}
    with mpl.rc_context(user):
        drawn = figure_layout(fig)
        fig.savefig(io.BytesIO(), format="png")
        assert mpl.rcParams["xtick.labelsize"] == 4  # the user's settings are kept
    assert drawn == expected


def test_boundary_figure_has_points_over_the_image():
    xb.set_seed(0)
    model = xb.SimpleClassifier()
    data = xb.XORDataset(40, seed=2)
    ax = xb.plot_boundary(model, data, style="default").axes[0]
    (image,) = ax.images
    assert image.get_array().shape == (200, 200, 4)
    assert image.get_extent() == pytest.approx([-0.505, 1.495, -0.505, 1.495])
    assert all(c.get_zorder() > image.get_zorder() for c in ax.collections)
    grid = xb.decision_grid(model)
    blend = (1 - grid.prob[..., None]) * np.array(to_rgba(TAB10[0])) + \
        grid.prob[..., None] * np.array(to_rgba(TAB10[1]))
    np.testing.assert_allclose(image.get_array(), blend, atol=1e-6)


def test_history_figure(trained):
    _, history, _, _ = trained
    fig = xb.plot_history(history)
    loss_ax, acc_ax = fig.axes
    np.testing.assert_array_equal(loss_ax.lines[0].get_ydata(), history.loss)
    np.testing.assert_array_equal(acc_ax.lines[0].get_xdata(), history.epoch)


def test_history_figure_with_a_test_set_draws_both_accuracies():
    xb.set_seed(0)
    model = xb.SimpleClassifier()
    history = xb.train_model(model, xb.XORDataset(200, seed=1), epochs=5, progress=False,
                             device="cpu", test=xb.XORDataset(100, seed=2))
    fig = xb.plot_history(history)
    acc_ax = fig.axes[1]
    assert acc_ax.get_title() == "Accuracy"
    assert [line.get_label() for line in acc_ax.lines] == ["training", "test"]
    np.testing.assert_array_equal(acc_ax.lines[1].get_ydata(), history.test_accuracy)
    assert [text.get_text() for text in acc_ax.get_legend().get_texts()] == ["training", "test"]
    spec = figure_spec("history", history)
    labels = {(line, label) for line, label in zip(spec["lines"]["line"], spec["lines"]["label"],
                                                   strict=True)}
    assert labels == {(1, ""), (2, "training"), (3, "test")}
    legend = spec["panels"][1]["layout"]["legend_in_figure"]
    assert 0.5 < legend[0] < legend[2] <= 1.0  # in the right half of the figure
    assert spec["panels"][0]["layout"]["legend"] is None


def test_boundaries_side_by_side():
    xb.set_seed(0)
    models = {"one": xb.SimpleClassifier(num_hidden=1), "two": xb.SimpleClassifier(num_hidden=2)}
    fig = xb.plot_boundaries(models, xb.XORDataset(20, seed=1), step=0.05)
    assert [ax.get_title() for ax in fig.axes] == ["one", "two"]


def test_bad_style():
    with pytest.raises(ValueError, match='`style` must be one of "darkgrid", "default"'):
        xb.plot_samples(xb.XORDataset(10, seed=1), style="ggplot")


@pytest.mark.parametrize("plot", ["boundary", "boundaries"])
def test_refused_data_leaves_no_figure_behind(plot):
    import matplotlib.pyplot as plt

    plt.close("all")
    bad = ([[0.0, 1.0]], [2])  # label 2
    draw = {
        "boundary": lambda: xb.plot_boundary(xb.SimpleClassifier(), bad),
        "boundaries": lambda: xb.plot_boundaries({"a": xb.SimpleClassifier()}, bad),
    }[plot]
    with pytest.raises(ValueError, match="labels must be 0 or 1"):
        draw()
    assert plt.get_fignums() == []


@pytest.fixture(scope="module")
def small_sweep():
    return xb.sweep_hidden(sizes=(1, 2), seeds=(0, 1, 2), train=xb.XORDataset(100, seed=1),
                           test=xb.XORDataset(50, seed=2), epochs=2, device="cpu")


def test_sweep_accuracy_figure_spreads_the_seeds_evenly(small_sweep):
    ax = xb.plot_sweep(small_sweep, type="accuracy").axes[0]
    table = small_sweep.table
    for position, size in enumerate((1, 2)):
        scatter = ax.collections[position]
        offsets = np.asarray(scatter.get_offsets())
        np.testing.assert_allclose(offsets[:, 0], position + np.array([-0.12, 0.0, 0.12]))
        np.testing.assert_array_equal(
            offsets[:, 1], table.loc[table["num_hidden"] == size, "test_accuracy"])
        (bar_y,) = set(ax.lines[position].get_ydata())
        assert bar_y == np.median(offsets[:, 1])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1", "2"]


def test_sweep_boundaries_take_a_list_of_seeds(small_sweep):
    fig = xb.plot_sweep(small_sweep, type="boundaries", seeds=[2, 0])
    assert len(fig.axes) == 4
    with pytest.raises(TypeError, match="`seeds` must be a list of the sweep's seeds, not 2"):
        xb.plot_sweep(small_sweep, type="boundaries", seeds=2)
    with pytest.raises(ValueError, match="`seeds` must be at most 6 of the sweep's seeds"):
        xb.plot_sweep(small_sweep, type="boundaries", seeds=[5])
