"""Is ``benchmark_matmul`` honest? Its GFLOP/s against torch.utils.benchmark's timer."""

from __future__ import annotations

import statistics

import torch
from torch.utils import benchmark

import xorbridge as xb


def timer_gflops(size: int, device: str, repeats: int) -> float:
    generator = torch.Generator(device=device).manual_seed(0)
    a = torch.randn(size, size, generator=generator, device=device)
    b = torch.randn(size, size, generator=generator, device=device)
    # Timer runs on one thread unless told otherwise; benchmark_matmul uses torch's setting
    timer = benchmark.Timer(stmt="a @ b", globals={"a": a, "b": b},
                            num_threads=torch.get_num_threads())
    timer.timeit(1)  # warm-up, as benchmark_matmul does
    measurement = timer.timeit(repeats)
    return 2 * size**3 / measurement.median / 1e9


def run(size: int = 5000, runs: int = 3, repeats: int = 5) -> dict:
    ours, theirs, shares = [], [], []
    for _ in range(runs):
        (row,) = xb.benchmark_matmul(size, devices=["cpu"], repeats=repeats)
        ours.append(row["gflops"])
        shares.append(row["fraction_of_peak"])
        theirs.append(timer_gflops(size, "cpu", repeats))
    ratios = {"benchmark_matmul_vs_timer": statistics.median(ours) / statistics.median(theirs)}
    notes = {}
    if all(share is not None for share in shares):
        # the share of the estimated peak that benchmark_matmul itself reports
        ratios["cpu_share_of_peak"] = statistics.median(shares)
        if ratios["cpu_share_of_peak"] > 1:
            notes["cpu_share_of_peak"] = (
                f"above 100%: the estimated peak ({row['peak_gflops']:.0f} GFLOP/s, "
                f"{row['peak_estimate']}) is below what this CPU does, so the estimate "
                "is too low")
    return {
        "what": f"CPU {size}x{size} float32 product: benchmark_matmul vs "
                "torch.utils.benchmark.Timer, medians over runs",
        "benchmark_matmul_gflops": ours,
        "timer_gflops": theirs,
        "peak_gflops": row["peak_gflops"],
        "peak_estimate": row["peak_estimate"],
        "fraction_of_peak": statistics.median(ours) / row["peak_gflops"]
        if row["peak_gflops"] else None,
        "reported_fraction_of_peak": shares,
        "ratios": ratios,
        "notes": notes,
    }
