import json
import subprocess
import sys

import pandas as pd
import pytest
import torch
from torch.utils.data import DataLoader, Dataset

import xorbridge as xb


def test_shapes_dtypes_and_dataset_protocol():
    dataset = xb.XORDataset(200, seed=0)
    assert isinstance(dataset, Dataset)
    assert len(dataset) == 200
    assert dataset.data.shape == (200, 2)
    assert dataset.data.dtype == torch.float32
    assert dataset.label.shape == (200,)
    assert dataset.label.dtype == torch.int64
    point, label = dataset[3]
    assert torch.equal(point, dataset.data[3])
    assert label == dataset.label[3]
    inputs, labels = next(iter(DataLoader(dataset, batch_size=8)))
    assert inputs.shape == (8, 2)
    assert labels.shape == (8,)


def test_labels_are_the_xor_of_the_corners():
    exact = xb.XORDataset(1000, std=0.0, seed=5)
    corners = exact.data
    assert set(corners.unique().tolist()) <= {0.0, 1.0}
    assert torch.equal(exact.label, (corners[:, 0] != corners[:, 1]).long())
    noisy = xb.XORDataset(1000, std=0.1, seed=5)
    # The noise moves the points but not the corners they came from.
    assert torch.equal(noisy.label, exact.label)
    assert 0.05 < (noisy.data - corners).std().item() < 0.15


def test_a_seed_gives_the_same_points_whatever_was_drawn_before():
    first = xb.XORDataset(500, seed=7)
    torch.rand(1000)  # other draws do not shift ours
    torch.manual_seed(99)
    second = xb.XORDataset(500, seed=7)
    assert torch.equal(first.data, second.data)
    assert torch.equal(first.label, second.label)
    assert not torch.equal(first.data, xb.XORDataset(500, seed=8).data)


def test_without_a_seed_set_seed_makes_it_repeatable():
    xb.set_seed(3)
    first = xb.XORDataset(100)
    xb.set_seed(3)
    assert torch.equal(first.data, xb.XORDataset(100).data)


def test_the_same_seed_gives_the_same_points_in_another_process():
    code = (
        "import json, xorbridge as xb; d = xb.XORDataset(300, std=0.2, seed=11); "
        "print(json.dumps([d.data.flatten().tolist(), d.label.tolist()]))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    data, label = json.loads(result.stdout)
    here = xb.XORDataset(300, std=0.2, seed=11)
    assert here.data.flatten().tolist() == data
    assert here.label.tolist() == label


def test_to_frame():
    dataset = xb.XORDataset(50, seed=1)
    frame = dataset.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["x1", "x2", "label"]
    assert frame["x1"].tolist() == dataset.data[:, 0].tolist()
    assert frame["label"].dtype == "int64"


def test_repr_mentions_size_and_counts():
    text = repr(xb.XORDataset(10, seed=1))
    assert "size=10" in text
    assert "class counts" in text


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"size": 0}, ValueError, "`size` must be a positive whole number"),
        ({"size": -5}, ValueError, "`size` must be a positive whole number"),
        ({"size": 2.5}, ValueError, "`size` must be a positive whole number"),
        ({"size": "100"}, TypeError, "`size` must be a positive whole number"),
        ({"size": None}, TypeError, "`size` must be a positive whole number"),
        ({"size": float("inf")}, ValueError, "`size` must be a positive whole number"),
        ({"size": 10**9}, ValueError, "`size` must be at most"),
        ({"size": 10, "std": -0.1}, ValueError, "`std` must be >= 0"),
        ({"size": 10, "std": float("nan")}, ValueError, "`std` must be a finite number"),
        ({"size": 10, "std": "0.1"}, TypeError, "`std` must be a number"),
        ({"size": 10, "seed": -1}, ValueError, "`seed` must be a whole number >= 0 or None"),
        ({"size": 10, "device": "gpu"}, ValueError, "`device` must be"),
    ],
)
def test_bad_arguments_are_refused(kwargs, error, pattern):
    with pytest.raises(error, match=pattern):
        xb.XORDataset(**kwargs)


def test_whole_floats_are_accepted_as_sizes():
    assert len(xb.XORDataset(100.0, seed=1)) == 100


def test_to_frame_of_the_first_rows():
    dataset = xb.XORDataset(40, seed=2)
    head = dataset.to_frame(rows=3)
    assert list(head.columns) == list(xb.data.COLUMNS) == ["x1", "x2", "label"]
    pd.testing.assert_frame_equal(head, dataset.to_frame().head(3))
    assert len(dataset.to_frame(rows=0)) == 0
    assert len(dataset.to_frame(rows=100)) == 40
    with pytest.raises(ValueError, match="`rows` must be a whole number >= 0, not -1"):
        dataset.to_frame(rows=-1)


def test_class_counts_and_description():
    dataset = xb.XORDataset(300, std=0.25, seed=9)
    counts = dataset.class_counts()
    assert counts == [int((dataset.label == 0).sum()), int((dataset.label == 1).sum())]
    assert sum(counts) == 300
    assert dataset.describe() == (
        f"300 points, noise std 0.25, seed 9, on cpu\n"
        f"Class 0: {counts[0]} points, class 1: {counts[1]} points")
    assert "seed drawn" in xb.XORDataset(5).describe()
    assert f"class counts={counts}" in repr(dataset)


def test_what_the_r_package_reads_of_a_dataset():
    from xorbridge import _bridge

    dataset = xb.XORDataset(30, seed=4)
    columns = _bridge.dataset_columns(dataset)
    assert columns["x1"] == dataset.data[:, 0].tolist()
    assert columns["label"] == dataset.label.tolist()
    assert _bridge.dataset_columns(dataset, rows=2)["x2"] == dataset.data[:2, 1].tolist()
    assert _bridge.dataset_shape(dataset) == {"size": 30, "columns": ["x1", "x2", "label"]}
    overview = _bridge.dataset_overview(dataset, rows=4)
    assert overview["counts"] == dataset.class_counts()
    assert overview["description"] == dataset.describe()
    assert overview["head"]["x1"] == dataset.data[:4, 0].tolist()
    with pytest.raises(TypeError, match="`x` must be an XORDataset, not list"):
        _bridge.dataset_overview([1, 2])
