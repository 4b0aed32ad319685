"""The memory budget: allocations that grow with the arguments are estimated and refused first."""

from __future__ import annotations

import numpy as np
import pytest

import xorbridge as xb
from xorbridge import budget


@pytest.fixture
def small_budget():
    previous = budget.set_memory_budget(1_000_000)  # 1 MB
    yield
    budget.set_memory_budget(previous)


def test_the_default_is_half_the_machine(monkeypatch):
    monkeypatch.delenv("XORBRIDGE_MEMORY_BUDGET", raising=False)
    total = budget.machine_memory()
    assert total is not None
    assert total > 0
    assert budget.memory_budget() == (total // 2, f"half of this machine's "
                                                  f"{budget.format_bytes(total)}")


def test_the_environment_sets_it(monkeypatch):
    monkeypatch.setenv("XORBRIDGE_MEMORY_BUDGET", "4G")
    assert budget.memory_budget() == (4 * 2**30, "set by XORBRIDGE_MEMORY_BUDGET")
    monkeypatch.setenv("XORBRIDGE_MEMORY_BUDGET", "lots")
    with pytest.raises(ValueError, match="XORBRIDGE_MEMORY_BUDGET must be a number of bytes"):
        budget.memory_budget()


@pytest.mark.usefixtures("small_budget")
def test_a_wide_model_over_a_grid_is_refused_before_it_allocates():
    model = xb.SimpleClassifier(num_hidden=1000)
    with pytest.raises(ValueError, match=r"^A grid of 40,000 points through a model 1,000 wide "
                                         r"would need about 458\.4 MiB of memory, more than the "
                                         r"budget of 976\.6 KiB \(set with set_memory_budget\(\)"
                                         r"\); use a larger `step` or smaller limits\.$"):
        xb.decision_grid(model)
    assert xb.decision_grid(model, step=0.25).prob.shape == (8, 8)  # within the budget


@pytest.mark.usefixtures("small_budget")
def test_batches_matrices_and_figures_are_refused_beyond_the_budget():
    model = xb.SimpleClassifier(num_hidden=1000)
    data = xb.XORDataset(500, seed=1)
    with pytest.raises(ValueError, match="use a smaller `batch_size` \\(it changes memory"):
        xb.predict_proba(model, data, batch_size=500)
    assert xb.predict_proba(model, data, batch_size=50).shape == (500,)
    # the default takes as many points at once as the budget allows
    np.testing.assert_allclose(xb.predict_proba(model, data),
                               xb.predict_proba(model, data, batch_size=50), rtol=0, atol=1e-7)
    assert xb.eval_model(model, data) == xb.eval_model(model, data, batch_size=50)
    with pytest.raises(ValueError, match="A batch of 500 points through a model 1,000 wide"):
        xb.eval_model(model, data, batch_size=10_000)
    with pytest.raises(ValueError, match=r"Three 1,000 x 1,000 float32 matrices would need "
                                         r"about 11\.4 MiB"):
        xb.benchmark_matmul(1000, devices="cpu")
    with pytest.raises(ValueError, match="A figure of 4 x 4 inches at 1000 dpi would need"):
        xb.plot_samples(data, dpi=1000)


def test_the_budget_takes_a_positive_whole_number_or_none():
    with pytest.raises(TypeError, match="`nbytes` must be a positive whole number of bytes"):
        budget.set_memory_budget(-1)
    assert budget.set_memory_budget(None) is None


@pytest.mark.usefixtures("small_budget")
def test_a_large_sweep_is_refused_before_any_model_is_built(monkeypatch):
    built = []
    original = xb.sweep.SimpleClassifier

    def counting(*args, **kwargs):
        built.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(xb.sweep, "SimpleClassifier", counting)
    estimate = xb.sweep.sweep_bytes(2_000, 64, 2500, 500, 128)
    assert estimate > 1_000_000  # the 1 MB budget of the fixture
    with pytest.raises(ValueError, match=r"^2,000 models up to 64 hidden units wide would need "
                                         r"about .* more than the budget of 976\.6 KiB.*; train "
                                         r"fewer models"):
        xb.sweep_hidden(sizes=[64], seeds=range(2_000), epochs=1, device="cpu")
    assert built == []


def test_the_sweep_estimate_grows_with_each_of_its_sizes():
    base = xb.sweep.sweep_bytes(40, 8, 2500, 500, 128)
    assert base < 10 * 2**20  # the default sweep: a few MB
    for bigger in (xb.sweep.sweep_bytes(80, 8, 2500, 500, 128),
                   xb.sweep.sweep_bytes(40, 16, 2500, 500, 128),
                   xb.sweep.sweep_bytes(40, 8, 5000, 500, 128),
                   xb.sweep.sweep_bytes(40, 8, 2500, 1000, 128),
                   xb.sweep.sweep_bytes(40, 8, 2500, 500, 256)):
        assert bigger > base
