"""Device choice and the description of the machine are the same from R and from Python."""

from __future__ import annotations

import pytest

import xorbridge as xb

pytestmark = pytest.mark.rpy2

STABLE_CPU_FIELDS = ("model", "cores", "threads", "blas", "capability")  # not the clock


def test_pick_device_and_device_info_agree(r):
    from_r = r.run("list(auto = pick_device(), cpu = pick_device('cpu'), info = device_info(),"
                   " version = as.character(utils::packageVersion('xorbridge')))")
    assert from_r["auto"] == str(xb.pick_device("auto"))
    assert from_r["cpu"] == str(xb.pick_device("cpu")) == "cpu"
    info = xb.device_info()
    assert from_r["info"].keys() == info.keys()
    for key in ("torch", "cuda", "cudnn", "default_device"):
        assert from_r["info"][key] == info[key], key
    assert from_r["info"]["cpu"].keys() == info["cpu"].keys()
    for key in STABLE_CPU_FIELDS:
        assert from_r["info"]["cpu"][key] == info["cpu"][key], key
    assert len(from_r["info"]["gpus"]) == len(info["gpus"])
    assert from_r["version"] == xb.__version__
