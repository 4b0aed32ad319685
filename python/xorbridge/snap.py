"""Where matplotlib's Agg renderer draws an axes' markers, grid lines and spines.

Agg snaps them to the pixel grid. A marker centred ``v`` pixels from the
figure's left (or top) edge is drawn at ``floor(v + 0.5) + 0.5``, a pixel's
centre; a horizontal or vertical line (a spine, a grid line) at
``floor(v + 0.5) + 0.5`` when it is an odd number of pixels wide and at
``floor(v + 0.5)``, a pixel's edge, when it is even. ggplot2 draws at ``v``,
so the figure spec gives R the positions Agg draws at (``drawn_positions``):
R places them, and the two figures have the same pixels. Only the drawing
moves, by less than a pixel; the data stay exact.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any


def snap(v: float, width: float | None = None) -> float:
    """Where Agg draws what is centred ``v`` pixels from the figure's left or top edge.

    ``width`` is the width in pixels of a horizontal or vertical line, or
    ``None`` for a marker (drawn at a pixel's centre, as an odd-width line).
    matplotlib rounds a width half up, as ``floor(width + 0.5)``.
    """
    odd = width is None or math.floor(width + 0.5) % 2 == 1
    return math.floor(v + 0.5) + (0.5 if odd else 0.0)


def drawn_positions(layout: dict[str, Any], figsize: Sequence[float], dpi: float,
                    points: tuple[Sequence[float], Sequence[float]], grid_width: float,
                    spine_width: float) -> dict[str, list[float]]:
    """Where Agg draws one axes' points, grid lines and spines, in fractions of its panel.

    ``layout`` is the axes' entry of ``plot.figure_layout`` (its ``box`` in
    figure fractions, its limits and ticks), ``figsize`` in inches, ``points``
    the markers' centres ``(x, y)`` in data coordinates, and the line widths
    in points (1/72 inch). Returns the markers' ``x`` and ``y``, the vertical
    grid lines' ``xgrid`` (one per x tick) and the horizontal ones' ``ygrid``
    (one per y tick), and the spines' rectangle ``border`` as ``[left,
    bottom, right, top]``: x from the panel's left edge, y from its bottom
    edge, as R's grid units "npc" of the panel.
    """
    width, height = figsize[0] * dpi, figsize[1] * dpi  # the figure, in pixels
    # the panel's edges in pixels from the figure's left and top edges
    left, right = layout["box"][0] * width, layout["box"][2] * width
    top, bottom = (1 - layout["box"][3]) * height, (1 - layout["box"][1]) * height
    (x_low, x_high), (y_low, y_high) = layout["xlim"], layout["ylim"]
    grid, spine = grid_width * dpi / 72, spine_width * dpi / 72

    def across(fractions: Sequence[float], line: float | None) -> list[float]:
        return [(snap(left + f * (right - left), line) - left) / (right - left) for f in fractions]

    def up(fractions: Sequence[float], line: float | None) -> list[float]:
        return [(bottom - snap(bottom - f * (bottom - top), line)) / (bottom - top)
                for f in fractions]

    def in_x(values: Sequence[float]) -> list[float]:
        return [(v - x_low) / (x_high - x_low) for v in values]

    def in_y(values: Sequence[float]) -> list[float]:
        return [(v - y_low) / (y_high - y_low) for v in values]

    (x_left, x_right), (y_bottom, y_top) = across([0.0, 1.0], spine), up([0.0, 1.0], spine)
    return {"x": across(in_x(points[0]), None), "y": up(in_y(points[1]), None),
            "xgrid": across(in_x(layout["xticks"]), grid),
            "ygrid": up(in_y(layout["yticks"]), grid),
            "border": [x_left, y_bottom, x_right, y_top]}
