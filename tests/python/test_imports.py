"""`import xorbridge` costs torch and little else: tables and figures load their libraries."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pandas", "matplotlib", "tensorboard", "scipy")


def _modules_after(code: str) -> set[str]:
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, timeout=300)
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_importing_the_package_loads_no_table_or_figure_library():
    loaded = _modules_after("import xorbridge")
    assert "torch" in loaded
    assert sorted(name for name in loaded if name.split(".")[0] in HEAVY) == []


def test_training_and_evaluating_need_no_pandas_until_a_table_is_asked_for():
    loaded = _modules_after(
        "import xorbridge as xb\n"
        "model = xb.SimpleClassifier()\n"
        "history = xb.train_model(model, xb.XORDataset(200, seed=1), epochs=2, device='cpu',\n"
        "                         progress=False)\n"
        "xb.eval_model(model, xb.XORDataset(100, seed=2))\n"
        "xb.predict_proba(model, [[0.0, 1.0]])\n"
        "xb.decision_grid(model, step=0.1)\n"
    )
    assert "pandas" not in loaded
    tables = _modules_after(
        "import xorbridge as xb\n"
        "xb.XORDataset(10, seed=1).to_frame()\n"
    )
    assert "pandas" in tables


def test_a_data_frame_of_points_still_works_once_pandas_is_there():
    import pandas as pd
    import torch

    import xorbridge as xb

    model = xb.SimpleClassifier()
    frame = pd.DataFrame({"x1": [0.0, 1.0], "x2": [1.0, 1.0]})
    from_frame = xb.predict_proba(model, frame)
    from_list = xb.predict_proba(model, [[0.0, 1.0], [1.0, 1.0]])
    assert torch.equal(torch.as_tensor(from_frame), torch.as_tensor(from_list))
