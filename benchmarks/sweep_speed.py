"""The hidden-size sweep: 40 models trained together against 40 ``train_model`` calls,
and 1,000 models (hidden 1-10 x seeds 0-99) against one ``train_model`` call."""

from __future__ import annotations

import statistics

import xorbridge as xb
from common import alternate, medians, seconds

SIZES, SEEDS = (1, 2, 4, 8), range(10)
THOUSAND_SIZES, THOUSAND_SEEDS = range(1, 11), range(100)
EPOCHS = 100


def sequential(train, test):
    for size in SIZES:
        for seed in SEEDS:
            xb.set_seed(seed)
            model = xb.SimpleClassifier(num_hidden=size)
            xb.train_model(model, train, seed=seed, device="cpu", progress=False)
            xb.eval_model(model, test)


def one_train_model(train):
    xb.set_seed(0)
    model = xb.SimpleClassifier(num_hidden=4)
    xb.train_model(model, train, epochs=EPOCHS, seed=0, device="cpu", progress=False)


def thousand(train, test, runs: int, calls: int = 3) -> dict[str, list[float]]:
    """The 1,000-model sweep ``runs`` times, alternated with ``calls`` single
    ``train_model`` calls each round (one call is short, so it is timed more often)."""
    def sweep():
        xb.sweep_hidden(THOUSAND_SIZES, THOUSAND_SEEDS, train, test, epochs=EPOCHS, device="cpu")

    def singles():
        for _ in range(calls):
            times["one_train_model"].append(seconds(lambda: one_train_model(train)))

    times: dict[str, list[float]] = {"thousand_sweep": [], "one_train_model": []}
    for run in range(runs):
        if run % 2 == 0:
            times["thousand_sweep"].append(seconds(sweep))
            singles()
        else:
            singles()
            times["thousand_sweep"].append(seconds(sweep))
    return times


def run(runs: int = 3) -> dict:
    train, test = xb.XORDataset(2500, seed=42), xb.XORDataset(500, seed=43)
    times = alternate({
        "sweep_hidden": lambda: xb.sweep_hidden(SIZES, SEEDS, train, test, device="cpu"),
        "sequential": lambda: sequential(train, test),
    }, runs)
    times.update(thousand(train, test, runs))
    median = medians(times)
    return {
        "what": "40 models (hidden 1, 2, 4, 8 x seeds 0-9), tutorial defaults, CPU: sweep_hidden "
                "vs 40 train_model calls; 1,000 models (hidden 1-10 x seeds 0-99, 100 epochs) "
                "by sweep_hidden vs one train_model call (hidden 4, 100 epochs), CPU",
        "seconds": times,
        "median_seconds": median,
        "ratios": {
            "sweep_vs_sequential": median["sequential"] / median["sweep_hidden"],
            "thousand_sweep_vs_one_train_model": median["thousand_sweep"] /
            statistics.median(times["one_train_model"]),
        },
    }
