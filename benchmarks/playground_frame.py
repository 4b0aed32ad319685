"""One frame of the R playground (``xorbridge::playground()``) at its defaults.

Runs ``benchmarks/playground.R``: per frame, one call from R to the Python
core, which trains 5 epochs and draws the four panels (boundary, history,
neurons, network) into PNG files at the app's sizes; alternated with the
same frame timed inside Python in that process. Medians over the frames of
one R process; the ratio is R's frame against Python's.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("playground.R")


def run(frames: int = 40) -> dict:
    env = dict(os.environ, RETICULATE_PYTHON=os.environ.get("RETICULATE_PYTHON", sys.executable))
    result = subprocess.run(["Rscript", str(SCRIPT), str(frames)], capture_output=True,
                            text=True, env=env, check=True, timeout=1800)
    times = json.loads(result.stdout.strip().splitlines()[-1])
    median = {name: statistics.median(values) for name, values in times.items()}
    return {
        "what": "playground frame at the defaults (5 epochs, four panels drawn by Python), "
                "called from R vs timed inside Python, CPU",
        "milliseconds": times,
        "median_ms": median,
        "ratios": {"r_frame_vs_python_frame": median["r_frame_ms"] / median["python_frame_ms"]},
    }


if __name__ == "__main__":
    print(json.dumps(run()["median_ms"], indent=2))
