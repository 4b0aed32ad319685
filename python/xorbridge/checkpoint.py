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
import secrets
import stat
import zipfile
from pathlib import Path
from typing import Any, BinaryIO

import torch

from . import _validate
from ._version import __version__
from .device import pick_device
from .model import SimpleClassifier

FORMAT = "xorbridge-checkpoint"
FORMAT_VERSION = 1


class CheckpointError(ValueError):
    """A file that is not a usable xorbridge checkpoint."""


def _as_path(path: Any) -> Path:
    if not isinstance(path, (str, os.PathLike)) or not str(path).strip():
        raise TypeError(
            f"`path` must be a file path (a non-empty string), not {_validate.show(path)}."
        )
    if "\0" in str(path):
        raise ValueError(f"`path` must not contain a NUL character, not {_validate.show(path)}.")
    return Path(path).expanduser()


def _check_target(target: Path) -> None:
    """Refuse, before any work, a path that cannot be written to."""
    directory = target.parent
    try:
        is_directory = stat.S_ISDIR(directory.stat().st_mode)
    except FileNotFoundError:
        raise FileNotFoundError(
            f"Cannot save to '{target}': the directory '{directory}' does not exist."
        ) from None
    except OSError as error:  # a file on the way, or a directory we may not enter
        raise type(error)(
            f"Cannot save to '{target}': cannot reach '{directory}' ({error.strerror})."
        ) from None
    if not is_directory:
        raise NotADirectoryError(
            f"Cannot save to '{target}': '{directory}' is a file, not a directory."
        )
    if os.path.isdir(target):  # noqa: PTH112 - False, not PermissionError, where unreadable
        raise IsADirectoryError(f"Cannot save to '{target}': it is a directory.")
    if not os.access(directory, os.W_OK):
        raise PermissionError(
            f"Cannot save to '{target}': the directory '{directory}' is not writable."
        )


def _payload(model: SimpleClassifier) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "xorbridge_version": __version__,
        "torch_version": str(torch.__version__),
        "architecture": model.config,
        "state_dict": {name: tensor.detach() for name, tensor in model.state_dict().items()},
    }


def _open_temporary(target: Path) -> tuple[int, Path]:
    """A new hidden file next to ``target``, with the permissions ``target`` would get.

    Created with mode 0o666 less the umask, like any new file (``mkstemp``
    would make it 0o600), or with the mode of the file it will replace.
    """
    existing = target.stat().st_mode & 0o777 if target.exists() else None
    for _ in range(100):
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as error:  # what os.access cannot see: root on a read-only place, ACLs
            raise type(error)(
                f"Cannot save to '{target}': cannot create a file in '{target.parent}' "
                f"({error.strerror or error})."
            ) from error
        if existing is not None:
            temporary.chmod(existing)
        return handle, temporary
    raise FileExistsError(f"Cannot save to '{target}': no free temporary file name.")


def _write(payload: dict[str, Any], handle: int) -> None:
    with os.fdopen(handle, "wb") as stream:
        torch.save(payload, stream)
        stream.flush()
        os.fsync(stream.fileno())


def _save_error(target: Path, error: BaseException) -> OSError:
    """A failure while writing (a full disk, an I/O error) as an ``OSError`` naming the file."""
    reason = (error.strerror if isinstance(error, OSError) else None) or str(error).splitlines()[0]
    kind = type(error) if isinstance(error, OSError) else OSError
    return kind(f"Cannot save to '{target}': {reason}. The previous file, if any, is unchanged.")


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (where directories can be opened: not on Windows)."""
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def save_model(model: SimpleClassifier, path: str | os.PathLike[str]) -> Path:
    """Write ``model``'s weights and architecture to ``path``; returns the path.

    The file is written to a hidden temporary file in the same directory,
    flushed to disk, then renamed over ``path``, so a crash, a kill or a full
    disk never leaves a half-written checkpoint: either the old file or the
    new one is there (a process killed mid-save may leave its hidden
    ``.NAME.*.tmp`` file behind; the checkpoint itself is intact). A
    directory that does not exist or cannot be written to is an ``OSError``
    naming the path and the problem.
    """
    if not isinstance(model, SimpleClassifier):
        raise TypeError(f"`model` must be a SimpleClassifier, not {type(model).__name__}.")
    target = _as_path(path)
    _check_target(target)
    payload = _payload(model)
    handle, temporary = _open_temporary(target)
    try:
        _write(payload, handle)
        temporary.replace(target)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, (OSError, RuntimeError)):
            raise _save_error(target, error) from error
        raise
    _sync_directory(target.parent)
    return target


def _check_archive(stream: BinaryIO, target: Path) -> None:
    """Refuse, before unpickling anything, a file that is not a ``torch.save`` zip archive."""
    if not zipfile.is_zipfile(stream):
        raise CheckpointError(
            f"'{target}' is not an xorbridge checkpoint: it is not a torch.save file "
            "(it may be truncated, or written by another program)."
        )
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise CheckpointError(
            f"'{target}' is damaged or truncated and cannot be read: {error}"
        ) from None
    if not any(name.endswith("/data.pkl") for name in names):
        raise CheckpointError(
            f"'{target}' is not an xorbridge checkpoint: it is a zip archive but not a "
            "torch.save file (written by another program?)."
        )
    stream.seek(0)


def _refusal(target: Path, error: pickle.UnpicklingError) -> CheckpointError:
    """The safe loader's refusal, with its one telling line.

    A reference to a Python callable ("GLOBAL posix.system") is what a crafted
    file needs to run code; an unknown operation may be that too, or damage.
    """
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    detail = next((line for line in lines if "GLOBAL" in line or "Unsupported" in line), lines[0])
    detail = detail.rstrip(".")
    if "GLOBAL" in detail:
        return CheckpointError(
            f"Refused to load '{target}': it holds objects other than tensors and plain "
            f"values, and loading them could run code from the file ({detail})."
        )
    return CheckpointError(
        f"Refused to load '{target}': it is damaged, or holds objects other than tensors "
        f"and plain values, which could run code from the file ({detail})."
    )


def _read(target: Path, map_location: torch.device) -> Any:
    """``torch.load`` with every way of failing turned into a ``CheckpointError``."""
    with target.open("rb") as stream:
        _check_archive(stream, target)
        try:
            return torch.load(stream, map_location=map_location, weights_only=True)
        except pickle.UnpicklingError as error:
            raise _refusal(target, error) from None
        except Exception as error:  # noqa: BLE001 - any other failure means a damaged file
            # (weights_only has already refused anything that could run code)
            raise CheckpointError(
                f"'{target}' is damaged or truncated and cannot be read: "
                f"{str(error).splitlines()[0]}"
            ) from None


def _check_payload(payload: Any, target: Path) -> None:
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise CheckpointError(
            f"'{target}' is a torch file but not an xorbridge checkpoint "
            "(save one with save_model())."
        )
    version = payload.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise CheckpointError(
            f"'{target}' has an invalid checkpoint format version: {_validate.show(version)}."
        )
    if version > FORMAT_VERSION:
        raise CheckpointError(
            f"'{target}' uses checkpoint format {version}, newer than this "
            f"xorbridge ({__version__}) reads; update xorbridge."
        )


def _rebuild(payload: dict[str, Any], target: Path) -> SimpleClassifier:
    architecture = payload.get("architecture")
    try:
        if not isinstance(architecture, dict):
            raise TypeError(f"the architecture is {type(architecture).__name__}, not a dict")
        model = SimpleClassifier(**architecture)
        state_dict: Any = payload.get("state_dict")  # checked by load_state_dict itself
        model.load_state_dict(state_dict, strict=True)
    except (KeyError, TypeError, ValueError, RuntimeError, AttributeError) as error:
        raise CheckpointError(
            f"'{target}' does not describe a valid SimpleClassifier: "
            f"{str(error).splitlines()[0]}"
        ) from None
    return model


def load_model(
    path: str | os.PathLike[str], device: str | torch.device | None = None
) -> SimpleClassifier:
    """Rebuild the model saved at ``path``, without repeating its architecture.

    Tensors saved on a GPU are mapped to ``device`` (default: the CPU), so a
    checkpoint written on a GPU machine loads on one without. The file is
    read with ``torch.load(weights_only=True)``: a file holding anything but
    tensors and plain values is refused without running any of it. Every
    other problem (truncated, damaged, another program's file, weights that
    do not fit the architecture) is a ``CheckpointError`` naming the file.
    """
    target = _as_path(path)
    where = pick_device(device) if device is not None else torch.device("cpu")
    if not target.exists():
        raise FileNotFoundError(f"No checkpoint at '{target}': the file does not exist.")
    if target.is_dir():
        raise IsADirectoryError(f"Cannot load '{target}': it is a directory.")
    payload = _read(target, where)
    _check_payload(payload, target)
    return _rebuild(payload, target).to(where).eval()
