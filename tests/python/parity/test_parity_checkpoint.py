"""Checkpoints cross the language border both ways, with identical predictions."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import xorbridge as xb

pytestmark = pytest.mark.rpy2

POINTS = xb.XORDataset(300, std=0.3, seed=5)


def test_save_model_from_r_and_load_model_in_python(r, tmp_path):
    path = tmp_path / "from-r.pt"
    prob = r.run("""
set_seed(3)
model <- simple_classifier(num_hidden = 3, activation = "relu")
train_model(model, xor_dataset(500, seed = 3), epochs = 5, device = "cpu")
save_model(model, path)
predict(model, xor_dataset(300, std = 0.3, seed = 5))
""", path=str(path))
    model = xb.load_model(path)
    assert model.config == {"num_inputs": 2, "num_hidden": 3, "num_outputs": 1,
                            "activation": "relu"}
    np.testing.assert_array_equal(prob, xb.predict_proba(model, POINTS))


def test_save_model_from_python_and_load_model_in_r(r, tmp_path):
    path = tmp_path / "from-python.pt"
    torch.manual_seed(4)
    model = xb.SimpleClassifier(num_hidden=2, activation="sigmoid")
    xb.save_model(model, path)
    from_r = r.run("""
model <- load_model(path)
list(summary = summary(model)$config[c("num_hidden", "activation")],
     prob = predict(model, xor_dataset(300, std = 0.3, seed = 5)))
""", path=str(path))
    assert from_r["summary"] == {"num_hidden": 2, "activation": "sigmoid"}
    np.testing.assert_array_equal(from_r["prob"], xb.predict_proba(model, POINTS))
