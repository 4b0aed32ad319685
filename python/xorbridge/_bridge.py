"""What the R package calls: the public API, plus the few helpers made for R.

The R package reaches Python through this one module (R's ``bridge()``),
imported after torch was loaded with its own BLAS. It holds no rule of its
own: every check, limit, threshold, summary and message lives in the public
modules; the functions here only put their results in shapes reticulate
moves cheaply (lists and dicts of plain numbers and strings), because
reticulate releases before 1.36 cannot read numpy 2 arrays or pandas frames.
"""

from __future__ import annotations

from typing import Any

from . import _validate, _version
from .bench import benchmark_matmul
from .checkpoint import CheckpointError, load_model, save_model
from .data import XORDataset
from .device import pick_device
from .evaluate import CLASS_THRESHOLD, _as_points, _check_model, eval_model, predict_proba
from .grid import blend_hex, decision_grid
from .info import device_info, format_device_info
from .model import SimpleClassifier
from .seed import set_seed
from .sweep import Sweep, sweep_hidden
from .train import History, StopTraining, describe, throttled, train_model

__version__ = _version.__version__

__all__ = [
    "CheckpointError",
    "History",
    "SimpleClassifier",
    "StopTraining",
    "Sweep",
    "XORDataset",
    "__version__",
    "benchmark_matmul",
    "benchmark_report",
    "blend_hex",
    "columns",
    "dataset_columns",
    "dataset_overview",
    "dataset_shape",
    "grid_columns",
    "history_columns",
    "model_summary",
    "predict",
    "decision_grid",
    "describe",
    "device_info",
    "device_info_lines",
    "eval_model",
    "figure_layout",
    "load_model",
    "look",
    "pick_device",
    "predict_proba",
    "save_model",
    "speak_r",
    "set_seed",
    "sweep_figure",
    "sweep_hidden",
    "sweep_overview",
    "sweep_run",
    "throttled",
    "train_model",
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




def figure_layout(kind: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Where the matplotlib figure ``kind`` puts its panel, limits, ticks and legend."""
    from .plot import layout_of  # matplotlib only when a figure is asked for

    return layout_of(kind, *args, **kwargs)


def predict(model: Any, newdata: Any, type: str = "prob") -> list[float] | list[int]:  # noqa: A002
    """R's ``predict()``: the probability of class 1, or the class (0 or 1), per point.

    The arguments keep R's names (``object`` is R's name for the model), so
    their messages speak R's words.
    """
    model = _check_model(model, "object")
    kind = _validate.choice("type", type, ("prob", "class"))
    prob = predict_proba(model, _as_points(newdata, "newdata"))
    if kind == "class":
        return (prob >= CLASS_THRESHOLD).astype("int64").tolist()
    return prob.tolist()


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
            "text": str(model)}


def grid_columns(model: Any, xlim: Any, ylim: Any, step: Any) -> dict[str, Any]:
    """``decision_grid()`` as columns ``x1``, ``x2``, ``prob`` and its ``step``."""
    grid = decision_grid(model, xlim=xlim, ylim=ylim, step=step)
    return {**columns(grid.to_frame()), "step": float(grid.step)}


def history_columns(history: Any) -> dict[str, Any]:
    """A ``History`` as columns ``epoch``, ``loss``, ``accuracy`` and its flags."""
    if not isinstance(history, History):
        raise TypeError(f"`history` must be a History from train_model(), not "
                        f"{type(history).__name__}.")
    return {"epoch": list(history.epoch), "loss": list(history.loss),
            "accuracy": list(history.accuracy), "interrupted": history.interrupted,
            "seconds": history.seconds}


def look(style: str) -> dict[str, Any]:
    """What R's ``theme_matplotlib()`` and palettes need of a look (``look.theme_values``)."""
    from .look import theme_values  # matplotlib only when a look is asked for

    return theme_values(style)


def device_info_lines(info: dict[str, Any]) -> list[str]:
    """R's ``format()`` of a ``device_info()``: the report's lines, as the command line prints them.

    ``info`` is R's list turned back into ``device_info()``'s shape (``gpus``
    one dict per GPU, library lists as lists, ``NA`` as ``None``).
    """
    return format_device_info(info)


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
    """``sweep_hidden()``: the ``Sweep`` itself, its ``table`` as columns and the
    ``seconds`` its training took."""
    sweep = sweep_hidden(*args, **kwargs)
    return {"sweep": sweep, "table": columns(sweep.table), "seconds": float(sweep.seconds)}


def sweep_overview(sweep: Any) -> dict[str, Any]:
    """What R's ``format()`` and ``summary()`` of a sweep show: its ``description``,
    the ``summary_title`` and ``Sweep.summary()`` as columns."""
    from .sweep import SUMMARY_TITLE

    sweep = _sweep(sweep)
    return {"description": sweep.describe(), "summary_title": SUMMARY_TITLE,
            "summary": columns(sweep.summary())}


def _hex(colours: Any) -> list[str]:
    """RGB(A) floats in [0, 1], shape ``(..., 3 or 4)``, as ``"#RRGGBB"`` strings
    (each channel rounded to 8 bits as R's ``rgb()`` rounds it)."""
    import numpy as np

    rgb = np.floor(np.asarray(colours, dtype=np.float64)[..., :3].reshape(-1, 3) * 255 + 0.5)
    return ["#{:02X}{:02X}{:02X}".format(*channels) for channels in rgb.astype(int).tolist()]


_HJUST = {"left": 0.0, "center": 0.5, "right": 1.0}
_VJUST = {"bottom": 0.0, "baseline": 0.0, "center": 0.5, "center_baseline": 0.5, "top": 1.0}


def _accuracy_spec(fig: Any) -> dict[str, Any]:
    from matplotlib.colors import to_rgba

    from .plot import figure_layout

    (ax,) = fig.axes
    layout = figure_layout(fig)
    x, y, fill, edge = [], [], [], []
    for collection in ax.collections:  # one per hidden size
        offsets = collection.get_offsets()
        x += offsets[:, 0].tolist()
        y += offsets[:, 1].tolist()
        fill += _hex(collection.get_facecolor()[:1]) * len(offsets)
        edge += _hex(collection.get_edgecolor()[:1]) * len(offsets)
    medians = {"x": [], "xend": [], "y": [], "colour": [], "linewidth": []}
    for line in ax.lines:  # one bar per hidden size
        xdata, ydata = line.get_xdata(), line.get_ydata()
        medians["x"].append(float(xdata[0]))
        medians["xend"].append(float(xdata[-1]))
        medians["y"].append(float(ydata[0]))
        medians["colour"] += _hex([to_rgba(line.get_color())])
        medians["linewidth"].append(float(line.get_linewidth()))
    return {"type": "accuracy",
            "points": {"x": x, "y": y, "fill": fill, "edge": edge},
            "medians": medians,
            "layout": {**layout["axes"][0], "figsize": layout["figsize"], "dpi": layout["dpi"]}}


def _boundaries_spec(fig: Any) -> dict[str, Any]:
    import numpy as np

    panels, rows, cols = [], {}, {}
    for ax in fig.axes:
        where = ax.get_subplotspec()
        row, column = where.rowspan.start, where.colspan.start
        if ax.get_title():
            cols[column] = ax.get_title()
        if ax.get_ylabel():
            rows[row] = ax.get_ylabel()
        (image,) = ax.images
        pixels = np.asarray(image.get_array())  # (n2, n1, 4), row 0 at the bottom
        left, right, bottom, top = image.get_extent()
        n2, n1 = pixels.shape[:2]
        x1 = left + (np.arange(n1) + 0.5) * (right - left) / n1
        x2 = bottom + (np.arange(n2) + 0.5) * (top - bottom) / n2
        xx1, xx2 = np.meshgrid(x1, x2, indexing="xy")  # x1 fastest, then x2 upwards
        (text,) = ax.texts
        # the label's place, given in axes fractions, in data coordinates
        (x_low, x_high), (y_low, y_high) = ax.get_xlim(), ax.get_ylim()
        fx, fy = text.get_position()
        box = text.get_bbox_patch()
        face = box.get_facecolor() if box is not None else (1.0, 1.0, 1.0, 0.0)
        panels.append({
            "row": row, "column": column,
            "x1": xx1.ravel().tolist(), "x2": xx2.ravel().tolist(), "fill": _hex(pixels),
            "label": {"text": text.get_text(), "x": float(x_low + fx * (x_high - x_low)),
                      "y": float(y_low + fy * (y_high - y_low)),
                      "hjust": _HJUST[text.get_horizontalalignment()],
                      "vjust": _VJUST[text.get_verticalalignment()],
                      "size": float(text.get_fontsize()), "fill": _hex([face])[0],
                      "alpha": float(face[3])},
        })
    return {"type": "boundaries", "title": fig.get_suptitle(),
            "rows": [rows[i] for i in sorted(rows)], "columns": [cols[i] for i in sorted(cols)],
            "panels": panels, "figsize": [float(v) for v in fig.get_size_inches()],
            "dpi": float(fig.dpi)}


def sweep_figure(sweep: Any, type: str = "accuracy", seeds: Any = None,  # noqa: A002
                 style: str = "darkgrid", step: float = 0.02) -> dict[str, Any]:
    """``plot_sweep()``'s figure as a spec for ggplot2, read from the figure itself.

    ``"accuracy"``: the ``points`` (position, accuracy, fill and edge
    colours), the median bars (``medians``, line width in points) and the
    axes' ``layout`` (see ``plot.figure_layout``). ``"boundaries"``: one
    entry in ``panels`` per axes (its ``row`` and ``column`` from 0, the
    raster's pixel centres ``x1``, ``x2`` and ``fill`` colours, x1 fastest,
    and its ``label``: text, place in data coordinates, justification, font
    size in points, box colour and opacity), the ``rows``' and ``columns``'
    labels, the ``title``, ``figsize`` and ``dpi``.
    """
    import matplotlib.pyplot as plt

    from .plot import plot_sweep

    fig = plot_sweep(_sweep(sweep), type, seeds, style, step)  # checks every argument
    try:
        return _accuracy_spec(fig) if type == "accuracy" else _boundaries_spec(fig)
    finally:
        plt.close(fig)


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
