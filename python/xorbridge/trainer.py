"""Step-wise training: the epoch loop behind ``train_model``, figures of training and apps.

A ``Trainer`` holds everything a training run keeps between epochs: the model
(trained in place, on the device), the data already on that device, the
shuffling generator, the engine and the ``History`` so far. ``step(k)``
advances it by ``k`` epochs. ``train_model`` is a ``Trainer`` stepped once
through all its epochs, with a progress bar, a callback and TensorBoard
around the same loop, so a run cut into steps is the run made in one call::

    a = Trainer(model_a, data, seed=0)
    a.step(40)
    a.step(60)  # model_a now holds, bit for bit, what train_model gives:
    train_model(model_b, data, epochs=100, seed=0)  # (model_b initialised as model_a)

The same permutations are drawn in the same order, the same SGD updates are
made on the same thread settings, and each step starts from the weights the
model holds: edits between steps take effect.

``training_snapshots`` copies the model after chosen epochs of such a run,
for figures of training (``plot_snapshots``, ``animate_training``).
"""

from __future__ import annotations

import copy
import time
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from . import _validate, fused
from .data import _generator, as_tensors
from .device import pick_device
from .evaluate import CLASS_THRESHOLD, PASS_POINTS, _accuracy, _check_batch_memory, _check_model
from .model import SimpleClassifier
from .train import (
    ENGINES,
    MAX_EPOCHS,
    MAX_LR,
    History,
    _deferred_interrupt,
    _Interrupt,
    interrupted_message,
)

MAX_SNAPSHOTS = 1000  # copies of the model training_snapshots keeps


@dataclass(frozen=True)
class Plan:
    """A ``Trainer``'s arguments, checked; nothing moved or drawn yet.

    ``points`` ``(N, 2)`` and ``labels`` ``(N,)`` are the training data where
    they were given (CPU or a device), ``test`` the test pair or ``None``,
    ``device`` where to train, ``use_fused`` whether the fused engine trains.
    """

    model: nn.Module
    points: torch.Tensor
    labels: torch.Tensor
    test: tuple[torch.Tensor, torch.Tensor] | None
    batch_size: int
    lr: float
    seed: int | None
    device: torch.device
    use_fused: bool


def plan(model: Any, data: Any, batch_size: Any = 128, lr: Any = 0.1, seed: Any = None,
         device: Any = "auto", engine: Any = "auto", test: Any = None) -> Plan:
    """Check a ``Trainer``'s arguments (in ``train_model``'s order) and change nothing.

    ``train_model`` checks its own arguments around these, then starts the
    ``Trainer`` from the plan, so that a refused call moves, draws and trains
    nothing.
    """
    model = _check_model(model)
    batch_size = _validate.positive_int("batch_size", batch_size)
    lr = _validate.finite_number("lr", lr, minimum=0.0, maximum=MAX_LR, strict_minimum=True)
    seed = _validate.optional_seed("seed", seed)
    if not any(parameter.requires_grad for parameter in model.parameters()):
        raise ValueError("`model` has nothing to train: every parameter is frozen "
                         "(requires_grad is False).")
    engine = _validate.choice("engine", engine, ENGINES)
    if engine == "fused" and not fused.supports(model):
        raise ValueError(
            '`engine` "fused" needs a SimpleClassifier with one output and a tanh, sigmoid or '
            'relu activation; use engine="autograd" for this model.'
        )
    target = pick_device(device)
    points, labels = as_tensors(data)
    test_set = None if test is None else as_tensors(test, "test")  # (M, 2), (M,)
    if test_set is not None:
        _check_batch_memory(model, min(PASS_POINTS, test_set[0].shape[0]))
    use_fused = engine == "fused" or (engine == "auto" and fused.supports(model))
    return Plan(model, points, labels, test_set, batch_size, lr, seed, target, use_fused)


class Trainer:
    """Train a model a few epochs at a time, as ``train_model`` does in one call.

    Args:
        model: a ``SimpleClassifier``, or any ``nn.Module`` that takes points
            ``(N, 2)`` and gives logits ``(N, 1)``; trained in place and moved to
            ``device`` when the trainer is made.
        data: an ``XORDataset``, a ``Dataset`` of ``(point, label)`` pairs or a
            pair ``(points (N, 2), labels (N,))``; copied to ``device`` once.
        batch_size, lr, seed, device, engine, test: as ``train_model``'s. The
            shuffling generator is seeded when the trainer is made (with
            ``seed=None``, from torch's global generator at that moment).

    Attributes:
        model: the model being trained.
        history: a ``History`` of every completed epoch so far, numbered from 1
            (with ``test_accuracy`` when ``test`` is given); ``seconds`` adds up
            the steps' time, ``interrupted`` is True once a step was stopped by
            Ctrl-C.
        engine: ``"fused"`` or ``"autograd"``, the engine that trains.
        device: the ``torch.device`` it trains on.
        batch_size, lr, seed: the settings (``seed`` is ``None`` when drawn).

    ``Trainer(...).step(40)`` then ``.step(60)`` gives bit-identical weights and
    history to ``train_model(..., epochs=100)`` with the same settings and an
    equally initialised model, with either engine. A step stopped by Ctrl-C
    (with a warning) keeps the weights of its last completed SGD step, part
    of an epoch: later steps go on from there and no longer repeat a run made
    in one call.
    """

    model: nn.Module
    history: History
    engine: str
    device: torch.device
    batch_size: int
    lr: float
    seed: int | None

    def __init__(self, model: nn.Module, data: Any, batch_size: int = 128, lr: float = 0.1,
                 seed: int | None = None, device: str | torch.device = "auto",
                 engine: str = "auto", test: Any = None) -> None:
        self._start(plan(model, data, batch_size, lr, seed, device, engine, test))

    @classmethod
    def _from_plan(cls, checked: Plan) -> Trainer:
        """A trainer started from arguments ``plan()`` checked already."""
        trainer = cls.__new__(cls)
        trainer._start(checked)
        return trainer

    def _start(self, checked: Plan) -> None:
        target = checked.device
        self.model = checked.model.to(target)
        self.device = target
        self.batch_size, self.lr, self.seed = checked.batch_size, checked.lr, checked.seed
        self.engine = "fused" if checked.use_fused else "autograd"
        self._inputs = checked.points.to(target)  # (N, 2)
        self._labels = checked.labels.to(target)  # (N,) int64 0/1
        self._targets = self._labels.to(torch.float32)  # (N,)
        self._test = None if checked.test is None else (
            checked.test[0].to(target), checked.test[1].to(target))  # (M, 2), (M,)
        self._optimizer: torch.optim.Optimizer | None = None
        if not checked.use_fused:
            # (the first optimizer of a session imports torch._dynamo: seconds, once)
            self._optimizer = torch.optim.SGD(self.model.parameters(), lr=self.lr)
        self._loss_module = nn.BCEWithLogitsLoss()
        self._fused: fused.FusedTrainer | None = None  # made at the start of each step
        self._shuffler = _generator(checked.seed)
        self.history = History(engine=self.engine,
                               test_accuracy=None if self._test is None else [])
        self._per_step = min(self.batch_size, self._inputs.shape[0]) * max(
            parameter.numel() for parameter in self.model.parameters())

    @property
    def epoch(self) -> int:
        """How many epochs are completed (0 before the first step)."""
        return self.history.epoch[-1] if self.history.epoch else 0

    @property
    def size(self) -> int:
        """How many training points there are."""
        return int(self._inputs.shape[0])

    @property
    def data(self) -> tuple[torch.Tensor, torch.Tensor]:
        """The training points ``(N, 2)`` float32 and labels ``(N,)`` int64, on ``device``
        (the trainer's own tensors: read them, do not change them)."""
        return self._inputs, self._labels

    def step(self, epochs: int = 1) -> History:
        """Train ``epochs`` more epochs (0 trains nothing); return their ``History``.

        The returned history holds only these epochs, numbered on from the
        last one (41, 42, ... after 40); ``history`` holds them all. Ctrl-C
        stops at the end of the current SGD step, with a warning, and returns
        the epochs that finished.
        """
        epochs = _validate.whole_number("epochs", epochs, minimum=0, maximum=MAX_EPOCHS)
        run = History(engine=self.engine, test_accuracy=None if self._test is None else [])
        before = self.history.seconds
        try:
            with self._session() as interrupt:
                for epoch, logs in self._epochs(epochs, interrupt):
                    run.append(epoch, logs)
        except KeyboardInterrupt:
            run.interrupted = self.history.interrupted = True
            warnings.warn(interrupted_message(len(run), epochs), RuntimeWarning, stacklevel=2)
        finally:
            run.seconds = self.history.seconds - before  # the session's time
        return run

    @contextmanager
    def _session(self) -> Iterator[_Interrupt]:
        """Around one or more calls of ``_epochs()``: the model in training mode
        (then back to its mode), tiny CPU work on one thread, Ctrl-C deferred to
        the next SGD step (the yielded request), the time added to ``history``."""
        started = time.perf_counter()
        was_training = self.model.training
        self.model.train()
        if self.engine == "fused" and isinstance(self.model, SimpleClassifier):
            # from the weights the model holds now: edits between steps take effect
            self._fused = fused.FusedTrainer(self.model, self._inputs, self._targets,
                                             self.batch_size, self.lr)
        try:
            with _deferred_interrupt() as interrupt, fused.small_work_threads(
                    self.device, self._per_step):
                yield interrupt
        finally:
            self._fused = None
            self.model.train(was_training)
            self.history.seconds += time.perf_counter() - started

    def _epochs(self, count: int, interrupt: _Interrupt) -> Iterator[tuple[int, dict[str, float]]]:
        """Train ``count`` epochs inside ``_session()``, yielding ``(epoch, logs)`` after each.

        The training loop itself: ``logs`` holds the epoch's mean ``loss`` and
        ``accuracy`` (and ``test_accuracy`` with a test set), already in
        ``history`` when yielded. Stop iterating to stop after an epoch.
        """
        size = self.size
        for _ in range(count):
            order = torch.randperm(size, generator=self._shuffler).to(self.device)
            if self._fused is not None:
                logs = self._fused.epoch(order, interrupt)
            elif self._optimizer is None:  # a fused trainer outside _session()
                raise RuntimeError("Trainer._epochs() runs inside Trainer._session().")
            else:
                logs = _train_epoch(self.model, self._optimizer, self._loss_module,
                                    self._inputs, self._targets, self.batch_size, order,
                                    interrupt)
            if self._test is not None:
                logs["test_accuracy"] = _accuracy(self.model, *self._test, PASS_POINTS)
            epoch = self.epoch + 1
            self.history.append(epoch, logs)
            yield epoch, logs

    def state(self) -> dict[str, torch.Tensor]:
        """A copy of the model's weights now, ``{name: tensor}`` on the CPU
        (``state_dict()``'s names: ``linear1.weight`` ``(H, 2)``, ...)."""
        return {name: value.detach().to("cpu", copy=True)
                for name, value in self.model.state_dict().items()}

    def __repr__(self) -> str:
        what = self.model.describe() if isinstance(self.model, SimpleClassifier) else (
            f"{type(self.model).__name__} on {self.device}")
        return (f"Trainer({what}; {self.engine} engine, batch {self.batch_size}, "
                f"lr {self.lr:g}; {self.history!r})")


def _train_epoch(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    loss_module: nn.Module,
    inputs: torch.Tensor,
    targets: torch.Tensor,
    batch_size: int,
    order: torch.Tensor,
    interrupt: _Interrupt,
) -> dict[str, float]:
    """One pass over the data in ``order``; returns the epoch's mean loss and accuracy."""
    size = inputs.shape[0]
    loss_sum = torch.zeros((), device=inputs.device)
    correct = torch.zeros((), dtype=torch.long, device=inputs.device)
    for start in range(0, size, batch_size):
        if interrupt.requested:
            raise KeyboardInterrupt
        ## Step 1: take a batch (the data is already on the device)
        batch = order[start : start + batch_size]
        batch_inputs, batch_targets = inputs[batch], targets[batch]
        ## Step 2: run the model on the batch
        preds = model(batch_inputs).squeeze(dim=1)  # (batch,) logits
        ## Step 3: compute the loss
        loss = loss_module(preds, batch_targets)
        ## Step 4: backpropagate, starting from zeroed gradients
        optimizer.zero_grad()
        loss.backward()
        ## Step 5: update the parameters
        optimizer.step()
        # Bookkeeping stays on the device: one synchronisation per epoch.
        loss_sum += loss.detach() * batch.numel()
        predicted = torch.sigmoid(preds.detach()) >= CLASS_THRESHOLD
        correct += (predicted == (batch_targets >= 0.5)).sum()  # targets 0.0 or 1.0
    return {"loss": loss_sum.item() / size, "accuracy": correct.item() / size}


def check_epochs(name: str, epochs: Any, limit: int = MAX_SNAPSHOTS) -> list[int]:
    """Whole numbers >= 0 (epoch 0: before training), at least one and at most
    ``limit``, as a sorted list without repeats."""
    if isinstance(epochs, (str, bytes)) or not isinstance(epochs, Iterable):
        epochs = [epochs]
    numbers = sorted({_validate.whole_number(name, value, minimum=0, maximum=MAX_EPOCHS)
                      for value in epochs})
    if not numbers or len(numbers) > limit:
        raise ValueError(f"`{name}` must hold 1 to {limit:,} epochs, not {len(numbers):,}.")
    return numbers


def training_snapshots(
    model: nn.Module,
    data: Any,
    epochs: Iterable[int] = (1, 5, 20, 100),
    batch_size: int = 128,
    lr: float = 0.1,
    seed: int | None = None,
    device: str | torch.device = "auto",
    engine: str = "auto",
) -> dict[int, nn.Module]:
    """Train ``model`` in place through the largest of ``epochs``, copying it after each.

    Returns ``{epoch: copy of the model after that epoch}`` in increasing
    order (epoch 0 is the model before training), each copy on the CPU in
    the model's mode. The run is ``train_model``'s with the same settings:
    the copy after epoch 100 equals the model ``train_model(..., epochs=100)``
    trains. Ctrl-C stops training with a warning; the copies made so far
    are returned.
    """
    wanted = check_epochs("epochs", epochs)
    trainer = Trainer(model, data, batch_size=batch_size, lr=lr, seed=seed, device=device,
                      engine=engine)
    copies: dict[int, nn.Module] = {}
    for epoch in wanted:
        if trainer.step(epoch - trainer.epoch).interrupted:
            break
        copies[epoch] = copy.deepcopy(trainer.model).cpu()
    return copies
