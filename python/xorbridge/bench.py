"""The tutorial's CPU-vs-GPU matrix product, measured properly.

The tutorial times one product with ``time.time()``. Here every device gets
a warm-up (the first CUDA call also initialises cuBLAS), several timed
repeats (CUDA events on GPUs, which time the GPU's own work rather than the
launch), a median and a spread, and a comparison with the device's estimated
peak: "only 5x faster than my CPU" reads differently once you know the GPU
reached 80% of what it can do.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import torch

from . import _validate
from .device import (
    available_devices,
    cpu_model,
    cpu_peak_gflops,
    gpu_peak_tflops,
    parse_device,
    pick_device,
)

DTYPES = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16,
          "float64": torch.float64}
MAX_SIZE = 32_768


def _tf32_allowed() -> bool:
    """Whether float32 products may use TF32, whichever of torch's two APIs set it."""
    matmul = torch.backends.cuda.matmul
    precision = getattr(matmul, "fp32_precision", None)
    if precision is not None and precision != "none":
        return precision == "tf32"  # torch 2.9's API: reading allow_tf32 would raise
    return bool(matmul.allow_tf32)


@contextmanager
def _tf32(allow: bool | None) -> Iterator[bool]:
    """Temporarily allow or forbid TF32 tensor cores for float32 products on CUDA.

    ``None`` leaves torch's setting alone (and reads it without touching it).
    """
    if allow is None:
        yield _tf32_allowed()
        return
    matmul = torch.backends.cuda.matmul
    new_api = getattr(matmul, "fp32_precision", "none") != "none"
    name, value = ("fp32_precision", "tf32" if allow else "ieee") if new_api else \
        ("allow_tf32", allow)
    previous = getattr(matmul, name)
    setattr(matmul, name, value)
    try:
        yield allow
    finally:
        setattr(matmul, name, previous)


def _synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    elif device.type == "mps":
        torch.mps.synchronize()


def _time_products(a: torch.Tensor, b: torch.Tensor, repeats: int, warmup: int) -> list[float]:
    """Seconds for each of ``repeats`` products ``a @ b``, after ``warmup`` untimed ones."""
    device = a.device
    for _ in range(warmup):
        torch.matmul(a, b)
    _synchronize(device)
    times = []
    for _ in range(repeats):
        if device.type == "cuda":
            start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            start.record()
            torch.matmul(a, b)
            end.record()
            end.synchronize()
            times.append(start.elapsed_time(end) / 1e3)
        else:
            started = time.perf_counter()
            torch.matmul(a, b)
            _synchronize(device)
            times.append(time.perf_counter() - started)
    return times


def _device_name(device: torch.device) -> str:
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    if device.type == "mps":
        return "Apple GPU (MPS)"
    return cpu_model()


def _peak_gflops(device: torch.device) -> tuple[float | None, str]:
    if device.type == "cuda":
        peak, how = gpu_peak_tflops(device.index or 0)
        return (None if peak is None else peak * 1e3), how
    if device.type == "cpu":
        return cpu_peak_gflops()
    return None, "no estimate for this device"


def _devices(devices: Any) -> list[torch.device]:
    """The devices to time: every one present for ``None``, else the ones named."""
    if devices is None:
        return [pick_device(name) for name in available_devices()]
    if isinstance(devices, (str, torch.device)):
        devices = [devices]
    if not isinstance(devices, Iterable):
        raise TypeError(
            f'`devices` must be None or device names such as ["cpu", "cuda"], '
            f"not {_validate.show(devices)}."
        )
    targets = [parse_device(name, "devices") for name in devices]
    if not targets:
        raise ValueError("`devices` must name at least one device.")
    return targets


def benchmark_matmul(
    size: int = 5000,
    devices: list[str] | None = None,
    repeats: int = 10,
    dtype: str = "float32",
    tf32: bool | None = None,
    warmup: int = 2,
) -> list[dict[str, Any]]:
    """Time ``a @ b`` for two random ``size x size`` matrices on each device.

    Args:
        size: the matrices' side; a product costs ``2 * size**3`` FLOPs.
        devices: device names (``"cpu"``, ``"cuda"``, ``"cuda:1"``, ``"mps"``);
            ``None`` means every device present.
        repeats: timed products per device (after ``warmup`` untimed ones).
        dtype: ``"float32"`` (the tutorial's), ``"float16"``, ``"bfloat16"`` or ``"float64"``.
        tf32: on CUDA, allow (True) or forbid (False) TF32 tensor cores for
            float32 products; ``None`` keeps torch's current setting.
        warmup: untimed products first.

    Returns:
        One dict per device: ``device``, ``name``, ``size``, ``dtype``,
        ``repeats``, ``median_s``, ``min_s``, ``max_s``, ``iqr_s`` (seconds per
        product), ``gflops`` (2 size^3 / median), ``peak_gflops`` (the
        estimated fp32 peak of the CUDA cores or CPU vector units, or None),
        ``fraction_of_peak``, ``peak_estimate`` (how the peak was estimated)
        and ``tf32`` (whether TF32 was allowed; None off CUDA).
    """
    size = _validate.positive_int("size", size, maximum=MAX_SIZE)
    repeats = _validate.positive_int("repeats", repeats, maximum=10_000)
    warmup = _validate.whole_number("warmup", warmup, minimum=0, maximum=10_000)
    dtype = _validate.choice("dtype", dtype, tuple(DTYPES))
    if tf32 is not None:
        tf32 = _validate.flag("tf32", tf32)
    targets = _devices(devices)

    results = []
    for device in targets:
        generator = torch.Generator(device=device if device.type != "mps" else "cpu")
        generator.manual_seed(0)
        make = {"size": (size, size), "dtype": DTYPES[dtype], "generator": generator}
        if device.type == "mps":
            a, b = (torch.randn(**make).to(device) for _ in range(2))
        else:
            a, b = (torch.randn(**make, device=device) for _ in range(2))
        if device.type == "cuda":
            # events record on the current device's stream: make it this one
            with torch.cuda.device(device), _tf32(tf32) as tf32_allowed:
                times = _time_products(a, b, repeats, warmup)
        else:
            times, tf32_allowed = _time_products(a, b, repeats, warmup), None
        del a, b
        median = statistics.median(times)
        quartiles = statistics.quantiles(times, n=4) if len(times) > 1 else [median] * 3
        gflops = 2 * size**3 / median / 1e9
        peak, how = _peak_gflops(device)
        results.append({
            "device": str(device),
            "name": _device_name(device),
            "size": size,
            "dtype": dtype,
            "repeats": repeats,
            "median_s": median,
            "min_s": min(times),
            "max_s": max(times),
            "iqr_s": quartiles[2] - quartiles[0],
            "gflops": gflops,
            "peak_gflops": peak,
            "fraction_of_peak": None if peak is None else gflops / peak,
            "peak_estimate": how,
            "tf32": tf32_allowed,
        })
    if torch.cuda.is_available():
        torch.cuda.empty_cache()  # give the matrices' memory back to other programs
    return results
