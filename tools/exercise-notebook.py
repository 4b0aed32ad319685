#!/usr/bin/env python3
"""The exercise version of a notebook: each cell tagged ``solution`` left empty.

    python tools/exercise-notebook.py            # writes notebooks/xor-tutorial-exercises.ipynb
    python tools/exercise-notebook.py --check    # exit 1 if that file is not what it writes

The exercise notebook is made from the filled one and never edited by hand:
edit notebooks/xor-tutorial.ipynb, then run this. A solution cell's source
becomes a comment (so the cell runs, doing nothing) and its tag ``solution``
becomes ``exercise``; every cell's outputs and execution count are cleared.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
FILLED = ROOT / "notebooks" / "xor-tutorial.ipynb"
SOLUTION_TAG = "solution"
EXERCISE_TAG = "exercise"
PLACEHOLDER = "# Your solution here"


def exercise_path(filled: Path) -> Path:
    """``name.ipynb`` -> ``name-exercises.ipynb``, beside it."""
    return filled.with_name(f"{filled.stem}-exercises{filled.suffix}")


def exercise_version(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``notebook`` with each solution's source replaced and all outputs cleared."""
    exercises = copy.deepcopy(notebook)
    for cell in exercises.cells:
        tags = cell.metadata.get("tags", [])
        if SOLUTION_TAG in tags:
            if cell.cell_type != "code":
                raise ValueError(f"cell {cell.get('id')} is tagged {SOLUTION_TAG!r} but is "
                                 f"a {cell.cell_type} cell, not a code cell")
            cell.source = PLACEHOLDER
            cell.metadata["tags"] = [EXERCISE_TAG if tag == SOLUTION_TAG else tag
                                     for tag in tags]
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nbformat.validate(exercises)
    return exercises


def render(filled: Path) -> str:
    """The exercise notebook made from ``filled``, as the text written to disk."""
    notebook = nbformat.read(filled, as_version=nbformat.NO_CONVERT)
    text = nbformat.writes(exercise_version(notebook))
    return text if text.endswith("\n") else text + "\n"  # as nbformat.write() ends a file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("filled", nargs="?", type=Path, default=FILLED,
                        help=f"the notebook with solutions (default: {FILLED.relative_to(ROOT)})")
    parser.add_argument("--out", type=Path, default=None,
                        help="where to write it (default: NAME-exercises.ipynb beside it)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the exercise notebook is out of date")
    args = parser.parse_args(argv)
    out = args.out or exercise_path(args.filled)
    text = render(args.filled)
    if args.check:
        if not out.is_file() or out.read_text(encoding="utf-8") != text:
            print(f"{out} is out of date: run python tools/exercise-notebook.py",
                  file=sys.stderr)
            return 1
        print(f"{out} is up to date")
        return 0
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
