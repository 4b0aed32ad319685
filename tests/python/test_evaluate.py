import numpy as np
import pandas as pd
import pytest
import torch

import xorbridge as xb


def test_accuracy_does_not_depend_on_the_batch_size(trained):
    model, _, _, test = trained
    with torch.no_grad():
        expected = ((torch.sigmoid(model(test.data).squeeze(1)) >= 0.5).long()
                    == test.label).float().mean().item()
    for batch_size in (1, 7, 89, 128, 499, 500, 10_000):
        assert xb.eval_model(model, test, batch_size=batch_size) == pytest.approx(expected,
                                                                                 abs=1e-12)


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
