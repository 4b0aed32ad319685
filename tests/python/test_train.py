import os
import signal

import numpy as np
import pytest
import torch
from torch import nn

import xorbridge as xb


def _fresh(seed=0, hidden=4):
    xb.set_seed(seed)
    return xb.SimpleClassifier(num_hidden=hidden)


def test_the_defaults_reach_99_percent_on_a_fresh_test_set(trained):
    model, history, _, test = trained
    assert len(history) == 100
    assert history.epoch == list(range(1, 101))
    assert history.loss[-1] < history.loss[0] / 10
    assert xb.eval_model(model, test) >= 0.99


def test_history_frame(trained):
    _, history, _, _ = trained
    frame = history.to_frame()
    assert list(frame.columns) == ["epoch", "loss", "accuracy"]
    assert frame["epoch"].tolist() == history.epoch
    assert frame["loss"].tolist() == history.loss
    assert not history.interrupted
    assert history.seconds > 0
    assert "100 epochs" in repr(history)


def test_the_same_seed_gives_bit_identical_weights_and_history():
    data = xb.XORDataset(300, seed=1)
    runs = []
    for _ in range(2):
        model = _fresh(5)
        history = xb.train_model(model, data, epochs=5, seed=9, device="cpu", progress=False)
        runs.append((model.state_dict(), history.loss, history.accuracy))
    (w1, l1, a1), (w2, l2, a2) = runs
    assert all(torch.equal(w1[k], w2[k]) for k in w1)
    assert l1 == l2
    assert a1 == a2
    other = _fresh(5)
    xb.train_model(other, data, epochs=5, seed=10, device="cpu", progress=False)
    assert not torch.equal(other.state_dict()["linear1.weight"], w1["linear1.weight"])


@pytest.mark.parametrize("engine", ["autograd", "fused"])
@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
def test_matches_the_plain_five_step_loop_with_the_same_batches(engine, activation):
    """Both engines compute the tutorial's SGD updates (300 points: a partial last batch)."""
    data = xb.XORDataset(300, seed=2)
    xb.set_seed(3)
    model = xb.SimpleClassifier(num_hidden=3, activation=activation)
    xb.set_seed(3)
    reference = xb.SimpleClassifier(num_hidden=3, activation=activation)
    xb.train_model(model, data, epochs=5, batch_size=64, lr=0.1, seed=4, device="cpu",
                   progress=False, engine=engine)
    shuffler = torch.Generator().manual_seed(4)
    optimizer = torch.optim.SGD(reference.parameters(), lr=0.1)
    loss_module = nn.BCEWithLogitsLoss()
    for _ in range(5):
        order = torch.randperm(len(data), generator=shuffler)
        for start in range(0, len(data), 64):
            batch = order[start : start + 64]
            preds = reference(data.data[batch]).squeeze(dim=1)
            loss = loss_module(preds, data.label[batch].float())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    for name, value in reference.state_dict().items():
        torch.testing.assert_close(model.state_dict()[name], value, rtol=0, atol=1e-6)


def test_the_engines_agree_on_the_tutorials_defaults():
    data = xb.XORDataset(2500, seed=42)
    runs = {}
    for engine in ("autograd", "fused"):
        model = _fresh(42)
        history = xb.train_model(model, data, seed=42, device="cpu", progress=False,
                                 engine=engine)
        runs[engine] = (model.state_dict(), history)
    (weights_a, history_a), (weights_f, history_f) = runs["autograd"], runs["fused"]
    for name in weights_a:
        torch.testing.assert_close(weights_f[name], weights_a[name], rtol=0, atol=1e-5)
    assert history_f.accuracy == history_a.accuracy
    np.testing.assert_allclose(history_f.loss, history_a.loss, rtol=1e-5)
    # the history says which engine trained
    assert (history_a.engine, history_f.engine) == ("autograd", "fused")
    assert repr(history_f).endswith(", fused engine)")
    assert repr(history_a).endswith(", autograd engine)")


def test_auto_uses_the_five_step_loop_where_fused_cannot():
    model = _fresh()
    model.act_fn = nn.Hardtanh()  # not a SimpleClassifier activation the fused step knows
    model.activation = "hardtanh"
    history = xb.train_model(model, xb.XORDataset(100, seed=1), epochs=2, device="cpu",
                             progress=False)
    assert len(history) == 2
    assert history.engine == "autograd"
    with pytest.raises(ValueError, match='`engine` "fused" needs'):
        xb.train_model(model, xb.XORDataset(100, seed=1), epochs=1, progress=False,
                       engine="fused")


def test_a_model_with_two_outputs_is_refused():
    with pytest.raises(ValueError, match="must take 2 inputs"):
        xb.train_model(xb.SimpleClassifier(num_outputs=2), xb.XORDataset(10, seed=1),
                       progress=False)


def test_throttled_callback_calls_rarely_but_always_at_the_end():
    calls = []
    callback = xb.train.throttled(lambda epoch, _logs: calls.append(epoch), seconds=60,
                                  last_epoch=10)
    xb.train_model(_fresh(), xb.XORDataset(50, seed=1), epochs=10, device="cpu",
                   progress=False, callback=callback)
    assert calls == [1, 10]


def test_accepts_a_pair_of_tensors_and_a_partial_last_batch():
    data = xb.XORDataset(130, seed=3)
    history = xb.train_model(_fresh(), (data.data, data.label), epochs=2, batch_size=128,
                             device="cpu", progress=False)
    assert len(history) == 2


def test_callback_sees_every_epoch_and_can_stop_training():
    seen = []

    def callback(epoch, logs):
        seen.append((epoch, sorted(logs)))
        return epoch < 3  # False stops after epoch 3

    history = xb.train_model(_fresh(), xb.XORDataset(200, seed=1), epochs=10,
                             progress=False, device="cpu", callback=callback)
    assert seen == [(1, ["accuracy", "loss"]), (2, ["accuracy", "loss"]),
                    (3, ["accuracy", "loss"])]
    assert len(history) == 3
    assert history.interrupted


def test_stop_training_exception_stops_too():
    def callback(epoch, _logs):
        if epoch == 2:
            raise xb.StopTraining

    history = xb.train_model(_fresh(), xb.XORDataset(200, seed=1), epochs=10,
                             progress=False, device="cpu", callback=callback)
    assert len(history) == 2
    assert history.interrupted


def test_keyboard_interrupt_keeps_the_completed_epochs_and_a_usable_model():
    def callback(epoch, _logs):
        if epoch == 4:
            raise KeyboardInterrupt

    model = _fresh()
    with pytest.warns(RuntimeWarning, match="interrupted after 4 of 50 epochs"):
        history = xb.train_model(model, xb.XORDataset(500, seed=1), epochs=50,
                                 progress=False, device="cpu", callback=callback)
    assert len(history) == 4
    assert history.interrupted
    assert all(torch.isfinite(p).all() for p in model.parameters())
    assert 0 <= xb.eval_model(model, xb.XORDataset(100, seed=2)) <= 1


def test_ctrl_c_stops_at_the_next_batch_boundary():
    """A real SIGINT during an epoch ends training before the next batch."""
    fired = {}

    def callback(epoch, _logs):
        if epoch == 2:
            os.kill(os.getpid(), signal.SIGINT)  # handled: only a request
            fired["epoch"] = epoch

    with pytest.warns(RuntimeWarning, match="interrupted after 2 of 20 epochs"):
        history = xb.train_model(_fresh(), xb.XORDataset(500, seed=1), epochs=20,
                                 progress=False, device="cpu", callback=callback)
    assert fired == {"epoch": 2}
    assert len(history) == 2
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def _sigint_when_batch_starts(monkeypatch, model, engine, batch):
    """Send a real SIGINT to this process as batch number ``batch`` (1-based) starts.

    The signal is raised from inside the step, at a known point, so the result
    does not depend on how fast the machine trains. Returns the list of steps
    started (its length is how many batches ran).
    """
    started = []

    def on_batch_start():
        started.append(len(started) + 1)
        if len(started) == batch:
            os.kill(os.getpid(), signal.SIGINT)  # handled: only a request

    if engine == "autograd":
        model.register_forward_pre_hook(lambda _module, _args: on_batch_start())
    else:  # the fused engine never calls forward(): hook its first operation of a step
        forward = xb.model.ACTIVATIONS_INTO[model.activation]

        def counted(*args):
            on_batch_start()
            return forward(*args)

        monkeypatch.setitem(xb.model.ACTIVATIONS_INTO, model.activation, counted)
    return started


@pytest.mark.parametrize("engine", ["fused", "autograd"])
def test_ctrl_c_in_the_middle_of_an_epoch_keeps_the_last_completed_step(monkeypatch, engine):
    """A real SIGINT while the 5th step of the first epoch runs: that step completes."""
    model = _fresh()
    data = xb.XORDataset(1000, seed=1)  # 125 steps an epoch at batch_size 8
    before = [p.detach().clone() for p in model.parameters()]
    started = _sigint_when_batch_starts(monkeypatch, model, engine, batch=5)
    with pytest.warns(RuntimeWarning, match="interrupted after 0 of 3 epochs"):
        history = xb.train_model(model, data, epochs=3, batch_size=8, seed=2, device="cpu",
                                 progress=False, engine=engine)
    assert history.interrupted
    assert len(history) == 0
    assert started == [1, 2, 3, 4, 5]  # the 6th step never began
    after = [p.detach().clone() for p in model.parameters()]
    assert all(torch.isfinite(p).all() for p in after)
    assert any(not torch.equal(a, b) for a, b in zip(after, before, strict=True))
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    # exactly five completed steps: the tutorial's five-step loop, run by hand
    reference = _fresh()
    order = torch.randperm(1000, generator=torch.Generator().manual_seed(2))
    optimizer = torch.optim.SGD(reference.parameters(), lr=0.1)
    for step in range(5):
        batch = order[step * 8 : (step + 1) * 8]
        loss = nn.functional.binary_cross_entropy_with_logits(
            reference(data.data[batch]).squeeze(1), data.label[batch].float())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    for got, want in zip(after, reference.parameters(), strict=True):
        torch.testing.assert_close(got, want.detach(), rtol=0, atol=1e-6)


def test_a_second_ctrl_c_interrupts_at_once():
    with xb.train._deferred_interrupt() as state:
        handler = signal.getsignal(signal.SIGINT)
        handler(signal.SIGINT, None)
        assert state.requested
        with pytest.raises(KeyboardInterrupt):
            handler(signal.SIGINT, None)


def test_progress_bar_goes_to_stderr(capsys):
    xb.train_model(_fresh(), xb.XORDataset(100, seed=1), epochs=3, device="cpu",
                   progress=True)
    captured = capsys.readouterr()
    assert "3/3" in captured.err
    assert captured.out == ""


def test_no_output_without_progress(capsys):
    xb.train_model(_fresh(), xb.XORDataset(100, seed=1), epochs=2, device="cpu",
                   progress=False)
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"epochs": 0}, ValueError, "`epochs` must be a positive whole number"),
        ({"epochs": 1.5}, ValueError, "`epochs`"),
        ({"epochs": "10"}, TypeError, "`epochs`"),
        ({"batch_size": -1}, ValueError, "`batch_size`"),
        ({"batch_size": None}, TypeError, "`batch_size`"),
        ({"lr": 0}, ValueError, "`lr` must be > 0"),
        ({"lr": float("inf")}, ValueError, "`lr` must be a finite number"),
        ({"lr": "fast"}, TypeError, "`lr` must be a number"),
        ({"seed": -3}, ValueError, "`seed`"),
        ({"device": "gpu"}, ValueError, "`device`"),
        ({"progress": "yes"}, ValueError, "`progress` must be True, False or \"auto\""),
        ({"callback": 3}, TypeError, "`callback` must be a function"),
        ({"engine": "jit"}, ValueError, '`engine` must be one of "auto", "fused", "autograd"'),
    ],
)
def test_bad_arguments(kwargs, error, pattern):
    with pytest.raises(error, match=pattern):
        xb.train_model(_fresh(), xb.XORDataset(10, seed=1), **{"progress": False, **kwargs})


def test_bad_model_and_data():
    with pytest.raises(TypeError, match="`model` must be a SimpleClassifier"):
        xb.train_model("model", xb.XORDataset(10, seed=1))
    with pytest.raises(TypeError, match="`data` must be an XORDataset"):
        xb.train_model(_fresh(), {"x": [0, 1]})
    with pytest.raises(ValueError, match=r"points must have shape \(N, 2\)"):
        xb.train_model(_fresh(), (torch.zeros(4, 3), torch.zeros(4)))
    with pytest.raises(ValueError, match="labels must be 0 or 1"):
        xb.train_model(_fresh(), (torch.zeros(4, 2), torch.tensor([0, 1, 2, 1])))


def test_ctrl_c_goes_through_a_handler_installed_before():
    # inside R, reticulate's own Python-level handler is the one in place: the
    # first Ctrl-C is a request, the second goes to that handler, which is back
    # in place afterwards
    calls = []

    def host_handler(signum, _frame):
        calls.append(signum)

    previous = signal.signal(signal.SIGINT, host_handler)
    try:
        with xb.train._deferred_interrupt() as state:
            handler = signal.getsignal(signal.SIGINT)
            handler(signal.SIGINT, None)
            assert state.requested
            assert calls == []
            handler(signal.SIGINT, None)
            assert calls == [signal.SIGINT]
        assert signal.getsignal(signal.SIGINT) is host_handler
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.mark.parametrize("training", [True, False])
def test_training_leaves_the_model_in_the_mode_it_found(training):
    model = _fresh().train(training)
    xb.train_model(model, xb.XORDataset(50, seed=1), epochs=1, device="cpu", progress=False)
    assert model.training is training


def test_progress_auto_draws_a_bar_only_where_someone_watches(monkeypatch, capsys):
    from xorbridge import train

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr("sys.stderr.isatty", lambda: False, raising=False)
    assert train._wants_progress("auto") is False  # knitr, captured output
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    assert train._wants_progress("auto") is True  # a terminal
    monkeypatch.setenv("CI", "true")
    assert train._wants_progress("auto") is False
    assert train._wants_progress(True) is True
    assert train._wants_progress(False) is False
    # where no one watches, "auto" writes nothing at all
    xb.train_model(_fresh(), xb.XORDataset(50, seed=1), epochs=30)
    assert capsys.readouterr().err == ""


def test_a_bar_redraws_on_its_clock_not_on_every_epoch(monkeypatch, capsys):
    """With tqdm's clock stopped, 200 epochs draw the bar only when it opens and closes:
    neither the postfix nor the updates redraw it each epoch (100 states in a page)."""
    monkeypatch.setattr("tqdm.std.time", lambda: 1000.0)
    xb.train_model(_fresh(), xb.XORDataset(50, seed=1), epochs=200, progress=True)
    err = capsys.readouterr().err
    assert err.count("\r") <= 3, err
    assert "200/200" in err
