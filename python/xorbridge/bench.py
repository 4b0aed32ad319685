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
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import torch

from . import _validate
from .device import available_devices, parse_device, pick_device
from .peak import cpu_model, cpu_peak_gflops, gpu_peak_tflops
from .train import _deferred_interrupt

DTYPES = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16,
          "float64": torch.float64}
MAX_SIZE = 32_768


def _tf32_allowed() -> bool:
    """Whether float32 products may use TF32, whichever of torch's two APIs set it."""
    matmul = torch.backends.cuda.matmul
    precision: str | None = getattr(matmul, "fp32_precision", None)
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


def _time_products(a: torch.Tensor, b: torch.Tensor, warmup: int, times: list[float],
                   repeats: int, after_each: Callable[[int], None]) -> None:
    """Time ``repeats`` products ``a @ b``, after ``warmup`` untimed ones, into ``times``.

    ``after_each(count)`` runs after the warm-up (count 0) and after each timed
    product (count 1, 2, ...), between products: it may raise
    ``KeyboardInterrupt`` to stop there, and ``times`` keeps what was measured.
    """
    device = a.device
    for _ in range(warmup):
        torch.matmul(a, b)
    _synchronize(device)
    after_each(0)
    for count in range(1, repeats + 1):
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
        after_each(count)


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


FIELDS = ("device", "name", "size", "dtype", "repeats", "median_s", "min_s", "max_s", "iqr_s",
          "gflops", "peak_gflops", "fraction_of_peak", "peak_estimate", "tf32", "blas_trap")


def _speed(gflops: float) -> str:
    return f"{gflops:,.0f}" if gflops >= 100 else f"{gflops:.3g}"


def describe(row: dict[str, Any]) -> str:
    """One device's result in a sentence.

    ``"cpu: 187 GFLOP/s, 56% of the estimated peak (<how it was estimated>)"``,
    or, without an estimate, ``"mps: 950 GFLOP/s; no estimate of the peak (...)"``.
    """
    speed = f"{row['device']}: {_speed(row['gflops'])} GFLOP/s"
    fraction = row["fraction_of_peak"]
    if fraction is None:
        return f"{speed}; no estimate of the peak ({row['peak_estimate']})"
    share = f"{100 * fraction:.0f}" if fraction >= 0.01 else f"{100 * fraction:.2g}"
    trap = ("; far below it because torch's products run on R's BLAS (see device_info())"
            if row.get("blas_trap") else "")
    return f"{speed}, {share}% of the estimated peak ({row['peak_estimate']}){trap}" + (
        _above_peak(row) if fraction > 1 else "")


def _above_peak(row: dict[str, Any]) -> str:
    """Why a measured speed can exceed its estimated peak: never a share above 100% unexplained."""
    if row.get("tf32") and str(row["device"]).startswith("cuda"):
        return ("; above it because TF32 products run on tensor cores, which the float32 "
                "estimate does not count")
    return ("; above it, so the estimate is too low here: the clock or the number of vector "
            "units it assumes is below what this device used while it multiplied")


class Benchmark(list[dict[str, Any]]):
    """What ``benchmark_matmul`` returns: one dict per device timed, in order.

    Attributes:
        repeats: the timed products asked for on each device.
        interrupted: True when Ctrl-C (or the callback) stopped the benchmark:
            the list then holds the devices measured before, the last one
            with the products timed before the stop (its ``repeats`` says how
            many), and leaves out a device stopped before its first product.
    """

    def __init__(self, rows: Iterable[dict[str, Any]] = (), repeats: int = 0,
                 interrupted: bool = False) -> None:
        super().__init__(rows)
        self.repeats = repeats
        self.interrupted = interrupted

    def lines(self) -> list[str]:
        """One sentence per device (see ``describe``), noting a device cut short."""
        return [describe(row) + ("" if row["repeats"] == self.repeats else
                                 f" [{row['repeats']} of {self.repeats} timed products]")
                for row in self]

    def __str__(self) -> str:
        return "\n".join(self.lines())


class _Run:
    """What the timing of one device has measured so far."""

    def __init__(self, device: torch.device) -> None:
        self.device = device
        self.times: list[float] = []
        self.tf32: bool | None = None  # whether TF32 was allowed (None off CUDA)

    def row(self, size: int, dtype: str) -> dict[str, Any]:
        times = self.times
        median = statistics.median(times)
        quartiles = statistics.quantiles(times, n=4) if len(times) > 1 else [median] * 3
        gflops = 2 * size**3 / median / 1e9
        peak, how = _peak_gflops(self.device)
        return {
            "device": str(self.device),
            "name": _device_name(self.device),
            "size": size,
            "dtype": dtype,
            "repeats": len(times),
            "median_s": median,
            "min_s": min(times),
            "max_s": max(times),
            "iqr_s": quartiles[2] - quartiles[0],
            "gflops": gflops,
            "peak_gflops": peak,
            "fraction_of_peak": None if peak is None else gflops / peak,
            "peak_estimate": how,
            "tf32": self.tf32,
            # on the CPU: whether torch's float32 products run on another library's BLAS
            "blas_trap": _blas_trap() if self.device.type == "cpu" else None,
        }


def _blas_trap() -> bool | None:
    from .blas import torch_sgemm

    found = torch_sgemm()
    return None if found is None else not found["own"]


def _time_device(run: _Run, size: int, dtype: str, tf32: bool | None, warmup: int,
                 repeats: int, after_each: Callable[[int], None]) -> None:
    """Time ``repeats`` products on ``run.device`` into ``run``."""
    device = run.device
    generator = torch.Generator(device=device if device.type != "mps" else "cpu")
    generator.manual_seed(0)
    shape, kind = (size, size), DTYPES[dtype]
    if device.type == "mps":
        a, b = (torch.randn(size=shape, dtype=kind, generator=generator).to(device)
                for _ in range(2))
    else:
        a, b = (torch.randn(size=shape, dtype=kind, generator=generator, device=device)
                for _ in range(2))
    if device.type != "cuda":
        _time_products(a, b, warmup, run.times, repeats, after_each)
        return
    # events record on the current device's stream: make it this one
    with torch.cuda.device(device), _tf32(tf32) as run.tf32:
        _time_products(a, b, warmup, run.times, repeats, after_each)


MAX_REPEATS = 10_000


def check_settings(size: Any, repeats: Any) -> tuple[int, int]:
    """``benchmark_matmul``'s ``size`` and ``repeats``, checked."""
    return (_validate.positive_int("size", size, maximum=MAX_SIZE),
            _validate.positive_int("repeats", repeats, maximum=MAX_REPEATS))


def benchmark_matmul(
    size: int = 5000,
    devices: list[str] | None = None,
    repeats: int = 10,
    dtype: str = "float32",
    tf32: bool | None = None,
    warmup: int = 2,
    callback: Callable[[dict[str, Any]], Any] | None = None,
) -> Benchmark:
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
        callback: called after every timed product with a dict: ``device``,
            ``device_number`` (from 1) of ``devices``, ``repeat`` (from 1) of
            ``repeats``, ``done`` of ``total`` products, and ``text`` (where
            the benchmark is, in words). Returning ``False`` stops the
            benchmark there, as Ctrl-C does.

    Returns:
        A ``Benchmark``: a list with one dict per device, ``device``, ``name``,
        ``size``, ``dtype``, ``repeats`` (timed products), ``median_s``,
        ``min_s``, ``max_s``, ``iqr_s`` (seconds per product), ``gflops``
        (2 size^3 / median), ``peak_gflops`` (the estimated fp32 peak of the
        CUDA cores or CPU vector units, or None), ``fraction_of_peak``,
        ``peak_estimate`` (how the peak was estimated), ``tf32`` (whether
        TF32 was allowed; None off CUDA) and ``blas_trap`` (on the CPU, True
        when torch's products run on another library's BLAS, as inside R when
        torch was imported unprotected; None elsewhere). Ctrl-C stops it between two
        products, with a warning: it then holds what was measured so far,
        and its ``interrupted`` is True.
    """
    size, repeats = check_settings(size, repeats)
    warmup = _validate.whole_number("warmup", warmup, minimum=0, maximum=MAX_REPEATS)
    dtype = _validate.choice("dtype", dtype, tuple(DTYPES))
    from .budget import check_memory

    itemsize = torch.empty((), dtype=DTYPES[dtype]).element_size()
    check_memory(f"Three {size:,} x {size:,} {dtype} matrices", 3 * size**2 * itemsize,
                 "use a smaller `size`.")
    if tf32 is not None:
        tf32 = _validate.flag("tf32", tf32)
    if callback is not None and not callable(callback):
        raise TypeError(f"`callback` must be a function or {_validate.none()}, "
                        f"not {_validate.show(callback)}.")
    targets = _devices(devices)

    results = Benchmark(repeats=repeats)
    total = len(targets) * repeats
    try:
        with _deferred_interrupt() as interrupt:
            for number, device in enumerate(targets, start=1):
                run = _Run(device)

                def after_each(count: int, device: torch.device = device,
                               number: int = number, interrupt: Any = interrupt) -> None:
                    step = {"device": str(device), "device_number": number,
                            "devices": len(targets), "repeat": count, "repeats": repeats,
                            "done": (number - 1) * repeats + count, "total": total,
                            "text": f"{device}: {count} of {repeats} timed products"}
                    if count > 0 and callback is not None and callback(step) is False:
                        raise KeyboardInterrupt
                    if interrupt.requested:
                        raise KeyboardInterrupt

                try:
                    _time_device(run, size, dtype, tf32, warmup, repeats, after_each)
                finally:
                    if run.times:  # also what an interrupted device measured
                        results.append(run.row(size, dtype))
    except KeyboardInterrupt:
        results.interrupted = True
        warnings.warn(
            f"Benchmark interrupted after {sum(row['repeats'] for row in results)} of {total} "
            "timed products; the result holds what was measured so far.",
            RuntimeWarning,
            stacklevel=2,
        )
    finally:
        if torch.cuda.is_available():
            torch.cuda.empty_cache()  # give the matrices' memory back to other programs
    return results
