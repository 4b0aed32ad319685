"""The continuous XOR dataset: noisy points around the four corners of the unit square."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import torch
from torch.utils import data as torch_data

from . import _validate

if TYPE_CHECKING:  # pandas is imported when a table is made, not with the package
    import pandas as pd

MAX_SIZE = 50_000_000
MAX_STD = 10.0
COLUMNS = ("x1", "x2", "label")  # of ``XORDataset.to_frame()``


def _generator(seed: int | None) -> torch.Generator:
    """A CPU generator of our own, so other draws cannot shift our numbers.

    With ``seed=None`` its seed is drawn from torch's global generator, so
    ``set_seed(s)`` followed by the same calls still repeats exactly.
    """
    if seed is None:
        seed = int(torch.randint(0, 2**62, (), dtype=torch.int64).item())
    return torch.Generator(device="cpu").manual_seed(seed)


class XORDataset(torch_data.Dataset[tuple[torch.Tensor, torch.Tensor]]):
    """Points near (0, 0), (0, 1), (1, 0) and (1, 1) with Gaussian noise.

    The label is the XOR of the two corner coordinates: 1 when exactly one of
    them is 1. This is the tutorial's dataset, with two changes: it draws from
    its own ``torch.Generator`` (a ``seed`` gives the same points in any
    process, whatever else drew random numbers before), and it can be put on
    a device at once.

    Attributes:
        data: float32 tensor of shape ``(size, 2)``, the points (x1, x2).
        label: int64 tensor of shape ``(size,)``, the classes 0 and 1.
        std: the noise's standard deviation.
        seed: the seed it was drawn with (``None`` if drawn from the global one).
    """

    def __init__(
        self,
        size: int,
        std: float = 0.1,
        seed: int | None = None,
        device: str | torch.device | None = None,
    ) -> None:
        super().__init__()
        self.size = _validate.positive_int("size", size, maximum=MAX_SIZE)
        self.std = _validate.finite_number("std", std, minimum=0.0, maximum=MAX_STD)
        self.seed = _validate.optional_seed("seed", seed)
        target = None
        if device is not None:
            from .device import pick_device

            target = pick_device(device)
        self.data, self.label = self.generate_continuous_xor(_generator(self.seed))
        if target is not None:
            self.data, self.label = self.data.to(target), self.label.to(target)

    def generate_continuous_xor(self, generator: torch.Generator) -> tuple[torch.Tensor, ...]:
        """Draw the corners, label them, then add the noise (always on the CPU)."""
        corners = torch.randint(0, 2, (self.size, 2), generator=generator).to(torch.float32)
        label = (corners.sum(dim=1) == 1).to(torch.long)  # (size,)
        noise = torch.randn((self.size, 2), generator=generator, dtype=torch.float32)
        return corners + self.std * noise, label  # (size, 2), (size,)

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, idx: Any) -> tuple[torch.Tensor, torch.Tensor]:
        return self.data[idx], self.label[idx]

    @property
    def device(self) -> torch.device:
        return self.data.device

    def to(self, device: str | torch.device) -> XORDataset:
        """Move the points and labels to ``device`` (in place); returns the dataset."""
        from .device import pick_device

        target = pick_device(device)
        self.data, self.label = self.data.to(target), self.label.to(target)
        return self

    def to_frame(self, rows: int | None = None) -> pd.DataFrame:
        """A pandas DataFrame with columns ``x1``, ``x2`` (float32) and ``label`` (int64).

        ``rows``: only the first ``rows`` points (all of them for ``None``).
        """
        if rows is not None:
            rows = _validate.whole_number("rows", rows, minimum=0)
        points = self.data[:rows].detach().cpu().numpy()
        x1, x2, label = COLUMNS
        import pandas as pd

        return pd.DataFrame({
            x1: points[:, 0],
            x2: points[:, 1],
            label: self.label[:rows].detach().cpu().numpy(),
        })

    def class_counts(self) -> list[int]:
        """How many points each class has: ``[class 0, class 1]``."""
        return torch.bincount(self.label.cpu(), minlength=2).tolist()

    def describe(self) -> str:
        """Two lines for people: size, noise, seed and device; then the class counts."""
        seed = "drawn" if self.seed is None else str(self.seed)
        zero, one = self.class_counts()
        return (f"{self.size} points, noise std {self.std:g}, seed {seed}, on {self.device}\n"
                f"Class 0: {zero} points, class 1: {one} points")

    def __repr__(self) -> str:
        return (
            f"XORDataset(size={self.size}, std={self.std:g}, seed={self.seed}, "
            f"device={self.device}, class counts={self.class_counts()})"
        )


def check_points(what: str, values: np.ndarray) -> None:
    """Refuse NaN, Inf, and coordinates beyond +-``MAX_COORDINATE`` (``what``: "`x`")."""
    if not np.isfinite(values).all():
        raise ValueError(f"{what} must hold finite numbers (no NaN or Inf).")
    if values.size and np.abs(values).max() > _validate.MAX_COORDINATE:
        largest = values.flat[np.abs(values).argmax()]
        raise ValueError(
            f"{what} must hold numbers between {-_validate.MAX_COORDINATE:g} and "
            f"{_validate.MAX_COORDINATE:g}, not {largest:g}."
        )


def _numbers(value: Any, what: str) -> np.ndarray:
    """A numeric float64 or int64 array from a tensor, an array or a (nested) list."""
    if isinstance(value, torch.Tensor):
        value = value.detach().cpu()
        value = (value.double() if value.is_floating_point() else value).numpy()
    try:
        array = np.asarray(value)
    except ValueError:  # ragged nested lists
        raise ValueError(f"{what} must be a rectangular array of numbers.") from None
    if array.dtype == bool:
        return array.astype(np.int64)
    if not (np.issubdtype(array.dtype, np.integer) or np.issubdtype(array.dtype, np.floating)):
        raise TypeError(f"{what} must hold numbers, not {array.dtype} values.")
    return array


def _labels(value: Any, name: str, count: int) -> torch.Tensor:
    labels = _numbers(value, f"`{name}` labels")
    if labels.shape != (count,):
        raise ValueError(f"`{name}` labels must have shape ({count},), not {labels.shape}.")
    if not ((labels == 0) | (labels == 1)).all():
        raise ValueError(f"`{name}` labels must be 0 or 1.")
    return torch.from_numpy(labels.astype(np.int64))


def _checked_dataset(dataset: XORDataset, name: str) -> tuple[torch.Tensor, torch.Tensor]:
    """An ``XORDataset``'s own tensors, where they still hold what it made: an edited
    one, or a subclass's, is checked as a pair of tensors is (on its device, uncopied)."""
    points: Any = dataset.data  # whatever an edit left there
    labels: Any = dataset.label
    if not (isinstance(points, torch.Tensor) and isinstance(labels, torch.Tensor)):
        raise TypeError(f"`{name}` holds {type(points).__name__} and {type(labels).__name__} "
                        "where its tensors data and label should be.")
    if points.is_sparse or labels.is_sparse:
        raise TypeError(f"`{name}` holds sparse tensors; xorbridge takes dense ones.")
    if points.dtype != torch.float32 or points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"`{name}` points must be float32 of shape (N, 2), not "
                         f"{points.dtype} of shape {tuple(points.shape)}.")
    if labels.shape != (points.shape[0],):
        raise ValueError(f"`{name}` labels must have shape ({points.shape[0]},), not "
                         f"{tuple(labels.shape)}.")
    if points.shape[0] == 0:
        raise ValueError(f"`{name}` must hold at least one point.")
    # One reduction each in the common case (a NaN makes the least and largest
    # values NaN, and fails the comparison): the checks cost a fraction of a
    # forward pass over the same points.
    low, high = (value.item() for value in torch.aminmax(points.detach()))
    if not -_validate.MAX_COORDINATE <= low <= high <= _validate.MAX_COORDINATE:
        if not bool(torch.isfinite(points).all()):
            raise ValueError(f"`{name}` points must be finite numbers (it holds NaN or Inf).")
        check_points(f"`{name}` points", points.detach().cpu().numpy())  # says which value
    if labels.dtype == torch.bool:
        valid = True
    elif labels.is_floating_point() or labels.is_complex():
        valid = bool(((labels == 0) | (labels == 1)).all())
    else:
        low, high = (value.item() for value in torch.aminmax(labels))
        valid = 0 <= low <= high <= 1
    if not valid:
        raise ValueError(f"`{name}` labels must be 0 or 1.")
    return points, labels


def _dataset_pairs(dataset: Any, name: str) -> tuple[torch.Tensor, torch.Tensor]:
    """A ``Dataset`` whose items are ``(point, label)`` pairs (the learner's own) as a
    pair of stacked tensors, checked as any pair is."""
    kind = type(dataset).__name__
    try:
        items = [dataset[index] for index in range(len(dataset))]
    except TypeError as error:  # no len(), or items not found by position
        raise TypeError(f"`{name}` must be a Dataset with len() and items 0, 1, ...; this {kind} "
                        f"is not: {error}") from error
    if not items:
        raise ValueError(f"`{name}` must hold at least one point.")
    first = items[0]
    if not (isinstance(first, (tuple, list)) and len(first) == 2):
        raise TypeError(f"`{name}` must give (point, label) pairs; item 0 of this {kind} is a "
                        f"{type(first).__name__}.")
    points = torch.stack([torch.as_tensor(point) for point, _ in items])
    labels = torch.stack([torch.as_tensor(label) for _, label in items])
    return points, labels


def as_tensors(data: Any, name: str = "data") -> tuple[torch.Tensor, torch.Tensor]:
    """Points and labels from an ``XORDataset``, any ``Dataset`` of ``(point, label)``
    pairs (the learner's own), or a pair ``(points, labels)``.

    Points must be ``(N, 2)`` finite numbers within +-1e6, and labels ``(N,)``
    with values 0 or 1 (integers, booleans, or floats equal to 0 or 1).
    """
    if isinstance(data, XORDataset):
        return _checked_dataset(data, name)
    if isinstance(data, torch_data.Dataset):
        data = _dataset_pairs(data, name)
    if not (isinstance(data, (tuple, list)) and len(data) == 2):
        raise TypeError(
            f"`{name}` must be an XORDataset, a Dataset of (point, label) pairs or a pair "
            f"(points, labels), not {type(data).__name__}."
        )
    points = _numbers(data[0], f"`{name}` points").astype(np.float64)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"`{name}` points must have shape (N, 2), not {points.shape}.")
    if points.shape[0] == 0:
        raise ValueError(f"`{name}` must hold at least one point.")
    check_points(f"`{name}` points", points)
    labels = _labels(data[1], name, points.shape[0])
    return torch.from_numpy(points.astype(np.float32)), labels
