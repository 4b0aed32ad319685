"""Many models at once: the hidden-size comparison over several seeds.

The tutorial trains 1, 2 and 4 hidden neurons once each, and one run says
little: with 2 neurons, some seeds solve XOR and others stay at chance.
``sweep_hidden`` trains every (hidden size, seed) pair and returns a tidy
table of the results.

The models train together, in groups of nearby hidden sizes (``_group_sizes``
weighs the extra work of a bigger group against the per-operation overhead
of one more): a group's weights are stacked into ``(seeds, units, ...)``
tensors, the models of one seed side by side without padding, and every
step updates each group with the dozen batched operations the fused engine
(``xorbridge.fused``) spends on one model. A model's shuffle depends on its
seed alone, so each epoch draws one permutation per seed, shared by the
seed's models of every size; a big sweep on a CPU splits its seeds into
parts, one thread each (``_thread_parts``). Each model keeps its own
initialisation and its own shuffling, so its result is the one
``set_seed(seed)``, ``SimpleClassifier(num_hidden=h)`` and
``train_model(model, train, seed=seed)`` give on its own (equal to float32
rounding; a test checks it).
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import torch
from torch.nn import functional

from . import _validate
from .budget import check_memory
from .data import XORDataset, _generator, as_tensors
from .device import pick_device
from .evaluate import CLASS_THRESHOLD
from .fused import _BACKWARD, SMALL_WORK, small_work_threads
from .model import ACTIVATIONS_INTO, SimpleClassifier
from .train import check_settings

if TYPE_CHECKING:  # pandas is imported when a table is made, not with the package
    import pandas as pd

MAX_MODELS = 10_000
#: The widest model a sweep trains (a group's step tensors are seeds x units x batch).
MAX_SWEEP_UNITS = 4096
#: The most hidden sizes one ``_SizeGroup`` holds (its output weights grow with their square).
MAX_GROUP = 16
#: The tensor operations a group spends per training step (``_train_groups``' inner loop).
GROUP_OPS = 13
#: What one tensor operation's overhead costs, in multiply-adds of the batched products
#: (on a CPU, about 10 us against 0.06 ns each): ``_group_sizes`` weighs the two.
OP_MULTIPLY_ADDS = 150_000
#: How often the main thread wakes while parts train, to hear a Ctrl-C (or R's Esc).
POLL_SECONDS = 0.1
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


class _SizeGroup:
    """The models of some hidden sizes, one per seed, side by side in stacked tensors.

    For each of the S seeds, the group's k models (sizes ``sizes``) share the
    seed's shuffled inputs, so their hidden units are stacked one after the
    other, ``units = sum(sizes)`` in all, with no padding: ``w1`` (S, units, 3)
    holds every unit's [W1 | b1] (biases folded in as in ``xorbridge.fused``).
    The output layer is block-diagonal: ``w2`` (S, k, units + 1) holds row i's
    [w2 | b2] for model i on its own units, zeros elsewhere, and ``mask``
    (k, units + 1) keeps those zeros at zero during training.
    """

    def __init__(self, sizes: list[int], models: list[list[SimpleClassifier]],
                 device: torch.device) -> None:
        # models[s][i]: seed s's model of size sizes[i]
        self.sizes = sizes
        self.offsets = list(itertools.accumulate(sizes, initial=0))  # unit ranges
        count, units = len(models), self.offsets[-1]
        self.w1 = torch.zeros(count, units, 3, device=device)
        self.w2 = torch.zeros(count, len(sizes), units + 1, device=device)
        self.mask = torch.zeros(len(sizes), units + 1, device=device)
        self.mask[:, units] = 1.0
        for index, (start, end) in enumerate(itertools.pairwise(self.offsets)):
            self.mask[index, start:end] = 1.0
        with torch.no_grad():
            for seed_models, w1, w2 in zip(models, self.w1, self.w2, strict=True):
                for index, (model, (start, end)) in enumerate(
                        zip(seed_models, itertools.pairwise(self.offsets), strict=True)):
                    w1[start:end, :2] = model.linear1.weight
                    w1[start:end, 2] = model.linear1.bias
                    w2[index, start:end] = model.linear2.weight[0]
                    w2[index, units] = model.linear2.bias[0]

    def logits(self, inputs: torch.Tensor, activation: str) -> torch.Tensor:
        """``(S, k, N)`` logits of every model for ``(N, 2)`` points."""
        count, units = self.w1.shape[0], self.w1.shape[1]
        x = _with_ones(inputs).t().expand(count, 3, len(inputs))  # (S, 3, N)
        act = getattr(torch, activation)(torch.bmm(self.w1, x))  # (S, units, N)
        return torch.baddbmm(self.w2[:, :, units:], self.w2[:, :, :units], act)

    def write_to(self, models: list[list[SimpleClassifier]]) -> None:
        """Copy the trained weights into the models (laid out as for ``__init__``)."""
        units = self.w1.shape[1]
        with torch.no_grad():
            for seed_models, w1, w2 in zip(models, self.w1, self.w2, strict=True):
                for index, (model, (start, end)) in enumerate(
                        zip(seed_models, itertools.pairwise(self.offsets), strict=True)):
                    model.linear1.weight.copy_(w1[start:end, :2])
                    model.linear1.bias.copy_(w1[start:end, 2])
                    model.linear2.weight[0].copy_(w2[index, start:end])
                    model.linear2.bias[0] = w2[index, units]


def _with_ones(points: torch.Tensor) -> torch.Tensor:
    """``(N, 2)`` points as ``(N, 3)``: a column of ones for the bias."""
    return torch.cat([points, torch.ones(len(points), 1, device=points.device)], dim=1)


def _group_sizes(sizes: list[int], seeds: int, step: int) -> list[list[int]]:
    """The hidden sizes, smallest first, in runs that train as one ``_SizeGroup``.

    A group of k models with ``units`` hidden units in all spends its three
    output-layer products on ``k * units`` weights per seed and batch column
    (its block-diagonal ``w2``), where separate groups would spend ``units``;
    each group also costs ``GROUP_OPS`` tensor operations per step. So a size
    joins the group before it while the products it adds (``units + k * size``
    a column, ``3 * seeds * step`` columns) cost less than a group's operations,
    up to ``MAX_GROUP`` sizes a group.
    """
    groups: list[list[int]] = []
    for size in sorted(sizes):
        if groups and len(groups[-1]) < MAX_GROUP:
            last = groups[-1]
            added = 3 * seeds * step * (sum(last) + len(last) * size)
            if added < GROUP_OPS * OP_MULTIPLY_ADDS:
                last.append(size)
                continue
        groups.append([size])
    return groups


@torch.no_grad()
def _train_groups(groups: list[_SizeGroup], inputs: torch.Tensor, targets: torch.Tensor,
                  shufflers: list[torch.Generator], epochs: int, batch_size: int, lr: float,
                  activation: str, stop: threading.Event | None = None,
                  ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Fused SGD (see ``xorbridge.fused``) for the models of all groups at once.

    One permutation per seed and epoch, and one shuffled copy of the inputs
    per seed, serve every group: a model's shuffle depends on its seed alone.
    Everything is laid out one column per point, ``(S, rows, B)``, so that
    the batched products and the activation work on contiguous memory.
    Returns the ``(S, K, epochs)`` mean losses and the last epoch's
    ``(S, K, N)`` logits of the K models per seed (the groups' models in
    turn), and the ``(S, N)`` targets of that epoch (in each seed's order).
    Raises ``KeyboardInterrupt`` at the start of an epoch once ``stop`` is set.
    """
    forward, backward = ACTIVATIONS_INTO[activation], _BACKWARD[activation]
    count, size, device = len(shufflers), inputs.shape[0], inputs.device
    per_seed = sum(len(group.sizes) for group in groups)
    columns = _with_ones(inputs).t().contiguous()  # (3, N): a point per column
    logits = torch.empty(count, per_seed, size, device=device)
    losses = torch.empty(count, per_seed, epochs, device=device)
    # Views made once per group (indexing a tensor costs microseconds; they
    # follow the in-place updates): [activations; 1] for a full and a last
    # batch, the output weights as columns, and the logits of each batch.
    step, widths = min(batch_size, size), {min(batch_size, size), size % batch_size or batch_size}
    plans, first = [], 0
    for group in groups:
        units = group.w1.shape[1]
        rows = torch.ones(count, units + 1, step, device=device)  # last row: 1
        plans.append((group, {width: (rows[:, :, :width], rows[:, :units, :width])
                              for width in widths},
                      group.w2[:, :, :units].transpose(1, 2),  # (S, units, k)
                      logits[:, first:first + len(group.sizes)].split(batch_size, dim=2)))
        first += len(group.sizes)
    for epoch in range(epochs):
        if stop is not None and stop.is_set():
            raise KeyboardInterrupt
        order = torch.cat([torch.randperm(size, generator=g) for g in shufflers]).to(device)
        # (S, 3, N) and (S, N), each seed's own shuffle (index_select gathers
        # several times faster than indexing with a 2-D tensor)
        x_epoch = columns.index_select(1, order).view(3, count, size).transpose(0, 1).contiguous()
        y_epoch = targets.index_select(0, order).view(count, size)
        for batch, (x, y) in enumerate(zip(x_epoch.split(batch_size, dim=2),
                                           y_epoch.split(batch_size, dim=1), strict=True)):
            y_rows, x_t = y.unsqueeze(1), x.transpose(1, 2)  # (S, 1, B), (S, B, 3)
            scale = -lr / y.shape[1]
            for group, views, w2_columns, z_out in plans:
                a1, act = views[y.shape[1]]  # (S, units + 1, B), its first units rows
                forward(torch.bmm(group.w1, x), act)  # (S, units, B)
                z = torch.bmm(group.w2, a1)  # (S, k, B)
                z_out[batch].copy_(z)
                dz = torch.sigmoid(z).sub_(y_rows)  # (S, k, B), times B
                dh = backward(torch.bmm(w2_columns, dz), act)  # (S, units, B)
                group.w2.add_(torch.bmm(dz, a1.transpose(1, 2)).mul_(group.mask), alpha=scale)
                group.w1.add_(torch.bmm(dh, x_t), alpha=scale)
        every_target = y_epoch.unsqueeze(1).expand_as(logits).contiguous()  # faster than a view
        losses[:, :, epoch] = functional.binary_cross_entropy_with_logits(
            logits, every_target, reduction="none").mean(dim=2)
    return losses, logits, y_epoch


def _thread_parts(device: torch.device, seeds: int, work: int) -> int:
    """Into how many parts to split the seeds, each trained by a thread of its own.

    A CPU step of more than ``SMALL_WORK`` elements (``work``, all groups'
    together) is worth several threads, each with that much work at least.
    Separate parts on one torch thread each beat torch's threads within each
    operation: those wait for each other at the end of every operation,
    which on a busy machine (a thread descheduled) made a sweep several
    times slower, where parts carry on.
    """
    if device.type != "cpu" or work <= SMALL_WORK:
        return 1
    return min(torch.get_num_threads(), seeds, work // SMALL_WORK)


def _train_parts(parts: list[list[_SizeGroup]], seeds: list[list[int]], inputs: torch.Tensor,
                 targets: torch.Tensor, epochs: int, batch_size: int, lr: float,
                 activation: str) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """``_train_groups`` for each part (its groups and its ``seeds``), the parts in
    threads of their own when there are several (torch releases Python's lock
    while it computes); the results are joined along the seeds."""
    if len(parts) == 1:
        return _train_groups(parts[0], inputs, targets, [_generator(seed) for seed in seeds[0]],
                             epochs, batch_size, lr, activation)
    stop = threading.Event()
    with ThreadPoolExecutor(len(parts)) as pool:
        futures = [pool.submit(_train_groups, groups, inputs, targets,
                               [_generator(seed) for seed in part], epochs, batch_size, lr,
                               activation, stop=stop)
                   for groups, part in zip(parts, seeds, strict=True)]
        try:
            # Waiting in short spells keeps the main thread running Python code, so
            # that an interrupt is raised here at once: R's Esc only sets Python's
            # interrupt flag, which a thread blocked on a lock would not see until
            # every part had finished.
            pending = set(futures)
            while pending:
                done, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_EXCEPTION)
                for future in done:
                    future.result()  # a part's error is raised here
            results = [future.result() for future in futures]
        except BaseException:  # Ctrl-C, or one part's error: the others stop too
            stop.set()
            raise
    losses, logits, last_targets = zip(*results, strict=True)
    return torch.cat(losses), torch.cat(logits), torch.cat(last_targets)


def sweep_bytes(models: int, hidden: int, n_train: int, n_test: int, batch_size: int,
                seeds: int | None = None) -> float:
    """What training ``models`` models of at most ``hidden`` units, with ``seeds`` seeds
    among them (default: one each), allocates, in bytes (float32).

    Per seed an epoch's permutation (int64), the shuffled points, their
    transposed copy and the labels, and the last labels joined from the parts
    (10 numbers a point). Per model an epoch's logits, their targets and
    losses, the last logits joined from the parts and, at the end, the logits
    in table order, their probabilities and targets (8 a point); a batch's
    logits, their gradient and a row of ones; its group's block of output
    weights with their gradient and mask (at most ``MAX_GROUP`` models'
    units); and the test set's logits, in group and in table order, and
    probabilities. Per hidden unit four ``batch`` step buffers, its input
    weights and their gradient, and the test set's pre-activations and
    activations.
    """
    step, seeds = min(batch_size, n_train), models if seeds is None else seeds
    per_unit = 4 * step + 6 + 2 * n_test
    per_model = (8 * n_train + 3 * step + 3 * (MAX_GROUP * hidden + 1) + 4 * n_test
                 + hidden * per_unit)
    return 4.0 * (seeds * 10 * n_train + models * per_model)


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
                             batch_size, seeds=len(seeds)),
                 "train fewer models (`sizes` x `seeds`), narrower ones, or on less data.")
    models = {}
    # each initialised as set_seed(seed) would initialise it on its own (from the
    # CPU generator), without touching the caller's random state or flags;
    # seeding only the CPU generator skips torch.manual_seed's queueing of
    # GPU seeds, which cost a millisecond a model
    with torch.random.fork_rng(devices=[]):
        for size, seed in pairs:
            torch.default_generator.manual_seed(seed)
            models[size, seed] = SimpleClassifier(num_hidden=size, activation=activation)
    step = min(batch_size, len(train_points))
    parts = _thread_parts(target, len(seeds), len(seeds) * step * sum(sizes))
    bounds = [len(seeds) * part // parts for part in range(parts + 1)]
    seed_parts = [seeds[start:end] for start, end in itertools.pairwise(bounds)]
    group_sizes = _group_sizes(sizes, len(seed_parts[0]), step)
    by_group = [[[[models[size, seed] for size in group] for seed in part]
                 for group in group_sizes] for part in seed_parts]  # [part][group][seed][size]
    groups = [[_SizeGroup(group, grouped, target)
               for group, grouped in zip(group_sizes, part, strict=True)] for part in by_group]
    # where each table row lies in the (seed, model of the seed) results
    row = {seed: index for index, seed in enumerate(seeds)}
    column = {size: index for index, size in enumerate(itertools.chain(*group_sizes))}
    in_table = (torch.tensor([row[seed] for _, seed in pairs], device=target),
                torch.tensor([column[size] for size, _ in pairs], device=target))
    # the widest tensors of a step; several parts run on one torch thread each
    per_step = len(seeds) * step * max(sum(group) for group in group_sizes) if parts == 1 else 0
    started = time.perf_counter()
    with small_work_threads(target, per_step):
        losses, logits, y_last = _train_parts(
            groups, seed_parts, train_points.to(target), train_labels.to(target, torch.float32),
            epochs, batch_size, lr, activation)
    seconds = time.perf_counter() - started
    with torch.no_grad():
        predicted = torch.sigmoid(logits[in_table]) >= CLASS_THRESHOLD  # (M, N), table order
        train_accuracy = (predicted == (y_last[in_table[0]] >= 0.5)).float().mean(1)  # 0.0 or 1.0
        test_logits = torch.cat([torch.cat([group.logits(test_points.to(target), activation)
                                            for group in part], dim=1)
                                 for part in groups])  # (S, K, T)
        test_prob = torch.sigmoid(test_logits[in_table])  # (M, T)
        test_correct = (test_prob >= CLASS_THRESHOLD).long() == test_labels.to(target)
        test_accuracy = test_correct.float().mean(1)
        losses = losses[in_table]  # (M, epochs)
    for part_groups, part in zip(groups, by_group, strict=True):
        for group, grouped in zip(part_groups, part, strict=True):
            group.write_to(grouped)
    import pandas as pd

    table = pd.DataFrame({
        "num_hidden": [size for size, _ in pairs],
        "seed": [seed for _, seed in pairs],
        "final_loss": losses[:, -1].cpu().double().numpy(),
        "train_accuracy": train_accuracy.cpu().double().numpy(),
        "test_accuracy": test_accuracy.cpu().double().numpy(),
    })
    for model in models.values():
        model.eval()
    return Sweep(table=table, models=models, loss=losses.cpu(), seconds=seconds)
