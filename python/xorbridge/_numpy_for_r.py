"""numpy arrays as R reads them, for reticulate releases that cannot read numpy 2.

The R package loads this file on its own, as soon as Python starts and
without importing ``xorbridge`` (which would import torch), and calls
``r_values()`` from its ``py_to_r()`` method for numpy arrays (R/arrays.R).
Only numpy and the standard library are used here.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

INT32_MAX = 2**31 - 1


def r_values(array: Any) -> dict[str, Any] | None:
    """An array (or a torch tensor: detached, on the CPU) of numbers or booleans as
    ``{"type", "shape", "values"}``, or None.

    ``values`` lists the elements in R's column-major order, as Python
    floats (float32 values exactly), ints (where every one fits R's
    integers, else floats) or bools; ``type`` is R's ``"double"``,
    ``"integer"`` or ``"logical"``. Arrays of other kinds (strings, dates,
    objects) give None: R leaves them to reticulate.
    """
    if hasattr(array, "detach") and hasattr(array, "cpu"):  # a torch tensor
        array = array.detach().cpu().numpy()
    array = np.asarray(array)
    kind = array.dtype.kind
    flat = array.ravel(order="F")
    if kind == "b":
        return {"type": "logical", "shape": list(array.shape), "values": flat.tolist()}
    if kind in "iu":
        if flat.size == 0 or int(np.abs(flat).max()) <= INT32_MAX:
            return {"type": "integer", "shape": list(array.shape), "values": flat.tolist()}
        kind = "f"
        flat = flat.astype(np.float64)
    if kind == "f":
        values = flat.astype(np.float64).tolist()
        return {"type": "double", "shape": list(array.shape), "values": values}
    return None


def frame_columns(frame: Any) -> dict[str, Any] | None:
    """A pandas DataFrame as R's data frame: ``names``, ``columns`` and ``row_names``, or
    None where a column is of another kind (dates, mixed objects: R leaves those to
    reticulate).

    Each column is ``{"type", "values"}``: numbers and booleans as ``r_values``
    gives them (a float NaN stays NaN), strings (and categories of strings)
    as ``"character"`` with None (or NaN) for a missing value. ``row_names``
    is None for the default index 0, 1, ..., else the index as strings.
    """
    names, columns = [], []
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        if column.dtype.kind in "biuf":
            values = r_values(column.to_numpy())
            if values is None:
                return None
            columns.append({"type": values["type"], "values": values["values"]})
        else:
            items = column.astype(object).tolist()
            missing = [item is None or (isinstance(item, float) and math.isnan(item))
                       for item in items]
            if not all(isinstance(item, str) or gone
                       for item, gone in zip(items, missing, strict=True)):
                return None
            columns.append({"type": "character", "values": [
                None if gone else item for item, gone in zip(items, missing, strict=True)]})
        names.append(str(frame.columns[position]))
    index = frame.index
    default = list(index) == list(range(len(index)))
    return {"names": names, "columns": columns,
            "row_names": None if default else [str(label) for label in index]}
