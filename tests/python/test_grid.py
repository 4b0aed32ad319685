import numpy as np
import pytest
from matplotlib.colors import to_rgba

import xorbridge as xb
from xor_models import x1_only_model
from xorbridge.plot import DEEP


def test_default_grid_is_the_tutorials():
    grid = xb.decision_grid(xb.SimpleClassifier())
    assert grid.x1.shape == (200,)
    assert grid.x2.shape == (200,)
    assert grid.prob.shape == (200, 200)
    assert grid.prob.dtype == np.float32
    assert grid.x1[0] == -0.5
    assert grid.x1[-1] == pytest.approx(1.49)
    assert grid.extent == pytest.approx((-0.505, 1.495, -0.505, 1.495))


def test_rows_follow_x2_and_columns_follow_x1():
    grid = xb.decision_grid(x1_only_model(), xlim=(-0.5, 1.5), ylim=(0.0, 1.0), step=0.1)
    assert grid.prob.shape == (10, 20)  # (len(x2), len(x1))
    assert np.all(np.diff(grid.prob, axis=1) > 0)  # rises along a row: with x1
    assert np.allclose(np.diff(grid.prob, axis=0), 0)  # constant down a column
    expected = xb.predict_proba(x1_only_model(), [[grid.x1[3], grid.x2[7]]])[0]
    assert grid.prob[7, 3] == expected


def test_to_frame_is_long_with_x1_fastest():
    grid = xb.decision_grid(x1_only_model(), step=0.5)
    frame = grid.to_frame()
    assert list(frame.columns) == ["x1", "x2", "prob"]
    assert len(frame) == grid.prob.size
    assert frame["x1"].tolist()[:4] == grid.x1.tolist()
    assert frame["x2"].iloc[4] == grid.x2[1]
    assert frame["prob"].iloc[5] == pytest.approx(float(grid.prob[1, 1]))


def test_the_figure_puts_x1_on_the_horizontal_axis():
    fig = xb.plot_boundary(x1_only_model(), style="darkgrid")
    image = fig.axes[0].images[0]
    assert image.origin == "lower"
    rgba = image.get_array()
    # left edge (small x1): class 0 colour; right edge (large x1): class 1 colour
    np.testing.assert_allclose(rgba[100, 0], to_rgba(DEEP[0]), atol=0.01)
    np.testing.assert_allclose(rgba[100, -1], to_rgba(DEEP[1]), atol=0.01)
    np.testing.assert_allclose(rgba[0, 5], rgba[-1, 5], atol=1e-9)


def test_the_blend_is_the_tutorials():
    image = xb.grid.blend_colours(np.array([0.0, 0.25, 1.0]), "C0", "#DD8452")
    np.testing.assert_allclose(image[1], 0.75 * np.array(to_rgba("C0")) +
                               0.25 * np.array(to_rgba("#DD8452")))


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"step": 0}, ValueError, "`step` must be > 0"),
        ({"step": -0.1}, ValueError, "`step` must be > 0"),
        ({"step": 1e-4}, ValueError, "at most 4,000,000"),
        ({"step": "small"}, TypeError, "`step` must be a number"),
        ({"xlim": (1, 0)}, ValueError, "`xlim` must be increasing"),
        ({"xlim": (0, 0)}, ValueError, "`xlim` must be increasing"),
        ({"ylim": (0, 1, 2)}, ValueError, "`ylim` must be a pair"),
        ({"ylim": 3}, TypeError, "`ylim` must be a pair"),
        ({"xlim": (0, float("nan"))}, ValueError, "finite"),
    ],
)
def test_bad_arguments(kwargs, error, pattern):
    with pytest.raises(error, match=pattern):
        xb.decision_grid(xb.SimpleClassifier(), **kwargs)


def test_tiny_steps_keep_distinct_coordinates():
    axis = xb.grid.grid_axis(0.0, 5e-9, 1e-9)
    assert len(axis) == 5
    assert len(np.unique(axis)) == 5
    np.testing.assert_allclose(np.diff(axis), 1e-9, rtol=1e-6)


def test_a_step_wider_than_the_range_gives_one_point():
    grid = xb.decision_grid(x1_only_model(), xlim=(0.0, 0.5), ylim=(0.0, 0.5), step=2.0)
    assert grid.prob.shape == (1, 1)
    assert grid.x1.tolist() == [0.0]


def test_only_small_grids_are_kept_for_reuse():
    from xorbridge.grid import _grid_points

    model = x1_only_model()
    _grid_points.cache_clear()
    xb.decision_grid(model)  # 200 x 200 = 40,000 points: kept
    xb.decision_grid(model, step=0.001)  # 2000 x 2000 = 4 million: not kept
    assert _grid_points.cache_info().currsize == 1


@pytest.mark.parametrize("training", [True, False])
def test_the_grid_leaves_the_model_in_the_mode_it_found(training):
    model = x1_only_model().train(training)
    xb.decision_grid(model)
    assert model.training is training


def test_hex_colours_are_the_blend_rounded_as_r_rounds_it():
    prob = np.array([[0.0, 1.0], [0.5, 0.25]])
    expected = ["#4C72B0", "#DD8452", "#957B81", "#707799"]  # what R's rgb() gives
    assert xb.grid.blend_hex(prob, DEEP[0], DEEP[1]) == expected
