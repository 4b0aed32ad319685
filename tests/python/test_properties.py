"""Properties that hold for every valid input, checked on inputs hypothesis draws."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import xorbridge as xb
from xorbridge._validate import MAX_COORDINATE

FEW = settings(max_examples=30, deadline=None)

sizes = st.integers(min_value=1, max_value=3000)
stds = st.floats(min_value=0.0, max_value=10.0, allow_nan=False)
seeds = st.integers(min_value=0, max_value=2**63 - 1)
coordinates = st.floats(min_value=-MAX_COORDINATE, max_value=MAX_COORDINATE, allow_nan=False)
activations = st.sampled_from(["tanh", "relu", "sigmoid", "gelu"])


@FEW
@given(size=sizes, std=stds, seed=seeds)
def test_any_valid_dataset_has_the_right_shapes_and_labels(size, std, seed):
    dataset = xb.XORDataset(size, std=std, seed=seed)
    assert len(dataset) == size
    assert dataset.data.shape == (size, 2)
    assert dataset.data.dtype == torch.float32
    assert dataset.label.shape == (size,)
    assert dataset.label.dtype == torch.int64
    assert set(dataset.label.unique().tolist()) <= {0, 1}
    assert bool(torch.isfinite(dataset.data).all())


@FEW
@given(size=sizes, seed=seeds)
def test_without_noise_the_points_are_corners_labelled_by_their_xor(size, seed):
    dataset = xb.XORDataset(size, std=0.0, seed=seed)
    assert set(dataset.data.unique().tolist()) <= {0.0, 1.0}
    corner = dataset.data.long()
    assert torch.equal(dataset.label, corner[:, 0] ^ corner[:, 1])


@FEW
@given(size=sizes, std=stds, seed=seeds)
def test_the_same_seed_gives_the_same_dataset(size, std, seed):
    first = xb.XORDataset(size, std=std, seed=seed)
    torch.rand(7)  # other draws in between change nothing
    second = xb.XORDataset(size, std=std, seed=seed)
    assert torch.equal(first.data, second.data)
    assert torch.equal(first.label, second.label)


@FEW
@given(seed=seeds, activation=activations,
       points=st.lists(st.tuples(coordinates, coordinates), min_size=1, max_size=50))
def test_probabilities_are_in_the_unit_interval_for_any_finite_points(seed, activation, points):
    xb.set_seed(seed)
    model = xb.SimpleClassifier(activation=activation)
    prob = xb.predict_proba(model, points)
    assert prob.shape == (len(points),)
    assert prob.dtype == np.float32
    assert ((prob >= 0) & (prob <= 1)).all()


@FEW
@given(big=st.floats(min_value=MAX_COORDINATE, allow_nan=False, allow_infinity=True,
                     exclude_min=True),
       sign=st.sampled_from([1.0, -1.0]))
def test_points_beyond_the_range_are_refused_not_turned_into_nan(big, sign):
    with pytest.raises(ValueError, match="`x` must hold"):
        xb.predict_proba(xb.SimpleClassifier(), [[0.0, sign * big]])


@st.composite
def grids(draw):
    """Limits and a step that give at most 150 points per axis."""
    step = draw(st.floats(min_value=1e-3, max_value=10.0))
    limits = []
    for _ in range(2):
        low = draw(st.floats(min_value=-1000.0, max_value=1000.0))
        width = draw(st.floats(min_value=step / 10, max_value=step * 150))
        limits.append((low, low + width))
    return limits[0], limits[1], step


def _follows(axis, low, high, step):
    """``axis`` is ``arange(low, high, step)``: from low, by step, the last point below high."""
    tolerance = 1e-9 * max(1.0, abs(low), abs(high))
    return (axis[0] == pytest.approx(low, abs=tolerance)
            and np.allclose(np.diff(axis), step, rtol=1e-9, atol=tolerance)
            and axis[-1] < high + tolerance
            and axis[-1] + step >= high - tolerance)


@FEW
@given(limits=grids())
def test_the_grid_follows_its_limits_and_step(limits):
    xlim, ylim, step = limits
    grid = xb.decision_grid(xb.SimpleClassifier(), xlim=xlim, ylim=ylim, step=step)
    assert _follows(grid.x1, *xlim, step)
    assert _follows(grid.x2, *ylim, step)
    assert grid.prob.shape == (len(grid.x2), len(grid.x1))
    assert ((grid.prob >= 0) & (grid.prob <= 1)).all()
