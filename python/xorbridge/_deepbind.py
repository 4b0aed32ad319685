"""Make torch keep its own BLAS when it is imported inside R, whoever imports it.

On Linux, R has loaded its BLAS (often the slow reference one) into the
process before Python starts. ``libtorch_cpu`` defines ``sgemm_`` itself, but
a library loaded the usual way looks such symbols up in the process's global
scope first, so torch's float32 products would run on R's BLAS: a
2000 x 2000 product took 3.97 s instead of 0.12 s. Loading torch with
``RTLD_DEEPBIND`` makes it look in its own libraries first.

The R package runs ``protect()`` as soon as Python starts (a
``reticulate.onPyInit`` hook), before any ``{python}`` chunk or
``reticulate::import("torch")`` can import torch. It loads this file on its
own, as the top-level module ``_deepbind``, without importing ``xorbridge``
(which would import torch). Only the standard library is used here;
``blas.torch_sgemm()`` tells afterwards whether it worked.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
from typing import Any

#: What ``protect()`` did: ``"deepbind"`` (torch will be, or was, imported
#: with its own libraries first), ``"late"`` (torch had been imported already,
#: the usual way), ``"unneeded"`` (no ``RTLD_DEEPBIND`` on this system), or
#: ``None`` (``protect()`` never ran: plain Python, where nothing needs it).
STATE: dict[str, Any] = {"torch": None}


def _with_deepbind(run: Any) -> Any:
    flags = sys.getdlopenflags()
    sys.setdlopenflags(flags | os.RTLD_DEEPBIND)
    try:
        return run()
    finally:
        sys.setdlopenflags(flags)


class _DeepbindLoader(importlib.abc.Loader):
    """Runs torch's own loader with ``RTLD_DEEPBIND`` added to the dlopen flags."""

    def __init__(self, loader: Any) -> None:
        self._loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> Any:
        return self._loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        _with_deepbind(lambda: self._loader.exec_module(module))


class _TorchFinder(importlib.abc.MetaPathFinder):
    """Finds ``torch`` as the other finders do, and gives it the deep-binding loader."""

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname != "torch":
            return None
        sys.meta_path.remove(self)  # once: torch's own submodules load as usual
        for finder in sys.meta_path:
            spec = getattr(finder, "find_spec", lambda *_args: None)(fullname, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _DeepbindLoader(spec.loader)
                return spec
        return None


def protect() -> str:
    """Arrange for torch to be imported with its own libraries first; say how it stands."""
    if not hasattr(os, "RTLD_DEEPBIND"):
        STATE["torch"] = "unneeded"
    elif "torch" in sys.modules:
        if STATE["torch"] is None:
            STATE["torch"] = "late"
    else:
        if not any(isinstance(finder, _TorchFinder) for finder in sys.meta_path):
            sys.meta_path.insert(0, _TorchFinder())
        STATE["torch"] = "deepbind"
    return str(STATE["torch"])
