"""Argument checks shared by the public functions.

Every public function checks its arguments before doing any work, and a bad
value raises ``ValueError`` or ``TypeError`` whose message names the argument,
the value it got, and what is allowed. The R package relies on these messages:
they reach R users verbatim, and its own checks (R/errors.R) word theirs the
same way, so a value that reads the same in both languages (``2.5``, ``-1``,
``"gpu"``) gets the same message from both.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any, Literal, SupportsInt, cast, overload

import numpy as np

# The largest magnitude of a point coordinate or a grid limit. Far beyond it,
# the model's float32 arithmetic overflows (inf - inf gives NaN probabilities).
MAX_COORDINATE = 1e6


class _Words:
    """Which language the messages speak: Python's (``None``, ``True``,
    ``inf``) or, while R is calling (see ``_bridge.speak_r``), R's (``NULL``,
    ``TRUE``, ``Inf``). Only the names of values change, never the rule."""

    r = False


WORDS = _Words()


def show(value: Any) -> str:
    """How a value appears in a message: short, one line, strings in double quotes."""
    if WORDS.r and (value is None or isinstance(value, (bool, np.bool_))):
        return {None: "NULL", True: "TRUE", False: "FALSE"}[None if value is None else bool(value)]
    if WORDS.r and isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Inf" if value > 0 else "-Inf")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 1000:
        return _digits(value)  # repr() refuses integers of thousands of digits
    text = '"' + value.replace('"', '\\"') + '"' if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _digits(number: int) -> str:
    """A huge integer by its size: "a 5,000-digit number"."""
    digits = math.floor(math.log10(abs(number))) + 1
    return f"{'a negative' if number < 0 else 'a'} {digits:,}-digit number"


#: The largest whole number an argument may be: 2**53, the last one every
#: float64 holds exactly (torch's and numpy's int64 hold it too).
LARGEST = 2**53


def none() -> str:
    """The word for "no value": ``None``, or ``NULL`` in R."""
    return "NULL" if WORDS.r else "None"


def true_or_false() -> str:
    """``True or False``, or ``TRUE or FALSE`` in R."""
    return "TRUE or FALSE" if WORDS.r else "True or False"


def _whole(value: Any) -> int | None:
    """``value`` as an int if it is a whole number (``100.0`` is), else ``None``."""
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real) and math.isfinite(value):
        # numbers.Real does not declare __int__; float, numpy floats and Fraction have it
        whole = int(cast(SupportsInt, value))
        if value == whole:
            return whole
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def whole_number(name: str, value: Any, *, minimum: int = 1, maximum: int | None = None) -> int:
    """A whole number >= ``minimum`` (an integral float such as ``100.0`` is accepted)."""
    what = "a positive whole number" if minimum == 1 else f"a whole number >= {minimum}"
    if not _is_number(value):
        raise TypeError(f"`{name}` must be {what}, not {show(value)}.")
    number = _whole(value)
    if number is None or number < minimum:
        raise ValueError(f"`{name}` must be {what}, not {show(value)}.")
    limit = LARGEST if maximum is None else maximum
    if number > limit:
        shown = _digits(number) if number.bit_length() > 64 else f"{number:,}"
        raise ValueError(f"`{name}` must be at most {limit:,}, not {shown}.")
    return number


def positive_int(name: str, value: Any, *, maximum: int | None = None) -> int:
    """A whole number >= 1 (an integral float such as ``100.0`` is accepted)."""
    return whole_number(name, value, minimum=1, maximum=maximum)


@overload
def seed(name: str, value: Any, *, allow_none: Literal[False]) -> int: ...


@overload
def seed(name: str, value: Any, *, allow_none: bool) -> int | None: ...


def seed(name: str, value: Any, *, allow_none: bool) -> int | None:
    """A whole number in [0, 2**63), or ``None`` where ``allow_none``."""
    if value is None and allow_none:
        return None
    what = "a whole number >= 0" + (f" or {none()}" if allow_none else "")
    if not _is_number(value):
        raise TypeError(f"`{name}` must be {what}, not {show(value)}.")
    number = _whole(value)
    if number is None or number < 0:
        raise ValueError(f"`{name}` must be {what}, not {show(value)}.")
    if number >= 2**63:
        raise ValueError(f"`{name}` must be below 2**63, not {number}.")
    return number


def optional_seed(name: str, value: Any) -> int | None:
    """``None`` or a whole number in [0, 2**63)."""
    return seed(name, value, allow_none=True)


def finite_number(
    name: str,
    value: Any,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    strict_minimum: bool = False,
) -> float:
    """A finite real number within the given bounds."""
    if not _is_number(value):
        raise TypeError(f"`{name}` must be a number, not {show(value)}.")
    try:
        number = float(value)
    except OverflowError:  # an integer beyond any float
        number = math.inf
    if not math.isfinite(number):
        raise ValueError(f"`{name}` must be a finite number, not {show(value)}.")
    too_low = minimum is not None and (
        number <= minimum if strict_minimum else number < minimum
    )
    too_high = maximum is not None and number > maximum
    if too_low or too_high:
        low = "" if minimum is None else f"{'>' if strict_minimum else '>='} {minimum:g}"
        high = "" if maximum is None else f"<= {maximum:g}"
        allowed = " and ".join(part for part in (low, high) if part)
        raise ValueError(f"`{name}` must be {allowed}, not {show(value)}.")
    return number


def _two_values(name: str, value: Any) -> Sequence[Any]:
    """The two items of a pair, from a tuple, list, array or tensor."""
    problem = TypeError(f"`{name}` must be a pair of numbers (low, high), not {show(value)}.")
    if isinstance(value, (str, bytes)):
        raise problem
    if isinstance(value, Sequence):
        items: Sequence[Any] = value
    else:
        try:
            items = tuple(value)  # numpy arrays, tensors
        except TypeError:
            raise problem from None
    if len(items) != 2:
        raise ValueError(
            f"`{name}` must be a pair of numbers (low, high), not {len(items)} values."
        )
    return items


def ordered_pair(name: str, value: Any) -> tuple[float, float]:
    """Two finite numbers within +-``MAX_COORDINATE``, the first smaller than the second."""
    first, second = _two_values(name, value)
    low = finite_number(f"{name}[0]", first)
    high = finite_number(f"{name}[1]", second)
    if not low < high:
        raise ValueError(f"`{name}` must be increasing (low < high), not ({low:g}, {high:g}).")
    if max(abs(low), abs(high)) > MAX_COORDINATE:
        raise ValueError(
            f"`{name}` must lie within [{-MAX_COORDINATE:g}, {MAX_COORDINATE:g}], "
            f"not ({low:g}, {high:g})."
        )
    return low, high


def choice(name: str, value: Any, allowed: Sequence[str]) -> str:
    """One of a fixed set of strings."""
    options = ", ".join(f'"{option}"' for option in allowed)
    if not isinstance(value, str):
        raise TypeError(f"`{name}` must be one of {options}, not {show(value)}.")
    if value not in allowed:
        raise ValueError(f"`{name}` must be one of {options}, not {show(value)}.")
    return value


def flag(name: str, value: Any) -> bool:
    """``True`` or ``False``."""
    if isinstance(value, bool):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    raise TypeError(f"`{name}` must be {true_or_false()}, not {show(value)}.")
