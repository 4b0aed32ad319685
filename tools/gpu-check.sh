#!/bin/sh
# The GPU checks, in one short run for a machine with CUDA. Uses the Python that
# has torch there (no virtual environment needed): PYTHON=python3 by default.
set -eu
PYTHON=${PYTHON:-python3}
export PYTHONPATH="$(pwd)/python${PYTHONPATH:+:$PYTHONPATH}"
export MPLBACKEND=Agg
"$PYTHON" -m xorbridge info
"$PYTHON" -m pytest -p no:cacheprovider -q -m gpu tests/python/test_gpu.py
"$PYTHON" -m xorbridge bench --size 5000 --repeats 10 --tf32 off
"$PYTHON" -m xorbridge bench --size 5000 --repeats 10 --tf32 on --device cuda
"$PYTHON" -m xorbridge bench --size 5000 --repeats 10 --dtype bfloat16 --device cuda
