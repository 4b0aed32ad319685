"""R at Python speed: training and matrix products called from R.

Runs ``benchmarks/r_speed.R`` twice: once as the package is, and once with
torch imported the plain way before the package could import it with
``RTLD_DEEPBIND`` (the BLAS trap), for comparison.
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


def run(runs: int = 9) -> dict:
    fixed = rscript(str(runs))
    trap = rscript("3", "plain")
    median = statistics.median
    return {
        "what": "train_model on the defaults called from R (progress bar on) vs from Python "
                "in the same R process; CPU matmul GFLOP/s from R vs a Python process",
        "package": fixed,
        "without_deepbind": trap,
        "ratios": {
            "r_vs_python_train_time": median(fixed["r_train_seconds"]) /
            median(fixed["python_train_seconds"]),
            "r_vs_python_matmul_gflops": median(fixed["r_gflops"]) /
            median(fixed["python_gflops"]),
            "without_deepbind_r_vs_python_matmul_gflops": median(trap["r_gflops"]) /
            median(trap["python_gflops"]),
        },
    }
