import os
import random

import numpy as np
import pytest
import torch

import xorbridge as xb


def test_auto_picks_cuda_then_mps_then_cpu():
    expected = "cuda" if torch.cuda.is_available() else "cpu"
    assert xb.pick_device("auto").type in (expected, "mps")
    assert xb.pick_device("cpu") == torch.device("cpu")
    assert xb.pick_device(torch.device("cpu")) == torch.device("cpu")
    assert xb.pick_device(" CPU ") == torch.device("cpu")


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
@pytest.mark.parametrize("name", ["cuda", "cuda:0", "cuda:3"])
def test_missing_cuda_names_what_is_available(name):
    with pytest.raises(ValueError, match=r"no CUDA device.*Available here: cpu"):
        xb.pick_device(name)


@pytest.mark.parametrize("bad", ["gpu", "cuda:x", "tpu", "", "cuda0"])
def test_unknown_device_names_are_refused(bad):
    with pytest.raises(ValueError, match=r'must be "auto", "cpu", "cuda", "cuda:N" or "mps"'):
        xb.pick_device(bad)


@pytest.mark.parametrize("bad", [None, 0, 1.5, ["cpu"]])
def test_device_must_be_a_string(bad):
    with pytest.raises(TypeError, match="`device` must be a string"):
        xb.pick_device(bad)


def test_device_info_is_a_plain_dict_with_the_facts():
    info = xb.device_info()
    assert info["torch"] == str(torch.__version__)
    assert info["default_device"] in ("cpu", "cuda", "mps")
    cpu = info["cpu"]
    assert cpu["cores"] == os.cpu_count()
    assert cpu["threads"] == torch.get_num_threads()
    assert cpu["blas"] != ""
    assert isinstance(cpu["model"], str) and cpu["model"]
    if cpu["peak_gflops"] is not None:
        assert cpu["peak_gflops"] > 0
        assert "FLOP/cycle" in cpu["peak_estimate"]
    assert len(info["gpus"]) == (torch.cuda.device_count() if torch.cuda.is_available() else 0)
    for gpu in info["gpus"]:
        assert {"name", "compute_capability", "memory_gib", "sm_count", "peak_tflops"} <= set(gpu)


def test_set_seed_repeats_python_numpy_and_torch():
    def draw():
        return random.random(), np.random.rand(), torch.rand(3).tolist()  # noqa: NPY002

    xb.set_seed(123)
    first = draw()
    xb.set_seed(123)
    assert draw() == first
    xb.set_seed(124)
    assert draw() != first


def test_set_seed_sets_and_clears_the_deterministic_flags():
    try:
        xb.set_seed(1, deterministic=True)
        assert torch.are_deterministic_algorithms_enabled()
        assert torch.backends.cudnn.deterministic
        xb.set_seed(1, deterministic=False)
        assert not torch.are_deterministic_algorithms_enabled()
    finally:
        torch.use_deterministic_algorithms(False)


@pytest.mark.parametrize(
    ("seed", "error"),
    [(None, TypeError), (-1, ValueError), (1.5, ValueError), ("1", TypeError),
     (True, TypeError), (float("nan"), ValueError), (2**63, ValueError)],
)
def test_set_seed_refuses_bad_seeds(seed, error):
    with pytest.raises(error, match="`seed` must be"):
        xb.set_seed(seed)
