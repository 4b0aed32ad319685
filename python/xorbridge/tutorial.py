"""The whole continuous-XOR walkthrough as one function, writing figures and numbers."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from . import _validate
from ._version import __version__
from .bench import benchmark_matmul
from .checkpoint import load_model, save_model
from .data import XORDataset
from .device import pick_device
from .evaluate import eval_model, predict_proba
from .info import device_info, format_device_info
from .model import SimpleClassifier
from .seed import set_seed
from .train import History, train_model

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class TutorialConfig:
    """The walkthrough's settings; the defaults are the tutorial's."""

    out: Path = Path("out/tutorial")
    device: str = "auto"
    seed: int = 42
    epochs: int = 100
    train_size: int = 2500
    test_size: int = 500
    figure_size: int = 200
    std: float = 0.1
    batch_size: int = 128
    lr: float = 0.1
    num_hidden: int = 4
    hidden_sizes: tuple[int, ...] = (1, 2, 4)
    bench_size: int = 5000
    bench_repeats: int = 3
    style: str = "darkgrid"
    progress: bool = False


def _check_config(config: TutorialConfig) -> None:
    """Every setting checked by the functions that will use it, before anything runs."""
    from . import bench, data, train
    from .look import STYLE_NAMES
    from .model import MAX_UNITS

    pick_device(config.device)
    _validate.seed("seed", config.seed, allow_none=False)
    train.check_settings(config.epochs, config.batch_size, config.lr)
    bench.check_settings(config.bench_size, config.bench_repeats)
    for size in (config.train_size, config.test_size, config.figure_size):
        _validate.positive_int("size", size, maximum=data.MAX_SIZE)
    _validate.finite_number("std", config.std, minimum=0.0, maximum=data.MAX_STD)
    for num_hidden in (config.num_hidden, *config.hidden_sizes):
        _validate.positive_int("num_hidden", num_hidden, maximum=MAX_UNITS)
    _validate.choice("style", config.style, STYLE_NAMES)
    _validate.flag("progress", config.progress)


def _train_one(config: TutorialConfig, num_hidden: int, train_set: XORDataset,
               seed: int) -> tuple[SimpleClassifier, History]:
    set_seed(seed)
    model = SimpleClassifier(num_hidden=num_hidden)
    history = train_model(model, train_set, epochs=config.epochs, batch_size=config.batch_size,
                          lr=config.lr, seed=seed, device=config.device,
                          progress=config.progress)
    return model, history


def run_tutorial(config: TutorialConfig,
                 report: Callable[[str], object] = print) -> dict[str, Any]:
    """Run every step of the walkthrough; write PNGs, summary.json and summary.md to ``config.out``.

    Returns the summary (every number) as a dictionary. ``report`` receives
    one line of the human-readable report at a time.
    """
    import matplotlib.pyplot as plt

    from .plot import plot_boundaries, plot_boundary, plot_history, plot_samples

    _check_config(config)  # every setting, before any work or any file
    started = time.perf_counter()
    out = Path(config.out)
    out.mkdir(parents=True, exist_ok=True)
    device = pick_device(config.device)
    summary: dict[str, Any] = {"xorbridge": __version__, "config": _jsonable(asdict(config))}

    def save(fig: Figure, name: str) -> None:
        fig.savefig(out / name)
        plt.close(fig)
        summary.setdefault("figures", []).append(name)

    report(f"The continuous XOR tutorial, on {device}")  # the version is in the next line
    info = device_info()
    summary["device_info"] = info
    report("\n".join(format_device_info(info)))

    # 1. The CPU-vs-GPU matrix product.
    bench = benchmark_matmul(config.bench_size, repeats=config.bench_repeats)
    summary["benchmark"] = bench
    for row in bench:
        report(f"matmul {row['size']}x{row['size']} {row['dtype']} on {row['device']}: "
               f"{row['median_s']:.4f} s (median of {row['repeats']}), "
               f"{row['gflops']:.0f} GFLOP/s = {_pct(row['fraction_of_peak'])} "
               "of the estimated peak")
    if len(bench) > 1:
        speedup = bench[0]["median_s"] / bench[1]["median_s"]
        summary["gpu_speedup"] = speedup
        report(f"{bench[1]['device']} is {speedup:.1f}x faster than the CPU on this product")

    # 2. The data.
    figure_set = XORDataset(config.figure_size, std=config.std, seed=config.seed + 2)
    save(plot_samples(figure_set, style=config.style), "samples.png")
    train_set = XORDataset(config.train_size, std=config.std, seed=config.seed)
    test_set = XORDataset(config.test_size, std=config.std, seed=config.seed + 1)
    report(f"data: {len(train_set)} training points, a fresh test set of {len(test_set)}, "
           f"noise std {config.std:g}")

    # 3. The model and its training.
    model, history = _train_one(config, config.num_hidden, train_set, config.seed)
    report(f"model: {model.num_parameters()} parameters\n{model}")
    summary["training"] = {"seconds": history.seconds, "loss": history.loss,
                           "accuracy": history.accuracy}
    report(f"training: {len(history)} epochs in {history.seconds:.2f} s, "
           f"loss {history.loss[0]:.4f} -> {history.loss[-1]:.4f}")
    save(plot_history(history, style=config.style), "history.png")

    # 4. Saving and loading.
    path = save_model(model, out / "model.pt")
    reloaded = load_model(path, device=device)
    same = bool(np.array_equal(predict_proba(model, test_set.data),
                               predict_proba(reloaded, test_set.data)))
    summary["checkpoint"] = {"path": path.name, "identical_predictions": same}
    report(f"checkpoint: {path.name} reloaded, identical predictions on the test set: {same}")

    # 5. Evaluation on the fresh test set.
    accuracy = eval_model(model, test_set)
    summary["test_accuracy"] = accuracy
    report(f"test accuracy: {100 * accuracy:.2f}% on {len(test_set)} new points")

    # 6. The decision boundary.
    save(plot_boundary(model, figure_set, style=config.style), "boundary.png")

    # 7. One, two or four hidden neurons.
    models, hidden = {}, []
    for size in config.hidden_sizes:
        trained, trained_history = _train_one(config, size, train_set, config.seed)
        acc = eval_model(trained, test_set)
        models[f"{size} hidden neuron{'s' if size > 1 else ''}: {100 * acc:.1f}%"] = trained
        hidden.append({"num_hidden": size, "test_accuracy": acc,
                       "final_loss": trained_history.loss[-1]})
        report(f"{size} hidden: test accuracy {100 * acc:.2f}%, final loss "
               f"{trained_history.loss[-1]:.4f}")
    summary["hidden_sizes"] = hidden
    save(plot_boundaries(models, figure_set, style=config.style), "hidden_sizes.png")

    summary["seconds"] = time.perf_counter() - started
    (out / "summary.json").write_text(json.dumps(_jsonable(summary), indent=2) + "\n")
    (out / "summary.md").write_text(_markdown(summary))
    report(f"done in {summary['seconds']:.1f} s; results in {out}/ "
           f"({', '.join(summary['figures'])}, summary.json, summary.md)")
    return summary


def _pct(value: float | None) -> str:
    return "?" if value is None else f"{100 * value:.0f}%"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (np.floating, np.integer)):
        return value.item()
    return value


def _markdown(summary: dict[str, Any]) -> str:
    lines = [
        f"# Continuous XOR with xorbridge {summary['xorbridge']}",
        "",
        f"- Test accuracy ({summary['config']['num_hidden']} hidden, fresh "
        f"{summary['config']['test_size']} points): "
        f"**{100 * summary['test_accuracy']:.2f}%**",
        f"- Training: {len(summary['training']['loss'])} epochs in "
        f"{summary['training']['seconds']:.2f} s, final loss "
        f"{summary['training']['loss'][-1]:.4f}",
        f"- Checkpoint round trip gives identical predictions: "
        f"{summary['checkpoint']['identical_predictions']}",
        "",
        "| device | matmul | median s | GFLOP/s | of est. peak |",
        "|---|---|---:|---:|---:|",
    ]
    for row in summary["benchmark"]:
        lines.append(f"| {row['device']} ({row['name']}) | {row['size']}² {row['dtype']} | "
                     f"{row['median_s']:.4f} | {row['gflops']:.0f} | "
                     f"{_pct(row['fraction_of_peak'])} |")
    lines += ["", "| hidden neurons | test accuracy | final loss |", "|---:|---:|---:|"]
    for row in summary["hidden_sizes"]:
        lines.append(f"| {row['num_hidden']} | {100 * row['test_accuracy']:.2f}% | "
                     f"{row['final_loss']:.4f} |")
    lines += ["", "Figures: " + ", ".join(f"![{name}]({name})" for name in summary["figures"]), ""]
    return "\n".join(lines)
