import math

import pytest
import torch

import xorbridge as xb

FIELDS = {"device", "name", "size", "dtype", "repeats", "median_s", "min_s", "max_s", "iqr_s",
          "gflops", "peak_gflops", "fraction_of_peak", "peak_estimate", "tf32"}


def test_cpu_benchmark_fields_and_units():
    (row,) = xb.benchmark_matmul(size=128, devices=["cpu"], repeats=5)
    assert set(row) == FIELDS
    assert row["device"] == "cpu" and row["size"] == 128 and row["repeats"] == 5
    assert 0 < row["min_s"] <= row["median_s"] <= row["max_s"]
    assert row["iqr_s"] >= 0
    assert math.isclose(row["gflops"], 2 * 128**3 / row["median_s"] / 1e9)
    assert row["tf32"] is None
    if row["peak_gflops"] is not None:
        assert math.isclose(row["fraction_of_peak"], row["gflops"] / row["peak_gflops"])


def test_every_device_by_default():
    rows = xb.benchmark_matmul(size=64, repeats=2)
    assert [row["device"] for row in rows] == xb.available_devices()


def test_a_single_device_name_and_other_dtypes():
    (row,) = xb.benchmark_matmul(size=64, devices="cpu", repeats=2, dtype="float64")
    assert row["dtype"] == "float64"


def test_tf32_setting_is_restored():
    before = torch.backends.cuda.matmul.allow_tf32
    xb.benchmark_matmul(size=32, devices=["cpu"], repeats=1, tf32=True)
    assert torch.backends.cuda.matmul.allow_tf32 == before


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"size": 0}, ValueError, "`size`"),
        ({"size": 10**6}, ValueError, "`size` must be at most"),
        ({"repeats": 0}, ValueError, "`repeats`"),
        ({"repeats": 2.5}, ValueError, "`repeats`"),
        ({"dtype": "int8"}, ValueError, "`dtype` must be one of"),
        ({"devices": ["tpu"]}, ValueError, '`devices` must be "auto", "cpu"'),
        ({"devices": 3}, TypeError, "`devices` must be None or device names"),
        ({"warmup": -1}, ValueError, "`warmup` must be a whole number >= 0, not -1"),
        ({"devices": []}, ValueError, "`devices` must name at least one"),
        ({"tf32": "yes"}, TypeError, "`tf32` must be True or False"),
    ],
)
def test_bad_arguments(kwargs, error, pattern):
    with pytest.raises(error, match=pattern):
        xb.benchmark_matmul(**{"size": 16, "repeats": 1, **kwargs})
