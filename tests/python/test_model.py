import pytest
import torch

import xorbridge as xb

TUTORIAL_PRINT = """SimpleClassifier(
  (linear1): Linear(in_features=2, out_features=4, bias=True)
  (act_fn): Tanh()
  (linear2): Linear(in_features=4, out_features=1, bias=True)
)"""


def test_prints_like_the_tutorial():
    assert str(xb.SimpleClassifier(2, 4, 1)) == TUTORIAL_PRINT


def test_parameters_are_named_and_shaped_like_the_tutorial():
    shapes = {name: tuple(p.shape) for name, p in xb.SimpleClassifier().named_parameters()}
    assert shapes == {"linear1.weight": (4, 2), "linear1.bias": (4,),
                      "linear2.weight": (1, 4), "linear2.bias": (1,)}
    assert xb.SimpleClassifier().num_parameters() == 17


def test_forward_returns_logits_per_point():
    model = xb.SimpleClassifier(num_hidden=3)
    assert model(torch.zeros(5, 2)).shape == (5, 1)
    assert model.config == {"num_inputs": 2, "num_hidden": 3, "num_outputs": 1,
                            "activation": "tanh"}


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "gelu"])
def test_other_activations(activation):
    assert xb.SimpleClassifier(activation=activation).activation == activation


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"num_hidden": 0}, ValueError, "`num_hidden` must be a positive whole number"),
        ({"num_hidden": 2.5}, ValueError, "`num_hidden` must be a positive whole number"),
        ({"num_hidden": "4"}, TypeError, "`num_hidden`"),
        ({"num_inputs": -1}, ValueError, "`num_inputs`"),
        ({"activation": "softmax"}, ValueError, '`activation` must be one of "tanh"'),
        ({"activation": None}, TypeError, "`activation` must be one of"),
    ],
)
def test_bad_arguments(kwargs, error, pattern):
    with pytest.raises(error, match=pattern):
        xb.SimpleClassifier(**kwargs)
