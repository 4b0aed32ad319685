"""The two matplotlib looks of the figures, and what the R package's ggplot2 theme needs of them.

``"darkgrid"`` is what the tutorial's ``sns.set()`` gives (grey panel, white
grid, seaborn's "deep" colours), set here through rcParams so that seaborn is
not needed; ``"default"`` is plain matplotlib (tab10). A look is matplotlib's
defaults plus ``style_rc(style)``, whatever the user's own rcParams; the
ggplot2 theme reads its numbers from the same rcParams (``theme_values``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
import matplotlib.style
from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.rcsetup import cycler

from . import _validate
from .spec import gg_linewidth

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

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

EDGE_COLOUR = "#333333"  # the tutorial's edgecolor="#333"


def style_rc(style: str) -> dict[str, Any]:
    """The rcParams a look changes from matplotlib's defaults."""
    style = _validate.choice("style", style, STYLE_NAMES)
    rc: dict[str, Any] = {"axes.prop_cycle": cycler(color=PALETTES[style])}
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


class StyledFigure(Figure):
    """A matplotlib ``Figure`` that is always drawn in the look it was made with.

    matplotlib reads some rcParams only at draw time; drawing inside
    ``style_context(style)`` keeps a figure shown or saved outside that block
    the same as the one the R package reproduces.
    """

    def __init__(self, *args: Any, style: str = "darkgrid", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style = _validate.choice("style", style, STYLE_NAMES)

    def draw(self, renderer: Any) -> None:
        with style_context(self.style):
            super().draw(renderer)


def theme_values(style: str = "darkgrid") -> dict[str, Any]:
    """What a ggplot2 theme and scales need to draw like the look ``style``.

    Read from the look's rcParams (matplotlib's defaults plus ``style_rc``),
    as plain numbers, booleans and strings. Font sizes, lengths and paddings
    are in points (1/72 inch), line widths in points; the legend's paddings
    are in units of its font size, as matplotlib gives them. Colours are
    ``"#rrggbb"``, or ``"#rrggbbaa"`` where matplotlib draws them translucent
    (the legend frame); the palette's colours are the property cycle's own
    strings.
    """
    style = _validate.choice("style", style, STYLE_NAMES)
    with style_context(style):
        rc = mpl.rcParams

        def points(key: RcKeyType) -> float:  # "large", "medium", ... resolved against font.size
            return float(FontProperties(size=rc[key]).get_size_in_points())

        def colour(key: RcKeyType, inherit: RcKeyType, alpha: float | None = None) -> str:
            value = rc[inherit] if rc[key] in ("inherit", "auto") else rc[key]
            if alpha is None:
                return to_hex(value)
            return to_hex(to_rgba(value, alpha), keep_alpha=True)

        legend_alpha = float(rc["legend.framealpha"])
        return {
            # text
            "font_family": str(rc["font.sans-serif"][0]),
            "font_size": float(rc["font.size"]),
            "title_size": points("axes.titlesize"),
            "label_size": points("axes.labelsize"),
            "tick_label_size": points("xtick.labelsize"),
            "legend_size": points("legend.fontsize"),
            "ink": to_hex(rc["text.color"]),
            "title_colour": colour("axes.titlecolor", "text.color"),
            "label_colour": to_hex(rc["axes.labelcolor"]),
            # figure and panel
            "figure_fill": to_hex(rc["figure.facecolor"]),
            "panel_fill": to_hex(rc["axes.facecolor"]),
            "spine_colour": to_hex(rc["axes.edgecolor"]),
            "spine_width": float(rc["axes.linewidth"]),
            "grid": bool(rc["axes.grid"]),
            "grid_colour": to_hex(to_rgba(rc["grid.color"], rc["grid.alpha"])),
            "grid_width": float(rc["grid.linewidth"]),
            # ticks and paddings
            "ticks": bool(rc["xtick.bottom"] and rc["ytick.left"]),
            "tick_colour": to_hex(rc["xtick.color"]),
            "tick_label_colour": colour("xtick.labelcolor", "xtick.color"),
            "tick_length": float(rc["xtick.major.size"]),
            "tick_width": float(rc["xtick.major.width"]),
            "tick_pad": float(rc["xtick.major.pad"]),
            "title_pad": float(rc["axes.titlepad"]),
            "label_pad": float(rc["axes.labelpad"]),
            # legend frame (face and edge take the frame's alpha) and paddings
            "legend_fill": colour("legend.facecolor", "axes.facecolor", legend_alpha),
            "legend_edge": colour("legend.edgecolor", "axes.edgecolor", legend_alpha),
            "legend_edge_width": float(rc["patch.linewidth"]),
            "legend_borderpad": float(rc["legend.borderpad"]),
            "legend_labelspacing": float(rc["legend.labelspacing"]),
            "legend_handlelength": float(rc["legend.handlelength"]),
            "legend_handletextpad": float(rc["legend.handletextpad"]),
            "legend_borderaxespad": float(rc["legend.borderaxespad"]),
            # colours and points of the data
            "palette": [str(c) for c in rc["axes.prop_cycle"].by_key()["color"]],
            "point_size": float(rc["lines.markersize"]),
            "point_edge_width": float(rc["patch.linewidth"]),
            "edge_colour": EDGE_COLOUR,
        }


def ggplot_theme(style: str = "darkgrid", base_size: Any = None) -> dict[str, Any]:
    """The ggplot2 theme that draws like the look ``style`` (R's ``theme_matplotlib()``).

    Every element R replaces in ``theme_grey()``, by its ggplot2 name, as a
    dict with ``element`` (``"text"``, ``"line"``, ``"rect"``, ``"blank"``,
    ``"length"`` or ``"margin"``) and its arguments: lengths, margins
    (``[top, right, bottom, left]``) in points, line widths in ggplot2's
    units (``spec.gg_linewidth``), text sizes
    in points for the root ``text`` and as ``rel`` (a fraction of
    ``base_size``) elsewhere, colours as strings, ``None`` for no colour.
    Sizes follow ``base_size`` (default: the look's font size) as
    matplotlib's follow its font size. matplotlib offsets tick labels by
    the tick length even where no tick is drawn, ggplot2 only by a drawn
    tick, so the labels' margin makes up the rest. Also ``base_size`` and
    the look's ``font_family``.
    """
    rc = theme_values(style)  # checks `style`
    size = rc["font_size"] if base_size is None else _validate.finite_number(
        "base_size", base_size, minimum=0.0, strict_minimum=True)
    half_line = size / 2

    def pt(x: float) -> float:  # matplotlib's lengths in proportion to the font size
        return float(x * size / rc["font_size"])

    def rel(key: str) -> float:
        return float(rc[key] / rc["font_size"])

    def em(x: float) -> float:  # the legend's paddings are in units of its font size
        return x * pt(rc["legend_size"])

    def text(**args: Any) -> dict[str, Any]:
        return {"element": "text", **args}

    def line(colour: str, width: float) -> dict[str, Any]:
        return {"element": "line", "colour": colour, "linewidth": gg_linewidth(pt(width))}

    def rect(fill: str | None, colour: str | None, width: float | None = None) -> dict[str, Any]:
        return {"element": "rect", "fill": fill, "colour": colour,
                **({} if width is None else {"linewidth": gg_linewidth(pt(width))})}

    def length(value: float) -> dict[str, Any]:
        return {"element": "length", "value": value}

    def margin(top: float, right: float, bottom: float, left: float) -> dict[str, Any]:
        return {"element": "margin", "margin": [top, right, bottom, left]}

    blank = {"element": "blank"}
    tick_length = pt(rc["tick_length"]) if rc["ticks"] else 0.0
    tick_pad = pt(rc["tick_pad"] + rc["tick_length"]) - tick_length
    label_pad, title_pad = pt(rc["label_pad"]), pt(rc["title_pad"])
    border, spacing = rc["legend_borderpad"], rc["legend_labelspacing"]
    outside = em(rc["legend_borderaxespad"])
    elements = {
        # root elements: the look's ink, spine width and figure colour
        "line": {**line(rc["ink"], rc["spine_width"]), "linetype": 1, "lineend": "butt"},
        "rect": {**rect(rc["figure_fill"], rc["ink"], rc["spine_width"]), "linetype": 1},
        "text": text(face="plain", colour=rc["ink"], size=size, lineheight=0.9, hjust=0.5,
                     vjust=0.5, angle=0, margin=[0, 0, 0, 0], debug=False),
        # axes: tick labels and axis labels at matplotlib's paddings, tick marks
        # outside the panel where the look draws them
        "axis.text": text(rel=rel("tick_label_size"), colour=rc["tick_label_colour"]),
        "axis.text.x": text(margin=[tick_pad, 0, 0, 0], vjust=1),
        "axis.text.x.top": text(margin=[0, 0, tick_pad, 0], vjust=0),
        "axis.text.y": text(margin=[0, tick_pad, 0, 0], hjust=1),
        "axis.text.y.right": text(margin=[0, 0, 0, tick_pad], hjust=0),
        "axis.ticks": line(rc["tick_colour"], rc["tick_width"]) if rc["ticks"] else blank,
        "axis.ticks.length": length(tick_length),
        "axis.title": text(rel=rel("label_size"), colour=rc["label_colour"]),
        "axis.title.x": text(margin=[label_pad, 0, 0, 0], vjust=1),
        "axis.title.x.top": text(margin=[0, 0, label_pad, 0], vjust=0),
        "axis.title.y": text(angle=90, margin=[0, label_pad, 0, 0], vjust=1),
        "axis.title.y.right": text(angle=-90, margin=[0, 0, 0, label_pad], vjust=0),
        # legend: matplotlib's translucent frame, no title; a row is one line of
        # text plus labelspacing, the frame borderpad around the rows
        "legend.background": rect(rc["legend_fill"], rc["legend_edge"],
                                  rc["legend_edge_width"]),
        "legend.spacing": length(em(spacing)),
        "legend.spacing.x": length(em(rc["legend_handletextpad"])),
        "legend.spacing.y": length(0.0),
        "legend.margin": margin(em(border - spacing / 2), em(border), em(border - spacing / 2),
                                em(border)),
        "legend.key": blank,
        "legend.key.size": length(em(1 + spacing)),
        "legend.key.width": length(em(rc["legend_handlelength"])),
        "legend.text": text(rel=rel("legend_size")),
        "legend.title": blank,
        "legend.box.margin": margin(outside, outside, outside, outside),
        # panel: the look's face colour inside its spines, the major grid only
        "panel.background": rect(rc["panel_fill"], None),
        "panel.border": rect(None, rc["spine_colour"], rc["spine_width"]),
        "panel.grid": line(rc["grid_colour"], rc["grid_width"]) if rc["grid"] else blank,
        "panel.grid.minor": blank,
        "panel.spacing": length(2 * half_line),
        # facet strips: bare titles over each panel, like subplot titles
        "strip.background": blank,
        "strip.text": text(colour=rc["title_colour"], rel=rel("title_size"),
                           margin=[0.4 * half_line, 0.4 * half_line, title_pad / 2,
                                   0.4 * half_line]),
        # plot: no border, a centred title whose baseline sits axes.titlepad above
        # the panel
        "plot.background": rect(rc["figure_fill"], None),
        "plot.title": text(colour=rc["title_colour"], rel=rel("title_size"), hjust=0.5, vjust=0,
                           margin=[0, 0, title_pad, 0]),
        "plot.margin": margin(half_line, 2 * half_line, half_line, half_line),
    }
    return {"base_size": size, "font_family": rc["font_family"], "elements": elements}
