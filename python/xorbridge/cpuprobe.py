"""The CPU's clock and its fp32 FLOPs per cycle, measured, for an honest peak.

A virtual machine usually has no cpufreq, and ``/proc/cpuinfo``'s "cpu MHz"
is the nominal clock, not what the cores run at (the cores of a 2.6 GHz
Xeon run near 3.7 GHz), so a peak estimated from it can read above 100%.
The flags say which vector instructions exist, not how many FMA units
execute them (Zen 4 runs AVX-512 on 256-bit units; a Xeon Silver has one
512-bit FMA unit, a Xeon Gold two). So both are measured, on x86-64 Linux,
by two loops of machine code called through ``ctypes``:

- **clock:** a dependent chain of 100 ``add rax, rdx`` a pass, register
  operands (one cycle each on every x86-64 core; a chain of ``add rax, 1``
  can be eliminated on some cores and read falsely high). Cycles / seconds
  is the clock. It runs on one thread, then on as many threads as torch
  uses at once; the faster is kept. On a shared machine another process can
  take a core from the probe, which then reads slow: the faster reading is
  the bound the cores reach, so a peak made from it is never too low (and a
  share of it never too high).
- **FLOPs per cycle:** 12 independent ``vfmadd231ps`` accumulators (zmm for
  AVX-512, ymm for AVX2), 24 a pass: FLOPs / seconds / clock, rounded to
  the nearest power of two.

Each loop runs a few milliseconds, the best of 5 runs is kept. Elsewhere
(another OS or architecture, or where the system refuses executable
memory) ``measure()`` returns ``None`` with the reason.
"""

from __future__ import annotations

import ctypes
import math
import mmap
import platform
import statistics
import threading
import time
from dataclasses import dataclass
from functools import cache
from typing import Any

# x86-64 machine code (System V calling convention: the pass count in rdi;
# rax, rcx, rdx and the vector registers are the caller's to lose).
_MOV_RCX_RDI = bytes.fromhex("4889f9")
_DEC_RCX = bytes.fromhex("48ffc9")
_RET = bytes.fromhex("c3")
_VZEROUPPER = bytes.fromhex("c5f877")
ADDS_A_PASS = 100
FMAS_A_PASS = 24
_ACCUMULATORS = 12  # more than FMA latency x units on every core here (4 x 2)


def _jump_back(length: int) -> bytes:
    """``jnz`` to the start of a loop body of ``length`` bytes that ends just before it."""
    return bytes.fromhex("0f85") + (-(length + 6)).to_bytes(4, "little", signed=True)


def _loop(prologue: bytes, instruction: bytes, count: int, epilogue: bytes = b"") -> bytes:
    body = instruction * count + _DEC_RCX
    return _MOV_RCX_RDI + prologue + body + _jump_back(len(body)) + epilogue + _RET


def _register(base: int, number: int) -> int:
    return base + 8 * (number % 8)


def clock_code() -> bytes:
    """``xor eax, eax; mov edx, 1``; then ``add rax, rdx`` x 100 a pass."""
    return _loop(bytes.fromhex("31c0ba01000000"), bytes.fromhex("4801d0"), ADDS_A_PASS)


def fma_code(width: int) -> bytes:
    """Registers 0-13 zeroed; then ``vfmadd231ps r0..r11, r12, r13`` twice a pass,
    on zmm (``width`` 512, EVEX) or ymm (256, VEX) registers."""
    zero, body = b"", b""
    for number in range(14):  # VEX ops zero the upper half of a zmm register too
        if number == 0:
            zero += bytes.fromhex("c5fc57c0")  # vxorps ymm0, ymm0, ymm0
        else:  # vmovaps ymmN, ymm0
            zero += bytes.fromhex("c5fc28" if number < 8 else "c57c28") + bytes(
                [_register(0xC0, number)])
    for number in range(_ACCUMULATORS):  # vfmadd231ps rN, r12, r13
        if width == 512:
            prefix = "62d21d48b8" if number < 8 else "62521d48b8"
        else:
            prefix = "c4c21db8" if number < 8 else "c4421db8"
        body += bytes.fromhex(prefix) + bytes([_register(0xC5, number)])
    return _loop(zero, body, FMAS_A_PASS // _ACCUMULATORS, _VZEROUPPER)


@dataclass(frozen=True)
class Measured:
    """What the probe found: the clock (GHz, the faster of one and ``threads``
    threads busy), fp32 FLOPs a cycle on one core (measured and rounded), and
    the vector width used."""

    clock_ghz: float
    flops_per_cycle: int
    measured_flops_per_cycle: float
    width: int
    threads: int


_keep: list[Any] = []  # the executable pages, alive as long as the functions


def _function(code: bytes) -> Any:
    page = mmap.mmap(-1, mmap.PAGESIZE * (len(code) // mmap.PAGESIZE + 1),
                     prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
    page.write(code)
    _keep.append(page)
    address = ctypes.addressof(ctypes.c_char.from_buffer(page))
    return ctypes.CFUNCTYPE(ctypes.c_uint64, ctypes.c_uint64)(address)


def _seconds(function: Any, passes: int, threads: int = 1) -> float:
    """Median time of ``function(passes)`` run on ``threads`` threads at once
    (``ctypes`` lets go of the GIL during the call)."""
    barrier = threading.Barrier(threads)
    times: list[float] = []

    def run() -> None:
        barrier.wait()
        started = time.perf_counter()
        function(passes)
        times.append(time.perf_counter() - started)

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return statistics.median(times)


def _best_rate(function: Any, work_a_pass: int, threads: int, target: float = 0.004,
               runs: int = 5) -> float:
    """Work a second (work = ``work_a_pass`` x passes), the best of ``runs`` runs
    of about ``target`` seconds each."""
    passes = 1000
    while (elapsed := _seconds(function, passes)) < target / 4:
        passes *= 4
    passes = max(1, int(passes * target / elapsed))
    return max(work_a_pass * passes / _seconds(function, passes, threads) for _ in range(runs))


def supported(capability: str, flags: str) -> tuple[int | None, str]:
    """The vector width (512 or 256) the probe may run here, or ``None`` and why."""
    if platform.system() != "Linux" or platform.machine().lower() not in ("x86_64", "amd64"):
        return None, f"the probe runs on x86-64 Linux, not {platform.system()} {platform.machine()}"
    if capability == "AVX512":  # torch checks that the system saves zmm registers too
        return 512, ""
    if capability == "AVX2" and "fma" in flags.split():
        return 256, ""
    return None, f"no AVX2 with FMA ({capability})"


@cache
def measure(threads: int, capability: str, flags: str) -> tuple[Measured | None, str]:
    """The clock (the faster of one and ``threads`` threads busy) and the FLOPs
    per cycle, or ``None``
    and why not. Takes about 0.1 s, once per process and set of arguments."""
    width, why = supported(capability, flags)
    if width is None:
        return None, why
    try:
        clock, fma = _function(clock_code()), _function(fma_code(width))
    except (OSError, ValueError, TypeError, BufferError) as error:  # no executable memory
        return None, f"the system refused executable memory for the probe ({error})"
    single_clock = _best_rate(clock, ADDS_A_PASS, 1)
    flops = _best_rate(fma, FMAS_A_PASS * (width // 32) * 2, 1)
    loaded_clock = _best_rate(clock, ADDS_A_PASS, threads) if threads > 1 else single_clock
    per_cycle = flops / single_clock
    rounded = 2 ** round(math.log2(per_cycle))
    return Measured(clock_ghz=max(single_clock, loaded_clock) / 1e9, flops_per_cycle=rounded,
                    measured_flops_per_cycle=per_cycle, width=width, threads=threads), ""
