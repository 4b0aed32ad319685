"""Evaluation: throughput of ``eval_model`` by batch size, its default against a bare
forward pass, and ``decision_grid``'s cost.

The walkthrough noticed that small batches are slower on a large test set.
Here ``eval_model`` runs on 98,000 points with batch sizes from 8 to all of
them; at its default (``batch_size=None``) it is compared with the least an
evaluation can cost, one forward pass over the whole set; and
``decision_grid`` at 200 x 200 is compared with one forward pass over the
40,000 grid points plus the copy back.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import torch

import xorbridge as xb
from common import alternate, medians, seconds

BATCH_SIZES = (8, 32, 128, 512, 2048, 8192, 32768, 98000)


def throughput(model, data, runs: int) -> list[dict]:
    rows = []
    for batch_size in BATCH_SIZES:
        repeats = 1 if batch_size < 128 else runs
        times = [seconds(lambda b=batch_size: xb.eval_model(model, data, batch_size=b))
                 for _ in range(repeats)]
        median = statistics.median(times)
        rows.append({"batch_size": batch_size, "median_s": median, "runs": repeats,
                     "points_per_s": len(data) / median})
    return rows


def fifty(function):  # a millisecond is too short to time once
    def go():
        for _ in range(50):
            function()
    return go


def default_cost(model, data, runs: int) -> dict:
    """``eval_model(model, data)`` at its default against one bare forward pass.

    A call takes a few milliseconds, so a neighbour's burst moves one timing a
    lot: three times ``runs`` alternated rounds keep the median steady."""
    @torch.no_grad()
    def one_pass():
        return torch.sigmoid(model(data.data))

    times = alternate({"eval_model_default": fifty(lambda: xb.eval_model(model, data)),
                       "forward": fifty(one_pass)}, 3 * runs)
    median = {name: value / 50 for name, value in medians(times).items()}
    return {"median_seconds": median,
            "ratio_default_vs_forward": median["eval_model_default"] / median["forward"]}


def grid_cost(model, runs: int) -> dict:
    grid = xb.decision_grid(model)
    points = torch.tensor(grid.to_frame()[["x1", "x2"]].to_numpy(), dtype=torch.float32)

    @torch.no_grad()
    def one_pass():
        return torch.sigmoid(model(points)).cpu().numpy()

    times = alternate({"decision_grid": fifty(lambda: xb.decision_grid(model)),
                       "forward": fifty(one_pass)}, runs)
    median = {name: value / 50 for name, value in medians(times).items()}
    return {"median_seconds": median, "ratio_grid_vs_forward": median["decision_grid"] /
            median["forward"]}


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib as mpl

    mpl.use("Agg")
    import matplotlib.pyplot as plt

    from xorbridge.plot import style_context

    with style_context("darkgrid"):
        fig, ax = plt.subplots(figsize=(6, 4), layout="constrained")
        ax.plot([r["batch_size"] for r in rows], [r["points_per_s"] for r in rows], marker="o")
        ax.set(xscale="log", yscale="log", xlabel="Batch size", ylabel="Points per second",
               title="eval_model on 98,000 points (CPU)")
        fig.savefig(path, dpi=100)
        plt.close(fig)


def run(runs: int = 7, out: Path | None = None) -> dict:
    xb.set_seed(42)
    model = xb.SimpleClassifier()
    xb.train_model(model, xb.XORDataset(2500, seed=42), seed=42, progress=False, device="cpu")
    data = xb.XORDataset(98_000, seed=7)
    rows = throughput(model, data, runs)
    if out is not None:
        plot(rows, out / "eval_throughput.png")
    best = max(rows, key=lambda r: r["points_per_s"])
    grid = grid_cost(model, runs)
    default = default_cost(model, data, runs)
    return {
        "what": "eval_model throughput on 98,000 points; eval_model at its default vs one bare "
                "forward pass over them; decision_grid (200 x 200) vs one forward pass over its "
                "40,000 points plus the copy back",
        "throughput": rows,
        "ratios": {
            "best_vs_batch_8": best["points_per_s"] / rows[0]["points_per_s"],
            "best_vs_batch_128": best["points_per_s"] / rows[2]["points_per_s"],
            "default_vs_forward_pass": default["ratio_default_vs_forward"],
            "decision_grid_vs_forward_pass": grid["ratio_grid_vs_forward"],
        },
        "grid": grid,
        "default": default,
    }
