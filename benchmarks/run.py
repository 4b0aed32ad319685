"""Run the benchmarks; write out/bench/<name>.json and out/bench/results.md.

    python benchmarks/run.py [--out out/bench] [--only train_speed,sweep_speed,...]

Every figure is a ratio of medians measured in this one invocation, so that
a noisy machine slows both sides of a comparison alike.
"""

from __future__ import annotations

import argparse
import json
import operator
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import eval_speed
import first_result
import gpu
import matmul
import memory
import playground_frame
import playground_tick
import r_speed
import sweep_speed
import train_speed
import xorbridge as xb
from common import write

BENCHMARKS = {
    "first_result": lambda _out: first_result.run(),
    "train_speed": lambda _out: train_speed.run(),
    "sweep_speed": lambda _out: sweep_speed.run(),
    "playground_tick": lambda _out: playground_tick.run(),
    "playground_frame": lambda _out: playground_frame.run(),
    "r_speed": lambda _out: r_speed.run(),
    "eval_speed": lambda out: eval_speed.run(out=out),
    "matmul": lambda _out: matmul.run(),
    "memory": lambda _out: memory.run(),
    "gpu": lambda _out: gpu.run(),
}

# (benchmark, ratio): (comparison, value, words); the project's goals for its ratios
GOALS: dict[tuple[str, str], tuple[str, float, str]] = {
    ("first_result", "import_xorbridge_vs_import_torch"):
        ("<=", 1.1, "import xorbridge within 1.1x import torch"),
    ("first_result", "r_one_liner_vs_python_one_liner"):
        ("<=", 1.2, "the R one-liner within 1.2x the same in python -c"),
    ("eval_speed", "default_vs_forward_pass"):
        ("<=", 1.2, "eval_model at its default batch size within 1.2x a bare forward pass over "
                    "the whole set"),
    ("sweep_speed", "thousand_sweep_vs_one_train_model"):
        ("<=", 80.0, "a 1,000-model sweep within 80x one train_model call"),
    ("matmul", "cpu_share_of_peak"):
        ("<=", 1.0, "benchmark_matmul's CPU share of the estimated peak at most 100%"),
}

COMPARISONS = {"<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt}


def goal(name: str, ratio: str) -> str:
    """The goal as written in the table, e.g. ``<= 1.10``; empty without one."""
    if (name, ratio) not in GOALS:
        return ""
    comparison, value, _words = GOALS[name, ratio]
    return f"{comparison} {value:.2f}"


def met(name: str, ratio: str, value: float) -> str:
    if (name, ratio) not in GOALS:
        return ""
    comparison, target, _words = GOALS[name, ratio]
    return "yes" if COMPARISONS[comparison](value, target) else "no"


def progress(name: str, ratios: dict[str, float]) -> str:
    """The ratios of one benchmark with their goals, for the line printed after it."""
    parts = []
    for ratio, value in ratios.items():
        text = f"{ratio} {value:.2f}"
        if (name, ratio) in GOALS:
            verdict = "met" if met(name, ratio, value) == "yes" else "NOT met"
            text += f" (goal {goal(name, ratio)}: {verdict})"
        parts.append(text)
    return ", ".join(parts) or "none"


def table(results: dict[str, dict]) -> str:
    cpu = xb.device_info()["cpu"]
    lines = [
        "# Benchmarks",
        "",
        f"Machine: {cpu['model']}, {cpu['cores']} cores ({cpu['threads']} torch threads), "
        f"{platform.system()}; torch {xb.device_info()['torch']}.",
        "",
        "| benchmark | ratio | value | goal | met |",
        "|---|---|---:|---|---|",
    ]
    notes = []
    for name, result in results.items():
        ratios = result.get("ratios", {})
        for ratio, value in ratios.items():
            note = result.get("notes", {}).get(ratio)
            mark = ""
            if note:
                notes.append(note)
                mark = f" [{len(notes)}]"
            lines.append(f"| {name} | {ratio} | {value:.2f}{mark} | {goal(name, ratio)} | "
                         f"{met(name, ratio, value)} |")
        for (goal_name, ratio), (_c, _v, _words) in GOALS.items():
            if goal_name == name and ratio not in ratios:
                lines.append(f"| {name} | {ratio} | not measured | {goal(name, ratio)} | |")
    memory_result = results.get("memory")
    if memory_result:
        lines.append(f"| memory | python tutorial peak RSS (MiB) | "
                     f"{memory_result['python_tutorial_mib']:.0f} |")
        lines.append(f"| memory | R walkthrough peak RSS (MiB) | "
                     f"{memory_result['r_walkthrough_mib']:.0f} |")
    lines += ["", "Goals:", ""]
    lines += [f"- {name} {ratio}: {words} ({goal(name, ratio)})"
              for (name, ratio), (_c, _v, words) in GOALS.items()]
    if notes:
        lines += ["", *(f"[{number}] {note}" for number, note in enumerate(notes, start=1))]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("out/bench"))
    parser.add_argument("--only", default=",".join(BENCHMARKS),
                        help="comma-separated: " + ", ".join(BENCHMARKS))
    args = parser.parse_args()
    names = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(names) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmarks: {', '.join(unknown)}")
    args.out.mkdir(parents=True, exist_ok=True)
    results = {}
    for name in names:
        started = time.perf_counter()
        print(f"{name} ...", flush=True)
        results[name] = BENCHMARKS[name](args.out)
        write(args.out, name, results[name])
        print(f"{name}: {time.perf_counter() - started:.0f} s, "
              f"ratios {progress(name, results[name].get('ratios', {}))}", flush=True)
    # the table holds every benchmark whose results are in the folder, this run's and earlier
    everything = {name: json.loads((args.out / f"{name}.json").read_text())
                  for name in BENCHMARKS if (args.out / f"{name}.json").exists()}
    markdown = table(everything)
    (args.out / "results.md").write_text(markdown)
    print("\n" + markdown)


if __name__ == "__main__":
    main()
