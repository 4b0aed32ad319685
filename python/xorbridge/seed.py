"""Reproducibility: ``set_seed`` and torch's deterministic switch."""

from __future__ import annotations

import os
import random
import sys

import numpy as np
import torch

from . import _validate


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
