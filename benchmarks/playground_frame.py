"""One frame of the R playground (``xorbridge::playground()``) at its defaults.

Runs ``benchmarks/playground.R``: per frame, the Python tick (5 epochs, the
50 x 50 grid, each hidden unit's activations, the network) called from R,
then R drawing the boundary and the history (the frame the target is about:
150 ms) and the neurons and the network. Medians over the frames of one R
process; the ratio is the whole frame against the Python tick alone, timed
inside Python around the same call in that process.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("playground.R")


def run(ticks: int = 40) -> dict:
    env = dict(os.environ, RETICULATE_PYTHON=os.environ.get("RETICULATE_PYTHON", sys.executable))
    result = subprocess.run(["Rscript", str(SCRIPT), str(ticks)], capture_output=True,
                            text=True, env=env, check=True, timeout=1800)
    times = json.loads(result.stdout.strip().splitlines()[-1])
    median = {name: statistics.median(values) for name, values in times.items()}
    frame = [call + drawn for call, drawn in zip(times["r_tick_call_ms"],
                                                 times["r_draw_boundary_history_ms"],
                                                 strict=True)]
    everything = [a + b for a, b in zip(frame, times["r_draw_neurons_network_ms"], strict=True)]
    median["frame_ms"] = statistics.median(frame)
    median["frame_with_neurons_network_ms"] = statistics.median(everything)
    return {
        "what": "playground frame at the defaults: Python tick from R + R drawing "
                "(boundary and history; then neurons and network), CPU",
        "milliseconds": times,
        "median_ms": median,
        "ratios": {
            "frame_vs_python_tick": median["frame_ms"] / median["python_tick_ms"],
            "frame_with_neurons_network_vs_python_tick":
                median["frame_with_neurons_network_ms"] / median["python_tick_ms"],
            "r_tick_call_vs_python_tick": median["r_tick_call_ms"] / median["python_tick_ms"],
        },
    }


if __name__ == "__main__":
    print(json.dumps(run()["median_ms"], indent=2))
