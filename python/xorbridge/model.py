"""The tutorial's classifier: linear -> activation -> linear, returning logits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from torch import nn

from . import _validate

ACTIVATIONS: dict[str, type[nn.Module]] = {
    "tanh": nn.Tanh,
    "relu": nn.ReLU,
    "sigmoid": nn.Sigmoid,
    "gelu": nn.GELU,
}
#: The same activations as functions that write into a given tensor (``out``, which may be
#: the input itself), with the kernels the modules call: the engines that keep their
#: numbers in buffers of their own use them, and get the modules' results bit for bit.
ACTIVATIONS_INTO: dict[str, Callable[[torch.Tensor, torch.Tensor], torch.Tensor]] = {
    "tanh": lambda hidden, out: torch.tanh(hidden, out=out),
    "sigmoid": lambda hidden, out: torch.sigmoid(hidden, out=out),
    "relu": lambda hidden, out: torch.clamp_min(hidden, 0.0, out=out),  # what torch.relu calls
}
MAX_UNITS = 100_000


class SimpleClassifier(nn.Module):
    """A one-hidden-layer network for two-class problems.

    ``forward`` returns logits of shape ``(batch, num_outputs)``: no sigmoid,
    because ``BCEWithLogitsLoss`` is more precise on logits. Use
    ``predict_proba`` for probabilities.

    The modules keep the tutorial's names (``linear1``, ``act_fn``,
    ``linear2``), so ``print(model)`` and ``named_parameters()`` look the same.
    """

    def __init__(
        self,
        num_inputs: int = 2,
        num_hidden: int = 4,
        num_outputs: int = 1,
        activation: str = "tanh",
    ) -> None:
        super().__init__()
        self.num_inputs = _validate.positive_int("num_inputs", num_inputs, maximum=MAX_UNITS)
        self.num_hidden = _validate.positive_int("num_hidden", num_hidden, maximum=MAX_UNITS)
        self.num_outputs = _validate.positive_int("num_outputs", num_outputs, maximum=MAX_UNITS)
        self.activation = _validate.choice("activation", activation, tuple(ACTIVATIONS))
        self.linear1 = nn.Linear(self.num_inputs, self.num_hidden)
        self.act_fn = ACTIVATIONS[self.activation]()
        self.linear2 = nn.Linear(self.num_hidden, self.num_outputs)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.linear1(x)  # (batch, num_hidden)
        x = self.act_fn(x)
        x = self.linear2(x)  # (batch, num_outputs)
        return x  # noqa: RET504 - the tutorial's forward, line for line

    @property
    def config(self) -> dict[str, Any]:
        """The constructor's arguments: enough to rebuild the architecture."""
        return {
            "num_inputs": self.num_inputs,
            "num_hidden": self.num_hidden,
            "num_outputs": self.num_outputs,
            "activation": self.activation,
        }

    @property
    def device(self) -> torch.device:
        """The device the parameters are on."""
        return self.linear1.weight.device

    def num_parameters(self) -> int:
        """How many numbers training adjusts (17 for the tutorial's 2-4-1 network)."""
        return sum(parameter.numel() for parameter in self.parameters())

    def describe(self) -> str:
        """One line: ``"2 -> 4 (tanh) -> 1, 17 parameters, on cpu"``."""
        return (f"{self.num_inputs} -> {self.num_hidden} ({self.activation}) -> "
                f"{self.num_outputs}, {self.num_parameters()} parameters, on {self.device}")

    def outline(self) -> list[str]:
        """The layers in words, then the parameter count: the summary's first and last lines."""
        return [f"SimpleClassifier: linear ({self.num_inputs} -> {self.num_hidden}), "
                f"{self.activation}, linear ({self.num_hidden} -> {self.num_outputs}); "
                f"on {self.device}",
                f"Total: {self.num_parameters()} trainable parameters"]
