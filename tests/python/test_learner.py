"""The learner's own PyTorch: their nn.Module and Dataset classes go wherever ours go."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn
from torch.utils import data as torch_data

import xorbridge as xb
from xorbridge.spec import figure_spec


class MyXORDataset(torch_data.Dataset):  # the tutorial's class, as a learner types it
    def __init__(self, size: int, std: float = 0.1) -> None:
        super().__init__()
        points = torch.randint(low=0, high=2, size=(size, 2), dtype=torch.float32)
        self.label = (points.sum(dim=1) == 1).to(torch.long)
        self.data = points + std * torch.randn(points.shape)

    def __len__(self) -> int:
        return self.data.shape[0]

    def __getitem__(self, idx: int) -> tuple[torch.Tensor, torch.Tensor]:
        return self.data[idx], self.label[idx]


class MyClassifier(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.linear1 = nn.Linear(2, 4)
        self.act_fn = nn.Tanh()
        self.linear2 = nn.Linear(4, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear2(self.act_fn(self.linear1(x)))


def test_an_own_dataset_gives_its_points_and_labels():
    torch.manual_seed(1)
    mine = MyXORDataset(40)
    points, labels = xb.data.as_tensors(mine)
    torch.testing.assert_close(points, mine.data)
    torch.testing.assert_close(labels, mine.label)


def test_an_own_model_is_evaluated_predicted_gridded_and_trained_with_autograd():
    torch.manual_seed(2)
    model, train, test = MyClassifier(), MyXORDataset(1000), MyXORDataset(200)
    before = xb.eval_model(model, test)
    history = xb.train_model(model, train, epochs=200, seed=3, progress=False)
    after = xb.eval_model(model, test)
    assert after > 0.9 > before
    assert len(history.loss) == 200
    assert history.loss[-1] < history.loss[0]
    prob = xb.predict_proba(model, np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]))
    assert (prob >= 0.5).tolist() == [False, True, True, False]
    grid = xb.decision_grid(model, step=0.5)
    assert grid.prob.shape == (4, 4)


def test_an_own_model_trains_as_the_tutorials_five_steps_do():
    """train_model() on an own class runs the autograd engine: the same SGD updates as
    the tutorial's loop over the same shuffled batches."""
    torch.manual_seed(4)
    mine, ours = MyClassifier(), xb.SimpleClassifier()
    ours.load_state_dict(mine.state_dict())
    data = MyXORDataset(300)
    xb.train_model(mine, data, epochs=3, seed=5, progress=False)
    xb.train_model(ours, data, epochs=3, seed=5, progress=False, engine="autograd")
    for name, value in ours.state_dict().items():
        torch.testing.assert_close(mine.state_dict()[name], value)


def test_figures_take_own_objects():
    torch.manual_seed(6)
    fig = xb.plot_boundary(MyClassifier(), MyXORDataset(30), step=0.25)
    assert len(fig.axes[0].collections) == 2
    assert figure_spec("samples", MyXORDataset(30))["points"]["panel"] == [1] * 30


def test_what_is_not_a_dataset_of_pairs_is_named():
    class Points(torch_data.Dataset):
        def __len__(self) -> int:
            return 3

        def __getitem__(self, idx: int) -> torch.Tensor:
            return torch.zeros(2)

    with pytest.raises(TypeError, match=r"must give \(point, label\) pairs; item 0 of this "
                                        r"Points is a Tensor"):
        xb.eval_model(MyClassifier(), Points())


def test_numpy_arrays_as_r_reads_them():
    from xorbridge._numpy_for_r import r_values

    assert r_values(np.arange(6, dtype=np.float32).reshape(2, 3) / 4) == {
        "type": "double", "shape": [2, 3], "values": [0.0, 0.75, 0.25, 1.0, 0.5, 1.25]}
    assert r_values(np.array([1, 2], dtype=np.int64)) == {
        "type": "integer", "shape": [2], "values": [1, 2]}
    assert r_values(np.array([2**40]))["type"] == "double"  # beyond R's integers
    assert r_values(np.array([True, False]))["values"] == [True, False]
    assert r_values(np.array(["a"])) is None


def test_pandas_frames_as_r_reads_them():
    import pandas as pd

    from xorbridge._numpy_for_r import frame_columns

    frame = pd.DataFrame({"n": [1, 2], "x": [0.5, np.nan], "s": ["a", None],
                          "b": [True, False], "c": pd.Categorical(["u", "v"])})
    assert frame_columns(frame) == {
        "names": ["n", "x", "s", "b", "c"],
        "columns": [{"type": "integer", "values": [1, 2]},
                    {"type": "double", "values": [0.5, pytest.approx(np.nan, nan_ok=True)]},
                    {"type": "character", "values": ["a", None]},
                    {"type": "logical", "values": [True, False]},
                    {"type": "character", "values": ["u", "v"]}],
        "row_names": None}
    assert frame_columns(pd.DataFrame({"a": [1.5]}, index=["r1"]))["row_names"] == ["r1"]
    assert frame_columns(xb.XORDataset(3, seed=1).to_frame())["names"] == ["x1", "x2", "label"]
    # dates and mixed objects stay reticulate's
    assert frame_columns(pd.DataFrame({"t": pd.to_datetime(["2020-01-01"])})) is None
    assert frame_columns(pd.DataFrame({"o": [1, "a"]})) is None


def test_the_torch_finder_deep_binds_torch_in_a_fresh_process():
    """_deepbind.protect() before torch is imported: torch then calls its own sgemm_, and
    protect() says how it stands (it cannot make R's trap here: no R BLAS is loaded)."""
    import subprocess
    import sys

    code = ("import sys; sys.path.insert(0, sys.argv[1]); import _deepbind; "
            "print(_deepbind.protect()); import torch; print(_deepbind.protect()); "
            "from xorbridge.blas import torch_sgemm; print(torch_sgemm()['own'])")
    folder = str(Path(xb.__file__).parent)
    out = subprocess.run([sys.executable, "-c", code, folder], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["deepbind", "deepbind", "True"]


@pytest.mark.parametrize(
    ("spoil", "error", "message"),
    [
        (lambda m: m.to("meta"), ValueError, "has no weights: it is on the meta device"),
        (lambda m: m.linear1.weight.data.fill_(float("inf")), ValueError,
         "has non-finite weights (NaN or Inf) in linear1.weight"),
    ],
    ids=["meta", "inf"],
)
def test_models_that_cannot_compute_are_refused_at_the_door(spoil, error, message):
    model = xb.SimpleClassifier()
    spoil(model)
    with pytest.raises(error, match=re.escape(f"`model` {message}"[:60])):
        xb.eval_model(model, xb.XORDataset(10, seed=1))


def test_a_frozen_model_is_refused_before_training():
    model = xb.SimpleClassifier()
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    with pytest.raises(ValueError, match="every parameter is frozen"):
        xb.train_model(model, xb.XORDataset(10, seed=1), epochs=1, progress=False)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.data.__setitem__((0, 0), float("nan")), "points must be finite numbers"),
        (lambda d: d.data.__setitem__((3, 1), float("-inf")), "points must be finite numbers"),
        (lambda d: d.data.__setitem__((9, 1), 2e6), "must hold numbers between -1e+06 and"),
        (lambda d: d.label.__setitem__(0, 2), "labels must be 0 or 1."),
        (lambda d: d.label.__setitem__(9, -1), "labels must be 0 or 1."),
        (lambda d: setattr(d, "label", d.label.float().index_fill_(0, torch.tensor([4]), 0.5)),
         "labels must be 0 or 1."),
        (lambda d: setattr(d, "label", d.label[:-1]), "labels must have shape (10,)"),
        (lambda d: setattr(d, "data", d.data.double()), "points must be float32 of shape"),
        (lambda d: setattr(d, "data", d.data.to_sparse()), "holds sparse tensors"),
    ],
    ids=["nan", "inf", "too-far", "label-2", "label-minus-1", "label-half", "short-labels",
         "float64", "sparse"],
)
def test_an_edited_dataset_is_checked_as_a_pair_is(edit, message):
    data = xb.XORDataset(10, seed=1)
    edit(data)
    with pytest.raises((ValueError, TypeError), match=re.escape(message)):
        xb.train_model(xb.SimpleClassifier(), data, epochs=1, progress=False)
