"""The decision grid: the model's probability of class 1 over a rectangle of the plane.

Orientation, stated once for both languages: ``prob[i, j]`` is the
probability at ``(x1[j], x2[i])``. Rows follow x2 (upwards), columns follow
x1 (rightwards), so ``imshow(prob, origin="lower")`` puts x1 on the
horizontal axis. The tutorial builds its grid with ``indexing="ij"``, which
makes rows follow x1 and draws the picture transposed; XOR's symmetry hides
the mistake.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import torch

from . import _validate
from .budget import check_memory, forward_bytes, model_width
from .evaluate import _check_model, _model_device

if TYPE_CHECKING:  # pandas is imported when a table is made, not with the package
    import pandas as pd

MAX_POINTS = 4_000_000  # 16 MB of float32 probabilities; about 2000 x 2000
CACHED_POINTS = 250_000  # grids up to this size keep their points (2 MB) for reuse


def grid_axis(low: float, high: float, step: float) -> np.ndarray:
    """``low, low + step, ...`` below ``high``: the points of ``arange(low, high, step)``.

    Computed as ``low + step * i``, rounded to 12 decimals (more for steps
    below 1e-6) so that the coordinates print as typed and the number of
    points does not depend on floating-point drift (``[-0.5, 1.5)`` in steps
    of 0.01 gives exactly 200 points).
    """
    count = _axis_count(low, high, step)
    decimals = max(12, math.ceil(-math.log10(step)) + 6)
    return np.round(low + step * np.arange(count, dtype=np.float64), decimals)


def _axis_count(low: float, high: float, step: float) -> float:
    """How many points ``grid_axis`` gives: at least 1 (``inf`` when far too many)."""
    count = (high - low) / step
    return max(1, math.ceil(count - 1e-9)) if count < 1e15 else math.inf


def _check_grid_size(xlim: tuple[float, float], ylim: tuple[float, float], step: float) -> None:
    n1, n2 = _axis_count(*xlim, step), _axis_count(*ylim, step)
    if n1 * n2 > MAX_POINTS:
        size = f"{n1:,} x {n2:,} = {n1 * n2:,}" if n1 * n2 < math.inf else "over 10**15"
        raise ValueError(
            f"`step` = {step:g} makes a grid of {size} points; "
            f"at most {MAX_POINTS:,} are allowed. Use a larger step or smaller limits."
        )


@dataclass(frozen=True)
class DecisionGrid:
    """Probabilities of class 1 on a regular grid.

    Attributes:
        x1: ``(n1,)`` float64, the horizontal coordinates (columns of ``prob``).
        x2: ``(n2,)`` float64, the vertical coordinates (rows of ``prob``).
        prob: ``(n2, n1)`` float32; ``prob[i, j]`` is P(class 1) at ``(x1[j], x2[i])``.
        step: the spacing of both axes.
    """

    x1: np.ndarray
    x2: np.ndarray
    prob: np.ndarray
    step: float

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """``(left, right, bottom, top)`` for ``imshow(origin="lower")``.

        Each grid point sits at the centre of its pixel.
        """
        half = self.step / 2
        return (self.x1[0] - half, self.x1[-1] + half, self.x2[0] - half, self.x2[-1] + half)

    def to_frame(self) -> pd.DataFrame:
        """Long form: columns ``x1``, ``x2``, ``prob``, with x1 varying fastest."""
        xx1, xx2 = np.meshgrid(self.x1, self.x2, indexing="xy")  # (n2, n1) each
        import pandas as pd

        return pd.DataFrame({
            "x1": xx1.ravel(),
            "x2": xx2.ravel(),
            "prob": self.prob.ravel().astype(np.float64),
        })


@torch.no_grad()
def decision_grid(
    model: torch.nn.Module,
    xlim: tuple[float, float] = (-0.5, 1.5),
    ylim: tuple[float, float] = (-0.5, 1.5),
    step: float = 0.01,
) -> DecisionGrid:
    """Evaluate ``model`` on the grid ``arange(*xlim, step) x arange(*ylim, step)``.

    The defaults are the tutorial's: [-0.5, 1.5) in steps of 0.01, 200 x 200
    points. The limits must lie within +-1e6 and the grid may hold at most
    4,000,000 points (16 MB of probabilities). See the module docstring for
    the orientation of ``prob``.
    """
    model = _check_model(model)
    xlim = _validate.ordered_pair("xlim", xlim)
    ylim = _validate.ordered_pair("ylim", ylim)
    step = _validate.finite_number("step", step, minimum=0.0, strict_minimum=True)
    _check_grid_size(xlim, ylim, step)
    n_points = _axis_count(*xlim, step) * _axis_count(*ylim, step)
    check_memory(f"A grid of {n_points:,} points through a model {model_width(model):,} wide",
                 forward_bytes(n_points, model), "use a larger `step` or smaller limits.")
    small = _axis_count(*xlim, step) * _axis_count(*ylim, step) <= CACHED_POINTS
    points = _grid_points if small else _grid_points.__wrapped__
    x1, x2, inputs = points(xlim, ylim, step, _model_device(model))
    was_training = model.training
    model.eval()
    try:
        # one forward pass over a plain batch of points (a 2-D input takes
        # torch's fastest matrix-product path), then back to the grid's shape
        prob = torch.sigmoid(model(inputs)).reshape(len(x2), len(x1))  # (n2, n1)
    finally:
        model.train(was_training)
    return DecisionGrid(x1=x1, x2=x2, prob=prob.cpu().numpy(), step=step)


@functools.lru_cache(maxsize=8)
def _grid_points(xlim: tuple[float, float], ylim: tuple[float, float], step: float,
                 device: torch.device) -> tuple[np.ndarray, np.ndarray, torch.Tensor]:
    """The axes and the ``(n2 * n1, 2)`` float32 points of a grid, x1 varying fastest.

    Kept for the next call when small (``CACHED_POINTS``): drawing many models'
    boundaries (a sweep) reuses the same points. Callers must not modify what
    they get.
    """
    x1 = grid_axis(*xlim, step)
    x2 = grid_axis(*ylim, step)
    axis1 = torch.as_tensor(x1, dtype=torch.float32, device=device)
    axis2 = torch.as_tensor(x2, dtype=torch.float32, device=device)
    xx2, xx1 = torch.meshgrid(axis2, axis1, indexing="ij")  # (n2, n1): rows follow x2
    # (n2 * n1, 2), stored column by column: the first layer's matrix product
    # reads each coordinate contiguously (about 10% faster than row by row)
    inputs = torch.stack([xx1.reshape(-1), xx2.reshape(-1)]).t()
    x1.flags.writeable = x2.flags.writeable = False
    return x1, x2, inputs


def blend_colours(prob: Any, colour0: Any, colour1: Any) -> np.ndarray:
    """RGBA image ``(1 - p) * colour0 + p * colour1``, the tutorial's blend.

    ``prob`` of any shape gives an array of that shape plus a last axis of 4
    (floats in [0, 1]). Colours are anything matplotlib understands.
    """
    from matplotlib.colors import to_rgba

    p = np.asarray(prob, dtype=np.float64)[..., None]
    c0 = np.asarray(to_rgba(colour0), dtype=np.float64)
    c1 = np.asarray(to_rgba(colour1), dtype=np.float64)
    return (1.0 - p) * c0 + p * c1


def blend_hex(prob: Any, colour0: Any, colour1: Any) -> list[str]:
    """``blend_colours`` as ``"#RRGGBB"`` strings, one per probability (flattened
    in C order): the colours of the R package's raster (see ``hex_colours``)."""
    return hex_colours(blend_colours(prob, colour0, colour1))


def hex_colours(colours: Any) -> list[str]:
    """RGB(A) floats in [0, 1], shape ``(..., 3 or 4)``, as ``"#RRGGBB"`` strings
    (flattened in C order), each channel rounded to 8 bits as R's ``rgb()``
    rounds it."""
    channels = np.asarray(colours, dtype=np.float64)[..., :3].reshape(-1, 3)
    rgb = np.floor(channels * 255 + 0.5).astype(np.uint8)
    # seven ASCII characters a colour, written all at once (40,000 colours: ~5 ms)
    digits = np.frombuffer(b"0123456789ABCDEF", dtype=np.uint8)
    chars = np.empty((len(rgb), 7), dtype=np.uint8)
    chars[:, 0] = ord("#")
    chars[:, 1::2] = digits[rgb >> 4]
    chars[:, 2::2] = digits[rgb & 15]
    text = chars.tobytes().decode("ascii")
    return [text[start:start + 7] for start in range(0, len(text), 7)]
