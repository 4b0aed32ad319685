"""Evaluation: accuracy over a whole dataset, and probabilities for new points."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeGuard

import numpy as np
import torch
from torch import nn

from . import _validate
from .budget import check_memory, forward_bytes, memory_budget, model_width
from .data import XORDataset, as_tensors, check_points
from .model import ACTIVATIONS, ACTIVATIONS_INTO, SimpleClassifier

if TYPE_CHECKING:  # pandas is imported when a table is made, not with the package
    import pandas as pd


def _is_frame(x: Any) -> bool:
    """Whether ``x`` is a pandas DataFrame (pandas is loaded if it is one)."""
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(x, pandas.DataFrame)

# A point belongs to class 1 when the model's probability is at least this
# (the tutorial's rule: a logit >= 0).
CLASS_THRESHOLD = 0.5
#: Points per forward pass where the caller does not say: enough that a pass's fixed
#: cost (about 60 microseconds on two CPU threads) is under 5% of its work, fewer where
#: the memory budget says so. An accuracy never depends on it (probabilities only to float32
#: rounding).
PASS_POINTS = 131_072


def _check_weights(model: nn.Module, name: str) -> None:
    """Real, dense, finite float32 weights: what every entry point computes with.

    The common case costs a few tensor operations in all (every entry point
    checks, and an evaluation's own work can be a millisecond); only a model
    that fails is looked at parameter by parameter, for the message.
    """
    values = [value.detach() for value in model.parameters()]
    if all(value.dtype == torch.float32 and not value.is_sparse and value.device.type != "meta"
           for value in values) and _all_finite(values):
        return
    _refuse_weights(model, name)


def _all_finite(values: list[torch.Tensor]) -> bool:
    if len({value.device for value in values}) > 1:
        return all(bool(torch.isfinite(value).all()) for value in values)
    return not values or bool(torch.isfinite(torch.cat([v.reshape(-1) for v in values])).all())


def _refuse_weights(model: nn.Module, name: str) -> None:
    """Raise for the first parameter that is not real, dense, finite and float32."""
    for parameter_name, value in model.named_parameters():
        if value.device.type == "meta":
            raise ValueError(f"`{name}` has no weights: it is on the meta device "
                             "(move it with model.to_empty(device=...) and initialise it).")
        if not value.is_floating_point() or value.is_sparse:
            raise ValueError(f"`{name}` must have dense floating-point weights; "
                             f"{parameter_name} is {value.dtype}"
                             f"{' (sparse)' if value.is_sparse else ''}.")
        if value.dtype != torch.float32:
            raise ValueError(f"`{name}` must have float32 weights, as the points are float32; "
                             f"{parameter_name} is {value.dtype}: convert it with model.float().")
        if not bool(torch.isfinite(value).all()):
            raise ValueError(f"`{name}` has non-finite weights (NaN or Inf) in "
                             f"{parameter_name}: its predictions would mean nothing.")


def _check_layers(model: SimpleClassifier, name: str) -> None:
    """A SimpleClassifier whose layers are still the ones its configuration describes."""
    wanted = {"linear1": (model.num_inputs, model.num_hidden),
              "linear2": (model.num_hidden, model.num_outputs)}
    for layer_name, (inputs, outputs) in wanted.items():
        layer = getattr(model, layer_name, None)
        if not (isinstance(layer, nn.Linear) and layer.in_features == inputs
                and layer.out_features == outputs and layer.bias is not None):
            raise ValueError(
                f"`{name}`.{layer_name} was replaced: this SimpleClassifier ({model.num_inputs} "
                f"-> {model.num_hidden} -> {model.num_outputs}) needs Linear({inputs}, {outputs}) "
                f"with a bias there, not {layer!r}. Build a new SimpleClassifier, or put your "
                "layers in an nn.Module of your own.")
    expected = ACTIVATIONS.get(model.activation)
    if expected is not None and type(model.act_fn) is not expected:
        raise ValueError(
            f"`{name}`.act_fn is {type(model.act_fn).__name__}, not the {expected.__name__} its "
            f"activation {model.activation!r} says: put back a {expected.__name__}, or set "
            f"`{name}`.activation to a name of your own (it then trains with autograd).")


def _check_model(model: Any, name: str = "model") -> nn.Module:
    """A model that takes the two coordinates and gives one logit per point.

    A ``SimpleClassifier`` says so in its configuration; any other
    ``nn.Module`` (the learner's own) is tried on three points at the origin:
    it must give logits of shape ``(3, 1)``.
    """
    if isinstance(model, SimpleClassifier):
        if model.num_inputs != 2 or model.num_outputs != 1:
            raise ValueError(
                f"`{name}` must take 2 inputs (x1, x2) and give 1 output, not "
                f"{model.num_inputs} inputs and {model.num_outputs} outputs."
            )
        _check_layers(model, name)
        _check_weights(model, name)
        return model
    if not isinstance(model, nn.Module):
        raise TypeError(f"`{name}` must be a SimpleClassifier or another torch nn.Module, "
                        f"not {type(model).__name__}.")
    kind = type(model).__name__
    parameter = next(model.parameters(), None)
    if parameter is None:
        raise ValueError(f"`{name}` must have parameters to train and a device to run on; "
                         f"this {kind} has none.")
    _check_weights(model, name)
    probe = torch.zeros(3, 2, dtype=parameter.dtype, device=parameter.device)
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            logits = model(probe)
    except (RuntimeError, TypeError, ValueError, IndexError) as error:
        raise ValueError(f"`{name}` must take points of shape (N, 2) (x1, x2); this {kind} "
                         f"fails on them: {error}") from error
    finally:
        model.train(was_training)
    shape = tuple(logits.shape) if isinstance(logits, torch.Tensor) else type(logits).__name__
    if shape != (3, 1):
        raise ValueError(f"`{name}` must give 1 logit per point, shape (N, 1); this {kind} "
                         f"gives {shape} for 3 points.")
    return model


def _model_device(model: nn.Module) -> torch.device:
    return next(model.parameters()).device


def _check_batch_memory(model: nn.Module, points: int) -> None:
    check_memory(f"A batch of {points:,} points through a model {model_width(model):,} wide",
                 forward_bytes(points, model),
                 "use a smaller `batch_size` (it changes memory, not the result).")


def pass_points(model: nn.Module, batch_size: int | None, points: int) -> int:
    """Points per forward pass: ``batch_size``, or for ``None`` up to ``PASS_POINTS``, as
    many as the memory budget allows. A pass that does not fit the budget is refused."""
    if batch_size is None:
        fits = int(memory_budget()[0] // forward_bytes(1, model))
        batch_size = max(1, min(PASS_POINTS, fits))
    else:
        batch_size = _validate.positive_int("batch_size", batch_size)
    _check_batch_memory(model, min(batch_size, points))
    return batch_size


@torch.no_grad()
def eval_model(model: nn.Module, data: Any, batch_size: int | None = None) -> float:
    """The fraction of points in ``data`` that ``model`` classifies correctly.

    Every point counts, the last partial batch included. The batch size
    changes only how many points go through the model at once, never the
    result. Runs on the model's device; ``data`` is moved there.

    The tutorial evaluates 128 points at a time (its ``DataLoader``'s batch
    size); ``batch_size=128`` does the same. The default passes many more at
    once, which on a large test set is tens of times faster.

    Args:
        model: a ``SimpleClassifier`` with 2 inputs and 1 output, or any
            ``nn.Module`` that gives logits ``(N, 1)`` for points ``(N, 2)``.
        data: an ``XORDataset``, any ``Dataset`` of ``(point, label)`` pairs,
            or a pair ``(points (N, 2), labels (N,))``.
        batch_size: points per forward pass; ``None``: up to ``PASS_POINTS`` (131,072),
            fewer where the memory budget says so.
    """
    model = _check_model(model)
    if batch_size is not None:
        batch_size = _validate.positive_int("batch_size", batch_size)
    points, labels = as_tensors(data)
    return _accuracy(model, points, labels, pass_points(model, batch_size, points.shape[0]))


def _as_built(model: nn.Module) -> TypeGuard[SimpleClassifier]:
    """Whether ``model(x)`` is exactly ``SimpleClassifier.forward`` on its own layers: the
    class itself, no ``forward`` of the instance's or its layers' own, no hooks anywhere
    (a learner's hook must see every batch)."""
    modules = list(model.modules())
    hooks = (getattr(nn.modules.module, name, None)
             for name in ("_global_forward_hooks", "_global_forward_pre_hooks"))
    return (type(model) is SimpleClassifier and model.activation in ACTIVATIONS_INTO
            and type(model.linear1) is nn.Linear and type(model.linear2) is nn.Linear
            and type(model.act_fn) is ACTIVATIONS[model.activation]
            and not any("forward" in vars(module) or module._forward_hooks
                        or module._forward_pre_hooks for module in modules)
            and all(table is not None and not table for table in hooks))


class _Passes:
    """Forward passes, giving probabilities ``(B,)`` that the caller may overwrite.

    A model as built (``_as_built``) is computed with the kernels its ``forward``
    calls (``nn.Linear`` is ``addmm``); the first pass's results are the buffers every
    later pass writes into. Its numbers equal ``sigmoid(model(x))`` bit for bit, without
    the four fresh results a bare pass allocates each time (they cost as much as its
    arithmetic; ``torch.empty`` would be no cheaper, as deterministic mode fills it).
    Any other model is called as it is.
    """

    def __init__(self, model: nn.Module) -> None:
        self.model = model
        self.built: tuple[nn.Linear, Callable[..., torch.Tensor], nn.Linear] | None = None
        if _as_built(model):
            self.built = (model.linear1, ACTIVATIONS_INTO[model.activation], model.linear2)
        self.buffers: dict[str, torch.Tensor] = {}  # the first pass's hidden and logits

    def _linear(self, name: str, layer: nn.Linear, inputs: torch.Tensor) -> torch.Tensor:
        """``layer(inputs)``, into the buffer ``name`` where there is one big enough."""
        buffer = self.buffers.get(name)
        if buffer is None or buffer.shape[0] < inputs.shape[0]:
            return torch.addmm(layer.bias, inputs, layer.weight.t())
        return torch.addmm(layer.bias, inputs, layer.weight.t(), out=buffer[: inputs.shape[0]])

    @torch.no_grad()
    def __call__(self, inputs: torch.Tensor) -> torch.Tensor:  # (B, 2) -> (B,)
        if self.built is None:
            return torch.sigmoid(self.model(inputs).squeeze(dim=1))
        linear1, activation, linear2 = self.built
        hidden = self._linear("hidden", linear1, inputs)  # (B, H)
        activation(hidden, hidden)
        logits = self._linear("logits", linear2, hidden)  # (B, 1)
        if not self.buffers:
            self.buffers = {"hidden": hidden, "logits": logits}
        return torch.sigmoid_(logits.squeeze(dim=1))


#: Below this many elements, a float32 sum of zeros and ones is exact (every partial sum
#: is a whole number under 2**24) and the quickest count; ``count_nonzero`` on float32
#: takes ten to sixty times as long on the CPU.
FLOAT_SUM_EXACT = 1 << 24


def _count_ones(right: torch.Tensor) -> torch.Tensor:
    """How many elements of a float tensor of zeros and ones are one, as an int64 scalar on
    its device: exact for any size."""
    if right.numel() < FLOAT_SUM_EXACT:
        return right.sum().to(torch.int64)
    return right.count_nonzero()


@torch.no_grad()
def _accuracy(model: nn.Module, points: torch.Tensor, labels: torch.Tensor,
              batch_size: int) -> float:
    """``eval_model`` on checked tensors: points ``(N, 2)`` and labels ``(N,)``, on any
    device (moved to the model's a batch at a time). Leaves the model's mode as it was."""
    device = _model_device(model)
    was_training = model.training
    model.eval()
    correct = torch.zeros((), dtype=torch.int64, device=device)
    try:
        probabilities = _Passes(model)
        for start in range(0, points.shape[0], batch_size):
            inputs = points[start : start + batch_size].to(device)  # (batch, 2)
            targets = labels[start : start + batch_size].to(device)  # (batch,)
            # in place: the probabilities become 1.0 where the class is right
            right = probabilities(inputs).ge_(CLASS_THRESHOLD).eq_(targets)
            correct += _count_ones(right)
    finally:
        model.train(was_training)
    return correct.item() / points.shape[0]


def _frame_values(x: pd.DataFrame, name: str) -> np.ndarray:
    """Columns x1 and x2 of a DataFrame, as float64 (missing values become NaN)."""
    missing = [column for column in ("x1", "x2") if column not in x.columns]
    if missing:
        raise ValueError(
            f"`{name}` must have columns x1 and x2; missing: "
            f"{', '.join(missing)} (it has: {', '.join(map(str, x.columns))})."
        )
    import pandas as pd

    columns = [x[column] for column in ("x1", "x2")]
    if any(isinstance(column, pd.DataFrame) for column in columns):
        raise ValueError(f"`{name}` must have one column x1 and one column x2, not repeated names.")
    if not all(pd.api.types.is_numeric_dtype(c) and not pd.api.types.is_bool_dtype(c)
               for c in columns):
        raise TypeError(f"`{name}` columns x1 and x2 must be numeric.")
    return np.stack([c.to_numpy(dtype=np.float64, na_value=np.nan) for c in columns], axis=1)


def _array_values(x: Any, name: str) -> np.ndarray:
    """Points from a tensor, array or nested list, as float64."""
    if isinstance(x, torch.Tensor):
        if x.is_complex() or x.dtype == torch.bool:
            raise TypeError(f"`{name}` must hold real numbers, not {x.dtype}.")
        return x.detach().cpu().double().numpy()
    try:
        array = np.asarray(x)
    except ValueError:  # ragged nested lists
        raise ValueError(f"`{name}` must be a rectangular (N, 2) array of numbers.") from None
    if array.dtype == object:
        raise TypeError(
            f"`{name}` must be points: an (N, 2) tensor, array or list of numbers, or a DataFrame "
            f"with columns x1 and x2; not {type(x).__name__}."
        )
    if not (np.issubdtype(array.dtype, np.integer) or np.issubdtype(array.dtype, np.floating)):
        raise TypeError(f"`{name}` must hold numbers, not {array.dtype} values.")
    return array.astype(np.float64)


def _as_points(x: Any, name: str = "x") -> torch.Tensor:
    """Points as a float32 ``(N, 2)`` tensor, from a tensor, array, list, DataFrame or dict."""
    if isinstance(x, XORDataset):
        return x.data
    if isinstance(x, Mapping):
        import pandas as pd

        try:
            x = pd.DataFrame(dict(x))
        except ValueError as error:
            raise ValueError(f"`{name}` columns must have equal lengths: {error}") from None
    values = _frame_values(x, name) if _is_frame(x) else _array_values(x, name)
    if values.ndim == 1 and values.shape[0] == 2:
        values = values[None, :]
    if values.ndim != 2 or values.shape[1] != 2:
        raise ValueError(f"`{name}` must have shape (N, 2): x1 and x2; got {values.shape}.")
    check_points(f"`{name}`", values)
    return torch.from_numpy(values.astype(np.float32))  # (N, 2), a writable copy


@torch.no_grad()
def predict_proba(model: nn.Module, x: Any, batch_size: int | None = None) -> np.ndarray:
    """The probability of class 1 for each point, as a float32 array of shape ``(N,)``.

    Args:
        model: a ``SimpleClassifier`` with 2 inputs and 1 output.
        x: points as a ``(N, 2)`` tensor, array or nested list, a DataFrame
            (or a dict of columns) with columns ``x1`` and ``x2``, or an
            ``XORDataset``. Coordinates must be finite and within +-1e6
            (beyond, the model's float32 arithmetic overflows).
        batch_size: points per forward pass (it changes memory; the probabilities only
            to float32 rounding, as matrix products of other sizes round differently); ``None``:
            up to ``PASS_POINTS`` (131,072), fewer where the memory budget says so.
    """
    model = _check_model(model)
    points = _as_points(x)
    batch_size = pass_points(model, batch_size, points.shape[0])
    device = _model_device(model)
    result = torch.empty(points.shape[0], dtype=torch.float32)  # (N,) on the CPU, always
    was_training = model.training
    model.eval()
    try:
        probabilities = _Passes(model)
        for start in range(0, points.shape[0], batch_size):
            result[start : start + batch_size] = probabilities(
                points[start : start + batch_size].to(device))
    finally:
        model.train(was_training)
    return result.numpy()
