"""What the R package calls: the public API, plus the few helpers made for R.

The R package reaches Python through this one module (R's ``bridge()``),
imported after torch was loaded with its own BLAS. It holds no rule of the
public API: every check, limit, threshold, summary and message of those
lives in the public modules, and only the functions that R alone has
(``figure_box``, ``palette``, ``history_printout``, ``predict``'s ``type``,
``model_spec``'s figures) keep their rules here. The functions put results in shapes reticulate
moves cheaply (lists and dicts of plain numbers and strings), because
reticulate releases before 1.36 cannot read numpy 2 arrays or pandas frames.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from . import _validate, _version
from .bench import benchmark_matmul
from .checkpoint import CheckpointError, load_model, save_model
from .data import XORDataset
from .device import pick_device
from .evaluate import CLASS_THRESHOLD, _as_points, _check_model, eval_model, predict_proba
from .grid import decision_grid
from .info import device_info, format_device_info
from .model import SimpleClassifier
from .playground import IDS, PLANE, Playground, frame_images, network_columns, settings
from .seed import set_seed
from .spec import figure_spec
from .sweep import Sweep, sweep_hidden
from .train import MAX_EPOCHS, History, StopTraining, describe, throttled, train_model
from .trainer import Trainer, training_snapshots

__version__ = _version.__version__

__all__ = [
    "CheckpointError",
    "History",
    "Playground",
    "SimpleClassifier",
    "StopTraining",
    "Sweep",
    "Trainer",
    "XORDataset",
    "__version__",
    "benchmark_matmul",
    "benchmark_report",
    "columns",
    "dataset_columns",
    "dataset_overview",
    "dataset_shape",
    "decision_grid",
    "describe",
    "device_info",
    "device_report",
    "eval_model",
    "figure_box",
    "figure_spec",
    "ggplot_theme",
    "grid_columns",
    "history_columns",
    "history_printout",
    "load_model",
    "look",
    "model_spec",
    "model_summary",
    "network_columns",
    "palette",
    "pick_device",
    "playground_frame",
    "playground_settings",
    "playground_start",
    "playground_tick",
    "predict",
    "predict_proba",
    "save_model",
    "set_seed",
    "snapshots_run",
    "speak_r",
    "sweep_hidden",
    "sweep_overview",
    "sweep_run",
    "throttled",
    "torch_blas_trap",
    "train_model",
    "training_snapshots",
]


def speak_r(on: bool) -> bool:
    """Name values in messages the R way (``NULL``, ``TRUE``, ``Inf``) while ``on``.

    R's ``call_python()`` turns it on around each call and back to what it
    was after; returns the previous setting.
    """
    previous = _validate.WORDS.r
    _validate.WORDS.r = bool(on)
    return previous


def columns(frame: Any) -> dict[str, list[Any]]:
    """A pandas DataFrame as ``{column: list}``, values as Python numbers and strings."""
    return {str(name): frame[name].tolist() for name in frame.columns}


def _r_table(newdata: Any) -> Any:
    """R's data frame or numeric matrix, sent as ``{"names", "columns", "rows"}``, as a
    DataFrame with its names (repeated ones too, for the check to see), or for a matrix
    without names as an ``(N, columns)`` array; anything else as it is."""
    if not (isinstance(newdata, dict) and set(newdata) == {"names", "columns", "rows"}):
        return newdata
    names, columns, rows = newdata["names"], newdata["columns"], int(newdata["rows"])
    if names is None:  # a matrix without column names
        import numpy as np

        return np.array(columns, dtype=np.float64).reshape(len(columns), rows).T
    import pandas as pd

    frame = pd.DataFrame(dict(enumerate(columns)), index=range(rows))
    frame.columns = [str(name) for name in names]
    return frame


def predict(model: Any, newdata: Any, type: str = "prob") -> list[float] | list[int]:  # noqa: A002
    """R's ``predict()``: the probability of class 1, or the class (0 or 1), per point.

    The arguments keep R's names (``object`` is R's name for the model), so
    their messages speak R's words.
    """
    model = _check_model(model, "object")
    kind = _validate.choice("type", type, ("prob", "class"))
    prob = predict_proba(model, _as_points(_r_table(newdata), "newdata"))
    if kind == "class":
        labels: list[int] = (prob >= CLASS_THRESHOLD).astype("int64").tolist()
        return labels
    probabilities: list[float] = prob.tolist()
    return probabilities


def model_summary(model: Any) -> dict[str, Any]:
    """What R prints of a model: its architecture, device and each parameter.

    ``parameters`` lists, in PyTorch's order, each parameter's name, shape
    (``[out, in]`` for a weight, as PyTorch stores it), count and values
    (flattened in row-major order).
    """
    model = _check_model(model)
    parameters = [
        {"name": name, "shape": list(value.shape), "count": value.numel(),
         "values": value.detach().cpu().double().flatten().tolist()}
        for name, value in model.named_parameters()
    ]
    return {**model.config, "device": str(model.device),
            "total": sum(entry["count"] for entry in parameters), "parameters": parameters,
            "text": str(model), "description": model.describe(), "outline": model.outline(),
            "table": {"parameter": [entry["name"] for entry in parameters],
                      "shape": [f"[{', '.join(map(str, entry['shape']))}]" for entry in parameters],
                      "count": [entry["count"] for entry in parameters]}}


def grid_columns(model: Any, xlim: Any, ylim: Any, step: Any) -> dict[str, Any]:
    """``decision_grid()`` as columns ``x1``, ``x2``, ``prob`` and its ``step``."""
    grid = decision_grid(model, xlim=xlim, ylim=ylim, step=step)
    return {**columns(grid.to_frame()), "step": float(grid.step)}


def history_columns(history: Any) -> dict[str, Any]:
    """A ``History`` as ``columns`` ``epoch``, ``loss``, ``accuracy`` and, with a test
    set, ``test_accuracy``, their R ``types``, and its flags."""
    if not isinstance(history, History):
        raise TypeError(f"`history` must be a History from train_model(), not "
                        f"{type(history).__name__}.")
    table: dict[str, list[Any]] = {"epoch": list(history.epoch), "loss": list(history.loss),
                                   "accuracy": list(history.accuracy)}
    if history.test_accuracy is not None:
        table["test_accuracy"] = list(history.test_accuracy)
    return {"columns": table, "types": ["integer"] + ["double"] * (len(table) - 1),
            "interrupted": history.interrupted, "seconds": history.seconds,
            "engine": history.engine}


#: R prints a history of more than twice this many rows as its first and last ones.
HISTORY_ENDS = 5


def history_printout(columns: dict[str, list[Any]], interrupted: Any = False,
                     seconds: Any = None, engine: Any = "") -> dict[str, Any]:
    """R's ``format(history)`` of the rows in ``columns`` (``epoch``, ``loss``,
    ``accuracy``, maybe ``test_accuracy``): the ``header`` (``describe``) and which
    ``rows`` (from 1) to print."""
    missing = [name for name in ("epoch", "loss", "accuracy") if name not in columns]
    if missing:
        raise ValueError(f"This history has lost its column{'s' * (len(missing) > 1)} "
                         f"{', '.join(missing)}: a history needs epoch, loss and accuracy.")
    count = len(columns["epoch"])
    rows = list(range(1, count + 1))
    if count > 2 * HISTORY_ENDS:
        rows = rows[:HISTORY_ENDS] + rows[-HISTORY_ENDS:]
    header = describe(columns["epoch"], columns["loss"], columns["accuracy"], bool(interrupted),
                      seconds, str(engine))
    return {"header": header, "rows": rows}


def look(style: str) -> dict[str, Any]:
    """What R's ``theme_matplotlib()`` and palettes need of a look (``look.theme_values``)."""
    from .look import theme_values  # matplotlib only when a look is asked for

    return theme_values(style)


#: The figures of a model R's ``autoplot(model, type =)`` draws.
MODEL_FIGURES = ("boundary", "neurons")


def model_spec(model: Any, data: Any = None, type: Any = "boundary",  # noqa: A002 - R's name
               style: Any = "darkgrid", title: Any = "Decision boundary",
               xlim: Any = (-0.5, 1.5), ylim: Any = (-0.5, 1.5), step: Any = 0.01,
               ) -> dict[str, Any]:
    """R's ``autoplot(model)``: the spec of ``plot_boundary`` (``type="boundary"``) or
    of ``plot_neurons`` (``"neurons"``, which has no title and always the tutorial's
    plane)."""
    if _validate.choice("type", type, MODEL_FIGURES) == "neurons":
        return figure_spec("neurons", model, data, style=style, step=step)
    return figure_spec("boundary", model, data, style=style, title=title, xlim=xlim, ylim=ylim,
                       step=step)


#: What R's ``figure_matplotlib()`` takes: per argument, how many finite numbers, what
#: they must be (the message's words) and the rule they must meet.
FIGURE_RULES: dict[str, tuple[int, str, Callable[[list[float]], bool]]] = {
    "box": (4, "4 numbers c(left, bottom, right, top) in [0, 1], with left < right and "
               "bottom < top",
            lambda b: all(0 <= v <= 1 for v in b) and b[0] < b[2] and b[1] < b[3]),
    "size": (2, "2 positive numbers c(width, height) in inches", lambda s: min(s) > 0),
    "dpi": (1, "a positive number", lambda d: d[0] > 0),
}


def figure_box(box: Any, size: Any, dpi: Any) -> dict[str, Any]:
    """R's ``figure_matplotlib()``: the panel's ``box`` in figure fractions, the
    figure's ``size`` in inches and its ``dpi``, checked (R's vectors arrive as lists,
    a single number as itself)."""
    checked: dict[str, Any] = {}
    for name, value in (("box", box), ("size", size), ("dpi", dpi)):
        count, what, rule = FIGURE_RULES[name]
        values = list(value) if isinstance(value, (list, tuple)) else [value]
        numbers = [float(v) for v in values if _validate._is_number(v)]
        if not (len(numbers) == len(values) == count and all(map(math.isfinite, numbers))
                and rule(numbers)):
            shown = ", ".join(f"{v:g}" if _validate._is_number(v) else _validate.show(v)
                              for v in values)
            raise ValueError(f"`{name}` must be {what}, not "
                             f"{shown if len(values) == 1 else f'c({shown})'}.")
        checked[name] = numbers if count > 1 else numbers[0]
    return checked


def palette(style: Any, n: Any) -> list[str]:
    """R's ``matplotlib_pal(style)(n)``: the first ``n`` colours of the look's palette."""
    from .look import theme_values  # matplotlib only when a palette is asked for

    colours: list[str] = theme_values(style)["palette"]  # checks `style`
    count = _validate.whole_number("n", n, minimum=0)
    if count > len(colours):
        raise ValueError(f'The "{style}" palette has only {len(colours)} colours, not {count}.')
    return colours[:count]


def ggplot_theme(style: Any = "darkgrid", base_size: Any = None) -> dict[str, Any]:
    """R's ``theme_matplotlib()``: every element it sets (``look.ggplot_theme``)."""
    from .look import ggplot_theme as theme  # matplotlib only when a theme is asked for

    return theme(style, base_size)


def torch_blas_trap() -> dict[str, str] | None:
    """The warning R gives once when torch calls another library's BLAS (``blas``)."""
    from .blas import torch_sgemm, trap_message

    return trap_message(torch_sgemm())


def device_report(info: dict[str, Any] | None = None) -> dict[str, Any]:
    """R's ``device_info()``: the facts (``device_info()``, or ``info``), with the GPUs
    as columns (``info.GPU_FIELDS``), and the report's ``lines``."""
    from .info import GPU_FIELDS

    info = device_info() if info is None else info
    gpus = {field: [gpu[field] for gpu in info["gpus"]] for field in GPU_FIELDS}
    return {"info": {**info, "gpus": gpus}, "lines": format_device_info(info)}


# --- data, sweep and benchmark (R/data.R, R/sweep.R, R/bench.R, R/plot-sweep.R) -------------


def _dataset(dataset: Any) -> XORDataset:
    if not isinstance(dataset, XORDataset):
        raise TypeError(f"`x` must be an XORDataset, not {type(dataset).__name__}.")
    return dataset


def dataset_columns(dataset: Any, rows: int | None = None) -> dict[str, list[Any]]:
    """An ``XORDataset`` (its first ``rows`` points) as columns ``x1``, ``x2`` (the
    float32 values) and ``label``."""
    return columns(_dataset(dataset).to_frame(rows))


def dataset_shape(dataset: Any) -> dict[str, Any]:
    """What R's ``dim()`` and ``names()`` of a dataset give: its ``size`` and ``columns``."""
    from .data import COLUMNS

    return {"size": len(_dataset(dataset)), "columns": list(COLUMNS)}


def dataset_overview(dataset: Any, rows: int = 5) -> dict[str, Any]:
    """What R's ``summary()`` and ``format()`` of a dataset show: the ``counts`` of
    class 0 and 1, the ``description`` (lines for people) and the first ``rows``
    points as ``head``."""
    dataset = _dataset(dataset)
    return {"counts": dataset.class_counts(), "description": dataset.describe(),
            "head": columns(dataset.to_frame(rows))}


def _sweep(sweep: Any) -> Sweep:
    if not isinstance(sweep, Sweep):
        raise TypeError(f"`sweep` must be a Sweep from sweep_hidden(), not "
                        f"{type(sweep).__name__}.")
    return sweep


def sweep_run(*args: Any, **kwargs: Any) -> dict[str, Any]:
    """``sweep_hidden()``, as ``sweep_parts`` gives it."""
    return sweep_parts(sweep_hidden(*args, **kwargs))


def sweep_parts(sweep: Any) -> dict[str, Any]:
    """What R's sweep data frame holds: the ``Sweep`` itself, its ``table`` as
    columns and the ``seconds`` its training took."""
    sweep = _sweep(sweep)
    return {"sweep": sweep, "table": columns(sweep.table), "seconds": float(sweep.seconds)}


def sweep_overview(sweep: Any) -> dict[str, Any]:
    """What R's ``format()`` and ``summary()`` of a sweep show: its ``description``,
    the ``summary_title`` and ``Sweep.summary()`` as columns."""
    from .sweep import SUMMARY_TITLE

    sweep = _sweep(sweep)
    return {"description": sweep.describe(), "summary_title": SUMMARY_TITLE,
            "summary": columns(sweep.summary())}


def benchmark_report(size: Any = 5000, devices: Any = None, repeats: Any = 10,
                     dtype: Any = "float32", tf32: Any = None, warmup: Any = 2,
                     callback: Any = None) -> dict[str, Any]:
    """``benchmark_matmul()`` as ``columns`` (every field, one value per device), its
    ``lines`` (one sentence per device) and whether it was ``interrupted``."""
    from .bench import FIELDS

    result = benchmark_matmul(size, devices=devices, repeats=repeats, dtype=dtype, tf32=tf32,
                              warmup=warmup, callback=callback)
    return {"columns": {name: [row[name] for row in result] for name in FIELDS},
            "lines": result.lines(), "interrupted": result.interrupted}


# --- the playground: training watched as it goes -------------------------------------------


def _trainer(trainer: Any) -> Trainer:
    if isinstance(trainer, Playground):
        return trainer.trainer
    if not isinstance(trainer, Trainer):
        raise TypeError("`trainer` must be a Trainer or a Playground, not "
                        f"{type(trainer).__name__}.")
    return trainer


def playground_settings(query: Any = None) -> dict[str, Any]:
    """``playground.settings()``: what R's ``playground()`` page offers."""
    return settings(query)


def playground_start(settings: Any) -> Playground:
    """A ``Playground`` of one setting: ``settings`` maps each of ``playground.IDS``
    to its value (a missing one is named)."""
    if not isinstance(settings, dict):
        raise TypeError(f"`settings` must be a dict, not {type(settings).__name__}.")
    missing = [name for name in IDS if name not in settings]
    if missing:
        raise ValueError(f"`settings` has no {', '.join(missing)}.")
    return Playground(**{name: settings[name] for name in IDS})


def playground_frame(playground: Any, epochs: Any = 5, sizes: Any = None, ratio: Any = 1.0,
                     directory: Any = None) -> dict[str, Any]:
    """``Playground.frame()``: train, then draw the panels into PNG files."""
    if not isinstance(playground, Playground):
        raise TypeError(f"`playground` must be a Playground, not {type(playground).__name__}.")
    return playground.frame(epochs, sizes, ratio, directory)


def playground_tick(trainer: Any, epochs: Any = 5, step: Any = 0.04, style: Any = "darkgrid",
                    since: Any = 0, neurons: Any = False) -> dict[str, Any]:
    """One frame of a training app in one call: train ``epochs`` more, then what it draws.

    ``trainer`` is a ``Trainer``; ``epochs`` may be 0 (redraw only). Returns:

    - ``epoch``: the epochs completed; ``status``: one line for people
      (``describe`` of the history, or "no completed epochs");
    - ``history``: ``history_columns`` of the epochs after ``since`` (0: all;
      an app that keeps the rows it has asks for the new ones only);
    - ``grid``: the decision grid at ``step`` over the tutorial's plane:
      axes ``x1`` (n1 values) and ``x2`` (n2), ``shape`` ``[n2, n1]``,
      ``prob`` flattened with x1 fastest (the point ``(x1[k], x2[i])`` is
      ``prob[i * n1 + k]``), ``fill`` each point's colour as ``plot_boundary``
      blends it, ``extent`` ``[left, right, bottom, top]`` of the pixels and
      ``step``;
    - ``network``: ``network_columns`` of the model (``None`` unless it is a
      ``SimpleClassifier``);
    - ``neurons``: with ``neurons=True`` and a ``SimpleClassifier``, each
      hidden unit's activation on the grid as ``plot_neurons`` computes and
      colours it: ``values`` and ``fill``, one flat list per unit (ordered
      as ``prob``), and the colour scale's ``range`` ``[centre,
      half_width]``; else ``None``.
    """
    from .grid import _check_grid_size, hex_colours
    from .look import STYLE_NAMES

    trainer = _trainer(trainer)
    epochs = _validate.whole_number("epochs", epochs, minimum=0, maximum=MAX_EPOCHS)
    style = _validate.choice("style", style, STYLE_NAMES)
    since = _validate.whole_number("since", since, minimum=0)
    neurons = _validate.flag("neurons", neurons)
    grid_step = _validate.finite_number("step", step, minimum=0.0, strict_minimum=True)
    _check_grid_size(PLANE, PLANE, grid_step)  # refused before training
    if epochs:
        trainer.step(epochs)
    model = trainer.model
    images = frame_images(model, trainer.device, grid_step, style, neurons)
    grid = images["grid"]
    history = trainer.history
    rows = History(epoch=history.epoch[since:], loss=history.loss[since:],
                   accuracy=history.accuracy[since:], interrupted=history.interrupted,
                   seconds=history.seconds, engine=history.engine,
                   test_accuracy=None if history.test_accuracy is None
                   else history.test_accuracy[since:])
    units = None
    if images["values"] is not None:
        units = {"values": [unit.ravel().astype("float64").tolist() for unit in images["values"]],
                 "fill": [hex_colours(unit) for unit in images["units"]],
                 "range": list(images["range"])}
    return {
        "epoch": trainer.epoch,
        "status": describe(history.epoch, history.loss, history.accuracy, history.interrupted,
                           engine=history.engine),
        "history": history_columns(rows),
        "grid": {"x1": grid.x1.tolist(), "x2": grid.x2.tolist(),
                 "shape": [len(grid.x2), len(grid.x1)],
                 "prob": grid.prob.ravel().astype("float64").tolist(),
                 "fill": hex_colours(images["boundary"]),
                 "extent": [float(edge) for edge in grid.extent], "step": float(grid.step)},
        "network": network_columns(model, style),
        "neurons": units,
    }


def snapshots_run(*args: Any, **kwargs: Any) -> dict[str, list[Any]]:
    """``training_snapshots()`` as columns ``epoch`` and ``model`` (a dict with
    whole-number keys would reach R as names; R gives ``figure_spec("snapshots",
    ...)`` back ``reticulate::py_dict(epoch, model)``)."""
    snapshots = training_snapshots(*args, **kwargs)
    return {"epoch": list(snapshots), "model": list(snapshots.values())}
