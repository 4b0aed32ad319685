"""Checkpoints: weights plus the architecture, written atomically, read safely.

A checkpoint is a ``torch.save`` file holding a plain dictionary::

    {"format": "xorbridge-checkpoint", "format_version": 1,
     "xorbridge_version": "0.1.0", "torch_version": "...",
     "architecture": {"num_inputs": 2, "num_hidden": 4, ...},
     "state_dict": {"linear1.weight": tensor, ...},
     "weights_sha256": "..."}

``weights_sha256`` (written since 0.1.0; older files without it still load)
is the SHA-256 of the weights' bytes in ``state_dict`` order: a flipped bit
inside the weights is an error, never other weights.

It is read with ``torch.load(weights_only=True)``, which refuses anything but
tensors and plain containers, so a crafted file cannot run code.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import secrets
import stat
import zipfile
from pathlib import Path
from typing import Any, BinaryIO, cast

import torch

from . import _validate
from ._version import __version__
from .device import pick_device
from .model import MAX_UNITS, SimpleClassifier

FORMAT = "xorbridge-checkpoint"
FORMAT_VERSION = 1
#: The largest checkpoint: ``save_model`` refuses a model whose weights are
#: larger; ``load_model`` refuses, unread, a larger file or an archive that
#: would unpack to more (the tutorial's model takes 2 kB).
MAX_BYTES = 512 * 2**20


class CheckpointError(ValueError):
    """A file that is not a usable xorbridge checkpoint."""


def _first_line(error: BaseException) -> str:
    """An exception's first line, or its type where it has no message."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def _as_path(path: Any) -> Path:
    if not isinstance(path, (str, os.PathLike)) or not str(path).strip():
        raise TypeError(
            f"`path` must be a file path (a non-empty string), not {_validate.show(path)}."
        )
    if "\0" in str(path):
        raise ValueError(f"`path` must not contain a NUL character, not {_validate.show(path)}.")
    return Path(path).expanduser()


def _check_target(target: Path, given: Any) -> None:
    """Refuse, before any work, a path that cannot be written to or must not be replaced."""
    if str(given).endswith((os.sep, "/")):
        raise IsADirectoryError(f"Cannot save to '{given}': a path ending in a separator "
                                "names a directory; give a file name.")
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
    kind = _special_kind(target)
    if kind is not None:
        raise OSError(f"Cannot save to '{target}': it is {kind}, not a regular file; "
                      "saving would replace it.")
    if not os.access(directory, os.W_OK):
        raise PermissionError(
            f"Cannot save to '{target}': the directory '{directory}' is not writable."
        )


def _special_kind(path: Path) -> str | None:
    """What ``path`` is when it exists and is neither a regular file nor a directory."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    kinds = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))
    return next((name for test, name in kinds if test(mode)), None)


def _weights_sha256(state_dict: dict[str, torch.Tensor]) -> str:
    digest = hashlib.sha256()
    for name, tensor in state_dict.items():
        digest.update(name.encode())
        digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    return digest.hexdigest()


def _check_savable(model: SimpleClassifier) -> None:
    """A model whose checkpoint would load back: real, finite weights of the shapes its
    architecture gives (a replaced layer, the meta device or NaN weights would not)."""
    size = sum(value.numel() * value.element_size() for value in model.state_dict().values())
    if size > MAX_BYTES:
        raise ValueError(f"`model` has {size / 2**20:,.0f} MiB of weights, more than a "
                         f"checkpoint holds ({MAX_BYTES // 2**20} MiB).")
    inputs, hidden, outputs = model.num_inputs, model.num_hidden, model.num_outputs
    expected = {"linear1.weight": (hidden, inputs), "linear1.bias": (hidden,),
                "linear2.weight": (outputs, hidden), "linear2.bias": (outputs,)}
    for name, value in model.state_dict().items():
        if value.device.type == "meta":
            raise ValueError("`model` has no weights to save: it is on the meta device.")
        if expected.get(name) != tuple(value.shape) or value.dtype != torch.float32:
            raise ValueError(f"`model` does not match its own architecture ({model.config}): "
                             f"{name} is {tuple(value.shape)} {value.dtype}, so its checkpoint "
                             "would not load.")
        if not bool(torch.isfinite(value).all()):
            raise ValueError(f"`model` has non-finite weights in {name}; it was not saved.")
    if set(expected) != set(model.state_dict()):
        raise ValueError(f"`model` does not match its own architecture ({model.config}): its "
                         "layers were replaced, so its checkpoint would not load.")


def _payload(model: SimpleClassifier) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "xorbridge_version": __version__,
        "torch_version": str(torch.__version__),
        "architecture": model.config,
        "state_dict": {name: tensor.detach() for name, tensor in model.state_dict().items()},
        "weights_sha256": _weights_sha256(model.state_dict()),
    }


def _open_temporary(target: Path) -> tuple[int, Path]:
    """A new hidden file next to ``target``, with the permissions ``target`` would get.

    Created with mode 0o666 less the umask, like any new file (``mkstemp``
    would make it 0o600), or with the mode of the file it will replace.
    """
    existing = target.stat().st_mode & 0o777 if target.exists() else None
    for _ in range(100):
        # short, whatever the target's name: any name the filesystem allows works
        temporary = target.with_name(f".xorbridge-{secrets.token_hex(4)}.tmp")
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


class _Sink:
    """The file ``torch.save`` writes to, keeping the system's reason when a write fails:
    torch's zip writer replaces it with its own position check ("unexpected pos ...")."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.error: OSError | None = None

    def _kept(self, error: OSError) -> OSError:
        self.error = self.error or error
        return error

    def write(self, data: bytes) -> int:
        try:
            return self.stream.write(data)
        except OSError as error:
            raise self._kept(error) from None

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as error:
            raise self._kept(error) from None

    def fileno(self) -> int:
        return self.stream.fileno()


def _write(payload: dict[str, Any], handle: int) -> None:
    with os.fdopen(handle, "wb") as stream:
        sink = _Sink(stream)
        try:
            torch.save(payload, cast(BinaryIO, sink))  # it calls write() and flush()
            sink.flush()
        except RuntimeError as error:
            if sink.error is not None:  # a full disk, a file-size limit: say so
                raise sink.error from error
            raise
        os.fsync(stream.fileno())


def _save_error(target: Path, error: BaseException) -> OSError:
    """A failure while writing (a full disk, an I/O error) as an ``OSError`` naming the file."""
    reason = (error.strerror if isinstance(error, OSError) else None) or _first_line(error)
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
    ``.xorbridge-*.tmp`` file behind; the checkpoint itself is intact). A
    directory that does not exist or cannot be written to is an ``OSError``
    naming the path and the problem.
    """
    if not isinstance(model, SimpleClassifier):
        raise TypeError(f"`model` must be a SimpleClassifier, not {type(model).__name__}.")
    target = _as_path(path)
    _check_target(target, path)
    _check_savable(model)
    payload = _payload(model)
    temporary: Path | None = None
    try:  # the temporary file goes on every failure, Ctrl-C included
        handle, temporary = _open_temporary(target)
        _write(payload, handle)
        temporary.replace(target)
    except BaseException as error:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        if isinstance(error, RuntimeError) or (isinstance(error, OSError) and temporary):
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
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
        raise CheckpointError(
            f"'{target}' is damaged or truncated and cannot be read: {error}"
        ) from None
    if unpacked > MAX_BYTES:
        raise CheckpointError(
            f"'{target}' would unpack to {unpacked / 2**20:,.0f} MiB, more than any xorbridge "
            f"checkpoint ({MAX_BYTES // 2**20} MiB at most): it is not one, or it is damaged."
        )
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
    kind = _special_kind(target)
    if kind is not None:  # opening a FIFO would wait for a writer; a device never ends
        raise CheckpointError(f"Cannot load '{target}': it is {kind}, not a regular file.")
    size = target.stat().st_size
    if size > MAX_BYTES:
        raise CheckpointError(f"'{target}' is {size / 2**20:,.0f} MiB, larger than any xorbridge "
                              f"checkpoint ({MAX_BYTES // 2**20} MiB at most).")
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
                f"{_first_line(error)}"
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


def _check_shapes(architecture: dict[str, Any], state_dict: Any) -> None:
    """The stored weights have the shapes the stored architecture gives."""
    inputs, hidden, outputs = (  # SimpleClassifier's own checks, before it allocates
        _validate.positive_int(key, architecture.get(key, default), maximum=MAX_UNITS)
        for key, default in (("num_inputs", 2), ("num_hidden", 4), ("num_outputs", 1)))
    expected = {"linear1.weight": (hidden, inputs), "linear1.bias": (hidden,),
                "linear2.weight": (outputs, hidden), "linear2.bias": (outputs,)}
    if not isinstance(state_dict, dict):
        raise TypeError(f"the weights are {type(state_dict).__name__}, not a dict")
    found = {name: tuple(value.shape) for name, value in state_dict.items()
             if isinstance(value, torch.Tensor)}
    if found != expected:
        raise ValueError(f"the weights' shapes {found} are not those of the architecture "
                         f"{architecture} ({expected})")


def _check_checksum(payload: dict[str, Any], target: Path) -> None:
    stored = payload.get("weights_sha256")
    if stored is not None and stored != _weights_sha256(payload["state_dict"]):
        raise CheckpointError(f"'{target}' is damaged: its weights do not match the checksum "
                              "written with them.")


def _rebuild(payload: dict[str, Any], target: Path) -> SimpleClassifier:
    architecture = payload.get("architecture")
    try:
        if not isinstance(architecture, dict):
            raise TypeError(f"the architecture is {type(architecture).__name__}, not a dict")
        state_dict: Any = payload.get("state_dict")  # checked by load_state_dict itself
        _check_shapes(architecture, state_dict)  # before any model is built
        model = SimpleClassifier(**architecture)
        model.load_state_dict(state_dict, strict=True)
    except (KeyError, TypeError, ValueError, RuntimeError, AttributeError) as error:
        raise CheckpointError(
            f"'{target}' does not describe a valid SimpleClassifier: "
            f"{_first_line(error)}"
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
    model = _rebuild(payload, target)
    _check_checksum(payload, target)
    return model.to(where).eval()
