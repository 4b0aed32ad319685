"""Training from R and from Python: the same seed gives bit-identical weights and history."""

from __future__ import annotations

import numpy as np
import pytest

import xorbridge as xb

pytestmark = pytest.mark.rpy2

EPOCHS = 30
R_TRAIN = """
set_seed(42)
model <- simple_classifier()
history <- train_model(model, xor_dataset(2500, seed = 42), epochs = epochs, seed = 7,
                       device = "cpu", engine = engine)
test <- xor_dataset(500, seed = 43)
# weights row by row, as torch stores them
list(weights = lapply(coef(model), function(w) as.vector(t(w))),
     history = as.data.frame(unclass(history)),
     accuracy = eval_model(model, test), prob = predict(model, test),
     class = predict(model, as.data.frame(test)[, c("x1", "x2")], type = "class"))
"""


def train_in_python(engine: str) -> tuple[xb.SimpleClassifier, xb.History]:
    xb.set_seed(42)
    model = xb.SimpleClassifier()
    history = xb.train_model(model, xb.XORDataset(2500, seed=42), epochs=EPOCHS, seed=7,
                             device="cpu", engine=engine, progress=False)
    return model, history


@pytest.fixture(scope="module", params=["fused", "autograd"])
def both_sides(request, r):
    """The same training run from R (its results) and from Python (the model, history)."""
    engine = request.param
    return r.run(R_TRAIN, epochs=EPOCHS, engine=engine), *train_in_python(engine)


def test_set_seed_simple_classifier_train_model_give_identical_weights(both_sides):
    from_r, model, _ = both_sides
    for name, weights in model.named_parameters():
        np.testing.assert_array_equal(np.atleast_1d(from_r["weights"][name]),
                                      weights.detach().numpy().ravel())


def test_train_model_history_is_identical(both_sides):
    from_r, _, history = both_sides
    np.testing.assert_array_equal(from_r["history"]["epoch"], history.epoch)
    np.testing.assert_array_equal(from_r["history"]["loss"], history.loss)
    np.testing.assert_array_equal(from_r["history"]["accuracy"], history.accuracy)


def test_eval_model_and_predict_agree_with_predict_proba(both_sides):
    from_r, model, _ = both_sides
    test = xb.XORDataset(500, seed=43)
    prob = xb.predict_proba(model, test)
    assert from_r["accuracy"] == xb.eval_model(model, test)
    np.testing.assert_array_equal(from_r["prob"], prob)
    np.testing.assert_array_equal(from_r["class"], (prob >= 0.5).astype(int))
