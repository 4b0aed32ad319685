"""Evaluation: accuracy over a whole dataset, and probabilities for new points."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import torch
from torch import nn

from . import _validate
from .data import as_tensors


def _check_model(model: Any) -> nn.Module:
    if not isinstance(model, nn.Module):
        raise TypeError(f"`model` must be a SimpleClassifier, not {type(model).__name__}.")
    return model


def _model_device(model: nn.Module) -> torch.device:
    return next(model.parameters()).device


@torch.no_grad()
def eval_model(model: nn.Module, data: Any, batch_size: int = 128) -> float:
    """The fraction of points in ``data`` that ``model`` classifies correctly.

    Every point counts, the last partial batch included. The batch size
    changes only how many points go through the model at once, never the
    result. Runs on the model's device; ``data`` is moved there.

    Args:
        model: a ``SimpleClassifier``.
        data: an ``XORDataset`` or a pair ``(points (N, 2), labels (N,))``.
        batch_size: points per forward pass.
    """
    model = _check_model(model)
    batch_size = _validate.positive_int("batch_size", batch_size)
    points, labels = as_tensors(data)
    device = _model_device(model)
    was_training = model.training
    model.eval()
    correct = torch.zeros((), dtype=torch.long, device=device)
    for start in range(0, points.shape[0], batch_size):
        inputs = points[start : start + batch_size].to(device)  # (batch, 2)
        targets = labels[start : start + batch_size].to(device)  # (batch,)
        logits = model(inputs).squeeze(dim=1)
        pred_labels = (torch.sigmoid(logits) >= 0.5).long()  # the tutorial's rule
        correct += (pred_labels == targets).sum()
    model.train(was_training)
    return correct.item() / points.shape[0]


def _as_points(x: Any) -> torch.Tensor:
    """Points as a float32 ``(N, 2)`` tensor, from a tensor, array, list, DataFrame or dict."""
    if isinstance(x, Mapping):
        try:
            x = pd.DataFrame(dict(x))
        except ValueError as error:
            raise ValueError(f"`x` columns must have equal lengths: {error}") from None
    if isinstance(x, pd.DataFrame):
        missing = [column for column in ("x1", "x2") if column not in x.columns]
        if missing:
            raise ValueError(
                "`x` must have columns x1 and x2; missing: "
                f"{', '.join(missing)} (it has: {', '.join(map(str, x.columns))})."
            )
        x = x[["x1", "x2"]]
        if not all(pd.api.types.is_numeric_dtype(x[c]) for c in ("x1", "x2")) or any(
            pd.api.types.is_bool_dtype(x[c]) for c in ("x1", "x2")
        ):
            raise TypeError("`x` columns x1 and x2 must be numeric.")
        x = x.to_numpy(dtype=np.float64)
    if isinstance(x, torch.Tensor):
        points = x.detach()
        if points.is_complex() or points.dtype == torch.bool:
            raise TypeError(f"`x` must hold real numbers, not {points.dtype}.")
        points = points.to(torch.float32)
    else:
        array = np.asarray(x)
        if array.dtype == object or not (
            np.issubdtype(array.dtype, np.integer) or np.issubdtype(array.dtype, np.floating)
        ):
            raise TypeError(f"`x` must hold numbers, not {array.dtype} values.")
        points = torch.from_numpy(array.astype(np.float32, copy=True))  # (N, 2), writable
    if points.ndim == 1 and points.shape[0] == 2:
        points = points.unsqueeze(0)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"`x` must have shape (N, 2): x1 and x2; got {tuple(points.shape)}.")
    if not bool(torch.isfinite(points).all()):
        raise ValueError("`x` must hold finite numbers (no NaN or Inf).")
    return points


@torch.no_grad()
def predict_proba(model: nn.Module, x: Any, batch_size: int = 65_536) -> np.ndarray:
    """The probability of class 1 for each point, as a float32 array of shape ``(N,)``.

    Args:
        model: a ``SimpleClassifier``.
        x: points as a ``(N, 2)`` tensor, array or nested list, or a DataFrame
            (or a dict of columns) with columns ``x1`` and ``x2``.
        batch_size: points per forward pass (affects memory, not the result).
    """
    model = _check_model(model)
    points = _as_points(x)
    batch_size = _validate.positive_int("batch_size", batch_size)
    device = _model_device(model)
    was_training = model.training
    model.eval()
    chunks = [
        torch.sigmoid(model(points[start : start + batch_size].to(device))).squeeze(dim=1).cpu()
        for start in range(0, points.shape[0], batch_size)
    ]
    model.train(was_training)
    if not chunks:
        return np.zeros(0, dtype=np.float32)
    return torch.cat(chunks).numpy()
