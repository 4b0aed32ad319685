"""xorbridge: the continuous-XOR walkthrough of the UvA PyTorch tutorial as a small library.

>>> import xorbridge as xb
>>> xb.set_seed(42)
>>> train = xb.XORDataset(2500, seed=42)
>>> model = xb.SimpleClassifier(num_hidden=4)
>>> history = xb.train_model(model, train, progress=False)
>>> xb.eval_model(model, xb.XORDataset(500, seed=43))  # doctest: +SKIP
1.0

Training a few epochs at a time (for figures of training and apps):

>>> trainer = xb.Trainer(xb.SimpleClassifier(), train, seed=0)
>>> trainer.step(5)  # doctest: +SKIP
History(5 epochs: loss 0.6986 -> 0.6721, accuracy 0.502 -> 0.600, 0.01 s, fused engine)

Figures (``plot_samples``, ``plot_boundary``, ``plot_history``,
``plot_neurons``, ``plot_snapshots``, ``animate_training``, ...) need
matplotlib and are imported on first use.
"""

from typing import Any

from ._version import __version__
from .bench import benchmark_matmul
from .checkpoint import CheckpointError, load_model, save_model
from .data import XORDataset
from .device import available_devices, pick_device
from .evaluate import eval_model, predict_proba
from .grid import DecisionGrid, decision_grid
from .info import device_info
from .libraries import LibraryConflictWarning
from .model import SimpleClassifier
from .seed import set_seed
from .sweep import Sweep, sweep_hidden
from .train import History, StopTraining, train_model
from .trainer import Trainer, training_snapshots

__all__ = [
    "CheckpointError",
    "DecisionGrid",
    "History",
    "LibraryConflictWarning",
    "SimpleClassifier",
    "StopTraining",
    "Sweep",
    "Trainer",
    "XORDataset",
    "__version__",
    "animate_training",
    "available_devices",
    "benchmark_matmul",
    "decision_grid",
    "device_info",
    "eval_model",
    "load_model",
    "pick_device",
    "plot_boundaries",
    "plot_boundary",
    "plot_history",
    "plot_neurons",
    "plot_samples",
    "plot_snapshots",
    "plot_sweep",
    "predict_proba",
    "save_model",
    "set_seed",
    "sweep_hidden",
    "train_model",
    "training_snapshots",
]

_PLOTS = ("plot_boundaries", "plot_boundary", "plot_history", "plot_neurons", "plot_samples",
          "plot_sweep")
_TRAINING_PLOTS = ("animate_training", "plot_snapshots")


def __getattr__(name: str) -> Any:
    # matplotlib is imported only when a figure is asked for.
    if name in _PLOTS:
        from . import plot

        return getattr(plot, name)
    if name in _TRAINING_PLOTS:
        from . import plot_training

        return getattr(plot_training, name)
    raise AttributeError(f"module 'xorbridge' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
