"""Figures of training as it goes: boundary snapshots and the animated GIF."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch
from PIL import Image

import xorbridge as xb
from xorbridge.grid import blend_hex
from xorbridge.look import DEEP
from xorbridge.plot_training import frame_count, frame_epochs
from xorbridge.spec import figure_spec

TRAIN = xb.XORDataset(200, seed=1)


@pytest.fixture(scope="module")
def snapshots():
    xb.set_seed(0)
    return xb.training_snapshots(xb.SimpleClassifier(), TRAIN, epochs=(0, 3, 30), seed=0,
                                 device="cpu")


def test_snapshot_panels_are_titled_by_epoch_with_the_training_accuracy(snapshots):
    fig = xb.plot_snapshots(snapshots, TRAIN, step=0.1)
    assert [ax.get_title() for ax in fig.axes] == ["epoch 0", "epoch 3", "epoch 30"]
    for ax, model in zip(fig.axes, snapshots.values(), strict=True):
        (label,) = ax.texts
        assert label.get_text() == f"{100 * xb.eval_model(model, TRAIN):.1f}%"
        (image,) = ax.images
        assert image.get_array().shape == (20, 20, 4)
    assert fig.axes[-1].get_ylabel() == "4 hidden"
    assert fig._suptitle.get_text() == ("Decision boundary during training "
                                        "(label: training accuracy)")


def test_the_snapshots_spec_holds_each_boundary(snapshots):
    spec = figure_spec("snapshots", snapshots, step=0.1)
    assert [p["column_label"] for p in spec["panels"]] == ["epoch 0", "epoch 3", "epoch 30"]
    raster = spec["raster"]
    for number, model in enumerate(snapshots.values(), start=1):
        fills = [f for p, f in zip(raster["panel"], raster["fill"], strict=True) if p == number]
        assert fills == blend_hex(xb.decision_grid(model, step=0.1).prob, DEEP[0], DEEP[1])
    assert spec["texts"]["panel"] == []  # no data: no accuracy
    assert spec["points"]["panel"] == []


def test_snapshots_in_any_order_are_drawn_by_epoch(snapshots):
    backwards = dict(reversed(list(snapshots.items())))
    fig = xb.plot_snapshots(backwards, step=0.25)
    assert [ax.get_title() for ax in fig.axes] == ["epoch 0", "epoch 3", "epoch 30"]


@pytest.mark.parametrize(("snapshots", "error", "message"), [
    ([xb.SimpleClassifier()], TypeError, "`snapshots` must be a dict of epochs to models"),
    ({}, ValueError, "`snapshots` must hold 1 to 12 models, not 0."),
    ({"5": xb.SimpleClassifier()}, TypeError,
     "`snapshots' epochs` must be a whole number >= 0, not \"5\"."),
    ({5: "model"}, TypeError, "`snapshots[5]` must be a SimpleClassifier or another torch"),
])
def test_bad_snapshots_are_refused(snapshots, error, message):
    with pytest.raises(error, match=re.escape(message)):
        xb.plot_snapshots(snapshots)


def test_the_frames_are_every_few_epochs_and_the_last():
    assert frame_epochs(6, 2) == [0, 2, 4, 6]
    assert frame_epochs(5, 2) == [0, 2, 4, 5]
    assert frame_epochs(3, 10) == [0, 3]
    assert all(len(frame_epochs(e, k)) == frame_count(e, k)
               for e in range(1, 30) for k in range(1, 12))


def test_the_gif_has_a_frame_per_drawn_epoch_and_shows_training(tmp_path):
    path = tmp_path / "training.gif"
    xb.set_seed(2)
    model = xb.SimpleClassifier()
    xb.set_seed(2)
    reference = xb.SimpleClassifier()
    history = xb.animate_training(model, TRAIN, path, epochs=40, every=10, seed=3,
                                  device="cpu", step=0.05, dpi=40)
    expected = xb.train_model(reference, TRAIN, epochs=40, seed=3, device="cpu",
                              progress=False)
    assert history.loss == expected.loss  # the same run as train_model's
    assert all(torch.equal(a, b) for a, b in zip(model.state_dict().values(),
                                                 reference.state_dict().values(), strict=True))
    with Image.open(path) as gif:
        assert gif.format == "GIF"
        assert gif.n_frames == frame_count(40, 10) == 5
        assert gif.size == (160, 160)  # 4 x 4 inches at 40 dpi
        gif.seek(0)
        first = np.asarray(gif.convert("RGB"), dtype=np.int16)
        gif.seek(gif.n_frames - 1)
        last = np.asarray(gif.convert("RGB"), dtype=np.int16)
    changed = np.abs(first - last).max(axis=2) > 30
    assert changed.mean() > 0.1  # the boundary formed


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"path": "training.png"}, ValueError, '`path` must name a .gif file, not "'),
    ({"path": 3}, TypeError, "`path` must be a file path (a string), not 3."),
    ({"every": 0}, ValueError, "`every` must be a positive whole number, not 0."),
    ({"fps": 0}, ValueError, "`fps` must be a positive whole number, not 0."),
    ({"epochs": 0}, ValueError, "`epochs` must be a positive whole number, not 0."),
    ({"step": -1}, ValueError, "`step` must be > 0"),
    ({"style": "ggplot"}, ValueError, '`style` must be one of "darkgrid", "default"'),
    ({"lr": 0}, ValueError, "`lr` must be > 0"),
    ({"dpi": 0}, ValueError, "`dpi` must be > 0"),
])
def test_bad_animation_arguments_write_nothing(tmp_path, kwargs, error, message):
    model = xb.SimpleClassifier()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    if isinstance(kwargs.get("path"), str):
        kwargs = {**kwargs, "path": tmp_path / kwargs["path"]}
    arguments = {"model": model, "data": TRAIN, "path": tmp_path / "out.gif", "device": "cpu",
                 **kwargs}
    with pytest.raises(error, match=re.escape(message)):
        xb.animate_training(**arguments)
    assert list(tmp_path.iterdir()) == []
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())


def test_a_gif_needs_an_existing_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="which is not a directory"):
        xb.animate_training(xb.SimpleClassifier(), TRAIN, tmp_path / "no" / "out.gif")
