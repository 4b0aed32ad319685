"""The rules of what only R has: figure_matplotlib()'s box, palettes, history print-outs."""

from __future__ import annotations

import re

import pytest

from xorbridge import _bridge
from xorbridge.look import PALETTES


def test_figure_box_checks_box_size_and_dpi():
    assert _bridge.figure_box([0.1, 0.2, 0.9, 0.8], [5, 4], 72) == {
        "box": [0.1, 0.2, 0.9, 0.8], "size": [5.0, 4.0], "dpi": 72.0}


@pytest.mark.parametrize(
    ("box", "size", "dpi", "message"),
    [
        ([0.9, 0.1, 0.1, 0.9], [1, 1], 1, "`box` must be 4 numbers c(left, bottom, right, top) "
         "in [0, 1], with left < right and bottom < top, not c(0.9, 0.1, 0.1, 0.9)."),
        ([0, 0, 1], [1, 1], 1, "not c(0, 0, 1)."),
        ([0, 0, 1, 1.5], [1, 1], 1, "not c(0, 0, 1, 1.5)."),
        ([0, 0, 1, 1], [4, -1], 1, "`size` must be 2 positive numbers c(width, height) in "
         "inches, not c(4, -1)."),
        ([0, 0, 1, 1], [4, float("inf")], 1, "not c(4, inf)."),
        ([0, 0, 1, 1], [4, 3], 0, "`dpi` must be a positive number, not 0."),
        ([0, 0, 1, 1], [4, 3], "a", '`dpi` must be a positive number, not "a".'),
        ([0, 0, 1, True], [4, 3], 1, "`box` must be 4 numbers"),
    ],
)
def test_figure_box_says_what_is_wrong(box, size, dpi, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        _bridge.figure_box(box, size, dpi)


def test_palettes_give_the_first_colours_or_say_how_many_there_are():
    assert _bridge.palette("default", 3) == PALETTES["default"][:3]
    assert _bridge.palette("darkgrid", 0) == []
    with pytest.raises(ValueError, match=r'^The "default" palette has only 10 colours, not 11\.$'):
        _bridge.palette("default", 11)
    with pytest.raises(ValueError, match=r"^`n` must be a whole number >= 0, not 1\.5\.$"):
        _bridge.palette("default", 1.5)
    with pytest.raises(ValueError, match="`style` must be one of"):
        _bridge.palette("tab10", 1)


@pytest.mark.parametrize(("rows", "shown"), [
    (0, []), (3, [1, 2, 3]), (10, list(range(1, 11))),
    (11, [1, 2, 3, 4, 5, 7, 8, 9, 10, 11]), (100, [1, 2, 3, 4, 5, 96, 97, 98, 99, 100])])
def test_a_history_prints_its_first_and_last_five_rows_beyond_ten(rows, shown):
    columns = {"epoch": list(range(1, rows + 1)), "loss": [0.5] * rows, "accuracy": [1.0] * rows}
    printout = _bridge.history_printout(columns, False, 1.5, "fused")
    assert printout["rows"] == shown
    assert printout["header"] == _bridge.describe(columns["epoch"], columns["loss"],
                                                  columns["accuracy"], False, 1.5, "fused")


def test_a_history_without_its_columns_says_which_are_gone():
    with pytest.raises(ValueError, match=r"^This history has lost its columns loss, accuracy: a "
                                         r"history needs epoch, loss and accuracy\.$"):
        _bridge.history_printout({"epoch": [1]})


def test_an_r_table_keeps_its_names_and_a_matrix_without_names_is_an_array():
    frame = _bridge._r_table({"names": ["x1", "x1", "x2"], "columns": [[1.0], [2.0], [3.0]],
                              "rows": 1})
    assert list(frame.columns) == ["x1", "x1", "x2"]
    assert _bridge._r_table({"names": [], "columns": [], "rows": 3}).shape == (3, 0)
    assert _bridge._r_table({"names": None, "columns": [[1, 2], [3, 4]], "rows": 2}).tolist() \
        == [[1.0, 3.0], [2.0, 4.0]]
