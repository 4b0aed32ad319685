"""R embedded in this Python process with rpy2, safe to drive the R package with.

rpy2 embeds R, and the R package's reticulate attaches to this very Python:
the torch and xorbridge that R calls are the ones the tests import. One trap
makes plain ``rpy2.robjects.r(code)`` unusable for that: rpy2 calls R through
cffi, which releases Python's GIL for the call, and reticulate 1.28 frees the
Python objects behind R objects that R's garbage collector reclaims without
taking the GIL back. Python then aborts ("PyThreadState_Get: the function
must be called with the GIL held"), at the first garbage collection that
finds one. So R code runs here through ``R_tryEvalSilent`` called with
ctypes' ``PyDLL``, which keeps the GIL, and each run ends with ``gc()``: no
R object that refers to Python is left for a collection that rpy2 triggers
later. rpy2 is used for what needs no GIL: starting R, passing inputs and
reading results.

Results come back as plain data only (vectors, lists, data frames), converted
to Python: a vector of length one without names becomes a scalar, a longer
vector a numpy array, a named list a dict, a data frame a pandas DataFrame.
"""

from __future__ import annotations

import ctypes
import signal
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import rpy2.rinterface as ri
import rpy2.robjects as ro
from rpy2.rinterface_lib import openrlib

# `.parity$run()` evaluates `.parity$code` in a new environment holding
# `.parity$inputs`, stores the value, or the error's classes and message, in
# `.parity$outcome`, then collects the garbage: everything the code made is
# unreachable by then, since `evaluate()` has returned. A value that is not
# plain data is refused: it could hold Python objects that rpy2 would release.
_RUNNER = r"""
.parity <- new.env()
.parity$plain <- function(x) {
  is.null(x) || (is.atomic(x) && !is.object(x)) || is.factor(x) ||
    (is.list(x) && all(vapply(x, .parity$plain, logical(1))))
}
.parity$evaluate <- function(code, inputs) {
  env <- list2env(as.list(inputs), parent = globalenv())
  tryCatch({
    value <- eval(parse(text = code), env)
    if (!.parity$plain(value)) {
      stop("a parity test must return plain data (vectors, lists, data frames), not <",
           paste(class(value), collapse = "/"), ">", call. = FALSE)
    }
    list(value = value)
  }, error = function(e) list(error = list(classes = class(e), message = conditionMessage(e))))
}
.parity$run <- function() {
  .parity$outcome <- .parity$evaluate(.parity$code, .parity$inputs)
  .parity$inputs <- NULL
  invisible(gc())
}
"""


class RError(Exception):
    """An R error, with the classes of its condition."""

    def __init__(self, classes: Sequence[str], message: str) -> None:
        super().__init__(message)
        self.classes = list(classes)
        self.message = message


class EmbeddedR:
    """R in this process, with the R package ``xorbridge`` attached."""

    def __init__(self) -> None:
        ro.r(_RUNNER)  # plain R, nothing Python yet
        self._state = ri.globalenv.find(".parity")
        self._call = ro.r("quote(.parity$run())")  # kept alive by rpy2
        library = Path(ro.r('R.home("lib")')[0]) / f"libR{ro.r('.Platform$dynlib.ext')[0]}"
        self._try_eval = ctypes.PyDLL(str(library)).R_tryEvalSilent
        self._try_eval.argtypes = [ctypes.c_void_p, ctypes.c_void_p,
                                   ctypes.POINTER(ctypes.c_int)]
        self._try_eval.restype = ctypes.c_void_p
        # reticulate, attaching to this Python, installs a SIGINT handler of its
        # own that keeps Python from seeing Ctrl-C: put Python's back
        handler = signal.getsignal(signal.SIGINT)
        self.run("suppressPackageStartupMessages(library(xorbridge)); "
                 "reticulate::py_available(initialize = TRUE)")
        signal.signal(signal.SIGINT, handler)

    def run(self, code: str, **inputs: Any) -> Any:
        """Evaluate R ``code`` with ``inputs`` as variables; return its value converted.

        Raises ``RError`` when the code signals an error.
        """
        self._state["code"] = ri.StrSexpVector([code])
        self._state["inputs"] = ro.ListVector({name: to_r(value)
                                               for name, value in inputs.items()})
        failed = ctypes.c_int(0)
        self._try_eval(self._call.rid, ri.globalenv.rid, ctypes.byref(failed))
        if failed.value:
            raise RuntimeError(f"R stopped outside the parity runner while running:\n{code}")
        outcome = ro.conversion.get_conversion().rpy2py(self._state.find("outcome"))
        if "error" in outcome.names:
            error = to_python(outcome.rx2("error"))
            raise RError(np.atleast_1d(error["classes"]).tolist(), error["message"])
        return to_python(outcome.rx2("value"))

    def close(self) -> None:
        """End R now, while no garbage refers to Python (rpy2 would at exit), and
        stop R's event polling from calling into Python while Python shuts down."""
        ri.endr(0)
        openrlib.rlib.ptr_R_ProcessEvents = openrlib.ffi.NULL


def to_r(value: Any) -> Any:
    """A Python scalar, or a sequence of them, as an R vector (None as NULL)."""
    if value is None:
        return ri.NULL
    values = list(value) if isinstance(value, (Sequence, np.ndarray)) and \
        not isinstance(value, str) else [value]
    if all(isinstance(v, str) for v in values):
        return ro.StrVector(values)
    if all(isinstance(v, (bool, np.bool_)) for v in values):
        return ro.BoolVector(values)
    if all(isinstance(v, (int, np.integer)) for v in values):
        return ro.IntVector([int(v) for v in values])
    return ro.FloatVector([float(v) for v in values])


def to_python(value: Any) -> Any:
    """Plain R data as Python values (see the module's docstring)."""
    value = ro.conversion.get_conversion().rpy2py(value)
    if value is ri.NULL or value is None:
        return None
    if isinstance(value, ro.vectors.DataFrame):
        return pd.DataFrame({name: _column(column)
                             for name, column in zip(value.names, value, strict=True)})
    if isinstance(value, ro.vectors.ListVector):
        items = [to_python(item) for item in value]
        names = value.names
        if names is ri.NULL or names is None:
            return items
        return dict(zip(names, items, strict=True))
    array = _column(value)
    named = getattr(value, "names", ri.NULL) not in (ri.NULL, None)
    if len(array) == 1 and not named:
        return array[0].item() if isinstance(array[0], np.generic) else array[0]
    if named:
        return dict(zip(value.names, array.tolist(), strict=True))
    return array


def _column(vector: Any) -> np.ndarray:
    """An R vector as a numpy array; NA is NaN in numbers, None in logicals and strings."""
    if isinstance(vector, ro.vectors.FactorVector):
        levels = np.array(list(vector.do_slot("levels")), dtype=object)
        return levels[np.asarray(vector) - 1]
    if isinstance(vector, (ro.vectors.BoolVector, ro.vectors.StrVector)):
        values = [None if value is ri.NA_Logical or value is ri.NA_Character else value
                  for value in vector]
        has_na = None in values
        kind = bool if isinstance(vector, ro.vectors.BoolVector) and not has_na else object
        return np.array(values, dtype=kind)
    return np.asarray(vector)
