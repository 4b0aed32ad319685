"""The CPU probe: its machine code is what the assembler makes, and what it measures."""

from __future__ import annotations

import math

import pytest
import torch

from xorbridge import cpuprobe, peak

# `as` (GNU binutils, Intel syntax) on the loops in cpuprobe's docstring:
# clock_probe (mov rcx, rdi; xor eax, eax; mov edx, 1; 100 x add rax, rdx;
# dec rcx; jnz; ret), then one pass's 12 vfmadd231ps r0..r11, r12, r13 on
# zmm and on ymm registers.
AS_CLOCK = bytes.fromhex("4889f931c0ba01000000" + "4801d0" * 100 + "48ffc90f85cbfeffffc3")
AS_FMA_ZMM = bytes.fromhex(
    "62d21d48b8c562d21d48b8cd62d21d48b8d562d21d48b8dd62d21d48b8e562d21d48b8ed"
    "62d21d48b8f562d21d48b8fd62521d48b8c562521d48b8cd62521d48b8d562521d48b8dd")
AS_FMA_YMM = bytes.fromhex(
    "c4c21db8c5c4c21db8cdc4c21db8d5c4c21db8ddc4c21db8e5c4c21db8edc4c21db8f5c4"
    "c21db8fdc4421db8c5c4421db8cdc4421db8d5c4421db8dd")
ZEROING = bytes.fromhex("c5fc57c0" + "".join(f"c5fc28{0xc0 + 8 * n:02x}" for n in range(1, 8))
                        + "".join(f"c57c28{0xc0 + 8 * n:02x}" for n in range(6)))


def test_the_machine_code_is_the_assemblers():
    assert cpuprobe.clock_code() == AS_CLOCK
    for width, fmas in ((512, AS_FMA_ZMM), (256, AS_FMA_YMM)):
        code = cpuprobe.fma_code(width)
        assert code[:3] == bytes.fromhex("4889f9")  # mov rcx, rdi
        assert code[3:3 + len(ZEROING)] == ZEROING
        body = code[3 + len(ZEROING):]
        assert body[:2 * len(fmas)] == fmas * 2  # 24 FMAs a pass
        rest = body[2 * len(fmas):]
        jump = -int.from_bytes(rest[5:9], "little", signed=True)
        assert rest[:5] == bytes.fromhex("48ffc90f85")  # dec rcx; jnz back to the first FMA
        assert jump == 2 * len(fmas) + 3 + 6
        assert rest[9:] == bytes.fromhex("c5f877c3")  # vzeroupper; ret


def _flags():
    return peak._cpu_flags()


@pytest.mark.skipif(cpuprobe.supported(torch.backends.cpu.get_cpu_capability(), _flags())[0]
                    is None, reason="the probe runs on x86-64 Linux with AVX2 and FMA")
def test_the_probe_measures_a_clock_and_a_whole_number_of_flops_per_cycle():
    measured, why = cpuprobe.measure(torch.get_num_threads(),
                                     torch.backends.cpu.get_cpu_capability(), _flags())
    assert why == ""
    assert measured is not None
    assert 0.5 < measured.clock_ghz < 7.0
    assert measured.flops_per_cycle in (8, 16, 32, 64, 128)
    assert math.log2(measured.measured_flops_per_cycle) == pytest.approx(
        math.log2(measured.flops_per_cycle), abs=0.5)
    value, how = peak.cpu_peak_gflops()
    assert value == pytest.approx(torch.get_num_threads() * measured.flops_per_cycle
                                  * measured.clock_ghz)
    assert f"{measured.flops_per_cycle} FLOP/cycle (measured " in how
    assert how.endswith("GHz (measured)")


@pytest.mark.parametrize(("system", "machine", "capability", "flags", "width", "why"), [
    ("Linux", "x86_64", "AVX512", "fma avx2 avx512f", 512, ""),
    ("Linux", "x86_64", "AVX2", "avx2 fma", 256, ""),
    ("Linux", "x86_64", "AVX2", "avx2", None, "no AVX2 with FMA (AVX2)"),
    ("Linux", "x86_64", "DEFAULT", "sse2", None, "no AVX2 with FMA (DEFAULT)"),
    ("Linux", "aarch64", "DEFAULT", "", None, "the probe runs on x86-64 Linux, not Linux aarch64"),
    ("Darwin", "x86_64", "AVX2", "", None, "the probe runs on x86-64 Linux, not Darwin x86_64"),
])
def test_the_probe_runs_only_where_its_code_does(monkeypatch, system, machine, capability, flags,
                                                 width, why):
    monkeypatch.setattr(cpuprobe.platform, "system", lambda: system)
    monkeypatch.setattr(cpuprobe.platform, "machine", lambda: machine)
    assert cpuprobe.supported(capability, flags) == (width, why)


def test_without_the_probe_the_peak_needs_cpufreq(monkeypatch):
    monkeypatch.setattr(cpuprobe, "measure", lambda *_: (None, "no AVX2 with FMA (DEFAULT)"))
    monkeypatch.setattr(peak, "_cpufreq_ghz", lambda: None)
    assert peak.cpu_peak_gflops() == (
        None, "no estimate: the clock is unknown (no cpufreq; no AVX2 with FMA (DEFAULT))")
    monkeypatch.setattr(peak, "_cpufreq_ghz", lambda: 3.0)
    monkeypatch.setattr(torch.backends.cpu, "get_cpu_capability", lambda: "AVX2")
    value, how = peak.cpu_peak_gflops()
    assert value == pytest.approx(torch.get_num_threads() * 32 * 3.0)
    assert how.endswith("32 FLOP/cycle (AVX2, 2 FMA units assumed) x 3.00 GHz (cpufreq maximum)")
