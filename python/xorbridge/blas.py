"""Which BLAS serves torch's float32 matrix products in this very process.

``libtorch_cpu`` defines ``sgemm_`` (its own optimised BLAS) but calls it
through its global offset table, which the dynamic linker fills with the
first ``sgemm_`` in the lookup order. Inside R, that can be R's BLAS (see
``_deepbind``). Reading the table's slot says which library torch actually
calls: a fact of the process, not a timing. Linux and 64-bit ELF only;
elsewhere the answer is ``None``.
"""

from __future__ import annotations

import ctypes
import mmap
import os
import struct
import sys
from pathlib import Path
from typing import Any

import numpy as np

SYMBOL = b"sgemm_"


class _DlInfo(ctypes.Structure):
    _fields_ = [("dli_fname", ctypes.c_char_p), ("dli_fbase", ctypes.c_void_p),
                ("dli_sname", ctypes.c_char_p), ("dli_saddr", ctypes.c_void_p)]


def torch_sgemm() -> dict[str, Any] | None:
    """Where torch's ``sgemm_`` calls go: ``{"library": path, "own": bool}``.

    ``own`` is True when torch calls the ``sgemm_`` of its own
    ``libtorch_cpu``; otherwise ``library`` is the library it calls instead
    (for example R's ``libblas.so.3``). ``None`` where it cannot be read:
    not Linux, torch not imported, or a library built another way.
    """
    torch = sys.modules.get("torch")
    if not sys.platform.startswith("linux") or torch is None or torch.__file__ is None:
        return None
    path = Path(torch.__file__).parent / "lib" / "libtorch_cpu.so"
    try:
        return _read_slot(path)
    except (OSError, ValueError, struct.error):
        return None


def _read_slot(path: Path) -> dict[str, Any] | None:
    libdl = ctypes.CDLL(None)
    libdl.dlsym.restype = ctypes.c_void_p
    libdl.dlsym.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    libdl.dladdr.argtypes = [ctypes.c_void_p, ctypes.POINTER(_DlInfo)]
    handle = ctypes.CDLL(str(path), mode=os.RTLD_NOLOAD | os.RTLD_LAZY)  # loaded already
    own = libdl.dlsym(handle._handle, SYMBOL)
    info = _DlInfo()
    if not own or not libdl.dladdr(own, ctypes.byref(info)) or info.dli_fbase is None:
        return None
    slots = _got_slots(path)
    if not slots:
        return None
    base = info.dli_fbase - slots["first_vaddr"]
    targets = [ctypes.c_void_p.from_address(base + offset).value for offset in slots["offsets"]]
    elsewhere = [target for target in targets if target and target != own]
    if not elsewhere:
        return {"library": str(path), "own": True}
    where = _DlInfo()
    library = (where.dli_fname.decode() if libdl.dladdr(elsewhere[0], ctypes.byref(where))
               and where.dli_fname else "an unknown library")
    return {"library": library, "own": False}


def _got_slots(path: Path) -> dict[str, Any] | None:
    """The offsets (from the first loaded segment) of the table slots that hold ``sgemm_``."""
    with path.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:  # 64-bit, little-endian
            return None
        (phoff, shoff) = struct.unpack_from("<QQ", data, 0x20)
        (phentsize, phnum, shentsize, shnum) = struct.unpack_from("<HHHH", data, 0x36)
        loads = [struct.unpack_from("<IIQQ", data, phoff + i * phentsize)
                 for i in range(phnum)]
        first_vaddr = min(vaddr for kind, _, _, vaddr in loads if kind == 1)  # PT_LOAD
        sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                    for i in range(shnum)]
        dynsym = next((s for s in sections if s[1] == 11), None)  # SHT_DYNSYM
        if dynsym is None:
            return None
        names = sections[dynsym[6]]  # its string table (sh_link)
        strings = bytes(data[names[4]:names[4] + names[5]])
        # the numpy views are dropped before the map closes (copies of what is kept)
        symbols = np.frombuffer(data, dtype="<u4", count=dynsym[5] // 4,
                                offset=dynsym[4]).reshape(-1, 6)[:, 0].copy()  # st_name
        index = np.flatnonzero(np.isin(symbols, _find_all(strings, SYMBOL + b"\0")))
        offsets: list[int] = []
        for section in sections:
            if section[1] != 4 or section[9] != 24:  # SHT_RELA, entries of 24 bytes
                continue
            rela = np.frombuffer(data, dtype="<u8", count=section[5] // 8,
                                 offset=section[4]).reshape(-1, 3)
            chosen = np.isin(rela[:, 1] >> np.uint64(32), index.astype(np.uint64))
            offsets += [int(offset) for offset in rela[chosen, 0]]
            del rela, chosen
        return {"first_vaddr": first_vaddr, "offsets": offsets}


def _find_all(text: bytes, needle: bytes) -> list[int]:
    found, start = [], text.find(needle)
    while start >= 0:
        found.append(start)
        start = text.find(needle, start + 1)
    return found


def trap_message(found: dict[str, Any] | None) -> dict[str, str] | None:
    """What to tell an R user whose torch calls another library's ``sgemm_``:
    ``{"problem": ..., "fix": ...}``, or None where torch uses its own."""
    if found is None or found["own"]:
        return None
    return {
        "problem": (f"torch was imported before xorbridge could protect it, so its matrix "
                    f"products run on R's BLAS ({found['library']}), not torch's own: often "
                    f"tens of times slower than in Python."),
        "fix": ("Restart R and attach xorbridge before any Python code runs: "
                "library(xorbridge) in the setup chunk, before the first {python} chunk, "
                "or at the top of the script."),
    }


def describe(found: dict[str, Any] | None) -> str:
    """A line for the device report: which BLAS serves torch's float32 products."""
    if found is None:
        return "matrix products: which BLAS serves them is not known here"
    if found["own"]:
        return f"matrix products: torch's own BLAS ({Path(found['library']).name})"
    return (f"matrix products: R's BLAS ({found['library']}), not torch's own: "
            f"torch was imported before xorbridge")
