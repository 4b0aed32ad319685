"""The hidden-size sweep: 40 models trained together against 40 ``train_model`` calls."""

from __future__ import annotations

import xorbridge as xb
from common import alternate, medians

SIZES, SEEDS = (1, 2, 4, 8), range(10)


def sequential(train, test):
    for size in SIZES:
        for seed in SEEDS:
            xb.set_seed(seed)
            model = xb.SimpleClassifier(num_hidden=size)
            xb.train_model(model, train, seed=seed, device="cpu", progress=False)
            xb.eval_model(model, test)


def run(runs: int = 3) -> dict:
    train, test = xb.XORDataset(2500, seed=42), xb.XORDataset(500, seed=43)
    times = alternate({
        "sweep_hidden": lambda: xb.sweep_hidden(SIZES, SEEDS, train, test, device="cpu"),
        "sequential": lambda: sequential(train, test),
    }, runs)
    median = medians(times)
    return {
        "what": "40 models (hidden 1, 2, 4, 8 x seeds 0-9), tutorial defaults, CPU",
        "seconds": times,
        "median_seconds": median,
        "ratios": {"sweep_vs_sequential": median["sequential"] / median["sweep_hidden"]},
    }
