"""Fixtures of the parity tests: R embedded in this process, and shared models.

The tests need the R package installed in a library that ``R_LIBS`` names
(``make setup`` installs it into ``.rlib``). Without R, rpy2 or the package
they fail: they never skip.
"""

from __future__ import annotations

import os
import sys

import pytest

import xorbridge as xb
from xor_models import x1_only_model

_embedded = {"r": False, "status": 0}


def pytest_sessionfinish(exitstatus):
    _embedded["status"] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure():
    """Once R has run in this process, leave without finalising Python.

    reticulate 1.28 keeps a thread that schedules R's event polling into
    Python every 250 ms (``Py_AddPendingCall``) and never stops. After Python
    has finalised, its next call dereferences the freed interpreter and the
    process dies with a segmentation fault, after every test has passed and
    been reported. Nothing needs finalising once the tests are done.
    """
    if _embedded["r"]:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_embedded["status"])


@pytest.fixture(scope="session")
def r():
    """R, with the R package attached, in this process (see ``embedded_r``)."""
    from embedded_r import EmbeddedR  # starts R: only when a parity test runs

    session = EmbeddedR()
    _embedded["r"] = True
    # reticulate must attach to this Python, not start or find another one
    assert session.run('reticulate::py_eval("__import__(\'os\').getpid()")') == os.getpid()
    yield session
    session.close()


@pytest.fixture(scope="session")
def tutorial_model(tmp_path_factory):
    """The tutorial's model trained in Python, and a checkpoint of it for R to load."""
    xb.set_seed(42)
    model = xb.SimpleClassifier()
    xb.train_model(model, xb.XORDataset(2500, seed=42), seed=42, device="cpu", progress=False)
    path = tmp_path_factory.mktemp("models") / "tutorial.pt"
    xb.save_model(model, path)
    return model, str(path)


@pytest.fixture(scope="session")
def asymmetric_model(tmp_path_factory):
    """A model whose probability of class 1 rises with x1 and ignores x2, and its checkpoint."""
    model = x1_only_model()
    path = tmp_path_factory.mktemp("models") / "asymmetric.pt"
    xb.save_model(model, path)
    return model, str(path)
