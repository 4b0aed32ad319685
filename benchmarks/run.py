"""Run the benchmarks; write out/bench/<name>.json and out/bench/results.md.

    python benchmarks/run.py [--out out/bench] [--only train_speed,sweep_speed,...]

Every figure is a ratio of medians measured in this one invocation, so that
a noisy machine slows both sides of a comparison alike.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import eval_speed
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


def table(results: dict[str, dict]) -> str:
    cpu = xb.device_info()["cpu"]
    lines = [
        "# Benchmarks",
        "",
        f"Machine: {cpu['model']}, {cpu['cores']} cores ({cpu['threads']} torch threads), "
        f"{platform.system()}; torch {xb.device_info()['torch']}.",
        "",
        "| benchmark | ratio | value |",
        "|---|---|---:|",
    ]
    for name, result in results.items():
        for ratio, value in result.get("ratios", {}).items():
            lines.append(f"| {name} | {ratio} | {value:.2f} |")
    memory_result = results.get("memory")
    if memory_result:
        lines.append(f"| memory | python tutorial peak RSS (MiB) | "
                     f"{memory_result['python_tutorial_mib']:.0f} |")
        lines.append(f"| memory | R walkthrough peak RSS (MiB) | "
                     f"{memory_result['r_walkthrough_mib']:.0f} |")
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
              f"ratios {results[name].get('ratios', {})}", flush=True)
    # the table holds every benchmark whose results are in the folder, this run's and earlier
    everything = {name: json.loads((args.out / f"{name}.json").read_text())
                  for name in BENCHMARKS if (args.out / f"{name}.json").exists()}
    markdown = table(everything)
    (args.out / "results.md").write_text(markdown)
    print("\n" + markdown)


if __name__ == "__main__":
    main()
