"""Trainer: training in steps is train_model's run, bit for bit."""

from __future__ import annotations

import os
import re
import signal

import pytest
import torch
from torch import nn

import xorbridge as xb

DATA = xb.XORDataset(2500, seed=42)
TEST = xb.XORDataset(500, seed=43)


def _fresh(seed=0, **kwargs):
    xb.set_seed(seed)
    return xb.SimpleClassifier(**kwargs)


def _same_weights(a: nn.Module, b: nn.Module) -> bool:
    first, second = a.state_dict(), b.state_dict()
    return first.keys() == second.keys() and all(torch.equal(first[k], second[k]) for k in first)


@pytest.mark.parametrize("engine", ["fused", "autograd"])
@pytest.mark.parametrize("steps", [(40, 60), (1, 0, 38, 61)])
def test_steps_are_train_models_run_bit_for_bit(engine, steps):
    whole = _fresh(42)
    expected = xb.train_model(whole, DATA, epochs=100, seed=7, device="cpu", progress=False,
                              engine=engine, test=TEST)
    trainer = xb.Trainer(_fresh(42), DATA, seed=7, device="cpu", engine=engine, test=TEST)
    for count in steps:
        trainer.step(count)
    assert _same_weights(trainer.model, whole)
    got = trainer.history
    assert got.epoch == expected.epoch == list(range(1, 101))
    assert got.loss == expected.loss
    assert got.accuracy == expected.accuracy
    assert got.test_accuracy == expected.test_accuracy
    assert got.engine == expected.engine == engine
    assert not got.interrupted
    assert trainer.epoch == 100


@pytest.mark.parametrize("engine", ["fused", "autograd"])
def test_a_drawn_seed_follows_set_seed_as_train_model_does(engine):
    data = xb.XORDataset(300, seed=1)
    whole = _fresh(3)
    xb.set_seed(11)
    expected = xb.train_model(whole, data, epochs=6, device="cpu", progress=False,
                              engine=engine)
    model = _fresh(3)
    xb.set_seed(11)
    trainer = xb.Trainer(model, data, device="cpu", engine=engine)
    trainer.step(2)
    trainer.step(4)
    assert trainer.seed is None
    assert _same_weights(model, whole)
    assert trainer.history.loss == expected.loss


def test_step_returns_the_history_of_its_own_epochs():
    trainer = xb.Trainer(_fresh(), xb.XORDataset(200, seed=1), seed=0, device="cpu")
    assert trainer.epoch == 0
    assert len(trainer.history) == 0
    first = trainer.step(3)
    second = trainer.step(2)
    assert first.epoch == [1, 2, 3]
    assert second.epoch == [4, 5]
    assert trainer.history.epoch == [1, 2, 3, 4, 5]
    assert trainer.history.loss == first.loss + second.loss
    assert repr(second).startswith("History(epochs 4-5 (2 rows)")
    nothing = trainer.step(0)
    assert nothing.epoch == []
    assert trainer.epoch == 5
    last = trainer.step()
    assert last.epoch == [6]  # one epoch by default
    # the whole history's time is its steps' time
    runs = (first, second, nothing, last)
    assert trainer.history.seconds == pytest.approx(sum(run.seconds for run in runs))
    assert first.seconds > 0


def test_the_attributes_an_app_reads():
    data = xb.XORDataset(130, seed=2)
    trainer = xb.Trainer(_fresh(), data, batch_size=64, lr=0.5, seed=4, device="cpu")
    assert (trainer.batch_size, trainer.lr, trainer.seed) == (64, 0.5, 4)
    assert trainer.engine == "fused"
    assert trainer.device == torch.device("cpu")
    assert trainer.size == 130
    points, labels = trainer.data
    assert torch.equal(points, data.data)
    assert torch.equal(labels, data.label)
    text = repr(trainer)
    assert text.startswith("Trainer(2 -> 4 (tanh) -> 1, 17 parameters, on cpu; fused engine, "
                           "batch 64, lr 0.5; History(no completed epochs")


def test_state_is_a_copy_of_the_weights():
    trainer = xb.Trainer(_fresh(), xb.XORDataset(100, seed=1), seed=0, device="cpu")
    trainer.step(2)
    state = trainer.state()
    assert list(state) == ["linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias"]
    for name, value in trainer.model.state_dict().items():
        assert torch.equal(state[name], value)
        assert state[name].data_ptr() != value.data_ptr()
        assert state[name].device == torch.device("cpu")
    state["linear1.weight"].zero_()
    assert trainer.model.linear1.weight.abs().sum() > 0
    trainer.step(1)  # later steps leave the copy alone
    assert state["linear1.bias"].ne(trainer.model.linear1.bias).any()


def test_edits_between_steps_take_effect_in_either_engine():
    """The fused engine starts each step from the weights the model holds."""
    data = xb.XORDataset(300, seed=5)
    models = {}
    for engine in ("fused", "autograd"):
        trainer = xb.Trainer(_fresh(1), data, seed=2, device="cpu", engine=engine)
        trainer.step(3)
        with torch.no_grad():
            trainer.model.linear2.weight.fill_(0.25)
        trainer.step(2)
        models[engine] = trainer.model
    for name, value in models["autograd"].state_dict().items():
        torch.testing.assert_close(models["fused"].state_dict()[name], value, rtol=0, atol=1e-5)


@pytest.mark.parametrize("training", [True, False])
def test_a_step_leaves_the_model_in_the_mode_it_found(training):
    model = _fresh().train(training)
    trainer = xb.Trainer(model, xb.XORDataset(50, seed=1), device="cpu")
    trainer.step(2)
    assert model.training is training


def test_a_learners_own_module_trains_with_the_five_steps():
    xb.set_seed(0)
    model = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1))
    trainer = xb.Trainer(model, xb.XORDataset(100, seed=1), device="cpu")
    assert trainer.engine == "autograd"
    assert len(trainer.step(2)) == 2
    assert repr(trainer).startswith("Trainer(Sequential on cpu; autograd engine")


def test_ctrl_c_during_a_step_keeps_the_completed_epochs():
    model = _fresh()
    trainer = xb.Trainer(model, xb.XORDataset(1000, seed=1), batch_size=8, seed=2,
                         device="cpu", engine="autograd")
    trainer.step(2)
    steps = []

    def on_batch_start(_module, _args):
        steps.append(1)
        if len(steps) == 3:
            os.kill(os.getpid(), signal.SIGINT)  # handled: only a request

    hook = model.register_forward_pre_hook(on_batch_start)
    with pytest.warns(RuntimeWarning, match="interrupted after 0 of 5 epochs"):
        run = trainer.step(5)
    hook.remove()
    assert run.interrupted
    assert run.epoch == []
    assert len(steps) == 3  # the fourth SGD step never began
    assert trainer.history.interrupted
    assert trainer.epoch == 2
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert all(torch.isfinite(p).all() for p in model.parameters())


CASES = [
    ({"batch_size": 0}, ValueError, "`batch_size` must be a positive whole number, not 0."),
    ({"lr": -1}, ValueError, "`lr` must be > 0 and <= 100, not -1."),
    ({"seed": "x"}, TypeError, '`seed` must be a whole number >= 0 or None, not "x".'),
    ({"device": "gpu"}, ValueError, "`device` must be"),
    ({"engine": "jit"}, ValueError, '`engine` must be one of "auto", "fused", "autograd"'),
    ({"data": {"x": 1}}, TypeError, "`data` must be an XORDataset"),
    ({"test": "test"}, TypeError, "`test` must be an XORDataset"),
    ({"model": "model"}, TypeError, "`model` must be a SimpleClassifier or another torch"),
]


@pytest.mark.parametrize(("kwargs", "error", "message"), CASES, ids=[str(c[0]) for c in CASES])
def test_bad_arguments_are_refused_before_anything_moves(kwargs, error, message):
    model = _fresh()
    before = {name: value.clone() for name, value in model.state_dict().items()}
    generator = torch.get_rng_state()
    arguments = {"model": model, "data": xb.XORDataset(20, seed=1), "device": "cpu", **kwargs}
    with pytest.raises(error, match=re.escape(message)):
        xb.Trainer(**arguments)
    assert torch.equal(torch.get_rng_state(), generator)  # no seed drawn
    assert all(torch.equal(before[name], value) for name, value in model.state_dict().items())


@pytest.mark.parametrize(("epochs", "error", "message"), [
    (-1, ValueError, "`epochs` must be a whole number >= 0, not -1."),
    (1.5, ValueError, "`epochs` must be a whole number >= 0, not 1.5."),
    ("5", TypeError, '`epochs` must be a whole number >= 0, not "5".'),
    (10**7, ValueError, "`epochs` must be at most 1,000,000, not 10,000,000."),
])
def test_a_bad_step_is_refused_and_trains_nothing(epochs, error, message):
    trainer = xb.Trainer(_fresh(), xb.XORDataset(20, seed=1), device="cpu")
    before = trainer.state()
    with pytest.raises(error, match=re.escape(message)):
        trainer.step(epochs)
    assert trainer.epoch == 0
    assert all(torch.equal(before[k], v) for k, v in trainer.state().items())


def test_trainer_is_public():
    assert "Trainer" in xb.__all__
    assert "training_snapshots" in xb.__all__


# --- training_snapshots -------------------------------------------------------------------


@pytest.mark.parametrize("engine", ["fused", "autograd"])
def test_snapshots_are_copies_of_one_train_model_run(engine):
    data = xb.XORDataset(400, seed=3)
    initial = _fresh(8)
    start = {k: v.clone() for k, v in initial.state_dict().items()}
    copies = xb.training_snapshots(initial, data, epochs=(5, 0, 2, 5), seed=1, device="cpu",
                                   engine=engine)
    assert list(copies) == [0, 2, 5]
    assert all(torch.equal(copies[0].state_dict()[k], v) for k, v in start.items())
    for epochs in (2, 5):
        reference = _fresh(8)
        xb.train_model(reference, data, epochs=epochs, seed=1, device="cpu", progress=False,
                       engine=engine)
        assert _same_weights(copies[epochs], reference)
    assert _same_weights(copies[5], initial)  # the model itself is trained in place
    assert copies[5] is not initial
    with torch.no_grad():
        initial.linear1.weight.zero_()
    assert copies[5].linear1.weight.abs().sum() > 0


@pytest.mark.parametrize(("epochs", "error", "message"), [
    ([], ValueError, "`epochs` must hold 1 to 1,000 epochs, not 0."),
    ([1, -2], ValueError, "`epochs` must be a whole number >= 0, not -2."),
    (["5"], TypeError, '`epochs` must be a whole number >= 0, not "5".'),
    ("5", TypeError, '`epochs` must be a whole number >= 0, not "5".'),
])
def test_bad_snapshot_epochs(epochs, error, message):
    with pytest.raises(error, match=re.escape(message)):
        xb.training_snapshots(_fresh(), xb.XORDataset(20, seed=1), epochs=epochs)


def test_one_snapshot_epoch_may_be_a_number():
    copies = xb.training_snapshots(_fresh(), xb.XORDataset(20, seed=1), epochs=3, device="cpu")
    assert list(copies) == [3]
