"""Many models at once: the hidden-size comparison over several seeds.

The tutorial trains 1, 2 and 4 hidden neurons once each, and one run says
little: with 2 neurons, some seeds solve XOR and others stay at chance.
``sweep_hidden`` trains every (hidden size, seed) pair and returns a tidy
table of the results.

The models train together: their weights are stacked into ``(M, H, ...)``
tensors, smaller networks padded with hidden units whose weights are zero
and stay zero, and every step updates all M models with the same dozen
batched operations the fused engine (``xorbridge.fused``) spends on one. Each model keeps its own
initialisation and its own shuffling, so its result is the one
``set_seed(seed)``, ``SimpleClassifier(num_hidden=h)`` and
``train_model(model, train, seed=seed)`` give on its own (equal to float32
rounding; a test checks it).
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import torch
from torch.nn import functional

from . import _validate
from .budget import check_memory
from .data import XORDataset, _generator, as_tensors
from .device import pick_device
from .evaluate import CLASS_THRESHOLD
from .fused import _BACKWARD, _FORWARD, small_work_threads
from .model import SimpleClassifier
from .train import check_settings

if TYPE_CHECKING:  # pandas is imported when a table is made, not with the package
    import pandas as pd

MAX_MODELS = 10_000
#: The widest model a sweep trains (its models are stacked: M x H x batch per step).
MAX_SWEEP_UNITS = 4096
SUMMARY_TITLE = "Test accuracy by hidden size:"  # heads ``Sweep.summary()`` in print-outs


@dataclass
class Sweep:
    """Results of ``sweep_hidden``.

    Attributes:
        table: one row per model: ``num_hidden``, ``seed``, ``final_loss`` (mean
            training loss of the last epoch), ``train_accuracy`` (during the
            last epoch) and ``test_accuracy``.
        models: the trained models, keyed by ``(num_hidden, seed)``.
        loss: ``(M, epochs)`` tensor of every model's mean training loss per epoch,
            in the table's row order.
        seconds: wall-clock time of the training.
    """

    table: pd.DataFrame
    models: dict[tuple[int, int], SimpleClassifier] = field(repr=False)
    loss: torch.Tensor = field(repr=False)
    seconds: float = 0.0

    def to_frame(self) -> pd.DataFrame:
        """The table (a copy)."""
        return self.table.copy()

    def model(self, num_hidden: int, seed: int) -> SimpleClassifier:
        """The trained model with ``num_hidden`` units and this ``seed``."""
        key = (_validate.positive_int("num_hidden", num_hidden),
               _validate.seed("seed", seed, allow_none=False))
        if key not in self.models:
            raise ValueError(f"This sweep has no model with num_hidden = {key[0]} and "
                             f"seed = {key[1]}.")
        return self.models[key]

    def summary(self) -> pd.DataFrame:
        """Per hidden size: how many seeds, and the median, min and max test accuracy."""
        return (self.table.groupby("num_hidden")["test_accuracy"]
                .agg(seeds="count", median="median", min="min", max="max").reset_index())

    def describe(self) -> str:
        """One line for people: how many models, of which sizes and seeds, and how long."""
        models = len(self.table)
        sizes, seeds = self.table["num_hidden"].nunique(), self.table["seed"].nunique()
        return (f"{models} model{'s' * (models != 1)} ({sizes} hidden size{'s' * (sizes != 1)} "
                f"x {seeds} seed{'s' * (seeds != 1)}) trained together in {self.seconds:.2f} s")

    def __str__(self) -> str:
        return "\n".join([self.describe(), SUMMARY_TITLE,
                          self.summary().to_string(index=False)])


def _whole_numbers(name: str, values: Any, minimum: int) -> list[int]:
    """A non-empty list of distinct whole numbers >= ``minimum`` (0 for seeds)."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"`{name}` must be a list of whole numbers, not {_validate.show(values)}.")
    # read one past the limit at most: an endless iterator is refused, not listed
    taken = list(itertools.islice(values, MAX_MODELS + 1))
    if len(taken) > MAX_MODELS:
        raise ValueError(f"`{name}` must hold at most {MAX_MODELS:,} values (the most models "
                         "a sweep trains).")
    numbers = [_validate.seed(name, value, allow_none=False) if minimum == 0
               else _validate.positive_int(name, value) for value in taken]
    if not numbers:
        raise ValueError(f"`{name}` must hold at least one value.")
    repeated = sorted(number for number, count in Counter(numbers).items() if count > 1)
    if repeated:
        raise ValueError(f"`{name}` must not repeat values, but repeats "
                         f"{', '.join(map(str, repeated))}.")
    return numbers


class _StackedModels:
    """M one-hidden-layer networks of up to H hidden units, as stacked tensors.

    ``w1`` (M, H, 3) holds each model's [W1 | b1] and ``w2`` (M, H + 1) its
    [w2 | b2], biases folded in as in ``xorbridge.fused``. The units a smaller
    network lacks have zero weights: they output 0 (tanh, ReLU) and add
    nothing, and ``mask`` keeps their output weights at 0 (for sigmoid, whose
    0 input gives 0.5).
    """

    def __init__(self, models: list[SimpleClassifier], device: torch.device) -> None:
        self.sizes = [model.num_hidden for model in models]
        count, width = len(models), max(self.sizes)
        self.w1 = torch.zeros(count, width, 3, device=device)
        self.w2 = torch.zeros(count, width + 1, device=device)
        self.mask = torch.zeros(count, width + 1, device=device)
        self.mask[:, width] = 1.0
        with torch.no_grad():
            for index, (model, size) in enumerate(zip(models, self.sizes, strict=True)):
                self.w1[index, :size, :2] = model.linear1.weight
                self.w1[index, :size, 2] = model.linear1.bias
                self.w2[index, :size] = model.linear2.weight[0]
                self.w2[index, width] = model.linear2.bias[0]
                self.mask[index, :size] = 1.0

    def logits(self, inputs: torch.Tensor, activation: str) -> torch.Tensor:
        """``(M, N)`` logits of every model for ``(N, 2)`` points."""
        count, width = self.w1.shape[0], self.w1.shape[1]
        x = _with_ones(inputs).t().expand(count, 3, len(inputs))  # (M, 3, N)
        act = getattr(torch, activation)(torch.bmm(self.w1, x))  # (M, H, N)
        return torch.baddbmm(self.w2[:, width:, None], self.w2[:, None, :width], act).squeeze(1)

    def write_to(self, models: list[SimpleClassifier]) -> None:
        width = self.w1.shape[1]
        with torch.no_grad():
            for index, (model, size) in enumerate(zip(models, self.sizes, strict=True)):
                model.linear1.weight.copy_(self.w1[index, :size, :2])
                model.linear1.bias.copy_(self.w1[index, :size, 2])
                model.linear2.weight[0].copy_(self.w2[index, :size])
                model.linear2.bias[0] = self.w2[index, width]


def _with_ones(points: torch.Tensor) -> torch.Tensor:
    """``(N, 2)`` points as ``(N, 3)``: a column of ones for the bias."""
    return torch.cat([points, torch.ones(len(points), 1, device=points.device)], dim=1)


@torch.no_grad()
def _train_stacked(stack: _StackedModels, inputs: torch.Tensor, targets: torch.Tensor,
                   shufflers: list[torch.Generator], epochs: int, batch_size: int, lr: float,
                   activation: str) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Fused SGD (see ``xorbridge.fused``) for all stacked models at once.

    Each model sees its own shuffle. Everything is laid out one column per
    point, ``(M, rows, B)``, so that the batched products and the activation
    work on contiguous memory. Returns the ``(M, epochs)`` mean losses, and
    the last epoch's ``(M, N)`` logits and targets (in each model's order).
    """
    forward, backward = _FORWARD[activation], _BACKWARD[activation]
    w1, w2, mask = stack.w1, stack.w2, stack.mask
    count, width = w1.shape[0], w1.shape[1]
    size, device = inputs.shape[0], inputs.device
    inputs1 = _with_ones(inputs)  # (N, 3)
    logits = torch.empty(count, size, device=device)
    losses = torch.empty(count, epochs, device=device)
    # Views made once (indexing a tensor costs microseconds; they follow the
    # in-place updates): [activations; 1] for a full and a last batch, w2 as a
    # row and its weights as a column.
    rows = torch.ones(count, width + 1, min(batch_size, size), device=device)  # last row: 1
    act_views = {b: (rows[:, :, :b], rows[:, :width, :b])
                 for b in {min(batch_size, size), size % batch_size or batch_size}}
    w2_row, w2_column = w2.unsqueeze(1), w2[:, :width].unsqueeze(2)  # (M, 1, H+1), (M, H, 1)
    for epoch in range(epochs):
        order = torch.stack([torch.randperm(size, generator=g) for g in shufflers]).to(device)
        x_epoch = inputs1[order].transpose(1, 2).contiguous()  # (M, 3, N), own shuffles
        y_epoch = targets[order]  # (M, N)
        for x, y, z_out in zip(x_epoch.split(batch_size, dim=2), y_epoch.split(batch_size, 1),
                               logits.split(batch_size, dim=1), strict=True):
            a1, act = act_views[y.shape[1]]  # (M, H + 1, B), its first H rows
            forward(torch.bmm(w1, x), act)  # (M, H, B)
            z = torch.bmm(w2_row, a1).squeeze(1)  # (M, B)
            z_out.copy_(z)
            dz = torch.sigmoid(z).sub_(y)  # (M, B), times B
            dh = backward(w2_column * dz.unsqueeze(1), act)  # (M, H, B)
            scale = -lr / y.shape[1]
            w2.add_(torch.bmm(a1, dz.unsqueeze(2)).squeeze(2).mul_(mask), alpha=scale)
            w1.add_(torch.bmm(dh, x.transpose(1, 2)), alpha=scale)
        losses[:, epoch] = functional.binary_cross_entropy_with_logits(
            logits, y_epoch, reduction="none").mean(dim=1)
    return losses, logits, y_epoch


def sweep_bytes(models: int, hidden: int, n_train: int, n_test: int, batch_size: int) -> float:
    """What training ``models`` stacked models of at most ``hidden`` units allocates, in bytes
    (float32): per model a shuffled copy of the training points with their labels and an
    epoch's logits (5 numbers a point), four ``hidden x batch`` step buffers, the weights,
    and the test set's hidden activations and logits."""
    step = min(batch_size, n_train)
    per_model = 5 * n_train + 4 * hidden * step + 4 * hidden + hidden * n_test + n_test
    return 4.0 * models * per_model


def sweep_hidden(
    sizes: Iterable[int] = (1, 2, 4, 8),
    seeds: Iterable[int] = range(10),
    train: Any = None,
    test: Any = None,
    epochs: int = 100,
    batch_size: int = 128,
    lr: float = 0.1,
    activation: str = "tanh",
    device: str | torch.device = "auto",
) -> Sweep:
    """Train one model per (hidden size, seed), all at once, and tabulate the results.

    Args:
        sizes: hidden sizes to compare.
        seeds: seeds; each seeds a model's initial weights (``set_seed``) and its
            shuffling (``train_model(seed=...)``).
        train: training data (an ``XORDataset`` or ``(points, labels)``); default
            ``XORDataset(2500, seed=42)``, the tutorial's.
        test: test data; default a fresh ``XORDataset(500, seed=43)``.
        epochs, batch_size, lr: as in ``train_model``.
        activation: ``"tanh"``, ``"sigmoid"`` or ``"relu"``.
        device: where to train, see ``pick_device``.

    Returns:
        A ``Sweep``: its ``table`` has one row per model (``num_hidden``,
        ``seed``, ``final_loss``, ``train_accuracy``, ``test_accuracy``), sizes
        varying slowest.
    """
    sizes = _whole_numbers("sizes", sizes, minimum=1)
    seeds = _whole_numbers("seeds", seeds, minimum=0)
    if len(sizes) * len(seeds) > MAX_MODELS:
        raise ValueError(f"`sizes` x `seeds` makes {len(sizes) * len(seeds):,} models; "
                         f"at most {MAX_MODELS:,} are allowed.")
    if max(sizes) > MAX_SWEEP_UNITS:
        raise ValueError(f"`sizes` must be at most {MAX_SWEEP_UNITS} hidden units, "
                         f"not {max(sizes)}.")
    epochs, batch_size, lr = check_settings(epochs, batch_size, lr)
    activation = _validate.choice("activation", activation, tuple(_BACKWARD))
    target = pick_device(device)
    train_points, train_labels = as_tensors(
        XORDataset(2500, seed=42) if train is None else train, "train")
    test_points, test_labels = as_tensors(
        XORDataset(500, seed=43) if test is None else test, "test")

    pairs = [(size, seed) for size in sizes for seed in seeds]
    check_memory(f"{len(pairs):,} models up to {max(sizes):,} hidden units wide",
                 sweep_bytes(len(pairs), max(sizes), len(train_points), len(test_points),
                             batch_size),
                 "train fewer models (`sizes` x `seeds`), narrower ones, or on less data.")
    models = []
    for size, seed in pairs:
        # initialised as set_seed(seed) would initialise it on its own, without
        # touching the caller's random state or flags
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            models.append(SimpleClassifier(num_hidden=size, activation=activation))
    stack = _StackedModels(models, target)
    per_step = len(pairs) * min(batch_size, len(train_points)) * max(sizes)
    started = time.perf_counter()
    with small_work_threads(target, per_step):
        losses, logits, y_last = _train_stacked(
            stack, train_points.to(target), train_labels.to(target, torch.float32),
            [_generator(seed) for _, seed in pairs], epochs, batch_size, lr, activation)
    seconds = time.perf_counter() - started
    with torch.no_grad():
        predicted = torch.sigmoid(logits) >= CLASS_THRESHOLD
        train_accuracy = (predicted == (y_last >= 0.5)).float().mean(1)  # targets 0.0 or 1.0
        test_prob = torch.sigmoid(stack.logits(test_points.to(target), activation))  # (M, T)
        test_correct = (test_prob >= CLASS_THRESHOLD).long() == test_labels.to(target)
        test_accuracy = test_correct.float().mean(1)
    stack.write_to(models)
    import pandas as pd

    table = pd.DataFrame({
        "num_hidden": [size for size, _ in pairs],
        "seed": [seed for _, seed in pairs],
        "final_loss": losses[:, -1].cpu().double().numpy(),
        "train_accuracy": train_accuracy.cpu().double().numpy(),
        "test_accuracy": test_accuracy.cpu().double().numpy(),
    })
    for model in models:
        model.eval()
    return Sweep(table=table, models=dict(zip(pairs, models, strict=True)),
                 loss=losses.cpu(), seconds=seconds)
