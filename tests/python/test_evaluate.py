import numpy as np
import pandas as pd
import pytest
import torch

import xorbridge as xb
import xorbridge.budget
import xorbridge.evaluate


def test_accuracy_does_not_depend_on_the_batch_size(trained):
    model, _, _, test = trained
    with torch.no_grad():
        expected = ((torch.sigmoid(model(test.data).squeeze(1)) >= 0.5).long()
                    == test.label).float().mean().item()
    for batch_size in (1, 7, 89, 128, 499, 500, 10_000):
        assert xb.eval_model(model, test, batch_size=batch_size) == pytest.approx(expected,
                                                                                 abs=1e-12)


def test_the_default_gives_the_tutorials_result_in_few_passes(trained):
    model, _, _, _ = trained
    data = xb.XORDataset(140_000, seed=7)  # more than one default pass
    calls = []
    handle = model.register_forward_hook(lambda _m, inputs, _o: calls.append(len(inputs[0])))
    try:
        default = xb.eval_model(model, data)
        passes, calls[:] = list(calls), []
        assert default == xb.eval_model(model, data, batch_size=128)  # the tutorial's loop
    finally:
        handle.remove()
    assert passes == [xb.evaluate.PASS_POINTS, 140_000 - 131_072]
    assert len(calls) == 1094  # ceil(140,000 / 128)


def test_the_default_pass_shrinks_to_the_memory_budget(trained):
    model, _, _, test = trained
    per_point = xb.budget.forward_bytes(1, model)
    previous = xb.budget.set_memory_budget(int(100 * per_point))
    calls = []
    handle = model.register_forward_hook(lambda _m, inputs, _o: calls.append(len(inputs[0])))
    try:
        accuracy = xb.eval_model(model, test)
        probabilities = xb.predict_proba(model, test)
        with pytest.raises(ValueError, match="use a smaller `batch_size`"):
            xb.eval_model(model, test, batch_size=101)
    finally:
        handle.remove()
        xb.budget.set_memory_budget(previous)
    assert set(calls) == {100}  # 500 points: 5 passes each
    assert len(calls) == 10
    assert accuracy == xb.eval_model(model, test, batch_size=500)
    np.testing.assert_allclose(probabilities, xb.predict_proba(model, test, batch_size=500),
                               rtol=0, atol=1e-7)  # float32 rounding of the matrix products


def test_every_point_counts_including_the_last_partial_batch():
    model = xb.SimpleClassifier()
    with torch.no_grad():  # a model that predicts class 1 everywhere
        for p in model.parameters():
            p.zero_()
        model.linear2.bias.fill_(5.0)
    points = torch.zeros(130, 2)
    labels = torch.zeros(130, dtype=torch.long)
    labels[128:] = 1  # only the last, partial batch is right
    assert xb.eval_model(model, (points, labels), batch_size=128) == 2 / 130


def test_eval_restores_the_training_mode(trained):
    model, _, _, test = trained
    model.train()
    xb.eval_model(model, test)
    assert model.training
    model.eval()


def test_predict_proba_accepts_tensors_arrays_frames_and_lists(trained):
    model, _, _, test = trained
    points = test.data[:20]
    expected = xb.predict_proba(model, points)
    assert expected.shape == (20,)
    assert expected.dtype == np.float32
    assert ((expected >= 0) & (expected <= 1)).all()
    frame = pd.DataFrame({"label": 0, "x2": points[:, 1].numpy(), "x1": points[:, 0].numpy()})
    for given in (points.numpy(), points.numpy().astype(np.float64), points.tolist(), frame):
        np.testing.assert_array_equal(xb.predict_proba(model, given), expected)
    assert xb.predict_proba(model, [0.0, 1.0]).shape == (1,)


@pytest.mark.parametrize(
    ("x", "error", "pattern"),
    [
        (np.zeros((3, 3)), ValueError, r"shape \(N, 2\)"),
        (np.zeros(5), ValueError, r"shape \(N, 2\)"),
        (np.array([[0.0, np.nan]]), ValueError, "finite"),
        (np.array([[0.0, np.inf]]), ValueError, "finite"),
        (np.array([["a", "b"]]), TypeError, "must hold numbers"),
        (pd.DataFrame({"a": [1.0], "b": [2.0]}), ValueError, "missing: x1, x2"),
        (pd.DataFrame({"x1": ["a"], "x2": ["b"]}), TypeError, "must be numeric"),
        (torch.zeros(2, 2, dtype=torch.bool), TypeError, "real numbers"),
    ],
)
def test_predict_proba_refuses_bad_points(trained, x, error, pattern):
    model, _, _, _ = trained
    with pytest.raises(error, match=pattern):
        xb.predict_proba(model, x)


def test_eval_refuses_bad_arguments(trained):
    model, _, _, test = trained
    with pytest.raises(ValueError, match="`batch_size`"):
        xb.eval_model(model, test, batch_size=0)
    with pytest.raises(TypeError, match="`model`"):
        xb.eval_model(None, test)


def test_predict_proba_accepts_a_dataset(trained):
    model, _, _, test = trained
    np.testing.assert_array_equal(xb.predict_proba(model, test),
                                  xb.predict_proba(model, test.data))


def _replaced(change):
    model = xb.SimpleClassifier()
    change(model)
    return model


@pytest.mark.parametrize(("model", "message"), [
    (xb.SimpleClassifier().double(), r"^`model` must have float32 weights, as the points are "
                                     r"float32; linear1\.weight is torch\.float64: convert it "
                                     r"with model\.float\(\)\.$"),
    (xb.SimpleClassifier().half(), r"linear1\.weight is torch\.float16"),
    (_replaced(lambda m: setattr(m, "linear1", torch.nn.Linear(2, 7))),
     r"^`model`\.linear1 was replaced: this SimpleClassifier \(2 -> 4 -> 1\) needs Linear\(2, 4\)"),
    (_replaced(lambda m: setattr(m, "linear2", torch.nn.Identity())),
     r"^`model`\.linear2 was replaced: .* not Identity\(\)\."),
    (_replaced(lambda m: setattr(m, "linear2", torch.nn.Linear(4, 1, bias=False))),
     r"needs Linear\(4, 1\) with a bias there"),
    (_replaced(lambda m: setattr(m, "act_fn", torch.nn.Softmax(dim=1))),
     r"^`model`\.act_fn is Softmax, not the Tanh its activation 'tanh' says"),
])
@pytest.mark.parametrize("verb", ["eval", "train", "grid", "predict"])
def test_changed_models_are_refused_at_the_door_naming_what_changed(model, message, verb):
    data = xb.XORDataset(50, seed=1)
    before = {name: value.clone() for name, value in model.state_dict().items()}
    calls = {
        "eval": lambda: xb.eval_model(model, data),
        "train": lambda: xb.train_model(model, data, epochs=1, device="cpu", progress=False),
        "grid": lambda: xb.decision_grid(model, step=0.5),
        "predict": lambda: xb.predict_proba(model, [[0.0, 1.0]]),
    }
    with pytest.raises(ValueError, match=message):
        calls[verb]()
    assert all(torch.equal(value, before[name]) for name, value in model.state_dict().items())


def test_an_activation_renamed_with_its_layer_still_trains_with_autograd():
    model = xb.SimpleClassifier()
    model.act_fn = torch.nn.Hardtanh()
    model.activation = "hardtanh"
    history = xb.train_model(model, xb.XORDataset(100, seed=1), epochs=2, device="cpu",
                             progress=False)
    assert history.engine == "autograd"


def _passes_by_hand(model, points, batch_size):
    """The tutorial's arithmetic, a pass at a time: sigmoid(model(x)) for each batch."""
    with torch.no_grad():
        return torch.cat([torch.sigmoid(model(points[start : start + batch_size])).squeeze(1)
                          for start in range(0, len(points), batch_size)]).numpy()


@pytest.mark.parametrize("activation", sorted(xb.model.ACTIVATIONS_INTO))
@pytest.mark.parametrize("num_hidden", [1, 4, 33])
def test_passes_in_buffers_equal_the_models_forward_bit_for_bit(monkeypatch, activation,
                                                               num_hidden):
    xb.set_seed(3)
    model = xb.SimpleClassifier(num_hidden=num_hidden, activation=activation)
    data = xb.XORDataset(1_003, seed=4)
    batch_sizes = (1_003, 500, 97, 1)
    by_hand_all = {size: _passes_by_hand(model, data.data, size) for size in batch_sizes}

    def not_called(*_args):
        raise AssertionError("the buffered passes do not call forward()")

    monkeypatch.setattr(xb.SimpleClassifier, "forward", not_called)
    for batch_size in batch_sizes:
        by_hand = by_hand_all[batch_size]
        assert np.array_equal(xb.predict_proba(model, data, batch_size=batch_size), by_hand)
        right = ((torch.from_numpy(by_hand) >= 0.5).long() == data.label).sum().item()
        assert xb.eval_model(model, data, batch_size=batch_size) == right / len(data)


class _OwnForward(xb.SimpleClassifier):
    def forward(self, x):
        return -super().forward(x)


def _own_instance_forward():
    model = xb.SimpleClassifier()
    plain = model.forward
    model.forward = lambda x: -plain(x)
    return model


def _with_hook():
    model = xb.SimpleClassifier()
    model.linear2.register_forward_hook(lambda _module, _inputs, output: -output)
    return model


@pytest.mark.parametrize("make", [_OwnForward, _own_instance_forward, _with_hook,
                                  lambda: xb.SimpleClassifier(activation="gelu")],
                         ids=["subclass", "instance forward", "layer hook", "gelu"])
def test_a_model_not_as_built_is_evaluated_through_its_own_forward(make):
    xb.set_seed(5)
    model = make()
    data = xb.XORDataset(301, seed=6)
    assert xb.evaluate._Passes(model).built is None
    by_hand = _passes_by_hand(model, data.data, 100)
    assert np.array_equal(xb.predict_proba(model, data, batch_size=100), by_hand)
    right = ((torch.from_numpy(by_hand) >= 0.5).long() == data.label).sum().item()
    assert xb.eval_model(model, data, batch_size=100) == right / len(data)


def test_a_global_forward_hook_sees_every_pass():
    model = xb.SimpleClassifier()
    seen = []
    handle = torch.nn.modules.module.register_module_forward_hook(
        lambda module, inputs, _output: seen.append(len(inputs[0]))
        if isinstance(module, xb.SimpleClassifier) else None)
    try:
        xb.eval_model(model, xb.XORDataset(250, seed=1), batch_size=100)
    finally:
        handle.remove()
    assert seen == [100, 100, 50]  # each pass
    assert xb.evaluate._Passes(model).built is not None  # hook gone: the buffers again


@pytest.mark.parametrize("size", [0, 1, 1_000])
def test_ones_are_counted_exactly_by_either_route(monkeypatch, size):
    right = (torch.rand(size, generator=torch.Generator().manual_seed(size)) > 0.3).float()
    expected = int((right == 1).sum())
    counts = [xb.evaluate._count_ones(right)]
    monkeypatch.setattr(xb.evaluate, "FLOAT_SUM_EXACT", 0)  # count_nonzero from here on
    counts.append(xb.evaluate._count_ones(right))
    assert [(int(c), c.dtype) for c in counts] == [(expected, torch.int64)] * 2


def test_probabilities_are_float32_whatever_torchs_default_dtype():
    model = xb.SimpleClassifier()  # float32 weights, made before the default changes
    previous = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        probabilities = xb.predict_proba(model, [[0.0, 1.0], [1.0, 1.0]])
    finally:
        torch.set_default_dtype(previous)
    assert probabilities.dtype == np.float32
    assert np.array_equal(probabilities, xb.predict_proba(model, [[0.0, 1.0], [1.0, 1.0]]))
