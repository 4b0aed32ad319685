import contextlib
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import numpy as np
import pytest
import torch

import xorbridge as xb
from xorbridge import cli
from xorbridge import libraries as libs
from xorbridge.info import format_device_info


def test_auto_picks_cuda_then_mps_then_cpu():
    expected = "cuda" if torch.cuda.is_available() else "cpu"
    assert xb.pick_device("auto").type in (expected, "mps")
    assert xb.pick_device("cpu") == torch.device("cpu")
    assert xb.pick_device(torch.device("cpu")) == torch.device("cpu")
    assert xb.pick_device(" CPU ") == torch.device("cpu")


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
@pytest.mark.parametrize("name", ["cuda", "cuda:0", "cuda:3"])
def test_missing_cuda_names_what_is_available(name):
    with pytest.raises(ValueError, match=r"no CUDA device.*Available here: cpu"):
        xb.pick_device(name)


@pytest.mark.parametrize("bad", ["gpu", "cuda:x", "tpu", "", "cuda0"])
def test_unknown_device_names_are_refused(bad):
    with pytest.raises(ValueError, match=r'must be "auto", "cpu", "cuda", "cuda:N" or "mps"'):
        xb.pick_device(bad)


@pytest.mark.parametrize("bad", [None, 0, 1.5, ["cpu"]])
def test_device_must_be_a_string(bad):
    with pytest.raises(TypeError, match="`device` must be a string"):
        xb.pick_device(bad)


def test_device_info_is_a_plain_dict_with_the_facts():
    info = xb.device_info()
    assert info["torch"] == str(torch.__version__)
    assert info["default_device"] in ("cpu", "cuda", "mps")
    cpu = info["cpu"]
    assert cpu["cores"] == os.cpu_count()
    assert cpu["threads"] == torch.get_num_threads()
    assert cpu["blas"] != ""
    assert isinstance(cpu["model"], str)
    assert cpu["model"]
    if cpu["peak_gflops"] is not None:
        assert cpu["peak_gflops"] > 0
        assert "FLOP/cycle" in cpu["peak_estimate"]
    assert len(info["gpus"]) == (torch.cuda.device_count() if torch.cuda.is_available() else 0)
    for gpu in info["gpus"]:
        assert {"name", "compute_capability", "memory_gib", "sm_count", "peak_tflops"} <= set(gpu)


def test_set_seed_repeats_python_numpy_and_torch():
    def draw():
        return random.random(), np.random.rand(), torch.rand(3).tolist()  # noqa: NPY002

    xb.set_seed(123)
    first = draw()
    xb.set_seed(123)
    assert draw() == first
    xb.set_seed(124)
    assert draw() != first


def test_set_seed_sets_and_clears_the_deterministic_flags():
    try:
        xb.set_seed(1, deterministic=True)
        assert torch.are_deterministic_algorithms_enabled()
        assert torch.backends.cudnn.deterministic
        xb.set_seed(1, deterministic=False)
        assert not torch.are_deterministic_algorithms_enabled()
    finally:
        torch.use_deterministic_algorithms(False)


def _training_run_code(seed):
    """Python code that seeds, trains on the CPU and prints every resulting number exactly."""
    return f"""
import json, xorbridge as xb
xb.set_seed({seed})
data = xb.XORDataset(400)  # seed drawn from the global generator that set_seed seeded
model = xb.SimpleClassifier()
history = xb.train_model(model, data, epochs=5, device="cpu", progress=False)
weights = [value.flatten().tolist() for value in model.state_dict().values()]
prob = xb.predict_proba(model, xb.XORDataset(50, seed=3)).tolist()
print(json.dumps([[float.hex(x) for x in row] for row in [*weights, history.loss, prob]]))
"""


def test_set_seed_makes_training_bit_identical_across_processes():
    code = _training_run_code(21)
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout for _ in range(2)]
    namespace = {}
    with contextlib.redirect_stdout(io.StringIO()) as here:
        exec(code, namespace)  # noqa: S102 - the same code in this process
    assert runs[0] == runs[1] == here.getvalue()
    other_seed = subprocess.run([sys.executable, "-c", _training_run_code(22)],
                                capture_output=True, text=True, check=True).stdout
    assert other_seed != runs[0]


def test_device_info_lists_the_libraries_loaded_in_this_process():
    libraries = xb.device_info()["libraries"]
    if not sys.platform.startswith("linux"):
        assert libraries["source"].startswith("unavailable")
        return
    assert libraries["source"] == "/proc/self/maps"
    loaded = set(_mapped_paths())
    for kind in ("blas", "openmp", "torch"):
        assert set(libraries[kind]) <= loaded, kind
    # torch's own library, from torch's own directory
    torch_dir = str(Path(torch.__file__).parent)
    assert any(path.startswith(torch_dir) for path in libraries["torch"])
    # the BLAS numpy says it was built with (e.g. "scipy-openblas" -> libscipy_openblas64_.so)
    numpy_blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]["name"]
    assert any(numpy_blas.split("-")[-1] in Path(path).name for path in libraries["blas"])
    # torch is built with OpenMP, so an OpenMP runtime is loaded
    assert "OpenMP" in torch.__config__.show()
    assert libraries["openmp"]
    assert libraries["conflicts"] == []


def _mapped_paths():
    with Path("/proc/self/maps").open(encoding="utf-8") as maps:
        return [line.split(maxsplit=5)[5].strip() for line in maps if "/" in line]


FAKE_MAPS = """\
7f00-7f01 r-xp 00000000 08:01 11 /usr/lib/x86_64-linux-gnu/libc.so.6
7f01-7f02 r-xp 00000000 08:01 12 /opt/R/library/torch/lib/liblantern.so
7f02-7f03 r-xp 00000000 08:01 13 /opt/R/library/torch/lib/libtorch_cpu.so
7f03-7f04 r-xp 00000000 08:01 14 /venv/site-packages/torch/lib/libtorch_cpu.so
7f04-7f05 r-xp 00000000 08:01 15 /opt/intel/lib/libiomp5.so
7f05-7f06 r-xp 00000000 08:01 16 /usr/lib/llvm/lib/libomp.so.5
7f06-7f07 r-xp 00000000 08:01 17 /usr/lib/R/lib/libRblas.so
7f07-7f08 r-xp 00000000 08:01 18 /opt/intel/lib/libmkl_rt.so.2
7f08-7f09 rw-p 00000000 00:00 0 [heap]
"""


def test_the_conflict_detector_reads_maps_text():
    libraries = libs.loaded_libraries(FAKE_MAPS)
    assert libraries["blas"] == ["/usr/lib/R/lib/libRblas.so", "/opt/intel/lib/libmkl_rt.so.2"]
    assert libraries["openmp"] == ["/opt/intel/lib/libiomp5.so", "/usr/lib/llvm/lib/libomp.so.5"]
    conflicts = libs.library_conflicts(libraries)
    assert len(conflicts) == 3
    assert conflicts[0].startswith("R's torch package is loaded in this process "
                                   "(/opt/R/library/torch/lib/liblantern.so)")
    assert "Two copies of libtorch" in conflicts[1]
    assert "OMP: Error #15" in conflicts[2]
    assert libs.library_conflicts(libs.loaded_libraries(FAKE_MAPS.splitlines()[0])) == []


def test_a_conflict_makes_device_info_warn(monkeypatch):
    monkeypatch.setattr(libs, "_read_maps", lambda: FAKE_MAPS)
    with pytest.warns(xb.LibraryConflictWarning) as caught:
        info = xb.device_info()
    assert [str(warning.message) for warning in caught] == info["libraries"]["conflicts"]
    assert len(caught) == 3
    assert str(caught[0].message).startswith("R's torch package")


def test_without_proc_maps_the_lists_are_empty_and_say_why(monkeypatch):
    monkeypatch.setattr(libs, "_read_maps", lambda: None)
    libraries = xb.device_info()["libraries"]
    assert libraries["source"].startswith("unavailable: /proc/self/maps cannot be read")
    assert libraries["blas"] == libraries["openmp"] == libraries["torch"] == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps")
def test_a_library_loaded_at_run_time_is_seen(tmp_path):
    """Load a real shared library under R torch's name into a fresh process: it warns."""
    lantern = tmp_path / "liblantern.so"
    extensions = Path(sysconfig.get_config_var("DESTSHARED")).glob("*.so")
    shutil.copy(min(extensions, key=lambda path: path.stat().st_size), lantern)
    code = f"""
import ctypes, json, warnings, xorbridge as xb
ctypes.CDLL({str(lantern)!r})
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    info = xb.device_info()
print(json.dumps([info["libraries"]["torch"], [type(w.message).__name__ for w in caught]]))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    torch_libraries, warned = json.loads(result.stdout)
    assert str(lantern) in torch_libraries
    assert warned == ["LibraryConflictWarning"]


def test_the_command_line_shows_the_loaded_libraries(capsys):
    assert cli.main(["info"]) == 0
    out = capsys.readouterr().out
    assert "Loaded in this process (from " in out
    assert re.search(r"^  OpenMP: ", out, re.MULTILINE)
    assert re.search(r"^  libtorch: .*libtorch_cpu", out, re.MULTILINE)


# A machine with two GPUs, one of them unknown, and three clashing libraries.
FAKE_INFO = {
    "torch": "2.5.1+cu124", "cuda": "12.4", "cudnn": 90100, "default_device": "cuda",
    "cpu": {"model": "Intel(R) Xeon(R) {Gold}", "cores": 32, "threads": 16, "blas": "mkl",
            "capability": "AVX512", "peak_gflops": 2457.6,
            "peak_estimate": "16 threads x 64 FLOP/cycle x 2.40 GHz"},
    "gpus": [
        {"index": 0, "name": "NVIDIA H200", "compute_capability": "9.0", "memory_gib": 139.8,
         "sm_count": 132, "peak_tflops": 66.9, "peak_estimate": "132 SMs x 128 fp32 lanes"},
        {"index": 1, "name": "Mystery", "compute_capability": "4.2", "memory_gib": 8.0,
         "sm_count": 20, "peak_tflops": None,
         "peak_estimate": "unknown fp32 lanes per SM for compute capability 4.2"},
    ],
    "mps": False,
    "torch_blas": {"library": "/usr/lib/x86_64-linux-gnu/libblas.so.3", "own": False},
    "libraries": {**libs.loaded_libraries(FAKE_MAPS),
                  "conflicts": libs.library_conflicts(libs.loaded_libraries(FAKE_MAPS))},
}


def test_the_report_is_written_once_in_python():
    lines = format_device_info(FAKE_INFO)
    assert lines[:9] == [
        f"xorbridge {xb.__version__}, torch 2.5.1+cu124, CUDA 12.4, cuDNN 90100",
        "Default device: cuda",
        "CPU: Intel(R) Xeon(R) {Gold}, 32 cores, torch uses 16 threads, BLAS mkl, AVX512",
        "  fp32 peak ~2,458 GFLOP/s (16 threads x 64 FLOP/cycle x 2.40 GHz)",
        "  matrix products: R's BLAS (/usr/lib/x86_64-linux-gnu/libblas.so.3), not torch's own: "
        "torch was imported before xorbridge",
        "GPU 0: NVIDIA H200, compute capability 9.0, 139.8 GiB, 132 SMs",
        "  fp32 peak ~66.9 TFLOP/s (132 SMs x 128 fp32 lanes)",
        "GPU 1: Mystery, compute capability 4.2, 8.0 GiB, 20 SMs",
        "  fp32 peak unknown (unknown fp32 lanes per SM for compute capability 4.2)",
    ]
    # one library a line, the later ones under the first
    assert lines[9:17] == [
        "Loaded in this process (from given text):",
        "  BLAS: /usr/lib/R/lib/libRblas.so",
        "        /opt/intel/lib/libmkl_rt.so.2",
        "  OpenMP: /opt/intel/lib/libiomp5.so",
        "          /usr/lib/llvm/lib/libomp.so.5",
        "  libtorch: /opt/R/library/torch/lib/liblantern.so",
        "            /opt/R/library/torch/lib/libtorch_cpu.so",
        "            /venv/site-packages/torch/lib/libtorch_cpu.so",
    ]
    assert lines[17:] == [f"  Conflict: {c}" for c in FAKE_INFO["libraries"]["conflicts"]]
    assert all("\n" not in line for line in lines)


def test_the_report_of_a_machine_without_gpu_or_libraries():
    info = {**FAKE_INFO, "cuda": None, "cudnn": None, "gpus": [], "torch_blas": None,
            "cpu": {**FAKE_INFO["cpu"], "peak_gflops": None, "peak_estimate": "unknown clock"},
            "libraries": {"source": "unavailable: /proc/self/maps cannot be read on this system",
                          "blas": [], "openmp": [], "torch": [], "conflicts": []}}
    lines = format_device_info(info)
    assert lines[0].endswith("CUDA none, cuDNN none")
    assert lines[3:] == [
        "  fp32 peak unknown (unknown clock)",
        "  matrix products: which BLAS serves them is not known here",
        "GPU: none (torch sees no CUDA device)",
        "Loaded in this process (from unavailable: /proc/self/maps cannot be read on this "
        "system):",
        "  BLAS: none found",
        "  OpenMP: none found",
        "  libtorch: none found",
    ]


def test_the_command_line_prints_the_report_lines(capsys, monkeypatch):
    monkeypatch.setattr("xorbridge.info.device_info", lambda: FAKE_INFO)
    assert cli.main(["info"]) == 0
    assert capsys.readouterr().out == "\n".join(format_device_info(FAKE_INFO)) + "\n"
    assert cli.main(["info", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == FAKE_INFO


def test_a_python_process_reports_torchs_own_blas():
    found = xb.blas.torch_sgemm()
    if not sys.platform.startswith("linux"):
        assert found is None
        return
    assert found == {"library": str(Path(torch.__file__).parent / "lib" / "libtorch_cpu.so"),
                     "own": True}
    assert xb.blas.trap_message(found) is None
    assert xb.device_info()["torch_blas"] == found
    assert "  matrix products: torch's own BLAS (libtorch_cpu.so)" in format_device_info(
        xb.device_info())
