"""TensorBoard logging for ``train_model(log_dir=...)``, as the tutorial does it.

The tutorial opens a ``SummaryWriter``, draws the model's graph from its first
batch with ``add_graph``, adds each epoch's loss with ``add_scalar`` and, every
10th epoch, a figure of the decision boundary with ``add_figure``.
``TensorBoardLogger`` writes the same for ``train_model``, once per epoch,
between epochs (never inside the training steps):

* scalars ``loss/train`` and ``accuracy/train`` (the History's ``loss`` and
  ``accuracy``) and, with a test set, ``accuracy/test`` (its
  ``test_accuracy``), at ``global_step`` = the epoch, 1, 2, ...;
* the model's graph, once, traced from the first batch of training points;
* the image ``decision_boundary``: ``plot_boundary`` of the model and the
  training points, every ``figure_every`` epochs and at the last epoch (the
  last of ``epochs``, or the one a callback stopped training after).

TensorBoard keeps scalars as float32: read back, a value is the History's
rounded to float32. The writer is closed however training ends (Ctrl-C, a
callback stopping it, an error), so the event files hold every completed
epoch. Look at them with ``tensorboard --logdir DIR``.

``torch.utils.tensorboard`` needs the ``tensorboard`` package, an optional
extra; it is imported only when a ``log_dir`` is given.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch
from torch import nn

from . import _validate

if TYPE_CHECKING:
    from torch.utils.tensorboard import SummaryWriter

INSTALL = 'pip install "xorbridge[tensorboard]"'
SCALAR_TAGS = {"loss": "loss/train", "accuracy": "accuracy/train",
               "test_accuracy": "accuracy/test"}  # History field -> tag
FIGURE_TAG = "decision_boundary"
# add_graph traces the model with torch.jit.trace, which torch now marks as
# deprecated: a warning about torch's own code, which the caller cannot act on.
_TRACE_DEPRECATED = r"`torch\.jit\.trace(_method)?` is deprecated"


def check_log_dir(log_dir: Any) -> Path:
    """The directory to write event files to ("~" expanded).

    It may exist (runs written there before stay; TensorBoard shows each
    event file) or not yet (it is made); it must not be a file.
    """
    text = os.fspath(log_dir) if isinstance(log_dir, (str, os.PathLike)) else None
    if not isinstance(text, str):
        raise TypeError(f"`log_dir` must be a directory path (a string) or {_validate.none()}, "
                        f"not {_validate.show(log_dir)}.")
    if not text.strip():
        raise ValueError(f"`log_dir` must be a directory path, not {_validate.show(text)}.")
    if "\0" in text:
        raise ValueError(f"`log_dir` must not contain a NUL character, not {_validate.show(text)}.")
    path = Path(text).expanduser()
    if path.exists() and not path.is_dir():
        raise NotADirectoryError(f"`log_dir` is '{path}', which is a file, not a directory.")
    return path


def summary_writer() -> type[SummaryWriter]:
    """``torch.utils.tensorboard.SummaryWriter``, or an error that says how to install it."""
    try:
        from torch.utils.tensorboard import SummaryWriter
    except ImportError as error:
        raise ModuleNotFoundError(
            f"`log_dir` needs TensorBoard, which is not installed ({error}). Install the "
            f"optional extra: {INSTALL} (or pip install tensorboard).",
            name=getattr(error, "name", None) or "tensorboard",
        ) from error
    return SummaryWriter


class TensorBoardLogger:
    """One run's event files: opened by ``start()``, one ``epoch_end()`` per epoch, ``close()``.

    Made before any work is done: it imports ``torch.utils.tensorboard``, so a
    missing extra stops ``train_model`` before it trains. ``model`` is the
    model being trained (in place); ``data``, the training points ``(N, 2)``
    and labels ``(N,)``, is drawn under each figure.
    """

    def __init__(self, log_dir: Path, figure_every: int, epochs: int, model: nn.Module,
                 data: tuple[torch.Tensor, torch.Tensor]) -> None:
        self.log_dir = log_dir
        self.figure_every = figure_every
        self.epochs = epochs
        self.model = model
        self.data = data
        self._writer_class = summary_writer()
        self._writer: SummaryWriter | None = None
        self._last_figure = 0  # the epoch of the last figure written

    def start(self, batch: torch.Tensor) -> None:
        """Open the writer, and add the graph of the model run on ``batch`` ``(B, 2)``."""
        self._writer = self._writer_class(log_dir=str(self.log_dir))
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=_TRACE_DEPRECATED,
                                    category=DeprecationWarning)
            self._writer.add_graph(self.model, batch)  # traced in eval mode, then restored

    def epoch_end(self, epoch: int, logs: dict[str, float]) -> None:
        """The epoch's scalars, and the figure when one is due."""
        if self._writer is None:
            return
        for name, tag in SCALAR_TAGS.items():
            if name in logs:
                self._writer.add_scalar(tag, logs[name], global_step=epoch)
        if epoch % self.figure_every == 0 or epoch == self.epochs:
            self._figure(self._writer, epoch)

    def stopped(self, epoch: int) -> None:
        """Training stopped after ``epoch`` (a callback said so): its figure, unless written."""
        if self._writer is not None and 0 < epoch != self._last_figure:
            self._figure(self._writer, epoch)

    def close(self) -> None:
        """Flush and close the event files."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def _figure(self, writer: SummaryWriter, epoch: int) -> None:
        from .plot import plot_boundary  # matplotlib only when a figure is drawn

        figure = plot_boundary(self.model, self.data, title=f"Decision boundary, epoch {epoch}")
        writer.add_figure(FIGURE_TAG, figure, global_step=epoch)  # and closes it
        self._last_figure = epoch
