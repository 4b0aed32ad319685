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
import sys
import warnings
from functools import cache
from typing import Any

import numpy as np
import torch

from . import _validate

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
    return parse_device(device, "device")


def _available_text() -> str:
    return f"Available here: {', '.join(available_devices())}."


def parse_device(device: Any, name: str) -> torch.device:
    """``pick_device`` for the argument called ``name`` (its messages name it)."""
    if isinstance(device, torch.device):
        device = str(device)
    if not isinstance(device, str):
        raise TypeError(
            f'`{name}` must be a string such as "auto", "cpu", "cuda", "cuda:0" or "mps", '
            f"not {_validate.show(device)}."
        )
    text = device.strip().lower()
    if text == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        return torch.device("mps" if _mps_available() else "cpu")
    match = re.fullmatch(r"(cpu|cuda|mps)(?::(\d+))?", text)
    if match is None:
        raise ValueError(
            f'`{name}` must be "auto", "cpu", "cuda", "cuda:N" or "mps", '
            f"not {_validate.show(device)}. {_available_text()}"
        )
    kind, index = match.group(1), match.group(2)
    if kind == "cuda":
        count = torch.cuda.device_count() if torch.cuda.is_available() else 0
        if count == 0 or (index is not None and int(index) >= count):
            raise ValueError(
                f"`{name}` is {_validate.show(device)}, but this machine has "
                f"{'no CUDA device' if count == 0 else f'{count} CUDA device(s)'}. "
                f"{_available_text()}"
            )
    if kind == "mps" and not _mps_available():
        raise ValueError(
            f"`{name}` is {_validate.show(device)}, but Apple's MPS backend is not available "
            f"here. {_available_text()}"
        )
    return torch.device(text)


def set_seed(seed: int, deterministic: bool = True) -> None:
    """Seed Python's, numpy's and torch's generators (every device).

    With ``deterministic=True`` torch is also asked for deterministic
    algorithms: cuDNN's autotuner off, deterministic cuDNN kernels, and a
    fixed cuBLAS workspace (``CUBLAS_WORKSPACE_CONFIG=:4096:8``, set only if
    unset). Operations without a deterministic implementation warn instead
    of failing.

    What is and is not deterministic:

    * **CPU: bit-identical.** The same seed followed by the same calls gives
      the same data, initial weights, shuffling, trained weights and
      predictions, bit for bit, in any process and from R or Python (the R
      package runs this same code). This holds for the same torch version on
      the same kind of CPU; another torch version, or a CPU that makes torch
      pick other vector kernels (AVX2 vs AVX-512, x86 vs ARM), may change the
      last bits. Datasets draw from their own generator, so ``XORDataset(n,
      seed=s)`` gives the same points whatever else was drawn before.
    * **GPU: repeatable on one machine, not across machines.** The data,
      initial weights and batch order are drawn on the CPU, so they are the
      same on every device; only the arithmetic differs. On the same GPU
      model with the same driver and CUDA/cuBLAS/cuDNN versions, repeated
      runs agree when ``CUBLAS_WORKSPACE_CONFIG`` took effect, which needs
      ``set_seed()`` before the process's first cuBLAS call (set the variable
      in the shell to be sure). Not covered: operations that add with atomics
      on CUDA (``index_add_``, ``scatter_add_``, and the backward passes of
      indexing, ``gather`` and embeddings) run in a varying order; torch
      warns about them rather than raising. TF32 (Ampere and newer GPUs, when
      ``torch.backends.cuda.matmul.allow_tf32`` or cuDNN's ``allow_tf32`` is
      on) rounds float32 products to 10 mantissa bits, so results move away
      from the CPU's. Other GPU models, drivers or library versions choose
      other kernels and change the last bits. A GPU never matches the CPU bit
      for bit; compare with a tolerance.
    * Apple's MPS backend makes no determinism promise.
    """
    seed = _validate.seed("seed", seed, allow_none=False)
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
    _use_deterministic_algorithms(deterministic)


def _use_deterministic_algorithms(mode: bool) -> None:
    """``torch.use_deterministic_algorithms(mode, warn_only=True)``, without its import cost.

    The public function also configures torch.compile's inductor, and importing
    it takes seconds (3.6 s here), which would fall on the first ``set_seed`` of
    every session. Where inductor is not loaded there is nothing to configure.
    """
    if "torch._inductor.config" in sys.modules:
        torch.use_deterministic_algorithms(mode, warn_only=True)
    else:
        torch._C._set_deterministic_algorithms(mode, warn_only=True)


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


class LibraryConflictWarning(RuntimeWarning):
    """Libraries known to clash are loaded into this process together."""


MAPS = "/proc/self/maps"
# Shared libraries by what they provide, matched on the file name.
_LIBRARY_KINDS = {
    "blas": re.compile(r"lib(mkl_\w+|(scipy_)?openblas\w*|blas|cblas|Rblas|flexiblas|blis)[-.]"),
    "openmp": re.compile(r"lib(gomp|iomp5|omp)[-.]"),
    "torch": re.compile(r"lib(torch_cpu|lantern)[-.]"),
}


def _read_maps() -> str | None:
    try:
        with open(MAPS, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return None


def _mapped_files(maps: str) -> list[str]:
    """The files mapped into the process, once each, in the order they appear."""
    files: dict[str, None] = {}
    for line in maps.splitlines():
        fields = line.split(maxsplit=5)
        if len(fields) == 6 and fields[5].startswith("/"):
            files.setdefault(fields[5].removesuffix(" (deleted)"), None)
    return list(files)


def loaded_libraries(maps: str | None = None) -> dict[str, Any]:
    """The BLAS, OpenMP and libtorch libraries loaded in this process.

    Read from ``/proc/self/maps`` (Linux), or from ``maps`` when given (text
    in that format). Elsewhere the lists are empty and ``source`` says why.
    Returns ``source`` and the lists ``blas``, ``openmp`` and ``torch`` of
    full paths. A BLAS linked statically into torch (the MKL inside the
    Linux wheels' ``libtorch_cpu.so``) is not a separate file: ``device_info``
    reports it as the BLAS torch was built with.
    """
    source = "given text"
    if maps is None:
        maps, source = _read_maps(), MAPS
    if maps is None:
        source = f"unavailable: {MAPS} cannot be read on this system"
    files = _mapped_files(maps or "")
    libraries: dict[str, Any] = {"source": source}
    for kind, pattern in _LIBRARY_KINDS.items():
        libraries[kind] = [path for path in files if pattern.match(os.path.basename(path))]
    return libraries


def library_conflicts(libraries: dict[str, Any]) -> list[str]:
    """Messages for libraries in ``loaded_libraries()`` known to clash with each other."""
    torch_files = libraries["torch"]
    names = [os.path.basename(path) for path in libraries["openmp"]]
    conflicts = []
    lantern = [path for path in torch_files if os.path.basename(path).startswith("liblantern")]
    if lantern:
        conflicts.append(
            f"R's torch package is loaded in this process ({lantern[0]}) together with "
            "Python's torch: two builds of libtorch in one process can crash or compute "
            "wrong results. Use one of them per R session: restart R and do not call "
            "library(torch) in a session that uses xorbridge."
        )
    copies = sorted({os.path.dirname(path) for path in torch_files
                     if os.path.basename(path).startswith("libtorch_cpu")})
    if len(copies) > 1:
        conflicts.append(
            f"Two copies of libtorch are loaded in this process (from {' and '.join(copies)}); "
            "they can crash or compute wrong results. Use one torch per process."
        )
    if any(n.startswith("libiomp5") for n in names) and any(n.startswith("libomp.") for n in names):
        conflicts.append(
            "Intel's (libiomp5) and LLVM's (libomp) OpenMP runtimes are both loaded: they "
            "define the same symbols and can abort with 'OMP: Error #15' or slow down. "
            "Load only one of them (e.g. import torch before other numerical libraries)."
        )
    return conflicts


def _warn_about(conflicts: list[str]) -> None:
    for message in conflicts:
        warnings.warn(message, LibraryConflictWarning, stacklevel=3)


def device_info() -> dict[str, Any]:
    """A plain dictionary describing torch and every device it can use.

    Keys: ``torch``, ``cuda`` (CUDA version torch was built with, or None),
    ``cudnn``, ``default_device`` (what ``pick_device("auto")`` picks),
    ``cpu`` (model, cores, threads torch uses, BLAS, vector capability,
    estimated fp32 peak in GFLOP/s and how it was estimated) and ``gpus``
    (one dict per CUDA device: name, compute capability, memory in GiB, SM
    count, estimated fp32 peak in TFLOP/s and how it was estimated),
    ``mps`` (whether Apple's MPS backend is available) and ``libraries``:
    the BLAS, OpenMP and libtorch files actually loaded in this process (see
    ``loaded_libraries``), and ``conflicts``, sentences about libraries known
    to clash. Each conflict is also a ``LibraryConflictWarning``.
    """
    libraries = loaded_libraries()
    libraries["conflicts"] = library_conflicts(libraries)
    _warn_about(libraries["conflicts"])
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
        "libraries": libraries,
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
