"""Peak resident memory of the walkthrough: the Python command line and the R script."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs a command in a child and prints the child's peak resident set size (KiB).
MEASURE = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, "
    "stderr=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def peak_mib(command: list[str]) -> float:
    result = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True,
                            text=True, check=True, timeout=1800)
    return int(result.stdout.strip()) / 1024


def run() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        python = peak_mib([sys.executable, "-m", "xorbridge", "tutorial", "--out",
                           f"{tmp}/py", "--bench-size", "5000", "--bench-repeats", "3"])
        r = peak_mib(["Rscript", str(ROOT / "inst" / "scripts" / "walkthrough.R"), f"{tmp}/r"])
    return {
        "what": "peak resident memory (MiB) of a whole walkthrough",
        "python_tutorial_mib": python,
        "r_walkthrough_mib": r,
    }
