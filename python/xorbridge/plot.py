"""matplotlib figures of the dataset, the decision boundary and the training history.

Two looks (``look.py``): ``"darkgrid"``, the tutorial's ``sns.set()``, and
``"default"``, plain matplotlib. Every figure is built from matplotlib's
defaults plus the style, so a user's own rcParams do not change it. Some
settings are only read when a figure is drawn (the tick label size that
decides how many ticks fit, the minus sign, the autoscale margins), so the
figures these functions create are a ``StyledFigure``, which is always drawn
in its own look: shown in Jupyter, saved with ``savefig`` or read by the R
package, it is the same figure.
Axes passed in through ``ax`` belong to the caller's figure and are drawn
with the caller's rcParams.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd
import torch
from torch import nn

from . import _validate
from .budget import check_memory, figure_bytes
from .data import as_tensors
from .evaluate import _check_model
from .grid import DecisionGrid, blend_colours, decision_grid
from .look import (  # noqa: F401  (the looks' names, importable from here as before)
    DARKGRID_RC,
    DEEP,
    EDGE_COLOUR,
    PALETTES,
    STYLE_NAMES,
    TAB10,
    StyledFigure,
    style_context,
    style_rc,
)
from .model import SimpleClassifier

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

FIGSIZE = (4.0, 4.0)  # inches, the tutorial's
DPI = 100


def _check_pixels(kwargs: dict[str, Any]) -> None:
    figsize, dpi = kwargs.get("figsize", FIGSIZE), kwargs.get("dpi", DPI)
    dpi = _validate.finite_number("dpi", dpi, minimum=0.0, strict_minimum=True)
    check_memory(f"A figure of {figsize[0]:g} x {figsize[1]:g} inches at {dpi:g} dpi",
                 figure_bytes(figsize, dpi), "use a smaller `dpi`.")


def _figure(style: str, **kwargs: Any) -> StyledFigure:
    import matplotlib.pyplot as plt

    _check_pixels(kwargs)
    fig = plt.figure(FigureClass=StyledFigure, style=style, layout="constrained", **kwargs)
    return cast(StyledFigure, fig)


def _subplots(style: str, nrows: int, ncols: int, **kwargs: Any) -> tuple[StyledFigure, Any]:
    import matplotlib.pyplot as plt

    _check_pixels(kwargs)
    fig, axes = plt.subplots(nrows, ncols, FigureClass=StyledFigure, style=style,
                             layout="constrained", **kwargs)
    return cast(StyledFigure, fig), axes


def _new_axes(ax: Any, figsize: tuple[float, float], dpi: float,
              style: str) -> tuple[Figure, Axes]:
    if ax is not None:
        return ax.figure, ax
    fig = _figure(style, figsize=figsize, dpi=dpi)
    return fig, fig.add_subplot()


def _points_and_labels(data: Any) -> tuple[np.ndarray, np.ndarray]:
    points, labels = as_tensors(data)
    return points.detach().cpu().numpy(), labels.detach().cpu().numpy()


def _draw_samples(ax: Any, points: np.ndarray, labels: np.ndarray, palette: list[str]) -> None:
    """The tutorial's scatter: class 0 first, then class 1, dark edges, a legend."""
    for label in (0, 1):
        chosen = points[labels == label]  # (n, 2)
        ax.scatter(chosen[:, 0], chosen[:, 1], color=palette[label],
                   edgecolor=EDGE_COLOUR, label=f"Class {label}")
    ax.set_xlabel(r"$x_1$")
    ax.set_ylabel(r"$x_2$")
    ax.legend()


def plot_samples(
    data: Any,
    style: str = "darkgrid",
    title: str = "Dataset samples",
    ax: Any = None,
    figsize: tuple[float, float] = FIGSIZE,
    dpi: float = DPI,
) -> Figure:
    """Scatter plot of an ``XORDataset`` (or ``(points, labels)``), coloured by class.

    Returns the matplotlib ``Figure`` (drawn into ``ax`` when given).
    """
    points, labels = _points_and_labels(data)
    with style_context(style):
        fig, ax = _new_axes(ax, figsize, dpi, style)
        _draw_samples(ax, points, labels, PALETTES[style])
        ax.set_title(title)
    return fig


def plot_boundary(
    model: Any,
    data: Any = None,
    style: str = "darkgrid",
    title: str = "Decision boundary",
    xlim: tuple[float, float] = (-0.5, 1.5),
    ylim: tuple[float, float] = (-0.5, 1.5),
    step: float = 0.01,
    ax: Any = None,
    figsize: tuple[float, float] = FIGSIZE,
    dpi: float = DPI,
) -> Figure:
    """The model's probability of class 1 as an image, with the points on top.

    Each pixel blends the two class colours by the probability, as in the
    tutorial; unlike the tutorial's figure, x1 is on the horizontal axis.
    Returns the matplotlib ``Figure``.
    """
    grid = decision_grid(model, xlim=xlim, ylim=ylim, step=step)
    palette = PALETTES[_validate.choice("style", style, STYLE_NAMES)]
    image = blend_colours(grid.prob, palette[0], palette[1])  # (n2, n1, 4)
    samples = None if data is None else _points_and_labels(data)  # checked before drawing
    with style_context(style):
        fig, ax = _new_axes(ax, figsize, dpi, style)
        if samples is not None:
            _draw_samples(ax, *samples, palette)
        ax.imshow(image, origin="lower", extent=grid.extent, interpolation="nearest")
        ax.grid(False)
        ax.set_xlabel(r"$x_1$")
        ax.set_ylabel(r"$x_2$")
        ax.set_title(title)
    return fig


def plot_history(history: Any, style: str = "darkgrid", dpi: float = DPI) -> Figure:
    """Training loss and accuracy per epoch, side by side. Returns the ``Figure``.

    ``history`` is a ``History`` from ``train_model`` (or a DataFrame, or a
    dict of lists, with columns ``epoch``, ``loss`` and ``accuracy``, and
    optionally ``test_accuracy``). With a test accuracy (``train_model(test=)``)
    the right panel draws it too, as "test" next to "training", with a legend.
    """
    from .train import History

    columns = ("epoch", "loss", "accuracy", "test_accuracy")
    if isinstance(history, History):
        frame = history.to_frame()
    elif isinstance(history, (pd.DataFrame, Mapping)) and {"epoch", "loss", "accuracy"} <= set(
            history):
        frame = pd.DataFrame({name: history[name] for name in columns if name in history})
    else:
        raise TypeError("`history` must be a History from train_model() (or a DataFrame with "
                        f"columns epoch, loss and accuracy), not {type(history).__name__}.")
    if len(frame) == 0:
        raise ValueError("`history` has no completed epochs to plot.")
    with style_context(style):
        fig, (left, right) = _subplots(style, 1, 2, figsize=(8.0, 3.5), dpi=dpi)
        left.plot(frame["epoch"], frame["loss"])
        left.set(title="Training loss", xlabel="Epoch", ylabel="Mean BCE loss")
        palette = PALETTES[style]
        if "test_accuracy" in frame:
            right.plot(frame["epoch"], frame["accuracy"], color=palette[1], label="training")
            right.plot(frame["epoch"], frame["test_accuracy"], color=palette[2], label="test")
            right.legend(loc="lower right")
            right.set(title="Accuracy", xlabel="Epoch", ylabel="Accuracy")
        else:
            right.plot(frame["epoch"], frame["accuracy"], color=palette[1])
            right.set(title="Training accuracy", xlabel="Epoch", ylabel="Accuracy")
    return fig


def plot_boundaries(
    models: Mapping[str, Any],
    data: Any = None,
    style: str = "darkgrid",
    dpi: float = DPI,
    **grid_args: Any,
) -> Figure:
    """One boundary panel per model, in a row, titled by the mapping's keys."""
    if not isinstance(models, Mapping):
        raise TypeError("`models` must be a dict of titles to models, "
                        f"not {type(models).__name__}.")
    if not models:
        raise ValueError("`models` must hold at least one model.")
    if data is not None:
        _points_and_labels(data)  # checked before any figure is made
    with style_context(style):
        fig, axes = _subplots(style, 1, len(models), figsize=(4.0 * len(models), 4.0), dpi=dpi,
                              squeeze=False)
        for ax, (name, model) in zip(axes[0], models.items(), strict=True):
            plot_boundary(model, data, style=style, title=name, ax=ax, **grid_args)
    return fig


def plot_sweep(
    sweep: Any,
    type: str = "accuracy",  # noqa: A002 - R's autoplot() name, one name in both languages
    seeds: Any = None,
    style: str = "darkgrid",
    step: float = 0.02,
    dpi: float = DPI,
) -> Figure:
    """Figures of a ``sweep_hidden`` result. Returns the ``Figure``.

    ``type="accuracy"``: every model's test accuracy by hidden size, one point
    per seed (spread evenly sideways, in the table's order, so that the R
    figure places every point the same way) and the median as a bar.
    ``type="boundaries"``: the decision boundaries of a few seeds (``seeds``,
    default the first three, at most six) for every hidden size, one panel
    each, labelled with the model's test accuracy.
    """
    from .sweep import Sweep

    if not isinstance(sweep, Sweep):
        raise TypeError("`sweep` must be a Sweep from sweep_hidden(), "
                        f"not {sweep.__class__.__name__}.")  # `type` is the argument here
    kind = _validate.choice("type", type, ("accuracy", "boundaries"))
    palette = PALETTES[_validate.choice("style", style, STYLE_NAMES)]
    table = sweep.table
    if kind == "accuracy":
        return _sweep_accuracy(table, palette, style, dpi)
    available = list(dict.fromkeys(table["seed"]))
    if seeds is not None and (isinstance(seeds, (str, bytes)) or not isinstance(seeds, Iterable)):
        raise TypeError(
            f"`seeds` must be a list of the sweep's seeds, not {_validate.show(seeds)}.")
    chosen = available[:3] if seeds is None else [
        _validate.seed("seeds", seed, allow_none=False) for seed in seeds]
    if not chosen or len(chosen) > 6 or not set(chosen) <= set(available):
        raise ValueError(f"`seeds` must be at most 6 of the sweep's seeds ({available}), "
                         f"not {_validate.show(seeds)}.")
    return _sweep_boundaries(sweep, chosen, palette, style, step, dpi)


def sweep_accuracy_data(table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What the sweep accuracy figure shows, for both languages' figures.

    ``points``: one row per model (``num_hidden``, ``seed``, ``test_accuracy``)
    with its horizontal ``position``: the index of its hidden size plus an
    offset spread evenly over [-0.12, 0.12] in the table's order.
    ``medians``: one row per hidden size, in increasing order, with the median
    ``test_accuracy`` and the size's ``position``.
    """
    sizes = sorted(table["num_hidden"].unique())
    points = table[["num_hidden", "seed", "test_accuracy"]].reset_index(drop=True)
    hidden = points["num_hidden"].to_numpy()
    position = np.zeros(len(points))
    for index, size in enumerate(sizes):
        rows = np.flatnonzero(hidden == size)
        position[rows] = index + (np.linspace(-0.12, 0.12, len(rows)) if len(rows) > 1 else 0.0)
    points["position"] = position
    medians = pd.DataFrame({
        "num_hidden": sizes,
        "test_accuracy": [float(np.median(points.loc[hidden == size, "test_accuracy"]))
                          for size in sizes],
        "position": np.arange(len(sizes), dtype=np.float64),
    })
    return points, medians


def _sweep_accuracy(table: pd.DataFrame, palette: list[str], style: str,
                    dpi: float) -> StyledFigure:
    points, medians = sweep_accuracy_data(table)
    with style_context(style):
        fig = _figure(style, figsize=(5.0, 4.0), dpi=dpi)
        ax = fig.add_subplot()
        for size, median, position in medians.itertuples(index=False):
            chosen = points[points["num_hidden"] == size]
            ax.plot([position - 0.25, position + 0.25], [median] * 2,
                    color=palette[1], linewidth=2.5)
            ax.scatter(chosen["position"], chosen["test_accuracy"], color=palette[0],
                       edgecolor=EDGE_COLOUR, zorder=3)
        ax.set_xticks(medians["position"], [str(size) for size in medians["num_hidden"]])
        ax.set(xlabel="Hidden neurons", ylabel="Test accuracy",
               title=f"Test accuracy over {table['seed'].nunique()} seeds (bar: median)")
    return fig


def _sweep_boundaries(sweep: Any, seeds: list[int], palette: list[str], style: str,
                      step: float, dpi: float) -> StyledFigure:
    sizes = sorted(sweep.table["num_hidden"].unique())
    with style_context(style):
        fig, axes = _subplots(style, len(sizes), len(seeds), squeeze=False, sharex=True,
                              sharey=True, figsize=(2.4 * len(seeds), 2.4 * len(sizes)),
                              dpi=dpi)
        for row, size in enumerate(sizes):
            for column, seed in enumerate(seeds):
                ax = axes[row, column]
                grid = decision_grid(sweep.model(size, seed), step=step)
                ax.imshow(blend_colours(grid.prob, palette[0], palette[1]), origin="lower",
                          extent=grid.extent, interpolation="nearest")
                ax.grid(False)
                accuracy = sweep.table.loc[(sweep.table["num_hidden"] == size) &
                                           (sweep.table["seed"] == seed), "test_accuracy"]
                ax.text(0.04, 0.96, f"{100 * accuracy.iloc[0]:.1f}%", transform=ax.transAxes,
                        va="top", fontsize=8, bbox={"facecolor": "white", "alpha": 0.8,
                                                     "edgecolor": "none"})
                if row == 0:
                    ax.set_title(f"seed {seed}", fontsize=10)
                if column == len(seeds) - 1:
                    ax.yaxis.set_label_position("right")
                    ax.set_ylabel(f"{size} hidden", fontsize=10)
        fig.supxlabel(r"$x_1$")
        fig.supylabel(r"$x_2$")
        fig.suptitle("Decision boundaries (label: test accuracy)")
    return fig


MAX_NEURONS = 16  # hidden units plot_neurons draws, one panel each in a row


def plot_neurons(
    model: Any,
    data: Any = None,
    style: str = "darkgrid",
    step: float = 0.02,
    dpi: float = DPI,
) -> Figure:
    """What each hidden unit computes, then the output: one panel each, in a row.

    For a ``SimpleClassifier`` with 2 inputs, 1 output and at most 16 hidden
    units. Panel "hidden j" shows unit j's activation ``act(w_j . x + b_j)``
    (``act`` is the model's activation module, ``act_fn``) over the
    tutorial's plane [-0.5, 1.5) x [-0.5, 1.5) in steps of ``step``, with
    its weights ``w_j`` (from x1 and x2) and bias ``b_j`` in a box; the
    last panel, "output", shows the probability of class 1 blended as
    ``plot_boundary`` blends it, with the weights from each hidden unit and
    the output's bias. ``data``, when given, is drawn on every panel.

    Activations take diverging colours (``activation_colours``): the look's
    panel colour where the unit is at the middle of its range, its class-0
    colour (C0, blue) towards its low end and class-1 colour (C1, orange)
    towards its high end: [-1, 1] for tanh, [0, 1] for sigmoid, and for an unbounded
    activation (relu, gelu) [-m, m] with m the largest absolute activation
    shown, the same in every panel. Returns the matplotlib ``Figure``.
    """
    model = _check_neuron_model(model)
    grid = decision_grid(model, step=step)  # checks `step`
    palette = PALETTES[_validate.choice("style", style, STYLE_NAMES)]
    samples = None if data is None else _points_and_labels(data)  # checked before drawing
    activations = neuron_activations(model, grid)  # (H, n2, n1)
    centre, half_width = activation_range(model, activations)
    weights = model.linear1.weight.detach().cpu().double().numpy()  # (H, 2)
    biases = model.linear1.bias.detach().cpu().double().numpy()  # (H,)
    out_weights = model.linear2.weight.detach().cpu().double().numpy()[0]  # (H,)
    out_bias = float(model.linear2.bias.detach().cpu().double().numpy()[0])
    hidden = model.num_hidden
    panel = 2.2 if hidden <= 8 else 1.8  # inches a panel
    with style_context(style):
        fig, axes = _subplots(style, 1, hidden + 1, squeeze=False, sharex=True, sharey=True,
                              figsize=(panel * (hidden + 1), panel + 0.9), dpi=dpi)
        for unit, ax in enumerate(axes[0]):
            if unit < hidden:
                image = activation_colours(activations[unit], centre, half_width, palette[0],
                                           palette[1], neutral_colour(style))
                (w1, w2), b = weights[unit], biases[unit]
                title, label = f"hidden {unit + 1}", f"w = ({w1:.2f}, {w2:.2f})\nb = {b:.2f}"
            else:
                image = blend_colours(grid.prob, palette[0], palette[1])
                title, label = "output", _output_label(out_weights, out_bias)
            ax.imshow(image, origin="lower", extent=grid.extent, interpolation="nearest")
            ax.grid(False)
            if samples is not None:
                _draw_small_samples(ax, *samples, palette)
            ax.set_title(title, fontsize=10)
            if unit == hidden:  # the row's label, as plot_sweep's boundaries have
                ax.yaxis.set_label_position("right")
                ax.set_ylabel(f"{hidden} hidden", fontsize=10)
            ax.text(0.04, 0.04, label, transform=ax.transAxes, ha="left", va="bottom",
                    fontsize=7, bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"})
        fig.supxlabel(r"$x_1$")
        fig.supylabel(r"$x_2$")
        fig.suptitle(f"Hidden units: {model.activation}(w \u00b7 x + b); "
                     "output: P(class 1)")
    return fig


def _check_neuron_model(model: Any) -> SimpleClassifier:
    model = _check_model(model)
    if not isinstance(model, SimpleClassifier):
        raise ValueError(f"`model` must be a SimpleClassifier to show its hidden units, not a "
                         f"{type(model).__name__}.")
    if model.num_hidden > MAX_NEURONS:
        raise ValueError(f"`model` has {model.num_hidden} hidden units; plot_neurons() draws "
                         f"at most {MAX_NEURONS}.")
    return model


def neuron_activations(model: SimpleClassifier, grid: DecisionGrid) -> np.ndarray:
    """Every hidden unit's activation on ``grid``'s points: ``(H, n2, n1)`` float32.

    ``[j, i, k]`` is unit j's ``act_fn(linear1(x))`` at ``(x1[k], x2[i])``:
    the grid's orientation (see ``xorbridge.grid``).
    """
    xx1, xx2 = np.meshgrid(grid.x1, grid.x2, indexing="xy")  # (n2, n1) each
    device = model.linear1.weight.device
    inputs = torch.as_tensor(np.stack([xx1.ravel(), xx2.ravel()], axis=1), dtype=torch.float32,
                             device=device)  # (n2 * n1, 2), x1 fastest
    with torch.no_grad():
        hidden = model.act_fn(model.linear1(inputs))  # (n2 * n1, H)
    values: np.ndarray = hidden.t().reshape(-1, len(grid.x2), len(grid.x1)).cpu().numpy()
    return values


def activation_range(model: SimpleClassifier, activations: np.ndarray) -> tuple[float, float]:
    """The ``(centre, half_width)`` of ``plot_neurons``' colour scale for ``model``'s
    activation: tanh's [-1, 1], sigmoid's [0, 1], else [-m, m] for the largest
    absolute value ``m`` of ``activations`` (1 where all are 0)."""
    if isinstance(model.act_fn, nn.Tanh):
        return 0.0, 1.0
    if isinstance(model.act_fn, nn.Sigmoid):
        return 0.5, 0.5
    largest = float(np.abs(activations).max()) if activations.size else 0.0
    return 0.0, largest if largest > 0 else 1.0


def activation_colours(values: Any, centre: float, half_width: float, low: Any, high: Any,
                       middle: Any = "white") -> np.ndarray:
    """RGBA image of ``values`` on a diverging scale: colour ``middle`` at ``centre``,
    blended linearly to colour ``low`` at ``centre - half_width`` and to ``high``
    at ``centre + half_width`` (clipped beyond). Shape: ``values``' plus 4."""
    from matplotlib.colors import to_rgba

    t = np.clip((np.asarray(values, dtype=np.float64) - centre) / half_width, -1.0, 1.0)
    t = t[..., None]
    c_low, c_high, c_middle = (np.asarray(to_rgba(colour), dtype=np.float64)
                               for colour in (low, high, middle))
    return np.where(t < 0, c_middle + (-t) * (c_low - c_middle),
                    c_middle + t * (c_high - c_middle))


def neutral_colour(style: str) -> str:
    """The middle of ``plot_neurons``' diverging scale: the look's panel colour (an
    inactive unit looks like empty panel)."""
    return str(style_rc(style).get("axes.facecolor", "white"))


def _output_label(weights: np.ndarray, bias: float, per_line: int = 4) -> str:
    """The output unit's weights from each hidden unit, ``per_line`` a line, and its bias."""
    values = [f"{w:.2f}" for w in weights]
    lines = [", ".join(values[start:start + per_line])
             for start in range(0, len(values), per_line)]
    return "w = " + ",\n     ".join(lines) + f"\nb = {bias:.2f}"


def _draw_small_samples(ax: Any, points: np.ndarray, labels: np.ndarray,
                        palette: list[str]) -> None:
    """The tutorial's scatter, small and without a legend, for small panels."""
    for label in (0, 1):
        chosen = points[labels == label]  # (n, 2)
        ax.scatter(chosen[:, 0], chosen[:, 1], s=8.0, linewidths=0.5, color=palette[label],
                   edgecolor=EDGE_COLOUR)


def figure_layout(fig: Figure) -> dict[str, Any]:
    """Where matplotlib put things in ``fig``: what the R package needs to match it.

    Draws the figure, then returns its size (inches) and dpi and, for each
    axes: the panel's box in figure fractions (left, bottom, right, top), the
    view limits, the major ticks inside them with their label texts, the
    title and axis labels, and the legend's box in axes fractions (``legend``)
    and in figure fractions (``legend_in_figure``), or None.
    A ``StyledFigure`` is drawn and read in its own look.
    """
    if isinstance(fig, StyledFigure):
        with style_context(fig.style):
            return _figure_layout(fig)
    return _figure_layout(fig)


def _figure_layout(fig: Figure) -> dict[str, Any]:
    fig.draw_without_rendering()  # lays out and places ticks and legend; paints nothing
    return read_layout(fig)


def read_layout(fig: Figure) -> dict[str, Any]:
    """``figure_layout`` of a figure drawn already, as it was drawn."""
    axes = []
    for ax in fig.axes:
        box = ax.get_position()
        entry: dict[str, Any] = {
            "box": [float(v) for v in (box.x0, box.y0, box.x1, box.y1)],
            "title": ax.get_title(),
            "xlabel": ax.get_xlabel(),
            "ylabel": ax.get_ylabel(),
        }
        for name, axis, limits in (("x", ax.xaxis, ax.get_xlim()), ("y", ax.yaxis, ax.get_ylim())):
            low, high = sorted(limits)
            locations = axis.get_majorticklocs()
            # an inner axes of shared ones keeps its ticks but hides their labels
            ticks = [(float(where), tick.label1.get_text() if tick.label1.get_visible() else "")
                     for where, tick in zip(locations, axis.get_major_ticks(len(locations)),
                                            strict=True)
                     if low - 1e-9 <= where <= high + 1e-9]
            entry[f"{name}lim"] = [float(limits[0]), float(limits[1])]
            entry[f"{name}ticks"] = [tick for tick, _ in ticks]
            entry[f"{name}ticklabels"] = [label for _, label in ticks]
        legend = ax.get_legend()
        entry["legend"] = entry["legend_in_figure"] = None
        if legend is not None:
            extent = legend.get_window_extent()
            for key, transform in (("legend", ax.transAxes), ("legend_in_figure",
                                                               fig.transFigure)):
                frame = extent.transformed(transform.inverted())
                entry[key] = [float(v) for v in (frame.x0, frame.y0, frame.x1, frame.y1)]
        axes.append(entry)
    return {"figsize": [float(v) for v in fig.get_size_inches()], "dpi": float(fig.dpi),
            "axes": axes}
