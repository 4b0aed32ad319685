"""Which device to compute on: the devices this machine has, and ``pick_device``.

Seeding lives in ``seed.py``, what the machine is (peaks, loaded libraries,
``device_info``) in ``peak.py``, ``libraries.py`` and ``info.py``.
"""

from __future__ import annotations

import re
from typing import Any

import torch

from . import _validate


def available_devices() -> list[str]:
    """Names of the devices this machine can run on, e.g. ``["cpu", "cuda:0"]``."""
    names = ["cpu"]
    if torch.cuda.is_available():
        names += [f"cuda:{index}" for index in range(torch.cuda.device_count())]
    if mps_available():
        names.append("mps")
    return names


def mps_available() -> bool:
    """Whether Apple's MPS backend can be used here."""
    backend = getattr(torch.backends, "mps", None)
    return bool(backend is not None and backend.is_available())


def pick_device(device: str | torch.device = "auto") -> torch.device:
    """Choose the device to compute on.

    ``"auto"`` picks CUDA if present, then Apple's MPS, then the CPU. An
    explicit ``"cuda"``, ``"cuda:N"`` or ``"mps"`` must exist on this machine;
    otherwise a ``ValueError`` names the devices that do.
    """
    return parse_device(device, "device")


def _available_text() -> str:
    return f"Available here: {', '.join(available_devices())}."


def parse_device(device: Any, name: str) -> torch.device:
    """``pick_device`` for the argument called ``name`` (its messages name it)."""
    if isinstance(device, torch.device):
        device = str(device)
    if not isinstance(device, str):
        raise TypeError(
            f'`{name}` must be a string such as "auto", "cpu", "cuda", "cuda:0" or "mps", '
            f"not {_validate.show(device)}."
        )
    text = device.strip().lower()
    if text == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        return torch.device("mps" if mps_available() else "cpu")
    match = re.fullmatch(r"(cpu|cuda|mps)(?::(\d+))?", text)
    if match is None:
        raise ValueError(
            f'`{name}` must be "auto", "cpu", "cuda", "cuda:N" or "mps", '
            f"not {_validate.show(device)}. {_available_text()}"
        )
    kind, index = match.group(1), match.group(2)
    if kind == "cuda":
        count = torch.cuda.device_count() if torch.cuda.is_available() else 0
        if count == 0 or (index is not None and int(index) >= count):
            raise ValueError(
                f"`{name}` is {_validate.show(device)}, but this machine has "
                f"{'no CUDA device' if count == 0 else f'{count} CUDA device(s)'}. "
                f"{_available_text()}"
            )
    if kind in ("cpu", "mps") and index not in (None, "0"):
        raise ValueError(
            f'`{name}` is {_validate.show(device)}, but there is one {kind} device: '
            f'"{kind}" (or "{kind}:0"). {_available_text()}'
        )
    if kind == "mps" and not mps_available():
        raise ValueError(
            f"`{name}` is {_validate.show(device)}, but Apple's MPS backend is not available "
            f"here. {_available_text()}"
        )
    return torch.device(kind if kind in ("cpu", "mps") else text)  # "cpu:0" is "cpu"
