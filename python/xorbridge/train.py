"""Training in one call: ``train_model``, its ``History``, progress bar and Ctrl-C handling.

The training loop itself (the tutorial's five steps, or the fused engine's
update) is ``Trainer``'s, in ``trainer.py``: ``train_model`` checks its
arguments, starts a ``Trainer`` and runs it through all its epochs, so a run
made in steps (``Trainer.step``) is the run made here.
"""

from __future__ import annotations

import math
import os
import signal
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn

import numpy as np
import torch
from torch import nn

from . import _validate
from .evaluate import _check_model

if TYPE_CHECKING:
    import pandas as pd
    from tqdm.auto import tqdm

    from .tensorboard import TensorBoardLogger

Callback = Callable[[int, dict[str, float]], Any]
ENGINES = ("auto", "fused", "autograd")


@dataclass
class History:
    """What happened in each completed epoch.

    Attributes:
        epoch: 1, 2, ... for each completed epoch.
        loss: the epoch's mean training loss (``BCEWithLogitsLoss``, averaged
            over every point, the last partial batch weighted by its size).
        accuracy: the fraction of training points classified correctly during
            the epoch (predictions made before each batch's update).
        test_accuracy: with a test set (``train_model(test=...)``), the
            fraction of test points classified correctly after each epoch, as
            ``eval_model`` gives it; ``None`` without one.
        interrupted: True when training stopped early (Ctrl-C, or a callback
            that returned ``False`` or raised ``StopTraining``); the lists then
            hold the epochs that finished.
        seconds: wall-clock time of the whole run.
        engine: which engine trained: ``"fused"`` (the backward pass written
            out) or ``"autograd"`` (the tutorial's five steps); see
            ``train_model``.
    """

    epoch: list[int] = field(default_factory=list)
    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0
    engine: str = ""
    test_accuracy: list[float] | None = None

    def __len__(self) -> int:
        return len(self.epoch)

    def append(self, epoch: int, logs: dict[str, float]) -> None:
        """Record one completed epoch."""
        self.epoch.append(epoch)
        self.loss.append(logs["loss"])
        self.accuracy.append(logs["accuracy"])
        if self.test_accuracy is not None:
            self.test_accuracy.append(logs["test_accuracy"])

    def to_frame(self) -> pd.DataFrame:
        """Columns ``epoch`` (int), ``loss`` and ``accuracy`` (float), and
        ``test_accuracy`` (float) when there was a test set."""
        import pandas as pd

        frame = pd.DataFrame({
            "epoch": pd.array(self.epoch, dtype="int64"),
            "loss": pd.array(self.loss, dtype="float64"),
            "accuracy": pd.array(self.accuracy, dtype="float64"),
        })
        if self.test_accuracy is not None:
            frame["test_accuracy"] = pd.array(self.test_accuracy, dtype="float64")
        return frame

    def __repr__(self) -> str:
        summary = describe(self.epoch, self.loss, self.accuracy, self.interrupted, self.seconds,
                           self.engine)
        return f"History({summary})"


def share(value: float) -> str:
    """An accuracy to three decimals, but never "1.000" for less than all of them:
    those are cut (not rounded) to four (0.9996 is "0.9996", 0.99999 "0.9999")."""
    text = f"{value:.3f}"
    if text == "1.000" and value < 1:
        text = f"{math.floor(value * 10_000) / 10_000:.4f}"
    return text


def describe(epoch: Sequence[int], loss: Sequence[float], accuracy: Sequence[float],
             interrupted: bool = False, seconds: float | None = None,
             engine: str = "") -> str:
    """One line about the epochs given: how many (or which), loss and accuracy first -> last.

    The run's time and its engine follow where they are given (the time only
    for a whole run).

    Used for a whole ``History`` and for any run of its rows (R prints a
    subset of a history with this header).
    """
    if not epoch:
        return "no completed epochs"
    count = len(epoch)
    whole = list(epoch) == list(range(1, count + 1))
    span = f"{count} epoch{'s' if count != 1 else ''}" if whole else (
        f"epochs {epoch[0]}-{epoch[-1]} ({count} rows)")
    timing = f", {seconds:.2f} s" if whole and seconds is not None else ""
    trained_by = f", {engine} engine" if engine else ""
    return (
        f"{span}{', interrupted' if interrupted and whole else ''}: "
        f"loss {loss[0]:.4f} -> {loss[-1]:.4f}, "
        f"accuracy {share(accuracy[0])} -> {share(accuracy[-1])}{timing}{trained_by}"
    )


class StopTraining(Exception):  # noqa: N818 - it is a signal, not an error
    """Raise from a callback (or return ``False``) to stop training after this epoch."""


class _Interrupt:
    """Whether Ctrl-C was pressed during training (see ``_deferred_interrupt``)."""

    requested = False


@contextmanager
def _deferred_interrupt() -> Iterator[_Interrupt]:
    """Turn the first Ctrl-C into a request to stop at the next batch boundary.

    A second Ctrl-C goes to the handler that was there before (Python's own
    raises ``KeyboardInterrupt`` at once). Inside R, reticulate installs a
    Python-level handler of its own and turns R's interrupts (Esc in
    RStudio) into Python ones: the first of those, too, becomes a request.
    Where no Python-level handler is installed, or off the main thread,
    nothing changes.
    """
    state = _Interrupt()
    previous = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or not callable(previous):
        yield state
        return

    def handler(signum: int, frame: Any) -> None:
        if state.requested:
            previous(signum, frame)
        state.requested = True

    signal.signal(signal.SIGINT, handler)
    try:
        yield state
    finally:
        signal.signal(signal.SIGINT, previous)


def throttled(callback: Callback, seconds: float, last_epoch: int) -> Callback:
    """Call ``callback`` at most every ``seconds`` (and always at ``last_epoch``).

    For progress displays that live outside Python (the R package's progress
    bar): a call into R costs far more than a training epoch of this tiny
    model, and a display needs no more than a few updates a second.
    """
    seconds = _validate.finite_number("seconds", seconds, minimum=0.0)
    last_call = [-float("inf")]

    def call(epoch: int, logs: dict[str, float]) -> Any:
        now = time.perf_counter()
        if epoch < last_epoch and now - last_call[0] < seconds:
            return None
        last_call[0] = now
        return callback(epoch, logs)

    return call


def _wants_progress(progress: Any) -> bool:
    """``progress`` as True or False; ``"auto"`` is True in a terminal or a Jupyter
    kernel, False elsewhere (knitr and other captured output, CI)."""
    if isinstance(progress, str) and progress == "auto":
        return _live_output()
    if isinstance(progress, (bool, np.bool_)):
        return bool(progress)
    raise ValueError(f'`progress` must be {_validate.show(True)}, {_validate.show(False)} or '
                     f'"auto", not {_validate.show(progress)}.')


def _live_output() -> bool:
    if os.environ.get("CI"):
        return False
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if type(shell).__name__ == "ZMQInteractiveShell":  # Jupyter, Colab
        return True
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False


def _progress_bar(epochs: int, progress: bool) -> tqdm[NoReturn] | None:
    if not progress:
        return None
    from tqdm.auto import tqdm

    # redrawn a few times a second at most, however fast the epochs are
    return tqdm(total=epochs, desc="Training", unit="epoch", leave=True, file=sys.stderr,
                mininterval=0.25)


MAX_EPOCHS = 1_000_000
MAX_LR = 100.0


def check_settings(epochs: Any, batch_size: Any, lr: Any) -> tuple[int, int, float]:
    """``train_model``'s ``epochs``, ``batch_size`` and ``lr``, checked (for callers
    that check everything before they start, such as the command line)."""
    return (_validate.positive_int("epochs", epochs, maximum=MAX_EPOCHS),
            _validate.positive_int("batch_size", batch_size),
            _validate.finite_number("lr", lr, minimum=0.0, maximum=MAX_LR, strict_minimum=True))


def train_model(
    model: nn.Module,
    data: Any,
    epochs: int = 100,
    batch_size: int = 128,
    lr: float = 0.1,
    seed: int | None = None,
    device: str | torch.device = "auto",
    progress: bool | str = "auto",
    callback: Callback | None = None,
    engine: str = "auto",
    test: Any = None,
    log_dir: str | os.PathLike[str] | None = None,
    figure_every: int = 10,
) -> History:
    """Train ``model`` on ``data`` with SGD and ``BCEWithLogitsLoss``, as the tutorial does.

    Args:
        model: a ``SimpleClassifier``, or any ``nn.Module`` that takes points
            ``(N, 2)`` and gives logits ``(N, 1)`` (trained in place, and moved to
            ``device``).
        data: an ``XORDataset`` or a pair ``(points (N, 2), labels (N,))``.
        epochs: passes over the data.
        batch_size: points per SGD step; the last batch of an epoch may be smaller.
        lr: SGD's learning rate.
        seed: seeds the shuffling. ``None`` draws it from torch's global
            generator, so ``set_seed()`` beforehand makes the run repeatable.
        device: where to train: ``"auto"`` (CUDA, then MPS, then CPU), ``"cpu"``,
            ``"cuda"``, ``"cuda:N"`` or ``"mps"``.
        progress: show a ``tqdm`` bar; ``"auto"`` shows it in a terminal or
            Jupyter only, not in a knitted document, captured output or CI.
        callback: called as ``callback(epoch, logs)`` after every epoch, with
            ``logs = {"loss": ..., "accuracy": ...}`` (and ``"test_accuracy"``
            with a ``test`` set). Returning ``False`` or raising
            ``StopTraining`` stops training there (the epoch counts as
            completed).
        engine: ``"autograd"`` runs the tutorial's five steps (forward, loss,
            ``zero_grad``, ``backward``, ``step``); ``"fused"`` computes the
            same SGD update with the backward pass written out (see
            ``xorbridge.fused``), several times faster for this tiny model;
            ``"auto"`` uses ``"fused"`` where the model allows it.
        test: ``None``, or test data (as ``data``): its accuracy after every
            epoch goes into the history (``test_accuracy``) and the callback's
            ``logs``. Measuring it changes nothing in training.
        log_dir: ``None``, or a directory for TensorBoard event files
            (``torch.utils.tensorboard``; needs the optional extra:
            ``pip install "xorbridge[tensorboard]"``). Per epoch, the scalars
            ``loss/train``, ``accuracy/train`` and, with ``test``,
            ``accuracy/test``; the model's graph once; the figure
            ``decision_boundary`` (``plot_boundary`` of the training points)
            every ``figure_every`` epochs and at the last. See
            ``xorbridge.tensorboard``.
        figure_every: epochs between two ``decision_boundary`` figures.

    Returns:
        A ``History`` of the completed epochs. Ctrl-C stops training at the
        end of the current step, with a warning, and returns the history so
        far: the model keeps the weights of its last completed step. The
        event files are complete for the completed epochs however training
        ends.

    Unlike the tutorial, the loop does not use a ``DataLoader``: the points are
    moved to the device once, and each batch is taken by indexing them with a
    shuffled permutation. A ``DataLoader`` would fetch every point separately
    and collate them again, which costs more than the tiny model's own work.
    Both engines draw the same permutations and make the same SGD updates.
    The loop is ``Trainer``'s: ``Trainer(model, data, ...)`` stepped 40 and
    then 60 epochs ends with the weights and history of ``epochs=100`` here.
    """
    from .trainer import Trainer, plan  # trainer.py builds on this module's History

    model = _check_model(model)
    epochs, batch_size, lr = check_settings(epochs, batch_size, lr)
    seed = _validate.optional_seed("seed", seed)
    progress = _wants_progress(progress)
    if callback is not None and not callable(callback):
        raise TypeError(f"`callback` must be a function or {_validate.none()}, "
                        f"not {type(callback).__name__}.")
    checked = plan(model, data, batch_size, lr, seed, device, engine, test)
    figure_every = _validate.positive_int("figure_every", figure_every)
    board: TensorBoardLogger | None = None
    if log_dir is not None:
        from . import tensorboard  # and torch.utils.tensorboard: only when asked for

        board = tensorboard.TensorBoardLogger(tensorboard.check_log_dir(log_dir), figure_every,
                                              epochs, model, (checked.points, checked.labels))

    # Everything is checked: from here on, the trainer's loop (Trainer.step's own).
    trainer = Trainer._from_plan(checked)
    history = trainer.history
    bar = _progress_bar(epochs, progress)
    try:
        with trainer._session() as interrupt:
            if board is not None:
                board.start(trainer.data[0][:batch_size])  # the graph, from the first batch
            for epoch, logs in trainer._epochs(epochs, interrupt):
                if board is not None:
                    board.epoch_end(epoch, logs)
                if bar is not None:
                    bar.set_postfix(loss=f"{logs['loss']:.4f}", acc=f"{logs['accuracy']:.3f}",
                                    refresh=False)  # drawn with the next update
                    bar.update(1)
                if callback is not None and callback(epoch, dict(logs)) is False:
                    raise StopTraining
    except StopTraining:
        history.interrupted = True
        if board is not None:
            board.stopped(len(history))
    except KeyboardInterrupt:
        history.interrupted = True
        warnings.warn(interrupted_message(len(history), epochs), RuntimeWarning, stacklevel=2)
    finally:
        if bar is not None:
            bar.close()
        if board is not None:
            board.close()
    return history


def interrupted_message(completed: int, epochs: int) -> str:
    """The warning of a run that Ctrl-C stopped after ``completed`` of ``epochs`` epochs."""
    return (f"Training interrupted after {completed} of {epochs} epochs; "
            "the model keeps the weights of its last completed step.")
