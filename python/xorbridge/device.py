"""Devices and seeds: which device to run on, what the machine has, reproducibility.

The tutorial's first question is "is my GPU set up right?". ``device_info``
answers it with facts (names, memory, compute capability, an estimated fp32
peak) and ``bench.benchmark_matmul`` with measurements against that peak.
"""

from __future__ import annotations

import os
import platform
import random
import re
import shutil
import subprocess
from functools import cache
from typing import Any

import numpy as np
import torch

from . import _validate

DEVICE_KINDS = ("auto", "cpu", "cuda", "mps")

# FP32 lanes (CUDA cores) per streaming multiprocessor, by compute capability major.minor.
# Source: the CUDA C Programming Guide, "Arithmetic Instructions" throughput table.
_FP32_LANES_PER_SM = {
    (6, 0): 64, (6, 1): 128, (6, 2): 128,
    (7, 0): 64, (7, 2): 64, (7, 5): 64,
    (8, 0): 64, (8, 6): 128, (8, 7): 128, (8, 9): 128,
    (9, 0): 128, (10, 0): 128, (10, 3): 128, (12, 0): 128, (12, 1): 128,
}
# Typical boost clocks (MHz) by compute capability, used when nvidia-smi cannot tell.
_TYPICAL_BOOST_MHZ = {
    (6, 0): 1480, (6, 1): 1700, (7, 0): 1530, (7, 5): 1770, (8, 0): 1410,
    (8, 6): 1750, (8, 9): 2500, (9, 0): 1980, (10, 0): 1965, (12, 0): 2600,
}


def available_devices() -> list[str]:
    """Names of the devices this machine can run on, e.g. ``["cpu", "cuda:0"]``."""
    names = ["cpu"]
    if torch.cuda.is_available():
        names += [f"cuda:{index}" for index in range(torch.cuda.device_count())]
    if _mps_available():
        names.append("mps")
    return names


def _mps_available() -> bool:
    backend = getattr(torch.backends, "mps", None)
    return bool(backend is not None and backend.is_available())


def pick_device(device: str | torch.device = "auto") -> torch.device:
    """Choose the device to compute on.

    ``"auto"`` picks CUDA if present, then Apple's MPS, then the CPU. An
    explicit ``"cuda"``, ``"cuda:N"`` or ``"mps"`` must exist on this machine;
    otherwise a ``ValueError`` names the devices that do.
    """
    if isinstance(device, torch.device):
        device = str(device)
    if not isinstance(device, str):
        raise TypeError(
            '`device` must be a string such as "auto", "cpu", "cuda", "cuda:0" or "mps", '
            f"not {device!r}."
        )
    name = device.strip().lower()
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if _mps_available():
            return torch.device("mps")
        return torch.device("cpu")
    match = re.fullmatch(r"(cpu|cuda|mps)(?::(\d+))?", name)
    if match is None:
        raise ValueError(
            '`device` must be "auto", "cpu", "cuda", "cuda:N" or "mps", '
            f"not {device!r}. Available here: {', '.join(available_devices())}."
        )
    kind, index = match.group(1), match.group(2)
    if kind == "cuda":
        count = torch.cuda.device_count() if torch.cuda.is_available() else 0
        if count == 0 or (index is not None and int(index) >= count):
            raise ValueError(
                f"`device` is {device!r}, but this machine has "
                f"{'no CUDA device' if count == 0 else f'{count} CUDA device(s)'}. "
                f"Available here: {', '.join(available_devices())}."
            )
    if kind == "mps" and not _mps_available():
        raise ValueError(
            f"`device` is {device!r}, but Apple's MPS backend is not available here. "
            f"Available here: {', '.join(available_devices())}."
        )
    return torch.device(name)


def set_seed(seed: int, deterministic: bool = True) -> None:
    """Seed Python's, numpy's and torch's generators (every device).

    With ``deterministic=True`` torch is also asked for deterministic
    algorithms (cuDNN's autotuner off, cuBLAS given a fixed workspace), so
    the same calls give the same numbers on the same hardware. On the CPU
    that makes runs bit-identical across processes; on a GPU results can
    still differ between GPU models, driver or library versions.
    """
    seed = _validate.optional_seed("seed", seed)
    if seed is None:
        raise TypeError("`seed` must be a whole number, not None.")
    deterministic = _validate.flag("deterministic", deterministic)
    random.seed(seed)
    np.random.seed(seed % 2**32)  # noqa: NPY002 - the legacy global generator is what users draw from
    torch.manual_seed(seed)  # seeds the CPU and every CUDA device
    if deterministic:
        # cuBLAS needs a fixed workspace to be reproducible; it must be set before
        # the first cuBLAS call, so we only set it when the user has not.
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    torch.backends.cudnn.deterministic = deterministic
    torch.backends.cudnn.benchmark = not deterministic and torch.backends.cudnn.benchmark
    torch.use_deterministic_algorithms(deterministic, warn_only=True)


def _cuda_max_clock_mhz(index: int) -> tuple[float | None, str]:
    """The GPU's maximum SM clock, from nvidia-smi when it is on the PATH."""
    executable = shutil.which("nvidia-smi")
    if executable is None:
        return None, "no nvidia-smi"
    try:
        result = subprocess.run(
            [executable, f"--id={index}", "--query-gpu=clocks.max.sm",
             "--format=csv,noheader,nounits"],
            capture_output=True, text=True, timeout=10, check=True,
        )
        return float(result.stdout.strip().splitlines()[0]), "nvidia-smi clocks.max.sm"
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None, "nvidia-smi failed"


def gpu_peak_tflops(index: int = 0) -> tuple[float | None, str]:
    """Estimated fp32 (non-tensor-core) peak of CUDA device ``index`` in TFLOP/s.

    peak = SMs x fp32 lanes per SM x 2 (a fused multiply-add is two FLOPs)
    x maximum SM clock. Returns the estimate and a sentence saying how it
    was made.
    """
    props = torch.cuda.get_device_properties(index)
    capability = (props.major, props.minor)
    lanes = _FP32_LANES_PER_SM.get(capability)
    if lanes is None:
        return None, f"unknown fp32 lanes per SM for compute capability {props.major}.{props.minor}"
    clock, clock_source = _cuda_max_clock_mhz(index)
    if clock is None:
        clock = _TYPICAL_BOOST_MHZ.get(capability)
        clock_source = "typical boost clock for this compute capability"
        if clock is None:
            return None, "unknown SM clock"
    peak = props.multi_processor_count * lanes * 2 * clock * 1e6 / 1e12
    how = (
        f"{props.multi_processor_count} SMs x {lanes} fp32 lanes x 2 FLOP (FMA) x "
        f"{clock:.0f} MHz ({clock_source})"
    )
    return peak, how


@cache
def cpu_model() -> str:
    """The CPU's model name, as the operating system reports it."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _cpu_clock_ghz() -> tuple[float | None, str]:
    for path, scale in (("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", 1e6),):
        try:
            with open(path, encoding="utf-8") as handle:
                return float(handle.read().strip()) / scale, "cpufreq maximum"
        except (OSError, ValueError):
            pass
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            text = handle.read()
    except OSError:
        return None, "unknown clock"
    mhz = re.search(r"^cpu MHz\s*:\s*([\d.]+)", text, re.MULTILINE)
    if mhz:
        return float(mhz.group(1)) / 1e3, "/proc/cpuinfo current clock"
    return None, "unknown clock"


def cpu_peak_gflops() -> tuple[float | None, str]:
    """Estimated fp32 peak of the CPU cores torch uses, in GFLOP/s.

    peak = threads x fp32 FLOPs per cycle x clock, assuming two FMA units per
    core (16 lanes x 2 for AVX-512, 8 x 2 x 2 for AVX2). On a virtual machine
    the clock and the unit count are guesses; the sentence returned says so.
    """
    capability = torch.backends.cpu.get_cpu_capability()
    flops_per_cycle = {"AVX512": 64, "AVX2": 32}.get(capability, 16)
    clock, clock_source = _cpu_clock_ghz()
    threads = torch.get_num_threads()
    if clock is None:
        return None, f"unknown clock ({capability}, {threads} threads)"
    peak = threads * flops_per_cycle * clock
    how = (
        f"{threads} threads x {flops_per_cycle} FLOP/cycle ({capability}, 2 FMA units "
        f"assumed) x {clock:.2f} GHz ({clock_source})"
    )
    return peak, how


def _blas() -> str:
    config = torch.__config__.show()
    match = re.search(r"BLAS_INFO=(\w+)", config)
    return match.group(1) if match else "unknown"


def device_info() -> dict[str, Any]:
    """A plain dictionary describing torch and every device it can use.

    Keys: ``torch``, ``cuda`` (CUDA version torch was built with, or None),
    ``cudnn``, ``default_device`` (what ``pick_device("auto")`` picks),
    ``cpu`` (model, cores, threads torch uses, BLAS, vector capability,
    estimated fp32 peak in GFLOP/s and how it was estimated) and ``gpus``
    (one dict per CUDA device: name, compute capability, memory in GiB, SM
    count, estimated fp32 peak in TFLOP/s and how it was estimated).
    """
    cpu_peak, cpu_how = cpu_peak_gflops()
    info: dict[str, Any] = {
        "torch": str(torch.__version__),
        "cuda": torch.version.cuda,
        "cudnn": torch.backends.cudnn.version() if torch.backends.cudnn.is_available() else None,
        "default_device": str(pick_device("auto")),
        "cpu": {
            "model": cpu_model(),
            "cores": os.cpu_count(),
            "threads": torch.get_num_threads(),
            "blas": _blas(),
            "capability": torch.backends.cpu.get_cpu_capability(),
            "peak_gflops": cpu_peak,
            "peak_estimate": cpu_how,
        },
        "gpus": [],
        "mps": _mps_available(),
    }
    if torch.cuda.is_available():
        for index in range(torch.cuda.device_count()):
            props = torch.cuda.get_device_properties(index)
            peak, how = gpu_peak_tflops(index)
            info["gpus"].append({
                "index": index,
                "name": props.name,
                "compute_capability": f"{props.major}.{props.minor}",
                "memory_gib": props.total_memory / 2**30,
                "sm_count": props.multi_processor_count,
                "peak_tflops": peak,
                "peak_estimate": how,
            })
    return info
