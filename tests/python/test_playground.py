"""The playground's one call per tick (``_bridge.playground_tick``) and its parts."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
import torch
from torch import nn

import xorbridge as xb
from xorbridge import _bridge
from xorbridge.grid import blend_hex, hex_colours
from xorbridge.look import DEEP, TAB10
from xorbridge.plot import activation_colours

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
    history = tick["history"]
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
    assert again["history"]["epoch"] == [6, 7, 8]
    assert again["history"]["test_accuracy"] == trainer.history.test_accuracy[5:]


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
    assert tick["history"]["epoch"] == []
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
    ({"trainer": "trainer"}, TypeError, "`trainer` must be a Trainer, not str."),
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
    assert {"Trainer", "playground_tick", "network_columns", "snapshots_run",
            "training_snapshots"} <= set(_bridge.__all__)
    assert _bridge.network_columns(nn.Sequential(nn.Linear(2, 1))) is None


def test_the_playground_settings_and_trainer_are_pythons():
    from xorbridge import _bridge

    settings = _bridge.playground_settings()
    assert settings["ids"] == ["hidden", "activation", "lr", "batch_size", "noise", "n_train",
                               "seed"]
    assert settings["start"] == {"hidden": 4, "activation": "tanh", "lr": 0.1, "batch_size": 128,
                                 "noise": 0.1, "n_train": 2500, "seed": 42}
    assert settings["hidden"] == [1, 8]
    run = _bridge.playground_trainer(2, "tanh", 0.1, 128, 0.1, 2500, 40)
    trainer, train = run["trainer"], run["train"]
    assert torch.equal(train.data, xb.XORDataset(2500, seed=40).data)
    xb.set_seed(40)
    alone = xb.SimpleClassifier(num_hidden=2)
    assert all(torch.equal(a, b) for a, b in
               zip(trainer.model.state_dict().values(), alone.state_dict().values(), strict=True))
    trainer.step(1)
    test = xb.XORDataset(500, seed=41)
    assert trainer.history.test_accuracy == [xb.eval_model(trainer.model, test)]
    with pytest.raises(ValueError, match=r"^`hidden` must be at most 8, not 9\.$"):
        _bridge.playground_trainer(9, "tanh", 0.1, 128, 0.1, 2500, 40)
    with pytest.raises(ValueError, match=r"`lr` must be > 0 and <= 100, not 500"):
        _bridge.playground_trainer(2, "tanh", 500, 128, 0.1, 2500, 40)
