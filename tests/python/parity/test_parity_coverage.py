"""Every function that both sides offer has a parity test; a one-sided name says why.

Adding a function to the R package's exports or to the Python package's
``__all__`` makes this test fail until the name is entered here: in
``MIRRORED`` with the parity test that compares the two sides, or in
``R_ONLY`` / ``PYTHON_ONLY`` with the reason it has no twin.
"""

from __future__ import annotations

import importlib
import inspect
from typing import NamedTuple

import pytest

import xorbridge as xb

pytestmark = pytest.mark.rpy2


class Mirror(NamedTuple):
    r: str  # an export, or an S3 method such as "autoplot.xorbridge_dataset"
    python: str  # a name in xorbridge.__all__
    test: str  # "module::function" in this directory

    @property
    def r_call(self) -> str:
        """What R code calls: the generic for an S3 method."""
        return self.r.split(".xorbridge_")[0]


MIRRORED = [
    Mirror("xor_dataset", "XORDataset",
           "test_parity_data::test_xor_dataset_equals_XORDataset_in_one_process"),
    Mirror("set_seed", "set_seed", "test_parity_training::"
           "test_set_seed_simple_classifier_train_model_give_identical_weights"),
    Mirror("simple_classifier", "SimpleClassifier", "test_parity_training::"
           "test_set_seed_simple_classifier_train_model_give_identical_weights"),
    Mirror("train_model", "train_model",
           "test_parity_training::test_train_model_history_is_identical"),
    Mirror("eval_model", "eval_model",
           "test_parity_training::test_eval_model_and_predict_agree_with_predict_proba"),
    Mirror("predict.xorbridge_model", "predict_proba",
           "test_parity_training::test_eval_model_and_predict_agree_with_predict_proba"),
    Mirror("decision_grid", "decision_grid",
           "test_parity_grid::test_decision_grid_equals_python_after_reshaping"),
    Mirror("save_model", "save_model",
           "test_parity_checkpoint::test_save_model_from_r_and_load_model_in_python"),
    Mirror("load_model", "load_model",
           "test_parity_checkpoint::test_save_model_from_python_and_load_model_in_r"),
    Mirror("benchmark_matmul", "benchmark_matmul",
           "test_parity_bench_errors::test_benchmark_matmul_gives_the_same_fields_and_units"),
    Mirror("pick_device", "pick_device",
           "test_parity_device::test_pick_device_and_device_info_agree"),
    Mirror("device_info", "device_info",
           "test_parity_device::test_pick_device_and_device_info_agree"),
    Mirror("autoplot.xorbridge_dataset", "plot_samples",
           "test_parity_figure_data::test_autoplot_dataset_holds_plot_samples_data"),
    Mirror("autoplot.xorbridge_model", "plot_boundary",
           "test_parity_figure_data::test_autoplot_model_holds_plot_boundary_data"),
    Mirror("autoplot.xorbridge_history", "plot_history",
           "test_parity_history_figure::test_autoplot_history_holds_plot_history_data"),
    Mirror("sweep_hidden", "sweep_hidden",
           "test_parity_sweep::test_sweep_hidden_and_sweep_model_agree_with_sweep"),
    Mirror("sweep_model", "Sweep",
           "test_parity_sweep::test_sweep_hidden_and_sweep_model_agree_with_sweep"),
    Mirror("autoplot.xorbridge_sweep", "plot_sweep",
           "test_parity_sweep::test_autoplot_sweep_holds_plot_sweep_data"),
    Mirror("autoplot.xorbridge_model", "plot_neurons",
           "test_parity_playground::test_r_draws_neurons_and_snapshots_and_reads_a_tick"),
    Mirror("training_snapshots", "training_snapshots",
           "test_parity_playground::test_r_draws_neurons_and_snapshots_and_reads_a_tick"),
    Mirror("autoplot.xorbridge_snapshots", "plot_snapshots",
           "test_parity_playground::test_r_draws_neurons_and_snapshots_and_reads_a_tick"),
]

_LOOK = ("the matplotlib look in ggplot2; Python's figures get it from rcParams "
         "(xorbridge.plot.style_rc), and the figure tests compare the results")
_GEOMETRY = ("draws or saves a ggplot with matplotlib's figure geometry; "
             "test_parity_figure_pixels renders through it")
R_ONLY = {
    "autoplot": "ggplot2's generic, re-exported; its xorbridge methods are in MIRRORED",
    "theme_matplotlib": _LOOK,
    "matplotlib_pal": _LOOK,
    "scale_colour_matplotlib": _LOOK,
    "scale_color_matplotlib": _LOOK,
    "scale_fill_matplotlib": _LOOK,
    "figure_matplotlib": _GEOMETRY,
    "ggsave_matplotlib": _GEOMETRY,
    "install_xorbridge": "sets up the Python core for R",
    "xorbridge_available": "tells R whether the Python core can be reached",
    "playground": "a shiny app over the Python core: one _bridge.playground_frame() a frame, "
                  "which trains and draws the panels (tests/testthat/test-playground.R, "
                  "tests/python/test_playground_app.py)",
}
PYTHON_ONLY = {
    "__version__": "R checks at load that it equals the R package's version "
                   "(test_parity_device compares them)",
    "available_devices": "R shows the devices in device_info() and in pick_device()'s errors",
    "CheckpointError": "an exception class: R signals the condition class "
                       "xorbridge_checkpoint_error (test_parity_bench_errors)",
    "DecisionGrid": "decision_grid()'s result; R's is a data frame",
    "History": "train_model()'s result; R's is an xorbridge_history data frame",
    "StopTraining": "raised by a Python callback to stop training; an R callback returns FALSE",
    "plot_boundaries": "a row of boundary panels for several models; "
                       "R draws autoplot(model) for each",
    "LibraryConflictWarning": "a warning class: R signals the condition class "
                              "xorbridge_library_conflict_warning (tests/testthat/test-errors.R)",
    "Trainer": "step-wise training; R's playground() drives one through a "
               "xorbridge.playground.Playground",
    "animate_training": "writes a GIF file with matplotlib; R calls it as it is",
}


def test_every_export_of_either_side_has_a_parity_entry(r):
    r_names = set(r.run('getNamespaceExports("xorbridge")').tolist())
    python_names = set(xb.__all__)
    missing_r = r_names - {mirror.r for mirror in MIRRORED} - R_ONLY.keys()
    missing_python = python_names - {mirror.python for mirror in MIRRORED} - PYTHON_ONLY.keys()
    assert not (missing_r or missing_python), (  # noqa: PT018 - one message names both sides
        f"without a parity entry: R exports {sorted(missing_r)}, "
        f"Python names {sorted(missing_python)}"
    )
    # and nothing listed that no longer exists
    assert R_ONLY.keys() <= r_names
    assert PYTHON_ONLY.keys() <= python_names
    assert {mirror.python for mirror in MIRRORED} <= python_names


def test_mirrored_r_names_exist(r):
    found = r.run("unname(vapply(names, exists, logical(1), envir = asNamespace('xorbridge'), "
                  "inherits = FALSE))", names=[mirror.r for mirror in MIRRORED])
    assert found.all(), [mirror.r for mirror, ok in zip(MIRRORED, found, strict=True) if not ok]


@pytest.mark.parametrize("mirror", MIRRORED, ids=lambda mirror: mirror.r)
def test_each_mirror_has_a_parity_test_that_calls_both_sides(mirror):
    module_name, function_name = mirror.test.split("::")
    module = importlib.import_module(module_name)
    assert callable(getattr(module, function_name, None)), f"no test {mirror.test}"
    source = inspect.getsource(module)
    assert f"{mirror.r_call}(" in source, f"{module_name} never calls {mirror.r_call}() in R"
    assert mirror.python in source, f"{module_name} never uses {mirror.python} in Python"
