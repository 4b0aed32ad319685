"""Checkpoints: weights plus the architecture, written atomically, read safely.

A checkpoint is a ``torch.save`` file holding a plain dictionary::

    {"format": "xorbridge-checkpoint", "format_version": 1,
     "xorbridge_version": "0.1.0", "torch_version": "...",
     "architecture": {"num_inputs": 2, "num_hidden": 4, ...},
     "state_dict": {"linear1.weight": tensor, ...}}

It is read with ``torch.load(weights_only=True)``, which refuses anything but
tensors and plain containers, so a crafted file cannot run code.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import torch

from ._version import __version__
from .device import pick_device
from .model import SimpleClassifier

FORMAT = "xorbridge-checkpoint"
FORMAT_VERSION = 1


class CheckpointError(ValueError):
    """A file that is not a usable xorbridge checkpoint."""


def _as_path(path: Any) -> Path:
    if isinstance(path, (str, os.PathLike)) and str(path).strip():
        return Path(path).expanduser()
    raise TypeError(f"`path` must be a file path (a non-empty string), not {path!r}.")


def save_model(model: SimpleClassifier, path: str | os.PathLike) -> Path:
    """Write ``model``'s weights and architecture to ``path``; returns the path.

    The file is written to a temporary file in the same directory and then
    renamed over ``path``, so a crash or a full disk never leaves a
    half-written checkpoint: either the old file or the new one is there.
    """
    if not isinstance(model, SimpleClassifier):
        raise TypeError(f"`model` must be a SimpleClassifier, not {type(model).__name__}.")
    target = _as_path(path)
    directory = target.parent
    if not directory.is_dir():
        raise FileNotFoundError(
            f"Cannot save to '{target}': the directory '{directory}' does not exist."
        )
    if target.is_dir():
        raise IsADirectoryError(f"Cannot save to '{target}': it is a directory.")
    if not os.access(directory, os.W_OK):
        raise PermissionError(
            f"Cannot save to '{target}': the directory '{directory}' is not writable."
        )
    payload = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "xorbridge_version": __version__,
        "torch_version": str(torch.__version__),
        "architecture": model.config,
        "state_dict": {name: tensor.detach() for name, tensor in model.state_dict().items()},
    }
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            torch.save(payload, stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _read(target: Path, map_location: torch.device) -> Any:
    """``torch.load`` with every way of failing turned into a ``CheckpointError``."""
    if not zipfile.is_zipfile(target):
        raise CheckpointError(
            f"'{target}' is not an xorbridge checkpoint: it is not a torch.save file "
            "(it may be truncated, or written by another program)."
        )
    try:
        return torch.load(target, map_location=map_location, weights_only=True)
    except pickle.UnpicklingError as error:
        raise CheckpointError(
            f"Refused to load '{target}': it holds objects other than tensors and plain "
            "values, and loading them could run code from the file. "
            f"({str(error).splitlines()[0]})"
        ) from None
    except (RuntimeError, EOFError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise CheckpointError(
            f"'{target}' is damaged or truncated and cannot be read: {str(error).splitlines()[0]}"
        ) from None


def load_model(
    path: str | os.PathLike, device: str | torch.device | None = None
) -> SimpleClassifier:
    """Rebuild the model saved at ``path``, without repeating its architecture.

    Tensors saved on a GPU are mapped to ``device`` (default: the CPU), so a
    checkpoint written on a GPU machine loads on one without.
    """
    target = _as_path(path)
    if not target.exists():
        raise FileNotFoundError(f"No checkpoint at '{target}': the file does not exist.")
    if target.is_dir():
        raise IsADirectoryError(f"Cannot load '{target}': it is a directory.")
    where = pick_device(device) if device is not None else torch.device("cpu")
    payload = _read(target, where)
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise CheckpointError(
            f"'{target}' is a torch file but not an xorbridge checkpoint "
            "(save one with save_model())."
        )
    if payload.get("format_version", 0) > FORMAT_VERSION:
        raise CheckpointError(
            f"'{target}' uses checkpoint format {payload['format_version']}, newer than this "
            f"xorbridge ({__version__}) reads; update xorbridge."
        )
    try:
        model = SimpleClassifier(**payload["architecture"])
        model.load_state_dict(payload["state_dict"], strict=True)
    except (KeyError, TypeError, ValueError, RuntimeError) as error:
        raise CheckpointError(
            f"'{target}' does not describe a valid SimpleClassifier: "
            f"{str(error).splitlines()[0]}"
        ) from None
    return model.to(where).eval()
