"""Benchmarks report the same fields in the same units; Python errors reach R classed."""

from __future__ import annotations

import pytest

import xorbridge as xb

pytestmark = pytest.mark.rpy2

SIZE = 96


def check_units(row: dict) -> None:
    """Times in seconds per product and speeds in GFLOP/s: they must fit each other."""
    assert 0 < row["min_s"] <= row["median_s"] <= row["max_s"]
    assert row["gflops"] == pytest.approx(2 * SIZE**3 / row["median_s"] / 1e9, rel=1e-9)
    if row["peak_gflops"] is not None:
        assert row["fraction_of_peak"] == pytest.approx(row["gflops"] / row["peak_gflops"])


def test_benchmark_matmul_gives_the_same_fields_and_units(r):
    frame = r.run("benchmark_matmul(size = size, devices = 'cpu', repeats = 3)", size=SIZE)
    (python_row,) = xb.benchmark_matmul(SIZE, devices=["cpu"], repeats=3)
    assert list(frame.columns) == list(python_row)
    (r_row,) = frame.to_dict("records")
    for row in (r_row, python_row):
        check_units(row)
    measured = {"median_s", "min_s", "max_s", "iqr_s", "gflops", "fraction_of_peak"}
    for field in python_row.keys() - measured:
        assert r_row[field] == python_row[field], field


def raised_in_python(call) -> Exception:
    with pytest.raises(Exception) as info:  # noqa: PT011 - whatever Python raises, R must match
        call()
    return info.value


def test_python_errors_arrive_in_r_as_classed_conditions(r, tmp_path):
    broken = tmp_path / "broken.pt"
    broken.write_bytes(b"not a checkpoint")
    cases = [
        ("load_model(path)", lambda: xb.load_model(broken),
         ["xorbridge_checkpoint_error", "xorbridge_value_error"]),
        ("decision_grid(simple_classifier(), step = 1e-4)",
         lambda: xb.decision_grid(xb.SimpleClassifier(), step=1e-4), ["xorbridge_value_error"]),
    ]
    for code, call, specific in cases:
        expected = raised_in_python(call)
        condition = r.run(f"tryCatch({code}, error = function(e) "
                          "list(classes = class(e), message = conditionMessage(e)))",
                          path=str(broken))
        assert condition["message"] == str(expected)
        assert {*specific, "xorbridge_python_error", "xorbridge_error"} <= \
            set(condition["classes"])
    assert isinstance(raised_in_python(cases[0][1]), xb.CheckpointError)
