"""A memory budget: what would allocate more than the machine can spare is refused first.

Every entry point whose allocation grows with its arguments (model width x
batch, grid points x hidden units, the benchmark's matrices, a figure's
pixels) estimates its bytes before it allocates anything and refuses beyond
the budget, with the estimate and what to change. The budget is half the
machine's memory, or what ``set_memory_budget()`` or the environment
variable ``XORBRIDGE_MEMORY_BUDGET`` (bytes, or a number with K, M, G or T)
sets.
"""

from __future__ import annotations

import os
from typing import Any

from torch import nn

SHARE = 0.5  # of the machine's memory
UNKNOWN_MACHINE = 8 * 2**30  # where the machine's memory cannot be read
_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}
_override: list[int | None] = [None]


def machine_memory() -> int | None:
    """The machine's physical memory in bytes, where the system says."""
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (AttributeError, ValueError, OSError):
        return None


def _from_environment() -> int | None:
    text = os.environ.get("XORBRIDGE_MEMORY_BUDGET", "").strip().upper().removesuffix("B")
    if not text:
        return None
    unit = text[-1] if text[-1] in _UNITS else ""
    try:
        value = float(text[: len(text) - len(unit)]) * _UNITS[unit]
    except ValueError:
        raise ValueError(f"XORBRIDGE_MEMORY_BUDGET must be a number of bytes (such as 4G), "
                         f"not {os.environ['XORBRIDGE_MEMORY_BUDGET']!r}.") from None
    return int(value)


def memory_budget() -> tuple[int, str]:
    """The budget in bytes, and where it comes from (for messages)."""
    if _override[0] is not None:
        return _override[0], "set with set_memory_budget()"
    from_environment = _from_environment()
    if from_environment is not None:
        return from_environment, "set by XORBRIDGE_MEMORY_BUDGET"
    total = machine_memory()
    if total is None:
        return UNKNOWN_MACHINE, "this machine's memory is unknown"
    return int(SHARE * total), f"half of this machine's {format_bytes(total)}"


def set_memory_budget(nbytes: Any) -> int | None:
    """Set the budget in bytes (``None``: back to the default); returns the previous setting."""
    if nbytes is not None and (isinstance(nbytes, bool) or not isinstance(nbytes, int)
                               or nbytes <= 0):
        raise TypeError(f"`nbytes` must be a positive whole number of bytes or None, "
                        f"not {nbytes!r}.")
    previous = _override[0]
    _override[0] = nbytes
    return previous


def format_bytes(nbytes: float) -> str:
    for unit, size in (("TiB", 2**40), ("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if nbytes >= size:
            return f"{nbytes / size:,.1f} {unit}"
    return f"{nbytes:,.0f} bytes"


def check_memory(what: str, nbytes: float, advice: str) -> None:
    """Refuse ``what`` when its estimated ``nbytes`` exceed the budget."""
    budget, source = memory_budget()
    if nbytes > budget:
        raise ValueError(f"{what} would need about {format_bytes(nbytes)} of memory, more "
                         f"than the budget of {format_bytes(budget)} ({source}); {advice}")


def model_width(model: nn.Module) -> int:
    """The widest layer's outputs: what a forward pass holds per point, roughly."""
    widths = [parameter.shape[0] for parameter in model.parameters() if parameter.ndim == 2]
    return max(widths, default=1)


def forward_bytes(points: float, model: nn.Module) -> float:
    """A forward pass over ``points`` points: inputs, each layer's outputs and the
    activation's (float32), and the probabilities."""
    return points * (2 + 3 * model_width(model) + 2) * 4


def figure_bytes(figsize: Any, dpi: float) -> float:
    """The RGBA pixels of a figure ``figsize`` inches at ``dpi``."""
    width, height = figsize
    return float(width) * float(height) * float(dpi) ** 2 * 4
