"""The GPU part (runs only where CUDA is available): matmul against the card's
peak with TF32 off and on and in bfloat16, and the tiny model on GPU vs CPU."""

from __future__ import annotations

import torch

import xorbridge as xb
from common import alternate, medians


def matmul(size: int = 5000, repeats: int = 20) -> list[dict]:
    rows = []
    for dtype, tf32 in (("float32", False), ("float32", True), ("bfloat16", None)):
        (row,) = xb.benchmark_matmul(size, devices=["cuda"], repeats=repeats, dtype=dtype,
                                     tf32=tf32)
        rows.append(row)
    return rows


def tiny_training(runs: int = 3) -> dict:
    train = xb.XORDataset(2500, seed=42)

    def trainer(device, engine):
        def go():
            xb.set_seed(0)
            model = xb.SimpleClassifier()
            xb.train_model(model, train, seed=0, device=device, progress=False, engine=engine)
            if device == "cuda":
                torch.cuda.synchronize()
        return go

    cases = {f"{device}_{engine}": trainer(device, engine)
             for device in ("cpu", "cuda") for engine in ("fused", "autograd")}
    cases["cuda_fused"]()  # warm-up: CUDA context and kernels
    times = alternate(cases, runs)
    median = medians(times)
    return {"seconds": times, "median_seconds": median,
            "ratios": {"gpu_vs_cpu_fused": median["cpu_fused"] / median["cuda_fused"],
                       "gpu_vs_cpu_autograd": median["cpu_autograd"] /
                       median["cuda_autograd"]}}


def sweep(runs: int = 3) -> dict:
    train, test = xb.XORDataset(2500, seed=42), xb.XORDataset(500, seed=43)
    times = alternate({
        device: (lambda d=device: xb.sweep_hidden((1, 2, 4, 8), range(10), train, test,
                                                  device=d))
        for device in ("cpu", "cuda")
    }, runs)
    median = medians(times)
    return {"seconds": times, "median_seconds": median,
            "ratios": {"gpu_vs_cpu": median["cpu"] / median["cuda"]}}


def run() -> dict:
    if not torch.cuda.is_available():
        return {"what": "GPU benchmarks", "skipped": "no CUDA device on this machine"}
    return {
        "what": "GPU: matmul vs peak; the tutorial's tiny model and the sweep, GPU vs CPU",
        "device": torch.cuda.get_device_name(0),
        "device_info": xb.device_info()["gpus"],
        "matmul_5000": matmul(),
        "tiny_training": tiny_training(),
        "sweep": sweep(),
    }
