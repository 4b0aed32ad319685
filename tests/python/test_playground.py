"""The playground's one call per tick (``_bridge.playground_tick``) and its parts."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
import torch
from matplotlib.colors import to_rgb
from torch import nn

import xorbridge as xb
from xorbridge import _bridge
from xorbridge.grid import blend_hex, hex_colours
from xorbridge.look import DEEP, TAB10
from xorbridge.playground import Playground
from xorbridge.plot import activation_colours
from xorbridge.train import share

DATA = xb.XORDataset(500, seed=42)


def _trainer(**kwargs):
    xb.set_seed(0)
    return xb.Trainer(xb.SimpleClassifier(), DATA, seed=0, device="cpu", **kwargs)


def test_a_tick_trains_then_gives_the_frame():
    trainer = _trainer(test=xb.XORDataset(100, seed=43))
    tick = _bridge.playground_tick(trainer, epochs=5, step=0.04)
    assert tick["epoch"] == trainer.epoch == 5
    assert tick["status"] == xb.train.describe(trainer.history.epoch, trainer.history.loss,
                                               trainer.history.accuracy, engine="fused")
    history = tick["history"]["columns"]
    assert history["epoch"] == [1, 2, 3, 4, 5]
    assert history["loss"] == trainer.history.loss
    assert history["test_accuracy"] == trainer.history.test_accuracy
    grid = tick["grid"]
    expected = xb.decision_grid(trainer.model, step=0.04)
    assert grid["shape"] == [50, 50]
    assert grid["x1"] == expected.x1.tolist()
    assert grid["x2"] == expected.x2.tolist()
    np.testing.assert_array_equal(np.reshape(grid["prob"], grid["shape"]), expected.prob)
    assert grid["fill"] == blend_hex(expected.prob, DEEP[0], DEEP[1])
    assert grid["extent"] == pytest.approx([-0.52, 1.48, -0.52, 1.48])
    assert tick["neurons"] is None
    # the next tick goes on, and may ask for the new rows only
    again = _bridge.playground_tick(trainer, epochs=3, since=5)
    assert again["epoch"] == 8
    assert again["history"]["columns"]["epoch"] == [6, 7, 8]
    assert again["history"]["columns"]["test_accuracy"] == trainer.history.test_accuracy[5:]


def test_ticks_make_the_run_train_model_makes():
    trainer = _trainer()
    for _ in range(4):
        _bridge.playground_tick(trainer, epochs=5)
    xb.set_seed(0)
    model = xb.SimpleClassifier()
    history = xb.train_model(model, DATA, epochs=20, seed=0, device="cpu", progress=False)
    assert trainer.history.loss == history.loss
    assert all(torch.equal(a, b) for a, b in zip(model.state_dict().values(),
                                                 trainer.model.state_dict().values(),
                                                 strict=True))


def test_a_tick_of_no_epochs_only_draws():
    trainer = _trainer()
    tick = _bridge.playground_tick(trainer, epochs=0, step=0.5)
    assert tick["epoch"] == 0
    assert tick["status"] == "no completed epochs"
    assert tick["history"]["columns"]["epoch"] == []
    assert tick["grid"]["shape"] == [4, 4]


def test_the_network_diagram_holds_every_weight():
    trainer = _trainer()
    trainer.step(2)
    network = _bridge.playground_tick(trainer, epochs=0, style="default")["network"]
    model = trainer.model
    nodes, edges = network["nodes"], network["edges"]
    assert nodes["id"] == ["x1", "x2", "h1", "h2", "h3", "h4", "out"]
    assert nodes["layer"] == [0, 0, 1, 1, 1, 1, 2]
    assert nodes["label"] == ["x1", "x2", "hidden 1", "hidden 2", "hidden 3", "hidden 4",
                              "output"]
    assert nodes["x"] == [0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 2.0]
    assert nodes["y"] == pytest.approx([1, -1, 1, 1 / 3, -1 / 3, -1, 0])
    assert all(math.isnan(b) for b in nodes["bias"][:2])
    assert nodes["bias"][2:6] == pytest.approx(model.linear1.bias.tolist())
    assert nodes["bias"][6] == pytest.approx(model.linear2.bias.item())
    assert len(edges["from"]) == 4 * 2 + 4
    w1, w2 = model.linear1.weight, model.linear2.weight[0]
    for source, target, weight, colour in zip(edges["from"], edges["to"], edges["weight"],
                                              edges["colour"], strict=True):
        if target == "out":
            assert weight == pytest.approx(w2[int(source[1:]) - 1].item())
        else:
            assert weight == pytest.approx(w1[int(target[1:]) - 1, int(source[1:]) - 1].item())
        assert colour == (TAB10[1] if weight > 0 else TAB10[0])
    widths = edges["width"]
    assert max(widths) == pytest.approx(4.0)
    assert min(widths) >= 0.5


def test_a_learners_own_module_has_no_diagram_or_neurons():
    xb.set_seed(0)
    model = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1))
    trainer = xb.Trainer(model, DATA, device="cpu")
    tick = _bridge.playground_tick(trainer, epochs=1, neurons=True)
    assert tick["network"] is None
    assert tick["neurons"] is None
    assert tick["grid"]["shape"] == [50, 50]


def test_neurons_come_as_plot_neurons_colours_them():
    trainer = _trainer()
    tick = _bridge.playground_tick(trainer, epochs=2, step=0.1, neurons=True)
    units = tick["neurons"]
    assert len(units["values"]) == len(units["fill"]) == 4
    assert units["range"] == [0.0, 1.0]
    points = torch.tensor([[x1, x2] for x2 in tick["grid"]["x2"] for x1 in tick["grid"]["x1"]],
                          dtype=torch.float32)
    with torch.no_grad():
        expected = torch.tanh(trainer.model.linear1(points)).T  # (H, n2 * n1)
    for unit in range(4):
        np.testing.assert_allclose(units["values"][unit], expected[unit].numpy(), atol=1e-6)
        assert units["fill"][unit] == hex_colours(activation_colours(
            np.asarray(units["values"][unit]), 0.0, 1.0, DEEP[0], DEEP[1], "#EAEAF2"))


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"trainer": "trainer"}, TypeError, "`trainer` must be a Trainer or a Playground, not str."),
    ({"epochs": -1}, ValueError, "`epochs` must be a whole number >= 0, not -1."),
    ({"step": 0}, ValueError, "`step` must be > 0, not 0."),
    ({"step": 1e-4}, ValueError, "`step` = 0.0001 makes a grid of 20,000 x 20,000"),
    ({"style": "ggplot"}, ValueError, '`style` must be one of "darkgrid", "default"'),
    ({"since": -2}, ValueError, "`since` must be a whole number >= 0, not -2."),
    ({"neurons": "yes"}, TypeError, '`neurons` must be True or False, not "yes".'),
])
def test_bad_ticks_train_nothing(kwargs, error, message):
    trainer = _trainer()
    arguments = {"trainer": trainer, **kwargs}
    with pytest.raises(error, match=re.escape(message)):
        _bridge.playground_tick(**arguments)
    assert trainer.epoch == 0


def test_snapshots_reach_r_as_columns():
    xb.set_seed(0)
    parts = _bridge.snapshots_run(xb.SimpleClassifier(), DATA, epochs=[4, 0], device="cpu")
    assert parts["epoch"] == [0, 4]
    assert all(isinstance(model, xb.SimpleClassifier) for model in parts["model"])


def test_the_bridge_offers_the_trainer():
    assert {"Trainer", "Playground", "playground_tick", "playground_start", "playground_frame",
            "network_columns", "snapshots_run", "training_snapshots"} <= set(_bridge.__all__)
    assert _bridge.network_columns(nn.Sequential(nn.Linear(2, 1))) is None


def test_the_playground_settings_and_its_setting_are_pythons():
    settings = _bridge.playground_settings()
    assert settings["ids"] == ["hidden", "activation", "lr", "batch_size", "noise", "n_train",
                               "seed"]
    assert settings["start"] == {"hidden": 4, "activation": "tanh", "lr": 0.1, "batch_size": 128,
                                 "noise": 0.1, "n_train": 2500, "seed": 42}
    assert settings["hidden"] == [1, 8]
    assert list(settings["panels"]) == ["boundary", "history", "neurons", "network"]
    assert sum(panel["columns"] for panel in settings["panels"].values()) == 24  # two rows
    playground = _bridge.playground_start(dict(SETTING, hidden=2, seed=40))
    trainer, train = playground.trainer, playground.train
    assert torch.equal(train.data, xb.XORDataset(300, seed=40).data)
    xb.set_seed(40)
    alone = xb.SimpleClassifier(num_hidden=2)
    assert all(torch.equal(a, b) for a, b in
               zip(trainer.model.state_dict().values(), alone.state_dict().values(), strict=True))
    trainer.step(1)
    test = xb.XORDataset(500, seed=41)
    assert trainer.history.test_accuracy == [xb.eval_model(trainer.model, test)]
    with pytest.raises(ValueError, match=r"^`hidden` must be at most 8, not 9\.$"):
        _bridge.playground_start(dict(SETTING, hidden=9))
    with pytest.raises(ValueError, match=r"`lr` must be > 0 and <= 100, not 500"):
        _bridge.playground_start(dict(SETTING, lr=500))
    with pytest.raises(ValueError, match=r"^`settings` has no lr, seed\.$"):
        _bridge.playground_start({k: v for k, v in SETTING.items() if k not in ("seed", "lr")})
    # a tick reads a playground's trainer
    assert _bridge.playground_tick(playground, epochs=2)["epoch"] == 3


SETTING = {"hidden": 4, "activation": "tanh", "lr": 0.1, "batch_size": 128, "noise": 0.1,
           "n_train": 300, "seed": 42}
SIZES = {"boundary": [300, 200], "history": [420, 200], "neurons": [400.5, 100],
         "network": [200, 100]}


def _pixels(path):
    from PIL import Image

    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"), dtype=np.int16)


def test_a_frame_trains_then_draws_each_panel_into_a_new_file(tmp_path):
    playground = Playground(**SETTING)
    first = playground.frame(0, SIZES, 1.0, tmp_path)
    assert first["epoch"] == 0
    assert first["status"] == "epoch 0 · not trained yet"
    assert list(first["files"]) == list(SIZES)
    for name, (width, height) in SIZES.items():
        assert _pixels(first["files"][name]).shape == (round(height), round(width), 3)
    before = {name: _pixels(path) for name, path in first["files"].items()}
    second = playground.frame(5, SIZES, 2.0, tmp_path)  # device pixels: twice the page's
    assert second["epoch"] == playground.trainer.epoch == 5
    history = playground.trainer.history
    assert second["status"] == (f"epoch 5 · loss {history.loss[-1]:.4f} · accuracy "
                                f"{share(history.accuracy[-1])} · test accuracy "
                                f"{share(history.test_accuracy[-1])}")
    assert _pixels(second["files"]["boundary"]).shape == (400, 600, 3)
    assert _pixels(second["files"]["neurons"]).shape == (200, 801, 3)
    # the frame before is removed; this one stays
    assert not any(Path(path).exists() for path in first["files"].values())
    assert sorted(tmp_path.iterdir()) == sorted(Path(p) for p in second["files"].values())
    third = playground.frame(20, SIZES, 1.0, tmp_path)
    for name, path in third["files"].items():  # training moved every panel
        assert np.abs(_pixels(path) - before[name]).mean() > 0.5, name
    assert list(playground.frame(0, {"history": [300, 200]}, 1.0, tmp_path)["files"]) == [
        "history"]
    assert playground.frame(1, None, 1.0, tmp_path)["files"] == {}
    assert len(list(tmp_path.iterdir())) == 0


def test_a_frame_over_the_kept_background_is_the_frame_drawn_whole(tmp_path):
    playground = Playground(**SETTING)
    for _ in range(3):  # three frames over the first frame's background
        kept = playground.frame(5, SIZES, 1.0, tmp_path)["files"]
        kept = {name: _pixels(path) for name, path in kept.items()}
    fresh = Playground(**SETTING)  # same seed: the same run, drawn whole at epoch 15
    fresh.trainer.step(15)
    whole = {name: _pixels(path) for name, path in fresh.frame(0, SIZES, 1.0,
                                                               tmp_path)["files"].items()}
    for name in SIZES:
        difference = np.abs(kept[name] - whole[name])
        assert difference.mean() < 0.5, name  # antialiased edges laid over: a few levels
        assert np.mean(difference > 32) < 0.002, name


def test_the_boundary_shows_the_models_probabilities(tmp_path):
    playground = Playground(**SETTING)
    playground.trainer.step(60)
    image = _pixels(playground.frame(0, {"boundary": [400, 400]}, 1.0, tmp_path)["files"][
        "boundary"])
    grid = xb.decision_grid(playground.trainer.model, step=0.04)
    # the plane's middle column of pixels, away from the points: a far corner has class 1
    # where the model says so, in the look's colours
    corner = image[40:60, :, :]  # the top rows of the panel, inside the axes
    colours = {tuple(int(c) for c in row) for row in corner.reshape(-1, 3)}
    expected = tuple(round(255 * c) for c in to_rgb(DEEP[1] if grid.prob[-1, 0] > 0.5
                                                    else DEEP[0]))
    assert any(max(abs(a - b) for a, b in zip(colour, expected, strict=True)) <= 12
               for colour in colours)


@pytest.mark.parametrize(("arguments", "error", "message"), [
    ({"epochs": -1}, ValueError, "`epochs` must be a whole number >= 0, not -1."),
    ({"sizes": [300, 200]}, TypeError, "`sizes` must map panel names to [width, height]"),
    ({"sizes": {"plot": [3, 2]}}, ValueError, '`sizes` must be one of "boundary", "history"'),
    ({"sizes": {"boundary": 300}}, TypeError,
     "`sizes$boundary` must be [width, height] in page pixels, not 300."),
    ({"sizes": {"boundary": [0, 200]}}, ValueError, "`sizes$boundary width` must be > 0"),
    ({"sizes": {"boundary": [300, 5000]}}, ValueError,
     "`sizes$boundary height` must be > 0 and <= 4000, not 5000."),
    ({"ratio": 0}, ValueError, "`ratio` must be >= 0.5 and <= 4, not 0."),
    ({"directory": "/no/such/folder"}, ValueError,
     "`directory` must be an existing folder, not '/no/such/folder'."),
])
def test_a_bad_frame_trains_nothing(arguments, error, message):
    playground = Playground(**SETTING)
    with pytest.raises(error, match=re.escape(message)):
        _bridge.playground_frame(playground, **{"sizes": {"network": [100, 100]}, **arguments})
    assert playground.trainer.epoch == 0
    with pytest.raises(TypeError, match=r"^`playground` must be a Playground, not Trainer\.$"):
        _bridge.playground_frame(playground.trainer)


def test_an_address_sets_the_first_values():
    start = _bridge.playground_settings(
        {"hidden": "2", "seed": "40", "activation": "relu", "lr": "abc", "other": "1"})["start"]
    assert start == {"hidden": 2.0, "activation": "relu", "lr": None, "batch_size": 128,
                     "noise": 0.1, "n_train": 2500, "seed": 40.0}
    # the slider needs a number: it keeps the walkthrough's
    assert _bridge.playground_settings({"hidden": "abc"})["start"]["hidden"] == 4
    assert _bridge.playground_settings({"hidden": "inf"})["start"]["hidden"] == 4
    # R's empty query is an empty list
    assert _bridge.playground_settings([]) == _bridge.playground_settings()
