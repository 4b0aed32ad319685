"""What the chips could do: CPU and GPU models, clocks and estimated fp32 peaks.

``bench.benchmark_matmul`` measures against these peaks; ``device_info``
reports them with the sentence saying how each was estimated.
"""

from __future__ import annotations

import platform
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import torch

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


def _cuda_max_clock_mhz(index: int) -> tuple[float | None, str]:
    """The GPU's maximum SM clock, from nvidia-smi when it is on the PATH.

    The GPU is named by its UUID: nvidia-smi numbers GPUs its own way, which
    differs from torch's under CUDA_VISIBLE_DEVICES.
    """
    executable = shutil.which("nvidia-smi")
    if executable is None:
        return None, "no nvidia-smi"
    uuid = getattr(torch.cuda.get_device_properties(index), "uuid", None)
    gpu = f"GPU-{uuid}" if uuid is not None else str(index)
    try:
        result = subprocess.run(
            [executable, f"--id={gpu}", "--query-gpu=clocks.max.sm",
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
        with Path("/proc/cpuinfo").open(encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _cpu_flags() -> str:
    """The first CPU's flags in ``/proc/cpuinfo`` ("" where there are none)."""
    try:
        with Path("/proc/cpuinfo").open(encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("flags"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


def _cpufreq_ghz() -> float | None:
    try:
        with Path("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq").open(
                encoding="utf-8") as handle:
            return float(handle.read().strip()) / 1e6
    except (OSError, ValueError):
        return None


def cpu_peak_gflops() -> tuple[float | None, str]:
    """Estimated fp32 peak of the CPU cores torch uses, in GFLOP/s.

    peak = threads x fp32 FLOPs per cycle x clock. Both are measured where
    the probe runs (x86-64 Linux, see ``xorbridge.cpuprobe``): the clock (the
    faster of one thread and all of torch's busy), the FLOPs per cycle of one
    core's FMA units.
    Elsewhere the clock is cpufreq's maximum and two FMA units a core are
    assumed (16 lanes x 2 for AVX-512, 8 x 2 x 2 for AVX2); without cpufreq
    there is no estimate (``/proc/cpuinfo``'s clock is nominal, not what the
    cores run at). The sentence returned says which.
    """
    from .cpuprobe import measure

    capability = torch.backends.cpu.get_cpu_capability()
    threads = torch.get_num_threads()
    measured, why_not = measure(threads, capability, _cpu_flags())
    if measured is not None:
        peak = threads * measured.flops_per_cycle * measured.clock_ghz
        return peak, (
            f"{threads} threads x {measured.flops_per_cycle} FLOP/cycle (measured "
            f"{measured.measured_flops_per_cycle:.1f}, {measured.width}-bit FMA) x "
            f"{measured.clock_ghz:.2f} GHz (measured)")
    clock = _cpufreq_ghz()
    if clock is None:
        return None, f"no estimate: the clock is unknown (no cpufreq; {why_not})"
    flops_per_cycle = {"AVX512": 64, "AVX2": 32}.get(capability, 16)
    peak = threads * flops_per_cycle * clock
    return peak, (f"{threads} threads x {flops_per_cycle} FLOP/cycle ({capability}, 2 FMA units "
                  f"assumed) x {clock:.2f} GHz (cpufreq maximum)")


def blas_name() -> str:
    """The BLAS library torch was built with (``BLAS_INFO``), e.g. ``"mkl"``."""
    config = torch.__config__.show()
    match = re.search(r"BLAS_INFO=(\w+)", config)
    return match.group(1) if match else "unknown"
