#!/bin/sh
# The GPU checks in one short run, for a machine with CUDA and a Python that
# has torch (no virtual environment needed): PYTHON=python3 by default.
# Writes logs and benchmark JSON to $OUT (default out/gpu).
set -u
PYTHON=${PYTHON:-python3}
OUT=${OUT:-out/gpu}
mkdir -p "$OUT"
export PYTHONPATH="$(pwd)/python${PYTHONPATH:+:$PYTHONPATH}" MPLBACKEND=Agg PYTHONUNBUFFERED=1
status=0
"$PYTHON" -m xorbridge info 2>&1 | tee "$OUT/info.txt" || status=1
# -W default: report warnings from this machine's torch without failing on them
"$PYTHON" -m pytest -p no:cacheprovider -q -W default -m gpu tests/python/test_gpu.py 2>&1 \
  | tee "$OUT/pytest-gpu.txt" || status=1
"$PYTHON" benchmarks/run.py --only gpu --out "$OUT" 2>&1 | tee "$OUT/bench.txt" || status=1
"$PYTHON" -m pytest -p no:cacheprovider -q -x -W default tests/python --ignore=tests/python/parity \
  -m "not rpy2 and not gpu" 2>&1 | tail -n 15 | tee "$OUT/pytest-cpu.txt" || status=1
exit $status
