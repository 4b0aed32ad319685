import numpy as np
import pandas as pd
import pytest
import torch

import xorbridge as xb

TRAIN = xb.XORDataset(600, seed=5)
TEST = xb.XORDataset(200, seed=6)


def individual(size, seed, activation="tanh", epochs=15):
    xb.set_seed(seed)
    model = xb.SimpleClassifier(num_hidden=size, activation=activation)
    history = xb.train_model(model, TRAIN, epochs=epochs, seed=seed, device="cpu",
                             progress=False)
    return model, history


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
def test_each_model_equals_its_own_run(activation):
    sweep = xb.sweep_hidden(sizes=(1, 2, 5), seeds=(0, 3), train=TRAIN, test=TEST, epochs=15,
                            activation=activation, device="cpu")
    assert len(sweep.table) == 6
    for row in sweep.table.itertuples():
        model, history = individual(row.num_hidden, row.seed, activation)
        assert row.final_loss == pytest.approx(history.loss[-1], abs=1e-5)
        assert row.train_accuracy == pytest.approx(history.accuracy[-1], abs=1e-5)
        assert row.test_accuracy == pytest.approx(xb.eval_model(model, TEST), abs=1e-5)
        trained = sweep.model(row.num_hidden, row.seed)
        assert trained.num_hidden == row.num_hidden
        for name, value in model.state_dict().items():
            torch.testing.assert_close(trained.state_dict()[name], value, rtol=0, atol=1e-5)
    assert sweep.loss.shape == (6, 15)


def test_the_table_is_tidy_and_ordered():
    sweep = xb.sweep_hidden(sizes=[4, 1], seeds=range(3), train=TRAIN, test=TEST, epochs=2)
    table = sweep.to_frame()
    assert list(table.columns) == ["num_hidden", "seed", "final_loss", "train_accuracy",
                                   "test_accuracy"]
    assert table["num_hidden"].tolist() == [4, 4, 4, 1, 1, 1]
    assert table["seed"].tolist() == [0, 1, 2, 0, 1, 2]
    assert table["test_accuracy"].between(0, 1).all()
    summary = sweep.summary()
    assert isinstance(summary, pd.DataFrame)
    assert summary["seeds"].tolist() == [3, 3]
    assert sweep.seconds > 0


def test_defaults_are_the_tutorials_data():
    sweep = xb.sweep_hidden(sizes=[4], seeds=[42], epochs=100)
    xb.set_seed(42)
    model = xb.SimpleClassifier()
    history = xb.train_model(model, xb.XORDataset(2500, seed=42), seed=42, progress=False)
    assert sweep.table["final_loss"][0] == pytest.approx(history.loss[-1], abs=1e-5)
    assert sweep.table["test_accuracy"][0] == pytest.approx(
        xb.eval_model(model, xb.XORDataset(500, seed=43)), abs=1e-5)
    assert sweep.table["test_accuracy"][0] >= 0.99


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"sizes": []}, ValueError, "`sizes` must hold at least one value"),
        ({"sizes": [0, 2]}, ValueError, "`sizes` must be a positive whole number"),
        ({"sizes": [2, 2]}, ValueError, "`sizes` must not repeat"),
        ({"sizes": "124"}, TypeError, "`sizes` must be a list"),
        ({"sizes": [10_000]}, ValueError, "at most 4096"),
        ({"seeds": [-1]}, ValueError, "`seeds`"),
        ({"seeds": [1.5]}, ValueError, "`seeds`"),
        ({"seeds": 3}, TypeError, "`seeds` must be a list"),
        ({"epochs": 0}, ValueError, "`epochs`"),
        ({"lr": -1}, ValueError, "`lr`"),
        ({"activation": "gelu"}, ValueError, "`activation`"),
        ({"device": "tpu"}, ValueError, "`device`"),
        ({"train": "data"}, TypeError, "`train` must be an XORDataset"),
        ({"sizes": range(1, 200), "seeds": range(100)}, ValueError, "at most 10,000"),
    ],
)
def test_bad_arguments(kwargs, error, pattern):
    with pytest.raises(error, match=pattern):
        xb.sweep_hidden(**{"train": TRAIN, "test": TEST, "epochs": 1, **kwargs})


def test_the_callers_random_state_and_flags_are_left_alone():
    torch.manual_seed(123)
    expected = torch.rand(3)
    deterministic = torch.are_deterministic_algorithms_enabled()
    torch.manual_seed(123)
    xb.sweep_hidden(sizes=(1, 2), seeds=(7,), train=TRAIN, test=TEST, epochs=2, device="cpu")
    np.testing.assert_array_equal(torch.rand(3), expected)
    assert torch.are_deterministic_algorithms_enabled() is deterministic
