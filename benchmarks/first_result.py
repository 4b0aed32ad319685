"""The first result: how long until a new user sees something.

Two comparisons, each of fresh processes alternated within this one run:
``import xorbridge`` against ``import torch`` (the least it can cost, since
xorbridge imports torch), and the tutorial's one-liner (train the default
model on the default data, print its accuracy) run by ``Rscript -e`` against
the same in ``python -c``. Both one-liners must print the same accuracy.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys

from common import seconds

R_ONE_LINER = ('library(xorbridge); set_seed(42); d <- xor_dataset(2500, seed = 42); '
               'm <- simple_classifier(); h <- train_model(m, d, progress = FALSE); '
               'cat(eval_model(m, d), "\\n")')
PYTHON_ONE_LINER = ('import xorbridge as xb; xb.set_seed(42); d = xb.XORDataset(2500, seed=42); '
                    'm = xb.SimpleClassifier(); h = xb.train_model(m, d, progress=False); '
                    'print(xb.eval_model(m, d))')


def environment() -> dict[str, str]:
    # R_LIBS and the rest as given; reticulate's Python is this one unless told otherwise
    return dict(os.environ, RETICULATE_PYTHON=os.environ.get("RETICULATE_PYTHON", sys.executable))


def process(command: list[str], outputs: list[str]) -> float:
    """Seconds of one fresh process; its last line of output goes to ``outputs``."""
    result: list[subprocess.CompletedProcess[str]] = []
    elapsed = seconds(lambda: result.append(subprocess.run(
        command, capture_output=True, text=True, env=environment(), check=True, timeout=600)))
    lines = result[0].stdout.strip().splitlines()
    outputs.append(lines[-1].strip() if lines else "")
    return elapsed


def alternated(commands: dict[str, list[str]], runs: int) -> tuple[dict, dict]:
    """Each command ``runs`` times, A B B A A B ..., after one untimed run of each
    (so the first timed one does not pay for a cold disk cache alone)."""
    names = list(commands)
    outputs: dict[str, list[str]] = {name: [] for name in names}
    for name in names:
        process(commands[name], [])
    times: dict[str, list[float]] = {name: [] for name in names}
    for run in range(runs):
        for name in names if run % 2 == 0 else reversed(names):
            times[name].append(process(commands[name], outputs[name]))
    return times, outputs


def run(import_runs: int = 9, one_liner_runs: int = 5) -> dict:
    python = sys.executable
    imports, _ = alternated({"import_torch": [python, "-c", "import torch"],
                             "import_xorbridge": [python, "-c", "import xorbridge"]},
                            import_runs)
    one_liners, printed = alternated({"python_one_liner": [python, "-c", PYTHON_ONE_LINER],
                                      "r_one_liner": ["Rscript", "-e", R_ONE_LINER]},
                                     one_liner_runs)
    accuracies = {name: sorted({float(line) for line in lines})
                  for name, lines in printed.items()}
    # R's cat() prints 7 significant digits, Python's print all of them
    same = all(len(values) == 1 for values in accuracies.values()) and abs(
        accuracies["python_one_liner"][0] - accuracies["r_one_liner"][0]) < 1e-6
    if not same:
        raise RuntimeError(f"the one-liners printed different accuracies: {accuracies}")
    seconds_ = {**imports, **one_liners}
    median = {name: statistics.median(values) for name, values in seconds_.items()}
    return {
        "what": "fresh processes, alternated: `python -c 'import xorbridge'` vs "
                "`python -c 'import torch'`; the tutorial's one-liner (train the default "
                "model, print its accuracy) by `Rscript -e` vs `python -c`, CPU",
        "seconds": seconds_,
        "median_s": median,
        "accuracy": accuracies["python_one_liner"][0],
        "ratios": {
            "import_xorbridge_vs_import_torch": median["import_xorbridge"] /
            median["import_torch"],
            "r_one_liner_vs_python_one_liner": median["r_one_liner"] /
            median["python_one_liner"],
        },
    }


if __name__ == "__main__":
    print(json.dumps(run()["median_s"], indent=2))
