"""Argument checks shared by the public functions.

Every public function checks its arguments before doing any work, and a bad
value raises ``ValueError`` or ``TypeError`` whose message names the argument,
the value it got, and what is allowed. The R package relies on these messages:
they reach R users verbatim.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def positive_int(name: str, value: Any, *, maximum: int | None = None) -> int:
    """A whole number >= 1 (an integral float such as ``100.0`` is accepted)."""
    if isinstance(value, bool) or value is None:
        raise TypeError(f"`{name}` must be a positive whole number, not {_show(value)}.")
    if isinstance(value, numbers.Integral):
        number = int(value)
    elif isinstance(value, numbers.Real):
        if not math.isfinite(value) or value != int(value):
            raise ValueError(f"`{name}` must be a positive whole number, not {_show(value)}.")
        number = int(value)
    else:
        raise TypeError(f"`{name}` must be a positive whole number, not {_show(value)}.")
    if number < 1:
        raise ValueError(f"`{name}` must be a positive whole number, not {_show(value)}.")
    if maximum is not None and number > maximum:
        raise ValueError(f"`{name}` must be at most {maximum:,}, not {number:,}.")
    return number


def optional_seed(name: str, value: Any) -> int | None:
    """``None`` or a whole number in [0, 2**63)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"`{name}` must be a whole number or None, not {_show(value)}.")
    if isinstance(value, numbers.Integral):
        number = int(value)
    elif math.isfinite(value) and value == int(value):
        number = int(value)
    else:
        raise ValueError(f"`{name}` must be a whole number or None, not {_show(value)}.")
    if not 0 <= number < 2**63:
        raise ValueError(f"`{name}` must be between 0 and 2**63 - 1, not {number}.")
    return number


def finite_number(
    name: str,
    value: Any,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    strict_minimum: bool = False,
) -> float:
    """A finite real number within the given bounds."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"`{name}` must be a number, not {_show(value)}.")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"`{name}` must be a finite number, not {_show(value)}.")
    too_low = minimum is not None and (
        number <= minimum if strict_minimum else number < minimum
    )
    too_high = maximum is not None and number > maximum
    if too_low or too_high:
        low = "" if minimum is None else f"{'>' if strict_minimum else '>='} {minimum:g}"
        high = "" if maximum is None else f"<= {maximum:g}"
        allowed = " and ".join(part for part in (low, high) if part)
        raise ValueError(f"`{name}` must be {allowed}, not {_show(value)}.")
    return number


def ordered_pair(name: str, value: Any) -> tuple[float, float]:
    """Two finite numbers, the first smaller than the second."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        try:
            value = tuple(value)  # numpy arrays, tensors
        except TypeError:
            raise TypeError(
                f"`{name}` must be a pair of numbers (low, high), not {_show(value)}."
            ) from None
    if len(value) != 2:
        raise ValueError(
            f"`{name}` must be a pair of numbers (low, high), not {len(value)} values."
        )
    low = finite_number(f"{name}[0]", value[0])
    high = finite_number(f"{name}[1]", value[1])
    if not low < high:
        raise ValueError(f"`{name}` must be increasing (low < high), not ({low:g}, {high:g}).")
    return low, high


def choice(name: str, value: Any, allowed: Sequence[str]) -> str:
    """One of a fixed set of strings."""
    options = ", ".join(f'"{option}"' for option in allowed)
    if not isinstance(value, str):
        raise TypeError(f"`{name}` must be one of {options}, not {_show(value)}.")
    if value not in allowed:
        raise ValueError(f"`{name}` must be one of {options}, not {_show(value)}.")
    return value


def flag(name: str, value: Any) -> bool:
    """``True`` or ``False``."""
    if isinstance(value, bool):
        return value
    if type(value).__name__ == "bool_":  # numpy.bool_
        return bool(value)
    raise TypeError(f"`{name}` must be True or False, not {_show(value)}.")
