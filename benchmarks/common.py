"""Helpers shared by the benchmarks: timing, medians, and where results go."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def seconds(function: Callable[[], Any]) -> float:
    """Wall-clock seconds of one call."""
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def alternate(functions: dict[str, Callable[[], Any]], runs: int) -> dict[str, list[float]]:
    """Time each function ``runs`` times, interleaved so that a noisy neighbour
    slows them all alike; the order alternates between rounds."""
    times: dict[str, list[float]] = {name: [] for name in functions}
    names = list(functions)
    for run in range(runs):
        for name in names if run % 2 == 0 else reversed(names):
            times[name].append(seconds(functions[name]))
    return times


def medians(times: dict[str, list[float]]) -> dict[str, float]:
    return {name: statistics.median(values) for name, values in times.items()}


def write(out: Path, name: str, result: dict[str, Any]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
