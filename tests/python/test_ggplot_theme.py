"""The ggplot2 theme of a look (``look.ggplot_theme``, R's ``theme_matplotlib()``)."""

from __future__ import annotations

import re

import pytest

from xorbridge import _bridge
from xorbridge.look import ggplot_theme, theme_values

KINDS = {"text", "line", "rect", "blank", "length", "margin"}


@pytest.mark.parametrize("style", ["darkgrid", "default"])
def test_every_element_is_a_kind_r_builds(style):
    theme = ggplot_theme(style)
    rc = theme_values(style)
    assert theme["base_size"] == rc["font_size"]
    assert theme["font_family"] == rc["font_family"]
    elements = theme["elements"]
    assert {element["element"] for element in elements.values()} <= KINDS
    for name, element in elements.items():
        if "margin" in element:
            assert len(element["margin"]) == 4, name
    # the look's own values, in points
    assert elements["panel.background"] == {"element": "rect", "fill": rc["panel_fill"],
                                            "colour": None}
    # line widths in ggplot2's units: 1 point is 96/72 pixels, 1 linewidth .pt = 72.27/25.4
    assert elements["panel.border"]["linewidth"] == pytest.approx(
        rc["spine_width"] * 96 / 72 * 25.4 / 72.27)
    assert elements["axis.title.x"]["margin"] == [rc["label_pad"], 0, 0, 0]
    assert elements["plot.title"]["rel"] == rc["title_size"] / rc["font_size"]
    # a tick label sits tick_pad + tick_length from the axis, drawn tick or not
    tick = elements["axis.ticks.length"]["value"]
    assert elements["axis.text.x"]["margin"][0] + tick == pytest.approx(
        rc["tick_pad"] + rc["tick_length"])
    assert (elements["axis.ticks"]["element"] == "blank") == (not rc["ticks"])
    assert (elements["panel.grid"]["element"] == "blank") == (not rc["grid"])


def test_sizes_follow_base_size_as_matplotlibs_follow_its_font_size():
    rc = theme_values("default")
    small, large = ggplot_theme("default"), ggplot_theme("default", base_size=2 * rc["font_size"])
    assert large["base_size"] == 2 * rc["font_size"]
    for name in ("panel.border", "axis.ticks"):
        assert large["elements"][name]["linewidth"] == 2 * small["elements"][name]["linewidth"]
    assert large["elements"]["legend.margin"]["margin"] == [
        2 * value for value in small["elements"]["legend.margin"]["margin"]]
    assert large["elements"]["axis.text"]["rel"] == small["elements"]["axis.text"]["rel"]


@pytest.mark.parametrize(("arguments", "error", "message"), [
    ({"style": "dark"}, ValueError, '`style` must be one of "darkgrid", "default", not "dark".'),
    ({"base_size": 0}, ValueError, "`base_size` must be > 0, not 0."),
    ({"base_size": "11"}, TypeError, '`base_size` must be a number, not "11".'),
])
def test_a_bad_theme_says_what_is_allowed(arguments, error, message):
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        _bridge.ggplot_theme(**arguments)
