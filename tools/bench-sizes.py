#!/usr/bin/env python3
"""Matrix-product speed across sizes on every device, TF32 off and on where CUDA is present.

Writes the table that the vignette "Reading the benchmark" reads from
vignettes/bench-h200.csv (one row per device, size and TF32 setting):

    python tools/bench-sizes.py --out vignettes/bench-h200.csv
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import sys
from pathlib import Path

import xorbridge as xb

FIELDS = ["device", "name", "size", "repeats", "median_s", "gflops", "peak_gflops",
          "fraction_of_peak", "tf32"]


def repeats_for(size: int) -> int:
    return 20 if size <= 1024 else 10 if size <= 4096 else 5


def r_value(value) -> str:
    """A CSV cell as R's read.csv() reads it: TRUE/FALSE/NA, numbers to 6 digits."""
    if value is None:
        return "NA"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="256,512,1024,2048,3072,4096,5000,8192")
    parser.add_argument("--out", default=None, help="CSV file (default: standard output)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    rows = []
    for device in xb.available_devices():
        settings = [False, True] if device.startswith("cuda") else [None]
        for size in sizes:
            for tf32 in settings:
                row = xb.benchmark_matmul(size, devices=[device], repeats=repeats_for(size),
                                          tf32=tf32)[0]
                rows.append([r_value(row[field]) for field in FIELDS])
                print(f"{device} {size} tf32={tf32}: {row['gflops']:.0f} GFLOP/s",
                      file=sys.stderr)
    with (Path(args.out).open("w", newline="", encoding="utf-8") if args.out
          else contextlib.nullcontext(sys.stdout)) as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(FIELDS)
        writer.writerows(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
