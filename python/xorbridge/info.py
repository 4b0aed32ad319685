"""``device_info``: what torch, the CPU and the GPUs are, and that report in words.

The tutorial's first question is "is my GPU set up right?". ``device_info``
answers it with facts (names, memory, compute capability, an estimated fp32
peak, the libraries loaded) and ``bench.benchmark_matmul`` with measurements
against that peak. ``format_device_info`` writes the report that the command
line (``python -m xorbridge info``) prints and R's ``print(device_info())``
shows: its words live here only.
"""

from __future__ import annotations

import os
from typing import Any

import torch

from ._version import __version__
from .blas import describe as describe_blas
from .blas import torch_sgemm
from .device import mps_available, pick_device
from .libraries import library_conflicts, loaded_libraries, warn_about
from .peak import blas_name, cpu_model, cpu_peak_gflops, gpu_peak_tflops

# The library lists of ``info["libraries"]``, in the report's order, with their labels.
LIBRARY_LABELS = (("blas", "BLAS"), ("openmp", "OpenMP"), ("torch", "libtorch"))


GPU_FIELDS = ("index", "name", "compute_capability", "memory_gib", "sm_count", "peak_tflops",
              "peak_estimate")


def device_info() -> dict[str, Any]:
    """A plain dictionary describing torch and every device it can use.

    Keys: ``torch``, ``cuda`` (CUDA version torch was built with, or None),
    ``cudnn``, ``default_device`` (what ``pick_device("auto")`` picks),
    ``cpu`` (model, cores, threads torch uses, BLAS, vector capability,
    estimated fp32 peak in GFLOP/s and how it was estimated) and ``gpus``
    (one dict per CUDA device: name, compute capability, memory in GiB, SM
    count, estimated fp32 peak in TFLOP/s and how it was estimated),
    ``mps`` (whether Apple's MPS backend is available), ``torch_blas``
    (which library serves torch's float32 products, ``blas.torch_sgemm()``)
    and ``libraries``:
    the BLAS, OpenMP and libtorch files actually loaded in this process (see
    ``loaded_libraries``), and ``conflicts``, sentences about libraries known
    to clash. Each conflict is also a ``LibraryConflictWarning``.
    """
    libraries = loaded_libraries()
    libraries["conflicts"] = library_conflicts(libraries)
    warn_about(libraries["conflicts"])
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
            "blas": blas_name(),
            "capability": torch.backends.cpu.get_cpu_capability(),
            "peak_gflops": cpu_peak,
            "peak_estimate": cpu_how,
        },
        "gpus": [],
        "mps": mps_available(),
        "libraries": libraries,
        "torch_blas": torch_sgemm(),
    }
    if torch.cuda.is_available():
        for index in range(torch.cuda.device_count()):
            props = torch.cuda.get_device_properties(index)
            peak, how = gpu_peak_tflops(index)
            info["gpus"].append({  # GPU_FIELDS
                "index": index,
                "name": props.name,
                "compute_capability": f"{props.major}.{props.minor}",
                "memory_gib": props.total_memory / 2**30,
                "sm_count": props.multi_processor_count,
                "peak_tflops": peak,
                "peak_estimate": how,
            })
    return info


def format_device_info(info: dict[str, Any]) -> list[str]:
    """The report of a ``device_info()`` dictionary, one string a line (no newlines).

    Peaks are approximate (``~``) or ``unknown``, each followed by how it was
    estimated; every loaded library gets a line of its own, by full path;
    every conflict a ``Conflict:`` line.
    """
    cpu = info["cpu"]
    lines = [
        f"xorbridge {__version__}, torch {info['torch']}, CUDA {info['cuda'] or 'none'}, "
        f"cuDNN {info['cudnn'] or 'none'}",
        f"Default device: {info['default_device']}",
        f"CPU: {cpu['model']}, {cpu['cores']} cores, torch uses {cpu['threads']} threads, "
        f"BLAS {cpu['blas']}, {cpu['capability']}",
        f"  fp32 peak {_peak(cpu['peak_gflops'], 0, 'GFLOP/s')} ({cpu['peak_estimate']})",
        f"  {describe_blas(info.get('torch_blas'))}",
    ]
    for gpu in info["gpus"]:
        lines.append(
            f"GPU {gpu['index']}: {gpu['name']}, compute capability {gpu['compute_capability']}, "
            f"{gpu['memory_gib']:.1f} GiB, {gpu['sm_count']} SMs"
        )
        lines.append(f"  fp32 peak {_peak(gpu['peak_tflops'], 1, 'TFLOP/s')} "
                     f"({gpu['peak_estimate']})")
    if not info["gpus"]:
        lines.append("GPU: none (torch sees no CUDA device)")
    libraries = info["libraries"]
    lines.append(f"Loaded in this process (from {libraries['source']}):")
    for kind, label in LIBRARY_LABELS:
        paths = list(libraries[kind]) or ["none found"]
        lines.append(f"  {label}: {paths[0]}")
        lines += [" " * len(f"  {label}: ") + path for path in paths[1:]]
    lines += [f"  Conflict: {conflict}" for conflict in libraries["conflicts"]]
    return lines


def _peak(value: float | None, digits: int, unit: str) -> str:
    return "unknown" if value is None else f"~{value:,.{digits}f} {unit}"
