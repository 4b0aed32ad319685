"""Shared fixtures, and the rule that in CI nothing but GPU tests may be skipped."""

from __future__ import annotations

import os

import matplotlib as mpl
import pytest

mpl.use("Agg")

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# The website's browser test needs the built pages: `make test-site` builds them and
# runs it with XORBRIDGE_SITE set; a plain `pytest` does not collect it at all.
# The playground's browser test (`make test-app`) likewise, unless XORBRIDGE_APP_TEST is set.
collect_ignore = ([] if os.environ.get("XORBRIDGE_SITE") else ["test_site.py"]) + (
    [] if os.environ.get("XORBRIDGE_APP_TEST") else ["test_playground_app.py"])


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and item.get_closest_marker("gpu") is None:
        # A skipped R, rpy2 or Python test in CI means the set-up is broken.
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"skipped in CI, which counts as a failure: {reason}"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture(scope="session")
def trained():
    """A model trained on the tutorial's defaults, with its train and test sets."""
    import xorbridge as xb

    xb.set_seed(42)
    train = xb.XORDataset(2500, seed=42)
    test = xb.XORDataset(500, seed=43)
    model = xb.SimpleClassifier()
    history = xb.train_model(model, train, seed=42, device="cpu", progress=False)
    return model, history, train, test
