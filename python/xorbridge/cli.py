"""The command line: ``python -m xorbridge info | bench | tutorial``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ._version import __version__


def _info(args: argparse.Namespace) -> int:
    import warnings

    from .info import device_info, format_device_info
    from .libraries import LibraryConflictWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LibraryConflictWarning)  # reported as Conflict: lines
        info = device_info()
    if args.json:
        print(json.dumps(info, indent=2))
        return 0
    print("\n".join(format_device_info(info)))
    return 0


def _bench(args: argparse.Namespace) -> int:
    from .bench import benchmark_matmul

    tf32 = {"on": True, "off": False, "keep": None}[args.tf32]
    rows = benchmark_matmul(args.size, devices=args.device or None, repeats=args.repeats,
                            dtype=args.dtype, tf32=tf32)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'device':<8} {'median s':>10} {'spread s':>10} {'GFLOP/s':>9} {'of peak':>8}  name")
    for row in rows:
        share = row["fraction_of_peak"]
        fraction = "?" if share is None else f"{100 * share:.0f}%"
        print(f"{row['device']:<8} {row['median_s']:>10.5f} {row['iqr_s']:>10.5f} "
              f"{row['gflops']:>9.1f} {fraction:>8}  {row['name']}")
    for row in rows:
        print(f"peak on {row['device']}: {row['peak_estimate']}")
    cpu = next((row for row in rows if row["device"] == "cpu"), None)
    for row in rows:
        if cpu is not None and row is not cpu:
            print(f"{row['device']} vs cpu: {cpu['median_s'] / row['median_s']:.1f}x faster")
    return 0


def _tutorial(args: argparse.Namespace) -> int:
    import matplotlib as mpl

    mpl.use("Agg")  # files only: no window, whatever the default backend
    from .tutorial import TutorialConfig, run_tutorial

    config = TutorialConfig(out=Path(args.out), device=args.device, seed=args.seed,
                            epochs=args.epochs, bench_size=args.bench_size,
                            bench_repeats=args.bench_repeats, style=args.style,
                            progress=args.progress)
    summary = run_tutorial(config)
    return 0 if summary["checkpoint"]["identical_predictions"] else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xorbridge",
        description="The continuous XOR walkthrough of the UvA PyTorch tutorial.",
    )
    parser.add_argument("--version", action="version", version=f"xorbridge {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    info = commands.add_parser("info", help="describe torch, the CPU and every GPU")
    info.add_argument("--json", action="store_true", help="print JSON")
    info.set_defaults(run=_info)

    bench = commands.add_parser("bench", help="time a matrix product on every device")
    bench.add_argument("--size", type=int, default=5000)
    bench.add_argument("--repeats", type=int, default=10)
    bench.add_argument("--dtype", default="float32",
                       choices=["float32", "float16", "bfloat16", "float64"])
    bench.add_argument("--device", action="append", help="repeat for several; default: all")
    bench.add_argument("--tf32", choices=["on", "off", "keep"], default="keep")
    bench.add_argument("--json", action="store_true", help="print JSON")
    bench.set_defaults(run=_bench)

    tutorial = commands.add_parser("tutorial", help="run the whole walkthrough")
    tutorial.add_argument("--out", default="out/tutorial", help="directory for the results")
    tutorial.add_argument("--device", default="auto")
    tutorial.add_argument("--seed", type=int, default=42)
    tutorial.add_argument("--epochs", type=int, default=100)
    tutorial.add_argument("--bench-size", type=int, default=5000)
    tutorial.add_argument("--bench-repeats", type=int, default=3)
    tutorial.add_argument("--style", choices=["darkgrid", "default"], default="darkgrid")
    tutorial.add_argument("--progress", action="store_true", help="show training progress bars")
    tutorial.set_defaults(run=_tutorial)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except (ValueError, TypeError, OSError) as error:
        print(f"xorbridge {args.command}: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
