"""Each figure as a spec for ggplot2: everything R draws, read from the matplotlib figure.

R's ``autoplot()`` methods draw what ``figure_spec()`` returns and compute
nothing. The figure is made once, by the public plot function (which checks
every argument and computes the decision grid once), laid out by matplotlib
without being rendered (its constrained layout, tick locator and "best"
legend place are matplotlib's rules, so they are asked of matplotlib, not
restated), read, and closed.

A spec holds plain lists, dicts, numbers and strings, which reticulate moves
cheaply:

- ``figsize`` (inches), ``dpi``, and the figure's ``title``, ``xlabel`` and
  ``ylabel`` (its ``suptitle``, ``supxlabel`` and ``supylabel``, or ``""``);
- ``panels``: one dict per axes, in ``fig.axes`` order: its ``row`` and
  ``column`` in the figure's grid (from 1), ``title``, ``xlabel``,
  ``ylabel`` and the side of the y label (``ylabel_side``), whether its
  aspect is fixed at 1 (``fixed``) and its grid lines are drawn (``grid``),
  its ``layout`` (see ``plot.figure_layout``: panel box, limits, ticks and
  tick labels, legend box), where matplotlib's Agg renderer draws its
  points, grid lines and spines at the figure's size and dpi (``drawn``,
  see ``snap.drawn_positions``), and the facet labels R gives it: its
  column's title (``column_label``) and its row's label (``row_label``: a y
  label on the right), or ``""``;
- the layers, as columns, each row naming its ``panel`` (from 1):
  ``raster`` (pixel centres ``x``, ``y`` and ``fill``, x fastest, then y
  upwards), ``points`` (``x``, ``y``, ``fill``, ``edge``, marker ``size``
  as an area in points squared, edge ``linewidth`` in points, legend
  ``label``, or ``""`` for none), ``lines`` (``line``, a number per line
  from 1, ``x``, ``y``, ``colour``, ``linewidth`` in points and legend
  ``label``, or ``""``) and
  ``texts`` (place in data coordinates, ``text``, ``hjust``, ``vjust``,
  font ``size`` in points, and the box's ``fill`` and ``alpha``). Colours
  are ``"#RRGGBB"``. Each layer also gives its panel's place in the grid
  (``row``, ``column``), and its sizes in ggplot2's units (``gg_size``,
  ``gg_stroke``, ``gg_linewidth``; the texts' ``box`` is ``"#RRGGBBAA"``);
- ``facets``: the facet labels R gives the grid's ``columns`` and ``rows``
  (one per column or row, ``[]`` for rows without labels);
- ``labels``: the ``title``, ``x`` and ``y`` labels of R's one plot (a
  panel's own, ``""`` included, or for several panels the figure's,
  ``None`` where it has none), and ``legend``: the centre of the legend's box, in axes fractions
  for one panel and figure fractions for several, or ``None``.

matplotlib draws these figures' images first, then their lines, points and
texts (its zorders); R draws the layers in that order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from . import _validate
from .grid import hex_colours
from .snap import drawn_positions

if TYPE_CHECKING:
    from matplotlib.figure import Figure

HJUST = {"left": 0.0, "center": 0.5, "right": 1.0}
VJUST = {"bottom": 0.0, "baseline": 0.0, "center": 0.5, "center_baseline": 0.5, "top": 1.0}

LAYERS = {
    "raster": ("panel", "row", "column", "x", "y", "fill"),
    "points": ("panel", "row", "column", "x", "y", "fill", "edge", "size", "linewidth",
               "label", "gg_size", "gg_stroke"),
    "lines": ("panel", "row", "column", "line", "x", "y", "colour", "linewidth", "label",
              "gg_linewidth"),
    "texts": ("panel", "row", "column", "x", "y", "text", "hjust", "vjust", "size", "fill",
              "alpha", "gg_size", "box"),
}

# ggplot2's units. Its sizes are millimetres, a font size or line width of 1
# being ggplot2::.pt points and a point's stroke of 1 ggplot2::.stroke / 2
# pixels; R's devices draw line widths in pixels of 1/96 inch, where
# matplotlib's are points of 1/72 inch.
GG_PT = 72.27 / 25.4
GG_STROKE = 96 / 25.4
PX_PER_PT = 96 / 72


def gg_linewidth(points: float) -> float:
    """A matplotlib line width (points) as ggplot2's ``linewidth``."""
    return points * PX_PER_PT / GG_PT


def gg_marker(size: np.ndarray, linewidth: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Matplotlib markers (``size`` an area in points squared, edge ``linewidth`` in
    points) as ggplot2's shape-21 ``size`` and ``stroke``: ggplot2's size is the
    diameter without the edge, matplotlib's the diameter at the edge's middle."""
    edge = linewidth * PX_PER_PT
    return (np.sqrt(size) * PX_PER_PT - edge) / GG_PT, edge * 2 / GG_STROKE


def figure_spec(kind: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Make the figure ``kind`` with its plot function's arguments; return its spec.

    ``kind`` is ``"samples"`` (``plot_samples``), ``"boundary"``
    (``plot_boundary``), ``"history"`` (``plot_history``), ``"sweep"``
    (``plot_sweep``), ``"neurons"`` (``plot_neurons``: a row of panels, one
    per hidden unit and the output, each with a raster and a text of its
    weights) or ``"snapshots"`` (``plot_snapshots``: a row of boundary
    panels titled by epoch, with the accuracy as a text when given data).
    """
    import matplotlib.pyplot as plt

    from . import plot, plot_training

    makers: dict[str, Callable[..., Figure]] = {
        "samples": plot.plot_samples, "boundary": plot.plot_boundary,
        "history": plot.plot_history, "sweep": plot.plot_sweep,
        "neurons": plot.plot_neurons, "snapshots": plot_training.plot_snapshots}
    kind = _validate.choice("kind", kind, tuple(makers))
    fig = makers[kind](*args, **kwargs)
    try:
        return read_figure(fig)
    finally:
        plt.close(fig)


def read_figure(fig: Any) -> dict[str, Any]:
    """The spec of a drawn-or-not matplotlib figure (see the module's docstring)."""
    from .plot import figure_layout

    layout = figure_layout(fig)  # lays the figure out first: ticks and legend are placed
    layers: dict[str, dict[str, list[Any]]] = {
        name: {column: [] for column in columns} for name, columns in LAYERS.items()}
    panels = []
    line_number = 0
    for number, (ax, placed) in enumerate(zip(fig.axes, layout["axes"], strict=True), start=1):
        where = ax.get_subplotspec()
        panels.append({
            "row": where.rowspan.start + 1, "column": where.colspan.start + 1,
            "title": ax.get_title(), "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(),
            "ylabel_side": ax.yaxis.get_label_position(),
            "fixed": ax.get_aspect() == 1.0, "layout": placed,
            "grid": any(line.get_visible() for line in ax.get_xgridlines() + ax.get_ygridlines()),
        })
        for image in ax.images:
            _add(layers["raster"], number, **_raster(image))
        for line in ax.lines:
            line_number += 1
            x, y = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
            label = str(line.get_label())
            _add(layers["lines"], number, line=[line_number] * len(x), x=x.tolist(),
                 y=y.tolist(), colour=hex_colours([_rgba(line.get_color())]) * len(x),
                 linewidth=[float(line.get_linewidth())] * len(x),
                 label=[label if not label.startswith("_") else ""] * len(x),
                 gg_linewidth=[gg_linewidth(float(line.get_linewidth()))] * len(x))
        first = len(layers["points"]["x"])
        for collection in ax.collections:
            _add(layers["points"], number, **_points(collection))
        panels[-1]["drawn"] = drawn_positions(
            placed, layout["figsize"], layout["dpi"],
            (layers["points"]["x"][first:], layers["points"]["y"][first:]),
            grid_width=float(ax.xaxis.majorTicks[0].gridline.get_linewidth()),
            spine_width=float(ax.spines["left"].get_linewidth()))
        for text in ax.texts:
            _add(layers["texts"], number, **_text(ax, text))
    facets = _facet_labels(panels)
    for layer in layers.values():
        layer["row"] = [panels[number - 1]["row"] for number in layer["panel"]]
        layer["column"] = [panels[number - 1]["column"] for number in layer["panel"]]
    spec = {
        "figsize": layout["figsize"], "dpi": layout["dpi"],
        "title": _super(fig, "_suptitle"), "xlabel": _super(fig, "_supxlabel"),
        "ylabel": _super(fig, "_supylabel"), "panels": panels, "facets": facets, **layers,
    }
    return {**spec, **_one_plot(spec)}


def _one_plot(spec: dict[str, Any]) -> dict[str, Any]:
    """The labels and legend place of R's one ggplot: a panel's own, or for several
    (facets) the figure's labels (x: the first panel's where the figure has none)
    and the legend of whichever panel has one."""
    panels = spec["panels"]
    if len(panels) == 1:
        panel = panels[0]
        labels = {"title": panel["title"], "x": panel["xlabel"], "y": panel["ylabel"]}
        box = panel["layout"]["legend"]
    else:
        labels = {"title": spec["title"] or None, "x": spec["xlabel"] or panels[0]["xlabel"],
                  "y": spec["ylabel"] or None}
        box = next((p["layout"]["legend_in_figure"] for p in panels
                    if p["layout"]["legend"] is not None), None)
    centre = None if box is None else [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2]
    return {"labels": labels, "legend": centre}


def _facet_labels(panels: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Give each panel its column's title (the first one, from the top) as
    ``column_label`` and its row's label (a y label on the right) as ``row_label``;
    return the labels of the grid's ``columns`` and ``rows`` (``[]`` where no row
    has one)."""
    columns: dict[int, str] = {}
    rows: dict[int, str] = {}
    for panel in sorted(panels, key=lambda p: (p["row"], p["column"])):
        if panel["title"]:
            columns.setdefault(panel["column"], panel["title"])
        if panel["ylabel"] and panel["ylabel_side"] == "right":
            rows.setdefault(panel["row"], panel["ylabel"])
    for panel in panels:
        panel["column_label"] = columns.get(panel["column"], "")
        panel["row_label"] = rows.get(panel["row"], "")
    shape = (max(p["row"] for p in panels), max(p["column"] for p in panels))
    return {"columns": [columns.get(c, "") for c in range(1, shape[1] + 1)],
            "rows": [rows.get(r, "") for r in range(1, shape[0] + 1)] if rows else []}


def _add(layer: dict[str, list[Any]], panel: int, **columns: list[Any]) -> None:
    rows = len(next(iter(columns.values())))
    layer["panel"] += [panel] * rows
    for name, values in columns.items():
        layer[name] += values


def _rgba(colour: Any) -> tuple[float, float, float, float]:
    from matplotlib.colors import to_rgba

    return to_rgba(colour)


def _super(fig: Any, name: str) -> str:
    text = getattr(fig, name, None)
    return "" if text is None else str(text.get_text())


def _raster(image: Any) -> dict[str, list[Any]]:
    pixels = np.asarray(image.get_array())  # (n2, n1, 4); origin="lower": row 0 at the bottom
    left, right, bottom, top = image.get_extent()
    n2, n1 = pixels.shape[:2]
    x1 = left + (np.arange(n1) + 0.5) * (right - left) / n1
    x2 = bottom + (np.arange(n2) + 0.5) * (top - bottom) / n2
    xx1, xx2 = np.meshgrid(x1, x2, indexing="xy")  # x1 fastest, then x2 upwards
    return {"x": xx1.ravel().tolist(), "y": xx2.ravel().tolist(), "fill": hex_colours(pixels)}


def _points(collection: Any) -> dict[str, list[Any]]:
    offsets = np.asarray(collection.get_offsets(), dtype=np.float64)
    n = len(offsets)

    def each(values: Iterable[Any]) -> list[Any]:  # matplotlib keeps one value for all, or one each
        items = list(values)
        return items * n if len(items) == 1 else items

    label = collection.get_label()
    sizes = each(float(v) for v in collection.get_sizes())
    widths = each(float(v) for v in collection.get_linewidths())
    gg_size, gg_stroke = gg_marker(np.asarray(sizes, float), np.asarray(widths, float))
    return {
        "x": offsets[:, 0].tolist(), "y": offsets[:, 1].tolist(),
        "fill": each(hex_colours(collection.get_facecolor())),
        "edge": each(hex_colours(collection.get_edgecolor())),
        "size": sizes, "linewidth": widths,
        "label": [label if label and not label.startswith("_") else ""] * n,
        "gg_size": gg_size.tolist(), "gg_stroke": gg_stroke.tolist(),
    }


def _text(ax: Any, text: Any) -> dict[str, list[Any]]:
    x, y = text.get_position()
    if text.get_transform() is ax.transAxes:  # given in axes fractions: in data coordinates
        (x_low, x_high), (y_low, y_high) = ax.get_xlim(), ax.get_ylim()
        x, y = x_low + x * (x_high - x_low), y_low + y * (y_high - y_low)
    box = text.get_bbox_patch()
    face = box.get_facecolor() if box is not None else (1.0, 1.0, 1.0, 0.0)
    return {"x": [float(x)], "y": [float(y)], "text": [text.get_text()],
            "hjust": [HJUST[text.get_horizontalalignment()]],
            "vjust": [VJUST[text.get_verticalalignment()]],
            "size": [float(text.get_fontsize())], "fill": hex_colours([face]),
            "alpha": [float(face[3])], "gg_size": [float(text.get_fontsize()) / GG_PT],
            "box": [f"{hex_colours([face])[0]}{int(face[3] * 255 + 0.5):02X}"]}
