"""The same seed gives the same XOR points and labels in R and in Python, exactly."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

import xorbridge as xb

pytestmark = pytest.mark.rpy2

CASES = [(1, 0, 0.1), (7, 1, 0.0), (200, 44, 0.1), (2500, 42, 0.1), (1000, 2**40, 0.35)]


def test_xor_dataset_equals_XORDataset_in_one_process(r):
    frames = r.run(
        "lapply(seq_along(sizes), function(i) "
        "as.data.frame(xor_dataset(sizes[i], std = stds[i], seed = seeds[i])))",
        sizes=[size for size, _, _ in CASES],
        seeds=[float(seed) for _, seed, _ in CASES],  # 2**40 is too big for an R integer
        stds=[std for _, _, std in CASES],
    )
    for (size, seed, std), frame in zip(CASES, frames, strict=True):
        data = xb.XORDataset(size, std=std, seed=seed)
        np.testing.assert_array_equal(frame[["x1", "x2"]].to_numpy(), data.data.numpy())
        np.testing.assert_array_equal(frame["label"].to_numpy(), data.label.numpy())


R_PRINT = """
library(xorbridge)
frame <- as.data.frame(xor_dataset(300, std = 0.2, seed = 123))
writeLines(sprintf("%a %a %d", frame$x1, frame$x2, frame$label))
"""
PY_PRINT = """
import xorbridge as xb
data = xb.XORDataset(300, std=0.2, seed=123)
for (x1, x2), label in zip(data.data.double().tolist(), data.label.tolist()):
    print(x1.hex(), x2.hex(), label)
"""


def hex_rows(lines: str) -> list[tuple[float, float, int]]:
    """Rows "x1 x2 label" with the numbers in C99 hexadecimal (exact) notation."""
    rows = []
    for line in lines.split("\n"):
        x1, x2, label = line.split()
        rows.append((float.fromhex(x1), float.fromhex(x2), int(label)))
    return rows


def test_xor_dataset_equals_XORDataset_across_processes():
    env = {**os.environ, "RETICULATE_PYTHON": sys.executable}
    # both processes at once: each spends seconds importing torch
    rscript = subprocess.Popen(["Rscript", "-e", R_PRINT], env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    python = subprocess.run([sys.executable, "-c", PY_PRINT], env=env, text=True,
                            capture_output=True, check=True, timeout=300)
    r_out, r_err = rscript.communicate(timeout=300)
    assert rscript.returncode == 0, r_err
    r_rows, py_rows = hex_rows(r_out.strip()), hex_rows(python.stdout.strip())
    assert len(r_rows) == 300
    assert r_rows == py_rows
