"""matplotlib figures of training as it goes: boundary snapshots and an animated GIF.

``plot_snapshots`` draws the copies ``training_snapshots`` makes of a model
during one run, side by side; ``animate_training`` trains a model and writes
its decision boundary after every few epochs as the frames of a GIF
(matplotlib's ``PillowWriter``; Pillow comes with matplotlib).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch

from . import _validate
from .evaluate import PASS_POINTS, _accuracy, _check_model
from .grid import blend_colours, decision_grid
from .look import PALETTES, STYLE_NAMES, style_context
from .model import SimpleClassifier
from .plot import (
    DPI,
    FIGSIZE,
    _check_pixels,
    _draw_small_samples,
    _points_and_labels,
    _subplots,
    plot_boundary,
)
from .train import MAX_EPOCHS, History

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MAX_PANELS = 12  # snapshots plot_snapshots draws in its row
MAX_FPS = 100  # frames a second


def _check_snapshots(snapshots: Any) -> dict[int, torch.nn.Module]:
    if not isinstance(snapshots, Mapping):
        raise TypeError("`snapshots` must be a dict of epochs to models, as "
                        f"training_snapshots() returns, not {type(snapshots).__name__}.")
    if not 1 <= len(snapshots) <= MAX_PANELS:
        raise ValueError(f"`snapshots` must hold 1 to {MAX_PANELS} models, not {len(snapshots)}.")
    checked = {}
    for epoch, model in snapshots.items():
        number = _validate.whole_number("snapshots' epochs", epoch, minimum=0)
        checked[number] = _check_model(model, f"snapshots[{number}]")
    return dict(sorted(checked.items()))


def plot_snapshots(
    snapshots: Any,
    data: Any = None,
    style: str = "darkgrid",
    step: float = 0.02,
    dpi: float = DPI,
) -> Figure:
    """The decision boundary after each epoch of ``snapshots``, side by side.

    ``snapshots`` is ``{epoch: model}`` as ``training_snapshots`` returns it
    (1 to 12 models). Each panel is titled "epoch N"; with ``data`` (the
    training set), its points are drawn on every panel and each panel's
    label is the model's accuracy on them (``eval_model``). Returns the
    matplotlib ``Figure``.
    """
    models = _check_snapshots(snapshots)
    palette = PALETTES[_validate.choice("style", style, STYLE_NAMES)]
    grids = {epoch: decision_grid(model, step=step) for epoch, model in models.items()}
    samples = None if data is None else _points_and_labels(data)  # checked before drawing
    tensors = None if samples is None else (torch.from_numpy(samples[0]),
                                           torch.from_numpy(samples[1]))
    with style_context(style):
        fig, axes = _subplots(style, 1, len(models), squeeze=False, sharex=True, sharey=True,
                              figsize=(2.4 * len(models), 3.0), dpi=dpi)
        last = max(models)
        for ax, (epoch, model) in zip(axes[0], models.items(), strict=True):
            grid = grids[epoch]
            ax.imshow(blend_colours(grid.prob, palette[0], palette[1]), origin="lower",
                      extent=grid.extent, interpolation="nearest")
            ax.grid(False)
            ax.set_title(f"epoch {epoch}", fontsize=10)
            if epoch == last:  # the row's label, as plot_sweep's boundaries have
                ax.yaxis.set_label_position("right")
                ax.set_ylabel(_architecture(model), fontsize=10)
            if samples is not None and tensors is not None:
                _draw_small_samples(ax, *samples, palette)
                accuracy = _accuracy(model, *tensors, PASS_POINTS)
                ax.text(0.04, 0.96, f"{100 * accuracy:.1f}%", transform=ax.transAxes,
                        va="top", fontsize=8, bbox={"facecolor": "white", "alpha": 0.8,
                                                     "edgecolor": "none"})
        fig.supxlabel(r"$x_1$")
        fig.supylabel(r"$x_2$")
        fig.suptitle("Decision boundary during training" +
                     (" (label: training accuracy)" if samples is not None else ""))
    return fig


def _architecture(model: torch.nn.Module) -> str:
    """A model in two words: "4 hidden" for a SimpleClassifier, else its class name."""
    return f"{model.num_hidden} hidden" if isinstance(model, SimpleClassifier) else (
        type(model).__name__)


def _check_gif_path(path: Any) -> Path:
    text = os.fspath(path) if isinstance(path, (str, os.PathLike)) else None
    if not isinstance(text, str):
        raise TypeError(f"`path` must be a file path (a string), not {_validate.show(path)}.")
    target = Path(text).expanduser()
    if target.suffix.lower() != ".gif":
        raise ValueError(f"`path` must name a .gif file, not {_validate.show(text)}.")
    if not target.parent.is_dir():
        raise FileNotFoundError(f"`path` is in '{target.parent}', which is not a directory.")
    return target


def frame_epochs(epochs: int, every: int) -> list[int]:
    """The epochs ``animate_training`` draws: 0 (before training), every
    ``every``-th epoch, and the last: ``1 + ceil(epochs / every)`` frames."""
    return [0, *range(every, epochs, every), epochs]


def frame_count(epochs: int, every: int) -> int:
    """How many frames ``animate_training(epochs=epochs, every=every)`` writes."""
    return 1 + math.ceil(epochs / every)


def animate_training(
    model: Any,
    data: Any,
    path: str | os.PathLike[str],
    epochs: int = 100,
    every: int = 2,
    batch_size: int = 128,
    lr: float = 0.1,
    seed: int | None = None,
    device: str | torch.device = "auto",
    engine: str = "auto",
    style: str = "darkgrid",
    step: float = 0.02,
    fps: int = 10,
    dpi: float = DPI,
) -> History:
    """Train ``model`` as ``train_model`` does and write its boundary over time as a GIF.

    The frames (``frame_epochs``) show the decision boundary and the
    training points, as ``plot_boundary`` draws them, before training and
    after every ``every``-th epoch and the last, titled with the epoch and
    that epoch's mean training loss; ``fps`` frames a second. ``path`` must
    end in ``.gif``. Returns the ``History`` of the run (the same run as
    ``train_model`` with these settings). Ctrl-C stops training with a
    warning; the frames drawn so far are written.
    """
    from matplotlib.animation import PillowWriter

    from .trainer import Trainer

    target = _check_gif_path(path)
    epochs = _validate.positive_int("epochs", epochs, maximum=MAX_EPOCHS)
    every = _validate.positive_int("every", every)
    fps = _validate.positive_int("fps", fps, maximum=MAX_FPS)
    _validate.choice("style", style, STYLE_NAMES)
    _check_pixels({"figsize": FIGSIZE, "dpi": dpi})
    _check_model(model)
    decision_grid(model, step=step)  # checks `step` before any work
    trainer = Trainer(model, data, batch_size=batch_size, lr=lr, seed=seed, device=device,
                      engine=engine)
    palette = PALETTES[style]
    fig = plot_boundary(trainer.model, trainer.data, style=style, step=step, dpi=dpi,
                        title="epoch 0, before training")
    ax = fig.axes[0]
    image = ax.images[0]
    writer = PillowWriter(fps=fps)
    try:
        with style_context(style), writer.saving(fig, str(target), dpi):
            writer.grab_frame()
            for epoch in frame_epochs(epochs, every)[1:]:
                if trainer.step(epoch - trainer.epoch).interrupted:
                    break
                grid = decision_grid(trainer.model, step=step)
                image.set_data(blend_colours(grid.prob, palette[0], palette[1]))
                ax.set_title(f"epoch {epoch}, loss {trainer.history.loss[-1]:.4f}")
                writer.grab_frame()
    finally:
        import matplotlib.pyplot as plt

        plt.close(fig)
    return trainer.history
