"""matplotlib figures of the dataset, the decision boundary and the training history.

Two looks: ``"darkgrid"`` is what the tutorial's ``sns.set()`` gives (grey
panel, white grid, seaborn's "deep" colours), set here through rcParams so
that seaborn is not needed; ``"default"`` is plain matplotlib (tab10).
Every figure is drawn from matplotlib's defaults plus the style, so a user's
own rcParams do not change it, and the R package can reproduce it exactly.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import matplotlib as mpl
import matplotlib.style
import numpy as np

from . import _validate
from .data import as_tensors
from .grid import blend_colours, decision_grid

# seaborn's "deep" palette (what C0, C1, ... are after sns.set()) and matplotlib's tab10.
DEEP = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3",
        "#937860", "#DA8BC3", "#8C8C8C", "#CCB974", "#64B5CD"]
TAB10 = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
         "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
PALETTES = {"darkgrid": DEEP, "default": TAB10}
STYLE_NAMES = ("darkgrid", "default")

# The rcParams that seaborn.set() (style "darkgrid", context "notebook") changes.
DARKGRID_RC: dict[str, Any] = {
    "axes.axisbelow": True,
    "axes.edgecolor": "white",
    "axes.facecolor": "#EAEAF2",
    "axes.grid": True,
    "axes.labelcolor": ".15",
    "axes.labelsize": 12.0,
    "axes.linewidth": 1.25,
    "axes.titlesize": 12.0,
    "font.size": 12.0,
    "grid.color": "white",
    "grid.linewidth": 1.0,
    "legend.fontsize": 11.0,
    "legend.title_fontsize": 12.0,
    "lines.solid_capstyle": "round",
    "patch.edgecolor": "w",
    "patch.force_edgecolor": True,
    "text.color": ".15",
    "xtick.bottom": False,
    "xtick.color": ".15",
    "xtick.labelsize": 11.0,
    "xtick.major.size": 6.0,
    "xtick.major.width": 1.25,
    "xtick.minor.size": 4.0,
    "xtick.minor.width": 1.0,
    "ytick.color": ".15",
    "ytick.labelsize": 11.0,
    "ytick.left": False,
    "ytick.major.size": 6.0,
    "ytick.major.width": 1.25,
    "ytick.minor.size": 4.0,
    "ytick.minor.width": 1.0,
}

FIGSIZE = (4.0, 4.0)  # inches, the tutorial's
DPI = 100
EDGE_COLOUR = "#333333"  # the tutorial's edgecolor="#333"


def style_rc(style: str) -> dict[str, Any]:
    """The rcParams a look changes from matplotlib's defaults."""
    style = _validate.choice("style", style, STYLE_NAMES)
    rc: dict[str, Any] = {"axes.prop_cycle": mpl.cycler(color=PALETTES[style])}
    if style == "darkgrid":
        rc.update(DARKGRID_RC)
    return rc


@contextmanager
def style_context(style: str = "darkgrid") -> Iterator[None]:
    """Draw inside this block with the look ``style`` ("darkgrid" or "default").

    The look starts from matplotlib's defaults, whatever the user's rcParams.
    """
    with mpl.style.context(["default", style_rc(style)]):
        yield


def _new_axes(ax: Any, figsize: tuple[float, float], dpi: float):
    if ax is not None:
        return ax.figure, ax
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=figsize, dpi=dpi, layout="constrained")
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
):
    """Scatter plot of an ``XORDataset`` (or ``(points, labels)``), coloured by class.

    Returns the matplotlib ``Figure`` (drawn into ``ax`` when given).
    """
    points, labels = _points_and_labels(data)
    with style_context(style):
        fig, ax = _new_axes(ax, figsize, dpi)
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
):
    """The model's probability of class 1 as an image, with the points on top.

    Each pixel blends the two class colours by the probability, as in the
    tutorial; unlike the tutorial's figure, x1 is on the horizontal axis.
    Returns the matplotlib ``Figure``.
    """
    grid = decision_grid(model, xlim=xlim, ylim=ylim, step=step)
    palette = PALETTES[_validate.choice("style", style, STYLE_NAMES)]
    image = blend_colours(grid.prob, palette[0], palette[1])  # (n2, n1, 4)
    with style_context(style):
        fig, ax = _new_axes(ax, figsize, dpi)
        if data is not None:
            points, labels = _points_and_labels(data)
            _draw_samples(ax, points, labels, palette)
        ax.imshow(image, origin="lower", extent=grid.extent, interpolation="nearest")
        ax.grid(False)
        ax.set_xlabel(r"$x_1$")
        ax.set_ylabel(r"$x_2$")
        ax.set_title(title)
    return fig


def plot_history(history: Any, style: str = "darkgrid", dpi: float = DPI):
    """Training loss and accuracy per epoch, side by side. Returns the ``Figure``."""
    frame = history.to_frame() if hasattr(history, "to_frame") else history
    if len(frame) == 0:
        raise ValueError("`history` has no completed epochs to plot.")
    with style_context(style):
        import matplotlib.pyplot as plt

        fig, (left, right) = plt.subplots(1, 2, figsize=(8.0, 3.5), dpi=dpi, layout="constrained")
        left.plot(frame["epoch"], frame["loss"])
        left.set(title="Training loss", xlabel="Epoch", ylabel="Mean BCE loss")
        right.plot(frame["epoch"], frame["accuracy"], color=PALETTES[style][1])
        right.set(title="Training accuracy", xlabel="Epoch", ylabel="Accuracy")
    return fig


def plot_boundaries(
    models: Mapping[str, Any],
    data: Any = None,
    style: str = "darkgrid",
    dpi: float = DPI,
    **grid_args: Any,
):
    """One boundary panel per model, in a row, titled by the mapping's keys."""
    if not models:
        raise ValueError("`models` must hold at least one model.")
    with style_context(style):
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(1, len(models), figsize=(4.0 * len(models), 4.0), dpi=dpi,
                                 layout="constrained", squeeze=False)
        for ax, (name, model) in zip(axes[0], models.items(), strict=True):
            plot_boundary(model, data, style=style, title=name, ax=ax, **grid_args)
    return fig


def figure_layout(fig) -> dict[str, Any]:
    """Where matplotlib put things in ``fig``: what the R package needs to match it.

    Draws the figure, then returns its size (inches) and dpi and, for each
    axes: the panel's box in figure fractions (left, bottom, right, top), the
    view limits, the major ticks inside them with their label texts, the
    title and axis labels, and the legend's box in axes fractions (or None).
    """
    fig.canvas.draw()
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
            ticks = [(float(tick), label.get_text())
                     for tick, label in zip(axis.get_majorticklocs(), axis.get_majorticklabels(),
                                            strict=True)
                     if low - 1e-9 <= tick <= high + 1e-9]
            entry[f"{name}lim"] = [float(limits[0]), float(limits[1])]
            entry[f"{name}ticks"] = [tick for tick, _ in ticks]
            entry[f"{name}ticklabels"] = [label for _, label in ticks]
        legend = ax.get_legend()
        entry["legend"] = None
        if legend is not None:
            frame = legend.get_window_extent().transformed(ax.transAxes.inverted())
            entry["legend"] = [float(v) for v in (frame.x0, frame.y0, frame.x1, frame.y1)]
        axes.append(entry)
    return {"figsize": [float(v) for v in fig.get_size_inches()], "dpi": float(fig.dpi),
            "axes": axes}


def layout_of(kind: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Build one of the figures (``"samples"``, ``"boundary"`` or ``"history"``),
    return its ``figure_layout`` and close it."""
    import matplotlib.pyplot as plt

    makers = {"samples": plot_samples, "boundary": plot_boundary, "history": plot_history}
    kind = _validate.choice("kind", kind, tuple(makers))
    fig = makers[kind](*args, **kwargs)
    try:
        return figure_layout(fig)
    finally:
        plt.close(fig)
