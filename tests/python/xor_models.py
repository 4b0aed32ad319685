"""Models built by hand for the tests."""

import torch

import xorbridge as xb


def x1_only_model() -> xb.SimpleClassifier:
    """A deliberately asymmetric model: P(class 1) rises with x1 and ignores x2."""
    model = xb.SimpleClassifier(num_hidden=1)
    with torch.no_grad():
        model.linear1.weight.copy_(torch.tensor([[4.0, 0.0]]))
        model.linear1.bias.fill_(-2.0)
        model.linear2.weight.fill_(5.0)
        model.linear2.bias.zero_()
    return model
