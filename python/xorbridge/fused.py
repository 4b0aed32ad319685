"""The "fused" engine: the tutorial's SGD update, with the backward pass written out.

Why it is faster. The tutorial's network has 17 parameters, so a training
step does almost no arithmetic: its time is overhead. The five-step loop
(forward, loss, ``zero_grad``, ``backward``, ``step``) records an autograd
graph on every forward pass, walks it again in ``backward``, allocates a
gradient per parameter and runs the optimizer's bookkeeping: about 40 small
tensor operations per step, each costing microseconds of dispatch. The
tutorial's ``DataLoader`` adds a Python call per *point* to fetch and re-stack
every batch.

This engine makes the same update with about a dozen operations and no
graph. With each bias folded into its weight matrix (inputs get a column of
ones: ``x~ = [x, 1]``, ``a~ = [a, 1]``), a step on a batch of ``B`` points is

    a   = tanh(W1~ x~^T)                  # (H, B)   forward, a column per point
    z   = a~^T w2~                        # (B,)     logits
    dz  = sigmoid(z) - y                  # B x d(mean BCE loss)/dz
    gW2 = a~ dz / B                       # (H + 1,) both weights and bias
    dh  = (w2 dz^T) * (1 - a^2)           # (H, B)   tanh's derivative
    gW1 = dh x~ / B                       # (H, 3)   both weights and bias
    W   <- W - lr * g                     # SGD

Each batch is a slice of a copy of the data shuffled once per epoch (one
gather per epoch, not two per step), the logits go straight into an
epoch-long buffer, and the epoch's loss and accuracy are computed from that
buffer once at the end. The activation's derivative uses the kernel autograd
itself calls (``tanh_backward``, ...), so the weights match the five-step
loop to float32 rounding; a test checks them to 1e-6 after several epochs.

It supports what the tutorial uses: a ``SimpleClassifier`` with one output
and a tanh, sigmoid or ReLU activation. Anything else trains with the
five-step loop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import torch
from torch import nn
from torch.nn import functional

from .evaluate import CLASS_THRESHOLD
from .model import ACTIVATIONS_INTO, SimpleClassifier

_Kernel = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]

# Each activation's derivative, given the output (the forward: model.ACTIVATIONS_INTO).
_BACKWARD: dict[str, _Kernel] = {
    "tanh": torch.ops.aten.tanh_backward,
    "sigmoid": torch.ops.aten.sigmoid_backward,
    "relu": lambda grad, act: torch.ops.aten.threshold_backward(grad, act, 0),
}


# Below this many elements per tensor operation, one CPU thread is faster than
# several: waking a thread pool costs more than the work, and on a busy machine
# threads that spin waiting for each other slowed small operations tenfold.
SMALL_WORK = 1 << 18


@contextmanager
def small_work_threads(device: torch.device, elements: int) -> Iterator[None]:
    """Run tiny CPU tensor operations on one thread, then restore torch's setting."""
    if device.type != "cpu" or elements > SMALL_WORK or torch.get_num_threads() == 1:
        yield
        return
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def supports(model: nn.Module) -> bool:
    """Whether ``model`` can be trained with the fused engine."""
    return (
        type(model) is SimpleClassifier
        and model.num_outputs == 1
        and model.activation in _BACKWARD
        and all(parameter.requires_grad for parameter in model.parameters())  # none frozen
    )


class FusedTrainer:
    """Trains a ``SimpleClassifier`` in place with fused SGD steps.

    The weights live in two working matrices while training; ``write_back()``
    copies them into the model (done after every epoch, and when stopped).
    """

    def __init__(self, model: SimpleClassifier, inputs: torch.Tensor, targets: torch.Tensor,
                 batch_size: int, lr: float) -> None:
        self.model = model
        self.batch_size = batch_size
        self.lr = lr
        self.forward = ACTIVATIONS_INTO[model.activation]
        self.backward = _BACKWARD[model.activation]
        device = inputs.device
        size = inputs.shape[0]
        self.inputs = torch.cat([inputs, torch.ones(size, 1, device=device)], dim=1)  # (N, 3)
        self.targets = targets  # (N,) float32 0/1
        self.logits = torch.empty(size, device=device)  # (N,) this epoch's logits, in order
        hidden = model.num_hidden
        # [activations; 1] for a batch, one column per point, the last row kept at 1
        # (the bias's input). Stored this way round, the activations (its first H
        # rows) are contiguous, which the activation function writes fastest.
        rows = torch.ones(hidden + 1, min(batch_size, size), device=device)
        self.act1 = {width: rows[:, :width]
                     for width in {min(batch_size, size), size % batch_size or batch_size}}
        with torch.no_grad():
            linear1, linear2 = model.linear1, model.linear2
            self.w1 = torch.cat([linear1.weight, linear1.bias[:, None]], dim=1)  # (H, 3)
            self.w2 = torch.cat([linear2.weight[0], linear2.bias])  # (H + 1,)

    @torch.no_grad()
    def write_back(self) -> None:
        """Copy the working weights into the model's parameters."""
        hidden = self.w1.shape[0]
        self.model.linear1.weight.copy_(self.w1[:, :2])
        self.model.linear1.bias.copy_(self.w1[:, 2])
        self.model.linear2.weight[0].copy_(self.w2[:hidden])
        self.model.linear2.bias.copy_(self.w2[hidden:])

    @torch.no_grad()
    def epoch(self, order: torch.Tensor, interrupt: Any) -> dict[str, float]:
        """One pass over the data in ``order``; returns the mean loss and accuracy."""
        size, batch_size, lr = order.numel(), self.batch_size, self.lr
        w1, w2 = self.w1, self.w2
        hidden = w1.shape[0]
        w2_column = w2[:hidden, None]  # (H, 1), a view that follows the updates
        inputs = self.inputs.index_select(0, order)  # (N, 3) shuffled once
        targets = self.targets.index_select(0, order)  # (N,)
        batches = zip(inputs.split(batch_size), targets.split(batch_size),
                      self.logits.split(batch_size), strict=True)
        try:
            for x, y, z in batches:  # (B, 3), (B,), (B,): this batch's views
                if interrupt.requested:
                    raise KeyboardInterrupt
                act1 = self.act1[len(y)]  # (H + 1, B)
                act = self.forward(torch.mm(w1, x.t()), act1[:hidden])  # (H, B)
                torch.mv(act1.t(), w2, out=z)  # logits, into the epoch's buffer
                dz = torch.sigmoid(z).sub_(y)  # (B,) times B
                dh = self.backward(w2_column * dz, act)  # (H, B)
                scale = -lr / len(y)
                w2.add_(torch.mv(act1, dz), alpha=scale)
                w1.add_(torch.mm(dh, x), alpha=scale)
        finally:
            self.write_back()
        loss = functional.binary_cross_entropy_with_logits(self.logits, targets, reduction="sum")
        correct = (torch.sigmoid(self.logits) >= CLASS_THRESHOLD).eq(targets >= 0.5).sum()
        return {"loss": loss.item() / size, "accuracy": correct.item() / size}
