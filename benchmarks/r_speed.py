"""R at Python speed: training and matrix products called from R.

Runs ``benchmarks/r_speed.R`` once for each way torch can first be imported
in an R session: by an xorbridge call, a ``{python}`` chunk's ``import
torch``, ``reticulate::import("torch")`` or ``import xorbridge`` in Python,
all after ``library(xorbridge)``; and once with torch imported before
``library(xorbridge)`` (the BLAS trap, which the package can only warn
about), for comparison.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("r_speed.R")


def rscript(*args: str) -> dict:
    env = dict(os.environ, RETICULATE_PYTHON=os.environ.get("RETICULATE_PYTHON", sys.executable))
    result = subprocess.run(["Rscript", str(SCRIPT), *args], capture_output=True, text=True,
                            env=env, check=True, timeout=1800)
    return json.loads(result.stdout.strip().splitlines()[-1])


ORDERS = ("chunk", "import", "python")


def run(runs: int = 9) -> dict:
    fixed = rscript(str(runs))
    orders = {order: rscript("3", order) for order in ORDERS}
    trap = rscript("3", "before")
    median = statistics.median

    def matmul_ratio(result: dict) -> float:
        return median(result["r_gflops"]) / median(result["python_gflops"])

    return {
        "what": "train_model on the defaults called from R (progress bar on) vs from Python "
                "in the same R process; CPU matmul GFLOP/s from R vs a Python process, for "
                "each way torch is first imported",
        "package": fixed,
        "orders": orders,
        "torch_before_library": trap,
        "ratios": {
            "r_vs_python_train_time": median(fixed["r_train_seconds"]) /
            median(fixed["python_train_seconds"]),
            "r_vs_python_matmul_gflops": matmul_ratio(fixed),
            **{f"{order}_first_r_vs_python_matmul_gflops": matmul_ratio(result)
               for order, result in orders.items()},
            "torch_before_library_r_vs_python_matmul_gflops": matmul_ratio(trap),
        },
    }
