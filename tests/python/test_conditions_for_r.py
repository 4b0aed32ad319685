"""The R classes and messages of Python exceptions and warnings (what R's call_python() uses)."""

from __future__ import annotations

import ast
import warnings
from pathlib import Path

import pytest

from xorbridge import _conditions_for_r as conditions
from xorbridge.checkpoint import CheckpointError
from xorbridge.libraries import LibraryConflictWarning


@pytest.mark.parametrize(("python_name", "r_class"), [
    ("CheckpointError", "xorbridge_checkpoint_error"),
    ("OSError", "xorbridge_os_error"),
    ("IsADirectoryError", "xorbridge_is_a_directory_error"),
    ("LibraryConflictWarning", "xorbridge_library_conflict_warning"),
    ("xorbridge.checkpoint.CheckpointError", "xorbridge_checkpoint_error"),
])
def test_class_name(python_name, r_class):
    assert conditions.class_name(python_name) == r_class


def test_class_names_follow_the_bases_without_the_roots():
    assert conditions.class_names(CheckpointError) == [
        "xorbridge_checkpoint_error", "xorbridge_value_error"]
    assert conditions.class_names(IsADirectoryError) == [
        "xorbridge_is_a_directory_error", "xorbridge_os_error"]
    assert conditions.class_names(LibraryConflictWarning)[0] == (
        "xorbridge_library_conflict_warning")
    assert conditions.class_names(Exception) == conditions.class_names(UserWarning)[1:] == []
    assert conditions.class_names("ValueError") == ["xorbridge_value_error"]  # a name alone


def test_exception_info_from_the_exception_or_its_name():
    info = conditions.exception_info(FileNotFoundError("No checkpoint at 'x.pt'."))
    assert info == {"type": "FileNotFoundError", "message": "No checkpoint at 'x.pt'.",
                    "classes": ["xorbridge_file_not_found_error", "xorbridge_os_error"]}
    assert conditions.exception_info("ValueError", "bad") == {
        "type": "ValueError", "message": "bad", "classes": ["xorbridge_value_error"]}


def test_warning_infos_keep_the_order_and_the_messages():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.warn("the numbers may be off", RuntimeWarning, stacklevel=1)
        warnings.warn("two torches", LibraryConflictWarning, stacklevel=1)
    infos = conditions.warning_infos(caught)
    assert [info["message"] for info in infos] == ["the numbers may be off", "two torches"]
    assert infos[0]["classes"] == ["xorbridge_runtime_warning"]
    assert infos[1]["classes"][0] == "xorbridge_library_conflict_warning"


def test_the_module_stands_alone():
    """R loads it without the package, so it imports nothing of the package."""
    tree = ast.parse(Path(conditions.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module or "." for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.level == 0}
    assert not any(node.level for node in ast.walk(tree) if isinstance(node, ast.ImportFrom))
    assert imported <= {"__future__", "re", "typing"}
