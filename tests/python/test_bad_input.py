"""Every public function refuses bad input with a clear error, before doing any work.

One table: (function, arguments, exception, the message or a piece of it).
Each message names the argument, the value and what is allowed. The R side's
table is tests/testthat/test-bad-input.R.
"""

import math
import re
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

import xorbridge as xb

MODEL = xb.SimpleClassifier()
DATA = xb.XORDataset(20, seed=1)
UNUSED_PATH = str(Path(tempfile.gettempdir()) / "xorbridge-bad-input-never-written.pt")
DEVICE = '"auto", "cpu", "cuda", "cuda:N" or "mps"'
WHOLE = "must be a positive whole number, not"
NOT_FINITE = "`x` must hold finite numbers (no NaN or Inf)."


def dataset(**kwargs):
    return xb.XORDataset(**{"size": 10, **kwargs})


def train(**kwargs):
    arguments = {"model": xb.SimpleClassifier(), "data": DATA, "epochs": 1, "device": "cpu",
                 "progress": False}
    return xb.train_model(**{**arguments, **kwargs})


def evaluate(**kwargs):
    return xb.eval_model(**{"model": MODEL, "data": DATA, **kwargs})


def predict(**kwargs):
    return xb.predict_proba(**{"model": MODEL, "x": [[0.0, 1.0]], **kwargs})


def grid(**kwargs):
    return xb.decision_grid(**{"model": MODEL, "step": 0.5, **kwargs})


def bench(**kwargs):
    return xb.benchmark_matmul(**{"size": 8, "repeats": 1, "devices": "cpu", **kwargs})


def save(**kwargs):
    return xb.save_model(**{"model": MODEL, "path": UNUSED_PATH, **kwargs})


def move(**kwargs):
    return dataset(seed=1).to(**kwargs)


CASES = [
    # XORDataset
    (dataset, {"size": 0}, ValueError, f"`size` {WHOLE} 0."),
    (dataset, {"size": -1}, ValueError, f"`size` {WHOLE} -1."),
    (dataset, {"size": 2.5}, ValueError, f"`size` {WHOLE} 2.5."),
    (dataset, {"size": math.nan}, ValueError, f"`size` {WHOLE} nan."),
    (dataset, {"size": math.inf}, ValueError, f"`size` {WHOLE} inf."),
    (dataset, {"size": "100"}, TypeError, f'`size` {WHOLE} "100".'),
    (dataset, {"size": None}, TypeError, f"`size` {WHOLE} None."),
    (dataset, {"size": True}, TypeError, f"`size` {WHOLE} True."),
    (dataset, {"size": [10]}, TypeError, f"`size` {WHOLE} [10]."),
    (dataset, {"size": 10**9}, ValueError, "`size` must be at most 50,000,000, not 1,000,000,000."),
    (dataset, {"std": -0.1}, ValueError, "`std` must be >= 0 and <= 10, not -0.1."),
    (dataset, {"std": 11}, ValueError, "`std` must be >= 0 and <= 10, not 11."),
    (dataset, {"std": math.nan}, ValueError, "`std` must be a finite number, not nan."),
    (dataset, {"std": math.inf}, ValueError, "`std` must be a finite number, not inf."),
    (dataset, {"std": "0.1"}, TypeError, '`std` must be a number, not "0.1".'),
    (dataset, {"std": 10**400}, ValueError,
     "`std` must be a finite number, not a 401-digit number."),
    (dataset, {"std": None}, TypeError, "`std` must be a number, not None."),
    (dataset, {"seed": -1}, ValueError, "`seed` must be a whole number >= 0 or None, not -1."),
    (dataset, {"seed": 1.5}, ValueError, "`seed` must be a whole number >= 0 or None, not 1.5."),
    (dataset, {"seed": "1"}, TypeError, '`seed` must be a whole number >= 0 or None, not "1".'),
    (dataset, {"seed": True}, TypeError, "`seed` must be a whole number >= 0 or None, not True."),
    (dataset, {"seed": 2**63}, ValueError, "`seed` must be below 2**63, not 9223372036854775808."),
    (dataset, {"device": "gpu"}, ValueError, f'`device` must be {DEVICE}, not "gpu".'),
    (dataset, {"device": 3}, TypeError, "`device` must be a string such as"),
    (dataset, {"device": "cuda:99"}, ValueError, '`device` is "cuda:99", but this machine has'),
    (move, {"device": "tpu"}, ValueError, f'`device` must be {DEVICE}, not "tpu".'),
    # SimpleClassifier
    (xb.SimpleClassifier, {"num_hidden": 0}, ValueError, f"`num_hidden` {WHOLE} 0."),
    (xb.SimpleClassifier, {"num_hidden": 2.5}, ValueError, f"`num_hidden` {WHOLE} 2.5."),
    (xb.SimpleClassifier, {"num_hidden": "4"}, TypeError, f'`num_hidden` {WHOLE} "4".'),
    (xb.SimpleClassifier, {"num_hidden": None}, TypeError, f"`num_hidden` {WHOLE} None."),
    (xb.SimpleClassifier, {"num_hidden": 10**6}, ValueError,
     "`num_hidden` must be at most 100,000, not 1,000,000."),
    (xb.SimpleClassifier, {"num_inputs": -1}, ValueError, f"`num_inputs` {WHOLE} -1."),
    (xb.SimpleClassifier, {"num_outputs": math.nan}, ValueError, f"`num_outputs` {WHOLE} nan."),
    (xb.SimpleClassifier, {"activation": "softmax"}, ValueError,
     '`activation` must be one of "tanh", "relu", "sigmoid", "gelu", not "softmax".'),
    (xb.SimpleClassifier, {"activation": None}, TypeError, "`activation` must be one of"),
    # train_model
    (train, {"epochs": 0}, ValueError, f"`epochs` {WHOLE} 0."),
    (train, {"epochs": 2.5}, ValueError, f"`epochs` {WHOLE} 2.5."),
    (train, {"epochs": "10"}, TypeError, f'`epochs` {WHOLE} "10".'),
    (train, {"epochs": None}, TypeError, f"`epochs` {WHOLE} None."),
    (train, {"batch_size": -1}, ValueError, f"`batch_size` {WHOLE} -1."),
    (train, {"batch_size": math.nan}, ValueError, f"`batch_size` {WHOLE} nan."),
    (train, {"lr": 0}, ValueError, "`lr` must be > 0 and <= 100, not 0."),
    (train, {"lr": 101}, ValueError, "`lr` must be > 0 and <= 100, not 101."),
    (train, {"lr": math.inf}, ValueError, "`lr` must be a finite number, not inf."),
    (train, {"lr": "fast"}, TypeError, '`lr` must be a number, not "fast".'),
    (train, {"seed": -3}, ValueError, "`seed` must be a whole number >= 0 or None, not -3."),
    (train, {"device": "tpu"}, ValueError, f'`device` must be {DEVICE}, not "tpu".'),
    (train, {"progress": "yes"}, ValueError,
     '`progress` must be True, False or "auto", not "yes".'),
    (train, {"progress": 1}, ValueError, '`progress` must be True, False or "auto", not 1.'),
    (train, {"batch_size": 2**63}, ValueError,
     "`batch_size` must be at most 9,007,199,254,740,992, not 9,223,372,036,854,775,808."),
    (train, {"batch_size": 10**5000}, ValueError,
     "`batch_size` must be at most 9,007,199,254,740,992, not a 5,001-digit number."),
    (train, {"epochs": -(10**5000)}, ValueError,
     "`epochs` must be a positive whole number, not a negative 5,001-digit number."),
    (train, {"device": "cpu:1"}, ValueError,
     '`device` is "cpu:1", but there is one cpu device: "cpu" (or "cpu:0").'),
    (train, {"callback": 3}, TypeError, "`callback` must be a function or None, not int."),
    (train, {"engine": "jit"}, ValueError, '`engine` must be one of "auto", "fused", "autograd"'),
    (train, {"model": "model"}, TypeError,
     "`model` must be a SimpleClassifier or another torch nn.Module, not str."),
    (train, {"data": {"x": [0, 1]}}, TypeError,
     "`data` must be an XORDataset, a Dataset of (point, label) pairs or a pair"),
    (train, {"data": (torch.zeros(4, 3), torch.zeros(4))}, ValueError,
     "`data` points must have shape (N, 2), not (4, 3)."),
    (train, {"data": (torch.zeros(2, 2), [0, 2])}, ValueError, "`data` labels must be 0 or 1."),
    (train, {"data": (torch.zeros(2, 2), [0, 0.5])}, ValueError, "`data` labels must be 0 or 1."),
    (train, {"data": (torch.zeros(2, 2), [0])}, ValueError,
     "`data` labels must have shape (2,), not (1,)."),
    (train, {"data": ([[0.0, math.nan], [1.0, 1.0]], [0, 1])}, ValueError,
     "`data` points must hold finite numbers (no NaN or Inf)."),
    (train, {"data": ([[0.0, 1e7], [1.0, 1.0]], [0, 1])}, ValueError,
     "`data` points must hold numbers between -1e+06 and 1e+06, not 1e+07."),
    (train, {"data": ([[0.0, 1.0], [1.0]], [0, 1])}, ValueError,
     "`data` points must be a rectangular array of numbers."),
    (train, {"data": ([["a", "b"]], [0])}, TypeError, "`data` points must hold numbers, not <U1"),
    (train, {"data": (torch.zeros(0, 2), [])}, ValueError, "`data` must hold at least one point."),
    # eval_model
    (evaluate, {"model": None}, TypeError,
     "`model` must be a SimpleClassifier or another torch nn.Module, not NoneType."),
    (evaluate, {"model": {"linear1.weight": 1}}, TypeError,
     "`model` must be a SimpleClassifier or another torch nn.Module, not dict."),
    # the learner's own modules: tried on three points
    (evaluate, {"model": torch.nn.Linear(2, 3)}, ValueError,
     "`model` must give 1 logit per point, shape (N, 1); this Linear gives (3, 3) for 3 points."),
    (evaluate, {"model": torch.nn.Linear(5, 1)}, ValueError,
     "`model` must take points of shape (N, 2) (x1, x2); this Linear fails on them: "),
    (evaluate, {"model": torch.nn.Tanh()}, ValueError,
     "`model` must have parameters to train and a device to run on; this Tanh has none."),
    (evaluate, {"model": xb.SimpleClassifier(num_inputs=3)}, ValueError,
     "`model` must take 2 inputs (x1, x2) and give 1 output, not 3 inputs and 1 outputs."),
    (evaluate, {"model": xb.SimpleClassifier(num_outputs=2)}, ValueError,
     "`model` must take 2 inputs (x1, x2) and give 1 output, not 2 inputs and 2 outputs."),
    (evaluate, {"batch_size": 0}, ValueError, f"`batch_size` {WHOLE} 0."),
    (evaluate, {"batch_size": "128"}, TypeError, f'`batch_size` {WHOLE} "128".'),
    (evaluate, {"data": "data"}, TypeError,
     "`data` must be an XORDataset, a Dataset of (point, label) pairs or a pair"),
    (evaluate, {"data": (np.zeros((3, 2)), [0, 1])}, ValueError,
     "`data` labels must have shape (3,), not (2,)."),
    # predict_proba
    (predict, {"x": np.zeros((3, 3))}, ValueError, "`x` must have shape (N, 2): x1 and x2"),
    (predict, {"x": np.zeros(5)}, ValueError, "`x` must have shape (N, 2): x1 and x2; got (5,)."),
    (predict, {"x": 5}, ValueError, "`x` must have shape (N, 2): x1 and x2; got ()."),
    (predict, {"x": [[0.0, math.nan]]}, ValueError, NOT_FINITE),
    (predict, {"x": [[0.0, -math.inf]]}, ValueError, NOT_FINITE),
    (predict, {"x": [[0.0, 1e7]]}, ValueError,
     "`x` must hold numbers between -1e+06 and 1e+06, not 1e+07."),
    (predict, {"x": [[-1e300, 0.0]]}, ValueError,
     "`x` must hold numbers between -1e+06 and 1e+06, not -1e+300."),
    (predict, {"x": [["a", "b"]]}, TypeError, "`x` must hold numbers, not <U1 values."),
    (predict, {"x": [[0.0, 1.0], [1.0]]}, ValueError, "`x` must be a rectangular (N, 2) array"),
    (predict, {"x": None}, TypeError, "`x` must be points: an (N, 2) tensor, array or list"),
    (predict, {"x": pd.DataFrame({"a": [1.0], "b": [2.0]})}, ValueError,
     "`x` must have columns x1 and x2; missing: x1, x2 (it has: a, b)."),
    (predict, {"x": pd.DataFrame({"x1": [0.0]})}, ValueError,
     "`x` must have columns x1 and x2; missing: x2 (it has: x1)."),
    (predict, {"x": pd.DataFrame({"x1": ["a"], "x2": ["b"]})}, TypeError,
     "`x` columns x1 and x2 must be numeric."),
    (predict, {"x": pd.DataFrame({"x1": [True], "x2": [False]})}, TypeError,
     "`x` columns x1 and x2 must be numeric."),
    (predict, {"x": pd.DataFrame({"x1": pd.array([1, None], dtype="Int64"), "x2": [0.0, 1.0]})},
     ValueError, NOT_FINITE),
    (predict, {"x": pd.DataFrame([[1.0, 2.0, 3.0]], columns=["x1", "x1", "x2"])}, ValueError,
     "`x` must have one column x1 and one column x2"),
    (predict, {"x": {"x1": [1.0, 2.0], "x2": [1.0]}}, ValueError,
     "`x` columns must have equal lengths"),
    (predict, {"x": torch.zeros(2, 2, dtype=torch.bool)}, TypeError,
     "`x` must hold real numbers, not torch.bool."),
    (predict, {"x": torch.zeros(2, 2, dtype=torch.complex64)}, TypeError,
     "`x` must hold real numbers, not torch.complex64."),
    (predict, {"batch_size": 0}, ValueError, f"`batch_size` {WHOLE} 0."),
    (predict, {"model": xb.SimpleClassifier(num_inputs=3)}, ValueError,
     "`model` must take 2 inputs (x1, x2) and give 1 output"),
    # decision_grid
    (grid, {"step": 0}, ValueError, "`step` must be > 0, not 0."),
    (grid, {"step": -0.1}, ValueError, "`step` must be > 0, not -0.1."),
    (grid, {"step": math.inf}, ValueError, "`step` must be a finite number, not inf."),
    (grid, {"step": "small"}, TypeError, '`step` must be a number, not "small".'),
    (grid, {"step": None}, TypeError, "`step` must be a number, not None."),
    (grid, {"step": 1e-4}, ValueError,
     "`step` = 0.0001 makes a grid of 20,000 x 20,000 = 400,000,000 points; at most 4,000,000"),
    (grid, {"step": 5e-324}, ValueError, "makes a grid of over 10**15 points; at most 4,000,000"),
    (grid, {"xlim": (1, 0)}, ValueError, "`xlim` must be increasing (low < high), not (1, 0)."),
    (grid, {"xlim": (0, 0)}, ValueError, "`xlim` must be increasing (low < high), not (0, 0)."),
    (grid, {"ylim": (0, 1, 2)}, ValueError, "`ylim` must be a pair of numbers (low, high), not 3"),
    (grid, {"ylim": 3}, TypeError, "`ylim` must be a pair of numbers (low, high), not 3."),
    (grid, {"xlim": "ab"}, TypeError, '`xlim` must be a pair of numbers (low, high), not "ab".'),
    (grid, {"xlim": (0, math.nan)}, ValueError, "`xlim[1]` must be a finite number, not nan."),
    (grid, {"xlim": ("0", 1)}, TypeError, '`xlim[0]` must be a number, not "0".'),
    (grid, {"xlim": (-1e7, 0)}, ValueError,
     "`xlim` must lie within [-1e+06, 1e+06], not (-1e+07, 0)."),
    (grid, {"model": "model"}, TypeError,
     "`model` must be a SimpleClassifier or another torch nn.Module, not str."),
    # benchmark_matmul
    (bench, {"size": 0}, ValueError, f"`size` {WHOLE} 0."),
    (bench, {"size": 2.5}, ValueError, f"`size` {WHOLE} 2.5."),
    (bench, {"size": 10**6}, ValueError, "`size` must be at most 32,768, not 1,000,000."),
    (bench, {"repeats": 0}, ValueError, f"`repeats` {WHOLE} 0."),
    (bench, {"repeats": "3"}, TypeError, f'`repeats` {WHOLE} "3".'),
    (bench, {"warmup": -1}, ValueError, "`warmup` must be a whole number >= 0, not -1."),
    (bench, {"warmup": 1.5}, ValueError, "`warmup` must be a whole number >= 0, not 1.5."),
    (bench, {"dtype": "int8"}, ValueError, '`dtype` must be one of "float32", "float16"'),
    (bench, {"dtype": None}, TypeError, '`dtype` must be one of "float32"'),
    (bench, {"devices": ["tpu"]}, ValueError, f'`devices` must be {DEVICE}, not "tpu".'),
    (bench, {"devices": [None]}, TypeError, "`devices` must be a string such as"),
    (bench, {"devices": []}, ValueError, "`devices` must name at least one device."),
    (bench, {"devices": 3}, TypeError, "`devices` must be None or device names"),
    (bench, {"tf32": "yes"}, TypeError, '`tf32` must be True or False, not "yes".'),
    # pick_device
    (xb.pick_device, {"device": "gpu"}, ValueError, f'`device` must be {DEVICE}, not "gpu".'),
    (xb.pick_device, {"device": ""}, ValueError, f'`device` must be {DEVICE}, not "".'),
    (xb.pick_device, {"device": "cuda0"}, ValueError, f'`device` must be {DEVICE}, not "cuda0".'),
    (xb.pick_device, {"device": None}, TypeError, "`device` must be a string such as"),
    (xb.pick_device, {"device": 0}, TypeError, "`device` must be a string such as"),
    (xb.pick_device, {"device": "cuda:99"}, ValueError, "Available here: cpu"),
    # set_seed
    (xb.set_seed, {"seed": None}, TypeError, "`seed` must be a whole number >= 0, not None."),
    (xb.set_seed, {"seed": -1}, ValueError, "`seed` must be a whole number >= 0, not -1."),
    (xb.set_seed, {"seed": 1.5}, ValueError, "`seed` must be a whole number >= 0, not 1.5."),
    (xb.set_seed, {"seed": math.nan}, ValueError, "`seed` must be a whole number >= 0, not nan."),
    (xb.set_seed, {"seed": "1"}, TypeError, '`seed` must be a whole number >= 0, not "1".'),
    (xb.set_seed, {"seed": 2**63}, ValueError, "`seed` must be below 2**63"),
    (xb.set_seed, {"seed": 1, "deterministic": "yes"}, TypeError,
     '`deterministic` must be True or False, not "yes".'),
    # save_model and load_model
    (save, {"model": {"w": 1}}, TypeError, "`model` must be a SimpleClassifier, not dict."),
    (save, {"model": None}, TypeError, "`model` must be a SimpleClassifier, not NoneType."),
    (save, {"path": None}, TypeError, "`path` must be a file path (a non-empty string), not None."),
    (save, {"path": " "}, TypeError, '`path` must be a file path (a non-empty string), not " ".'),
    (save, {"path": 3}, TypeError, "`path` must be a file path (a non-empty string), not 3."),
    (save, {"path": "a\0b.pt"}, ValueError, "`path` must not contain a NUL character"),
    (xb.load_model, {"path": None}, TypeError, "`path` must be a file path"),
    (xb.load_model, {"path": ""}, TypeError, "`path` must be a file path"),
    (xb.load_model, {"path": UNUSED_PATH, "device": "gpu"}, ValueError,
     f'`device` must be {DEVICE}, not "gpu".'),
]


def _case_id(case):
    function, kwargs, _, _ = case
    shown = ",".join(f"{name}={xb._validate.show(value)}"[:30] for name, value in kwargs.items())
    return f"{function.__name__}({shown})"


@pytest.mark.parametrize(("function", "kwargs", "error", "message"), CASES,
                         ids=[_case_id(case) for case in CASES])
def test_bad_input_is_refused_with_a_clear_message(function, kwargs, error, message):
    with pytest.raises(error, match=re.escape(message)):
        function(**kwargs)
    assert not Path(UNUSED_PATH).exists()  # refused before any work


def test_the_table_is_large_and_covers_every_public_function():
    names = {function.__name__ for function, *_ in CASES}
    assert len(CASES) >= 60
    assert {"dataset", "SimpleClassifier", "train", "evaluate", "predict", "grid", "bench",
            "pick_device", "set_seed", "save", "load_model"} <= names


def test_a_refused_call_changes_nothing():
    """Validation comes first: a model is not moved or trained by a refused call."""
    model = xb.SimpleClassifier()
    before = {name: value.clone() for name, value in model.state_dict().items()}
    with pytest.raises(ValueError, match="`lr`"):
        xb.train_model(model, DATA, lr=0, progress=False)
    assert all(torch.equal(before[name], value) for name, value in model.state_dict().items())
    assert model.training  # not switched to eval mode either


def test_numpy_booleans_are_flags():
    history = xb.train_model(xb.SimpleClassifier(), DATA, epochs=1, device="cpu",
                             progress=np.bool_(False))
    assert len(history) == 1
