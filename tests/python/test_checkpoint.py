import os
import subprocess
import sys
import zipfile

import numpy as np
import pytest
import torch

import xorbridge as xb
from xorbridge.checkpoint import CheckpointError


def _model(seed=0, hidden=3):
    xb.set_seed(seed)
    return xb.SimpleClassifier(num_hidden=hidden, activation="relu")


def _same_predictions(a, b):
    points = xb.XORDataset(100, seed=1).data
    return np.array_equal(xb.predict_proba(a, points), xb.predict_proba(b, points))


def test_round_trip_rebuilds_the_architecture(tmp_path):
    model = _model()
    path = xb.save_model(model, tmp_path / "model.pt")
    loaded = xb.load_model(path)
    assert loaded.config == model.config
    assert str(loaded) == str(model)
    assert all(torch.equal(a, b) for a, b in zip(model.state_dict().values(),
                                                 loaded.state_dict().values(), strict=True))
    assert _same_predictions(model, loaded)
    assert not loaded.training
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_the_file_records_version_and_architecture(tmp_path):
    path = xb.save_model(_model(), tmp_path / "m.pt")
    payload = torch.load(path, weights_only=True)
    assert payload["format"] == "xorbridge-checkpoint"
    assert payload["xorbridge_version"] == xb.__version__
    assert payload["architecture"]["num_hidden"] == 3


def test_a_checkpoint_saved_on_a_gpu_loads_on_the_cpu(tmp_path, monkeypatch):
    """Simulated: the storages are tagged 'cuda:0' as a GPU machine would write them."""
    model = _model()
    path = tmp_path / "gpu.pt"
    monkeypatch.setattr(torch.serialization, "location_tag", lambda storage: "cuda:0")
    xb.save_model(model, path)
    monkeypatch.undo()
    if not torch.cuda.is_available():
        with pytest.raises(RuntimeError, match="CUDA"):
            torch.load(path, weights_only=True)  # what a plain load does
    loaded = xb.load_model(path)
    assert loaded.device == torch.device("cpu")
    assert _same_predictions(model, loaded)


def test_a_failed_save_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "model.pt"
    original = _model(1)
    xb.save_model(original, path)
    before = path.read_bytes()

    def broken_save(obj, f, *args, **kwargs):
        f.write(b"half a checkpoint")
        raise OSError("No space left on device")

    monkeypatch.setattr(torch, "save", broken_save)
    with pytest.raises(OSError, match="No space left"):
        xb.save_model(_model(2), path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert _same_predictions(original, xb.load_model(path))
    assert [p.name for p in tmp_path.iterdir()] == ["model.pt"]


def test_a_killed_save_leaves_the_old_file_intact(tmp_path):
    """Kill a process in the middle of writing a checkpoint."""
    path = tmp_path / "model.pt"
    xb.save_model(_model(1), path)
    before = path.read_bytes()
    code = f"""
import os, signal, torch, xorbridge as xb
real_save = torch.save
def save_then_die(obj, f, *a, **k):
    real_save(obj, f, *a, **k)
    f.flush()
    os.kill(os.getpid(), signal.SIGKILL)  # dies before the rename
torch.save = save_then_die
xb.save_model(xb.SimpleClassifier(num_hidden=50), {str(path)!r})
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert result.returncode == -9
    assert path.read_bytes() == before
    xb.load_model(path)


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        xb.load_model(tmp_path / "nope.pt")


def test_truncated_file(tmp_path):
    path = xb.save_model(_model(), tmp_path / "model.pt")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CheckpointError, match="model.pt"):
        xb.load_model(path)


def test_corrupted_file(tmp_path):
    path = xb.save_model(_model(), tmp_path / "model.pt")
    data = bytearray(path.read_bytes())
    start = data.find(b"data.pkl") + 40
    data[start : start + 64] = bytes(64)
    path.write_bytes(bytes(data))
    with pytest.raises(CheckpointError, match="model.pt"):
        xb.load_model(path)


def test_a_file_from_another_program(tmp_path):
    path = tmp_path / "notes.pt"
    path.write_text("not a checkpoint\n")
    with pytest.raises(CheckpointError, match="not a torch.save file"):
        xb.load_model(path)


def test_a_plain_state_dict_is_not_a_checkpoint(tmp_path):
    path = tmp_path / "state.pt"
    torch.save(_model().state_dict(), path)
    with pytest.raises(CheckpointError, match="not an xorbridge checkpoint"):
        xb.load_model(path)


def test_an_architecture_that_does_not_match_the_weights(tmp_path):
    path = tmp_path / "bad.pt"
    payload = torch.load(xb.save_model(_model(), tmp_path / "ok.pt"), weights_only=True)
    payload["architecture"]["num_hidden"] = 7
    torch.save(payload, path)
    with pytest.raises(CheckpointError, match="does not describe a valid SimpleClassifier"):
        xb.load_model(path)


class _Exploit:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_crafted_pickle_is_refused_and_runs_nothing(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.pt"
    torch.save({"format": "xorbridge-checkpoint", "state_dict": _Exploit(marker)}, path)
    assert zipfile.is_zipfile(path)
    with pytest.raises(CheckpointError, match="could run code"):
        xb.load_model(path)
    assert not marker.exists()
    # The same file would run the command through plain pickle:
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith("data.pkl"))
        assert b"system" in archive.read(name)


def test_saving_to_a_missing_directory(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        xb.save_model(_model(), tmp_path / "no" / "such" / "dir" / "m.pt")


def test_saving_over_a_directory(tmp_path):
    with pytest.raises(IsADirectoryError):
        xb.save_model(_model(), tmp_path)


@pytest.mark.parametrize("bad", [None, "", 3])
def test_bad_paths(bad):
    with pytest.raises(TypeError, match="`path` must be a file path"):
        xb.load_model(bad)


def test_save_needs_a_model(tmp_path):
    with pytest.raises(TypeError, match="`model` must be a SimpleClassifier"):
        xb.save_model({"w": 1}, tmp_path / "m.pt")
