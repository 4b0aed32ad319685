"""The notebooks run from top to bottom in a fresh Jupyter kernel: no errors, every figure.

``notebooks/xor-tutorial.ipynb`` is the tutorial with the exercises' solutions;
``notebooks/xor-tutorial-exercises.ipynb`` is made from it by
``tools/exercise-notebook.py``. Both are stored without outputs. Here nbclient
runs them in an ipykernel kernel started from this test's own interpreter,
with ``MPLBACKEND=Agg`` as in CI: the figures must appear all the same.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import shutil
import struct
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

import nbformat
import pytest
from ipykernel.kernelspec import get_kernel_dict
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from traitlets import default

ROOT = Path(__file__).resolve().parents[2]
FILLED = ROOT / "notebooks" / "xor-tutorial.ipynb"
EXERCISES = ROOT / "notebooks" / "xor-tutorial-exercises.ipynb"
NOTEBOOKS = {"filled": FILLED, "exercises": EXERCISES}
TOOL = ROOT / "tools" / "exercise-notebook.py"

KERNEL = "xorbridge-tests"
PROBE = "kernel-probe"  # a cell the tests add at the end: which Python ran
# The cells that draw: samples, history, boundary, 1/2/4 boundaries, the sweep.
FIGURE_CELLS = ["samples", "history", "boundary", "hidden", "sweep"]
# The cells with a progress bar: the learner's loop and xb.train_model(progress=True).
PROGRESS_CELLS = ["train", "train-xb"]
WIDGET = "application/vnd.jupyter.widget-view+json"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MIN_EXERCISES = 4


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("exercise_notebook", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=nbformat.NO_CONVERT)


def code_cells(notebook: nbformat.NotebookNode) -> dict[str, Any]:
    return {cell.id: cell for cell in notebook.cells if cell.cell_type == "code"}


def tags(cell: Any) -> list[str]:
    return list(cell.metadata.get("tags", []))


@pytest.fixture(scope="module")
def kernel_class(tmp_path_factory: pytest.TempPathFactory) -> type[AsyncKernelManager]:
    """A kernel manager that knows one kernel: ipykernel on this interpreter.

    The kernelspec lives in a folder of its own, so a "python3" kernelspec of
    the user's or the system's (another Python) cannot be picked instead.
    """
    kernels = tmp_path_factory.mktemp("kernels")
    (kernels / KERNEL).mkdir()
    spec = get_kernel_dict()  # argv starts with sys.executable
    (kernels / KERNEL / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")

    class ThisPython(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _kernel_spec_manager_default(self) -> KernelSpecManager:
            return KernelSpecManager(kernel_dirs=[str(kernels)], ensure_native_kernel=False)

    return ThisPython


def execute(notebook: nbformat.NotebookNode, cwd: Path,
            kernel_class: type[AsyncKernelManager]) -> nbformat.NotebookNode:
    """Run every cell of ``notebook`` (in place) in a fresh kernel started in ``cwd``.

    The kernel gets an empty IPython profile (no startup files of the user's) and
    keeps its connection file in a temporary folder.
    """
    with pytest.MonkeyPatch.context() as env, tempfile.TemporaryDirectory() as home:
        env.setenv("MPLBACKEND", "Agg")  # what CI sets: the notebooks must not rely on it
        env.setenv("IPYTHONDIR", str(Path(home, "ipython")))
        env.setenv("JUPYTER_RUNTIME_DIR", str(Path(home, "runtime")))
        client = NotebookClient(notebook, timeout=600, kernel_name=KERNEL,
                                kernel_manager_class=kernel_class, allow_errors=True,
                                resources={"metadata": {"path": str(cwd)}})
        client.execute()
    return notebook


@pytest.fixture(scope="module")
def executed(kernel_class: type[AsyncKernelManager],
             tmp_path_factory: pytest.TempPathFactory) -> Any:
    """``executed(name)``: that notebook, run once for this module, with a probe cell at
    the end that prints the kernel's ``sys.prefix``."""
    runs: dict[str, nbformat.NotebookNode] = {}

    def run(name: str) -> nbformat.NotebookNode:
        if name not in runs:
            notebook = read(NOTEBOOKS[name])
            probe = nbformat.v4.new_code_cell("import sys\nprint(sys.prefix)", id=PROBE)
            notebook.cells.append(probe)
            runs[name] = execute(notebook, tmp_path_factory.mktemp(name), kernel_class)
        return runs[name]

    return run


# The stored notebooks ------------------------------------------------------------------

@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebooks_are_stored_without_outputs(name):
    notebook = read(NOTEBOOKS[name])
    nbformat.validate(notebook)
    for cell_id, cell in code_cells(notebook).items():
        assert cell.outputs == [], f"{name}: cell {cell_id} was stored with its outputs"
        assert cell.execution_count is None, f"{name}: cell {cell_id} has an execution count"
        assert "execution" not in cell.metadata, f"{name}: cell {cell_id} has run timings"


def test_exercise_notebook_is_the_one_the_tool_makes():
    made = load_tool().render(FILLED)
    assert EXERCISES.read_text(encoding="utf-8") == made, (
        "notebooks/xor-tutorial-exercises.ipynb differs from what "
        "`python tools/exercise-notebook.py` makes from notebooks/xor-tutorial.ipynb")


def test_the_tool_writes_and_checks(tmp_path, capsys):
    tool = load_tool()
    out = tmp_path / "exercises.ipynb"
    assert tool.main([str(FILLED), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == EXERCISES.read_text(encoding="utf-8")
    assert tool.main([str(FILLED), "--out", str(out), "--check"]) == 0
    out.write_text(out.read_text(encoding="utf-8").replace("Exercise 1", "Exercise one"),
                   encoding="utf-8")
    assert tool.main([str(FILLED), "--out", str(out), "--check"]) == 1
    assert "out of date" in capsys.readouterr().err


def test_a_solution_tag_on_a_markdown_cell_is_refused():
    notebook = read(FILLED)
    notebook.cells[0].metadata["tags"] = ["solution"]
    with pytest.raises(ValueError, match="not a code cell"):
        load_tool().exercise_version(notebook)


def test_each_exercise_states_its_result_and_its_solution_checks_it():
    cells = read(FILLED).cells
    solutions = [index for index, cell in enumerate(cells) if "solution" in tags(cell)]
    assert len(solutions) >= MIN_EXERCISES
    for number, index in enumerate(solutions, start=1):
        question, solution = cells[index - 1], cells[index]
        assert question.cell_type == "markdown"
        assert question.source.startswith(f"### Exercise {number}:"), question.source[:40]
        assert "**Expected:**" in question.source
        assert solution.cell_type == "code"
        assert "assert" in solution.source, f"the solution of exercise {number} checks nothing"


def test_the_exercise_version_empties_the_solutions_and_keeps_the_rest():
    tool = load_tool()
    filled, exercises = read(FILLED).cells, read(EXERCISES).cells
    assert [cell.id for cell in exercises] == [cell.id for cell in filled]
    emptied = 0
    for mine, theirs in zip(filled, exercises, strict=True):
        if "solution" in tags(mine):
            assert theirs.source == tool.PLACEHOLDER
            assert tags(theirs) == ["exercise"]
            emptied += 1
        else:
            assert theirs.source == mine.source
            assert tags(theirs) == tags(mine)
    assert emptied >= MIN_EXERCISES


# The notebooks, run -------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_without_errors(executed, name):
    notebook = executed(name)
    for cell_id, cell in code_cells(notebook).items():
        for output in cell.outputs:
            if output.output_type == "error":
                trace = "\n".join(output.traceback)
                pytest.fail(f"{name}: cell {cell_id} raised {output.ename}: {output.evalue}\n"
                            f"{trace}")
            if output.output_type == "stream" and output.name == "stderr":
                assert "Traceback" not in output.text, f"{name}: cell {cell_id}: {output.text}"
                assert "Warning" not in output.text, f"{name}: cell {cell_id}: {output.text}"


@pytest.mark.slow
def test_the_kernel_runs_this_python(executed):
    probe = code_cells(executed("filled"))[PROBE]
    printed = "".join(output.text for output in probe.outputs if output.output_type == "stream")
    assert printed.strip() == sys.prefix


def png_size(output: Any) -> tuple[int, int]:
    """Width and height of an ``image/png`` output, from its header."""
    image = base64.b64decode(output.data["image/png"])
    assert image.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", image[16:24])  # the IHDR chunk comes first
    return width, height


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_figure_is_drawn_inline_once(executed, name):
    drawn = {}
    for cell_id, cell in code_cells(executed(name)).items():
        images = [output for output in cell.outputs if "image/png" in output.get("data", {})]
        if images:
            drawn[cell_id] = [png_size(image) for image in images]
    assert list(drawn) == FIGURE_CELLS
    for cell_id, sizes in drawn.items():
        assert len(sizes) == 1, f"{name}: cell {cell_id} shows its figure {len(sizes)} times"
        assert min(sizes[0]) >= 300, f"{name}: cell {cell_id} is {sizes[0]} pixels"
    # the 1/2/4 boundaries side by side: three 4 x 4 inch panels (trimmed by the inline backend)
    width, height = drawn["hidden"][0]
    assert width > 2.5 * height


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_progress_bars_are_notebook_widgets(executed, name):
    """tqdm.auto picks the notebook's widget: the learner's bar and xb.train_model's."""
    with_widgets = [cell_id for cell_id, cell in code_cells(executed(name)).items()
                    if any(WIDGET in output.get("data", {}) for output in cell.outputs)]
    assert with_widgets == PROGRESS_CELLS


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_install_cell_does_nothing_where_xorbridge_is_installed(executed, name):
    first = next(iter(code_cells(executed(name)).values()))
    assert "%pip install" in first.source
    assert first.outputs == []


@pytest.mark.slow
def test_the_install_cell_installs_where_xorbridge_is_missing(kernel_class, tmp_path):
    """With xorbridge hidden from the kernel and ``%pip`` replaced by a recorder: inside a
    copy of the repository the cell installs that copy; elsewhere it installs nothing
    (no package of that name is to be trusted) and says how to install one."""
    install = code_cells(read(FILLED))["install"].source
    checkout = tmp_path / "checkout"
    (checkout / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / "pyproject.toml", checkout / "pyproject.toml")
    elsewhere = tmp_path / "elsewhere" / "notebooks"
    elsewhere.mkdir(parents=True)
    new = nbformat.v4.new_code_cell
    notebook = nbformat.v4.new_notebook(cells=[
        new("import json, os, sys\n"
            "installs = []\n"
            "get_ipython().register_magic_function(installs.append, 'line', 'pip')\n"
            "sys.modules['xorbridge'] = None  # import xorbridge now fails"),
        new("try:\n" + "\n".join("    " + line for line in install.splitlines()) +
            "\nexcept ModuleNotFoundError as error:\n    print(error)"),
        new(f"os.chdir({str(checkout / 'notebooks')!r})"),
        new(install),
        new("print(json.dumps(installs))"),
    ])
    execute(notebook, elsewhere, kernel_class)
    errors = [output for cell in notebook.cells for output in cell.outputs
              if output.output_type == "error"]
    assert errors == []
    refused = "".join(output.text for output in notebook.cells[1].outputs)
    assert "not in a copy of its repository" in refused
    assert "%pip install PATH" in refused
    printed = "".join(output.text for output in notebook.cells[-1].outputs)
    assert json.loads(printed) == [f"install {checkout.resolve()}"]
