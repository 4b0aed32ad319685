"""Python exceptions and warnings as the R package's conditions: message and classes.

R's ``call_python()`` gives every Python exception and warning that reaches
R the Python message, word for word, and one R class per Python class, most
specific first: a ``CheckpointError`` (a ``ValueError``) is
``xorbridge_checkpoint_error`` and ``xorbridge_value_error``. R loads this
module on its own, without importing the package (R/zzz.R's
``standalone_module()``), so that it also names the exception when the
package itself fails to import; it imports nothing but the standard library.
"""

from __future__ import annotations

import re
from typing import Any

# The generic roots of every exception and warning class, which give no R class.
ROOTS = frozenset({"BaseException", "Exception", "Warning", "object"})


def class_name(python_name: str) -> str:
    """The R class of a Python exception or warning class, by its (qualified) name.

    ``"CheckpointError"`` gives ``"xorbridge_checkpoint_error"``, ``"OSError"``
    ``"xorbridge_os_error"`` and ``"IsADirectoryError"``
    ``"xorbridge_is_a_directory_error"``.
    """
    words = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", python_name.rpartition(".")[2])
    return "xorbridge_" + re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", words).lower()


def class_names(kind: type | str) -> list[str]:
    """The R classes of a Python exception or warning class and its bases, most
    specific first, without the generic roots (``ROOTS``).

    ``kind`` is the class, or only its name (then without its bases).
    """
    names = [kind] if isinstance(kind, str) else [base.__name__ for base in kind.__mro__]
    return [class_name(name) for name in names if name not in ROOTS]


def exception_info(exception: BaseException | str, message: str = "") -> dict[str, Any]:
    """An exception's ``type`` (its class's name), ``message`` and R ``classes``.

    ``exception`` is the exception, or only its class's name with its
    ``message`` (what R knows of an exception that reticulate did not keep).
    """
    if isinstance(exception, str):
        return {"type": exception, "message": message, "classes": class_names(exception)}
    kind = type(exception)
    return {"type": kind.__name__, "message": str(exception), "classes": class_names(kind)}


def warning_infos(records: list[Any]) -> list[dict[str, Any]]:
    """The ``message`` and R ``classes`` of each warning that ``catch_warnings(record=True)``
    recorded, in order."""
    return [{"message": str(record.message), "classes": class_names(record.category)}
            for record in records]
