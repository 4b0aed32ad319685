import math
import os
import signal

import pytest
import torch

import xorbridge as xb

FIELDS = {"device", "name", "size", "dtype", "repeats", "median_s", "min_s", "max_s", "iqr_s",
          "gflops", "peak_gflops", "fraction_of_peak", "peak_estimate", "tf32", "blas_trap"}


def test_cpu_benchmark_fields_and_units():
    result = xb.benchmark_matmul(size=128, devices=["cpu"], repeats=5)
    assert isinstance(result, xb.bench.Benchmark)
    assert isinstance(result, list)
    assert not result.interrupted
    assert result.repeats == 5
    (row,) = result
    assert set(row) == FIELDS == set(xb.bench.FIELDS)
    assert row["device"] == "cpu"
    assert row["size"] == 128
    assert row["repeats"] == 5
    assert 0 < row["min_s"] <= row["median_s"] <= row["max_s"]
    assert row["iqr_s"] >= 0
    assert math.isclose(row["gflops"], 2 * 128**3 / row["median_s"] / 1e9)
    assert row["tf32"] is None
    assert row["blas_trap"] is False  # a Python process: torch calls its own sgemm_
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
        ({"callback": "print"}, TypeError, '`callback` must be a function or None, not "print"'),
    ],
)
def test_bad_arguments(kwargs, error, pattern):
    with pytest.raises(error, match=pattern):
        xb.benchmark_matmul(**{"size": 16, "repeats": 1, **kwargs})


def test_one_sentence_per_device():
    row = {"device": "cpu", "gflops": 187.4, "fraction_of_peak": 0.5612,
           "peak_estimate": "16 cores x 32 FLOP/cycle x 3.0 GHz"}
    assert xb.bench.describe(row) == (
        "cpu: 187 GFLOP/s, 56% of the estimated peak (16 cores x 32 FLOP/cycle x 3.0 GHz)")
    assert xb.bench.describe({**row, "gflops": 45123.0, "fraction_of_peak": 0.004}) == (
        "cpu: 45,123 GFLOP/s, 0.4% of the estimated peak (16 cores x 32 FLOP/cycle x 3.0 GHz)")
    assert xb.bench.describe({**row, "device": "mps", "gflops": 12.34, "fraction_of_peak": None,
                              "peak_estimate": "no estimate for this device"}) == (
        "mps: 12.3 GFLOP/s; no estimate of the peak (no estimate for this device)")
    # a share above 100% always comes with its reason
    assert xb.bench.describe({**row, "gflops": 400.0, "fraction_of_peak": 1.19}) == (
        "cpu: 400 GFLOP/s, 119% of the estimated peak (16 cores x 32 FLOP/cycle x 3.0 GHz); "
        "above it, so the estimate is too low here: the clock or the number of vector units "
        "it assumes is below what this device used while it multiplied")
    assert xb.bench.describe({**row, "device": "cuda:0", "tf32": True, "gflops": 250_000.0,
                              "fraction_of_peak": 3.7}).endswith(
        "; above it because TF32 products run on tensor cores, which the float32 estimate "
        "does not count")
    result = xb.benchmark_matmul(size=32, devices=["cpu", "cpu"], repeats=2)
    assert result.lines() == [xb.bench.describe(row) for row in result]
    assert str(result) == "\n".join(result.lines())


def test_the_callback_sees_every_timed_product():
    steps = []
    result = xb.benchmark_matmul(size=16, devices=["cpu", "cpu"], repeats=3, warmup=1,
                                 callback=steps.append)
    assert [(s["device_number"], s["repeat"], s["done"]) for s in steps] == [
        (1, 1, 1), (1, 2, 2), (1, 3, 3), (2, 1, 4), (2, 2, 5), (2, 3, 6)]
    assert {(s["devices"], s["repeats"], s["total"], s["device"]) for s in steps} == {
        (2, 3, 6, "cpu")}
    assert steps[4]["text"] == "cpu: 2 of 3 timed products"
    assert not result.interrupted
    assert [row["repeats"] for row in result] == [3, 3]


def _stop_at(done, how):
    """A callback that stops the benchmark after product number ``done``, ``how`` it says."""
    def callback(step):
        if step["done"] == done:
            if how == "raise":
                raise KeyboardInterrupt
            if how == "signal":
                os.kill(os.getpid(), signal.SIGINT)  # a real Ctrl-C: handled, only a request
            return False if how == "false" else None
        return None
    return callback


@pytest.mark.parametrize("how", ["raise", "false", "signal"])
def test_ctrl_c_keeps_what_was_measured(how):
    with pytest.warns(RuntimeWarning, match=(
            "Benchmark interrupted after 6 of 8 timed products; "
            "the result holds what was measured so far.")):
        result = xb.benchmark_matmul(size=16, devices=["cpu", "cpu"], repeats=4,
                                     callback=_stop_at(6, how))
    assert result.interrupted
    assert [row["repeats"] for row in result] == [4, 2]  # the second device stopped after 2
    _, second = result
    assert 0 < second["min_s"] <= second["median_s"] <= second["max_s"]
    assert math.isclose(second["gflops"], 2 * 16**3 / second["median_s"] / 1e9)
    assert result.lines()[1].endswith(" [2 of 4 timed products]")
    assert not result.lines()[0].endswith("]")
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_ctrl_c_in_a_warm_up_leaves_that_device_out(monkeypatch):
    calls = []
    synchronize = xb.bench._synchronize

    def counted(device):  # called after each warm-up and each timed product on a CPU
        synchronize(device)
        calls.append(device)
        if len(calls) == 4:  # the second device's warm-up
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(xb.bench, "_synchronize", counted)
    with pytest.warns(RuntimeWarning, match="interrupted after 2 of 4 timed products"):
        result = xb.benchmark_matmul(size=16, devices=["cpu", "cpu"], repeats=2)
    assert result.interrupted
    assert [row["repeats"] for row in result] == [2]
    assert len(calls) == 4  # no product after the warm-up


def test_what_the_r_package_reads_of_a_benchmark():
    from xorbridge import _bridge

    steps = []
    report = _bridge.benchmark_report(24, devices=["cpu"], repeats=2, callback=steps.append)
    assert list(report["columns"]) == list(xb.bench.FIELDS)
    assert report["columns"]["repeats"] == [2]
    assert report["columns"]["tf32"] == [None]
    assert report["interrupted"] is False
    assert len(steps) == 2
    row = {name: values[0] for name, values in report["columns"].items()}
    assert report["lines"] == [xb.bench.describe(row)]


def test_the_blas_trap_is_named_in_the_sentence():
    row = {"device": "cpu", "gflops": 3.0, "fraction_of_peak": 0.004, "peak_estimate": "guess",
           "blas_trap": True}
    assert xb.bench.describe(row) == (
        "cpu: 3 GFLOP/s, 0.4% of the estimated peak (guess); far below it because torch's "
        "products run on R's BLAS (see device_info())")
    assert "far below" not in xb.bench.describe({**row, "blas_trap": False})
