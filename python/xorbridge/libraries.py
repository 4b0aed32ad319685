"""The BLAS, OpenMP and libtorch libraries loaded in this process, and clashes among them.

Read from ``/proc/self/maps`` on Linux. Inside R this shows R's own BLAS
next to torch's, and R's ``torch`` package (its ``liblantern``) loaded
together with Python's torch.
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path
from typing import Any


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
        with Path(MAPS).open(encoding="utf-8", errors="replace") as handle:
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


def warn_about(conflicts: list[str]) -> None:
    """One ``LibraryConflictWarning`` per conflict, pointing at the caller's caller."""
    for message in conflicts:
        warnings.warn(message, LibraryConflictWarning, stacklevel=3)
