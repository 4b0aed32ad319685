import os
import pickle
import re
import stat
import struct
import subprocess
import sys
import tempfile
import warnings
import zipfile
from pathlib import Path

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
    monkeypatch.setattr(torch.serialization, "location_tag", lambda _storage: "cuda:0")
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

    def broken_save(_obj, f, *_args, **_kwargs):
        f.write(b"half a checkpoint")
        raise OSError("No space left on device")

    monkeypatch.setattr(torch, "save", broken_save)
    with pytest.raises(OSError, match="No space left"):
        xb.save_model(_model(2), path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert _same_predictions(original, xb.load_model(path))
    assert [p.name for p in tmp_path.iterdir()] == ["model.pt"]


def _kill_during_save(path, hook):
    """Run save_model in another process whose torch.save calls ``hook`` and is killed there."""
    code = f"""
import os, signal, torch, xorbridge as xb
real_save = torch.save
def save_then_die(obj, f, *a, **k):
{hook}
    os.kill(os.getpid(), signal.SIGKILL)
torch.save = save_then_die
xb.save_model(xb.SimpleClassifier(num_hidden=50), {str(path)!r})
"""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)


@pytest.mark.parametrize(
    "hook",
    [
        # the whole new file written and flushed, killed before the rename
        "    real_save(obj, f, *a, **k)\n    f.flush()",
        # killed in the middle of writing: half a zip archive on disk
        "    f.write(b'PK\\x03\\x04' + bytes(5000))\n    f.flush()\n    os.fsync(f.fileno())",
    ],
    ids=["before-rename", "mid-write"],
)
def test_a_killed_save_leaves_the_old_file_intact(tmp_path, hook):
    """Kill a process in the middle of writing a checkpoint: the old one is still there."""
    path = tmp_path / "model.pt"
    original = _model(1)
    xb.save_model(original, path)
    before = path.read_bytes()
    result = _kill_during_save(path, hook)
    assert result.returncode == -9, result.stderr
    assert path.read_bytes() == before
    assert _same_predictions(original, xb.load_model(path))
    # The dead process's own temporary file stays behind, hidden, never under the real name.
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "model.pt"]
    assert len(leftovers) == 1
    assert leftovers[0].startswith(".xorbridge-")
    assert leftovers[0].endswith(".tmp")


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        xb.load_model(tmp_path / "nope.pt")


def test_truncated_file(tmp_path):
    path = xb.save_model(_model(), tmp_path / "model.pt")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CheckpointError, match=r"model\.pt"):
        xb.load_model(path)


def test_corrupted_file(tmp_path):
    path = xb.save_model(_model(), tmp_path / "model.pt")
    data = bytearray(path.read_bytes())
    start = data.find(b"data.pkl") + 40
    data[start : start + 64] = bytes(64)
    path.write_bytes(bytes(data))
    with pytest.raises(CheckpointError, match=r"'.*model\.pt': it is damaged, or holds objects"):
        xb.load_model(path)


def test_a_file_from_another_program(tmp_path):
    path = tmp_path / "notes.pt"
    path.write_text("not a checkpoint\n")
    with pytest.raises(CheckpointError, match=r"'.*notes\.pt' is not an xorbridge checkpoint"):
        xb.load_model(path)


def test_an_empty_file(tmp_path):
    path = tmp_path / "empty.pt"
    path.touch()
    with pytest.raises(CheckpointError, match=r"empty\.pt' is not an xorbridge checkpoint"):
        xb.load_model(path)


def test_a_zip_archive_from_another_program(tmp_path):
    path = tmp_path / "photos.pt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.txt", "not a tensor")
    with pytest.raises(CheckpointError, match=r"photos\.pt' .* a zip archive but not a torch"):
        xb.load_model(path)


def test_a_plain_state_dict_is_not_a_checkpoint(tmp_path):
    path = tmp_path / "state.pt"
    torch.save(_model().state_dict(), path)
    with pytest.raises(CheckpointError, match="not an xorbridge checkpoint"):
        xb.load_model(path)


def _edited_checkpoint(tmp_path, edit):
    payload = torch.load(xb.save_model(_model(), tmp_path / "ok.pt"), weights_only=True)
    edit(payload)
    path = tmp_path / "edited.pt"
    torch.save(payload, path)
    return path


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda p: p["architecture"].update(num_hidden=7),
         "does not describe a valid SimpleClassifier: the weights' shapes"),
        (lambda p: p["architecture"].update(num_hidden="seven"),
         'does not describe a valid SimpleClassifier: `num_hidden` must be a positive whole'),
        (lambda p: p["architecture"].update(colour="red"),
         "does not describe a valid SimpleClassifier: SimpleClassifier.__init__() got an "),
        (lambda p: p.update(architecture=[2, 3, 1]),
         "does not describe a valid SimpleClassifier: the architecture is list, not a dict"),
        (lambda p: p.pop("state_dict"), "does not describe a valid SimpleClassifier"),
        (lambda p: p["state_dict"].pop("linear2.bias"),
         "does not describe a valid SimpleClassifier: the weights' shapes"),
        (lambda p: p["state_dict"]["linear1.weight"].add_(1.0),
         "is damaged: its weights do not match the checksum written with them."),
        (lambda p: p.update(format_version=2), "uses checkpoint format 2, newer than this"),
        (lambda p: p.update(format_version="1"),
         'has an invalid checkpoint format version: "1".'),
        (lambda p: p.update(format="someone-else"), "is a torch file but not an xorbridge"),
    ],
    ids=["weights-do-not-fit", "bad-size", "unknown-option", "not-a-dict", "no-weights",
         "missing-weight", "weights-changed", "newer-format", "bad-version", "other-format"],
)
def test_a_checkpoint_that_does_not_hold_together(tmp_path, edit, message):
    path = _edited_checkpoint(tmp_path, edit)
    with pytest.raises(CheckpointError) as error:
        xb.load_model(path)
    assert str(error.value).startswith(f"'{path}'")
    assert message in str(error.value)


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
    with pytest.raises(CheckpointError, match=r"could run code from the file \(.*GLOBAL"):
        xb.load_model(path)
    assert not marker.exists()
    # The same file would run the command through plain pickle:
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith("data.pkl"))
        assert b"system" in archive.read(name)


def test_a_crafted_pickle_in_another_protocol_is_refused_too(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil4.pt"
    torch.save({"format": "xorbridge-checkpoint", "state_dict": _Exploit(marker)}, path,
               pickle_protocol=4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # torch: "Detected pickle protocol 4"
        with pytest.raises(CheckpointError, match="could run code from the file"):
            xb.load_model(path)
    assert not marker.exists()


def test_a_pickle_that_is_not_a_zip_archive_is_refused_unread(tmp_path):
    """Legacy torch.save files and plain pickles are refused before anything is unpickled."""
    marker = tmp_path / "pwned"
    legacy = tmp_path / "legacy.pt"
    torch.save({"format": "xorbridge-checkpoint", "state_dict": _Exploit(marker)}, legacy,
               _use_new_zipfile_serialization=False)
    plain = tmp_path / "plain.pt"
    plain.write_bytes(pickle.dumps(_Exploit(marker)))
    for path in (legacy, plain):
        with pytest.raises(CheckpointError, match=r"not a torch\.save file"):
            xb.load_model(path)
    assert not marker.exists()
    pickle.loads(plain.read_bytes())  # noqa: S301 - proof that the file is a live exploit
    assert marker.exists()


def test_saving_to_a_missing_directory(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        xb.save_model(_model(), tmp_path / "no" / "such" / "dir" / "m.pt")


def test_saving_where_a_file_stands_in_for_the_directory(tmp_path):
    blocker = tmp_path / "results"
    blocker.write_text("a file, not a directory")
    with pytest.raises(NotADirectoryError, match=r"'.*results' is a file, not a directory"):
        xb.save_model(_model(), blocker / "m.pt")
    with pytest.raises(NotADirectoryError, match=r"cannot reach '.*results/deeper'"):
        xb.save_model(_model(), blocker / "deeper" / "m.pt")
    assert blocker.read_text() == "a file, not a directory"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/sys is Linux's")
def test_saving_where_even_root_cannot_create_files():
    """sysfs refuses new files to everyone, root included, though os.access says yes to root."""
    with pytest.raises(PermissionError, match=r"Cannot save to '/sys/xorbridge-test\.pt'"):
        xb.save_model(_model(), "/sys/xorbridge-test.pt")


def test_saving_into_a_read_only_directory():
    """chmod does not stop root, so the save runs in a process that gave up root first."""
    directory = Path(tempfile.mkdtemp(prefix="xorbridge-read-only-", dir="/tmp"))
    try:
        directory.chmod(0o555)
        code = f"""
import os, xorbridge as xb
model = xb.SimpleClassifier()
if os.geteuid() == 0:
    os.setgid(65534)
    os.setuid(65534)  # nobody: file permissions apply again
try:
    xb.save_model(model, {str(directory / "m.pt")!r})
except PermissionError as error:
    print(error)
"""
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                check=False)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == (
            f"Cannot save to '{directory / 'm.pt'}': the directory '{directory}' is not writable."
        )
        assert list(directory.iterdir()) == []
    finally:
        directory.chmod(0o755)
        directory.rmdir()


def test_a_new_file_gets_the_usual_permissions_and_a_replaced_one_keeps_its_own(tmp_path):
    umask = os.umask(0o022)
    try:
        path = xb.save_model(_model(), tmp_path / "m.pt")
        assert stat.S_IMODE(path.stat().st_mode) == 0o644  # not mkstemp's 0o600
        path.chmod(0o640)
        xb.save_model(_model(1), path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
    finally:
        os.umask(umask)


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


# --- nothing lost, nothing hangs ------------------------------------------------------------


def test_saving_refuses_to_replace_what_is_not_a_regular_file(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="it is a named pipe \\(FIFO\\), not a regular file"):
        xb.save_model(_model(), fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    with pytest.raises(OSError, match="it is a character device, not a regular file"):
        xb.save_model(_model(), "/dev/null")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_loading_a_fifo_or_a_device_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # opening it would wait for a writer forever
    with pytest.raises(CheckpointError, match="it is a named pipe \\(FIFO\\), not a regular"):
        xb.load_model(fifo)
    with pytest.raises(CheckpointError, match="it is a character device"):
        xb.load_model("/dev/zero")


def test_a_trailing_separator_names_a_directory(tmp_path):
    with pytest.raises(IsADirectoryError, match="a path ending in a separator names a directory"):
        xb.save_model(_model(), f"{tmp_path}/model.pt/")
    assert list(tmp_path.iterdir()) == []


def test_any_name_the_filesystem_allows_works(tmp_path):
    path = tmp_path / ("m" * 250 + ".pt")  # 253 characters: the temporary name is shorter
    xb.save_model(_model(), path)
    assert _same_predictions(_model(), xb.load_model(path))
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda m: m.to("meta"), "it is on the meta device"),
        (lambda m: m.linear1.weight.data.fill_(float("nan")), "has non-finite weights in "
                                                              "linear1.weight"),
        (lambda m: setattr(m, "linear2", torch.nn.Linear(3, 3)), "does not match its own "
                                                                 "architecture"),
        (lambda m: m.double(), "linear1.weight is (3, 2) torch.float64"),
    ],
    ids=["meta", "nan", "replaced-layer", "float64"],
)
def test_a_model_that_could_not_load_back_is_not_saved_over_a_good_file(tmp_path, spoil, message):
    path = tmp_path / "model.pt"
    xb.save_model(_model(1), path)
    before = path.read_bytes()
    model = _model(2)
    spoil(model)
    with pytest.raises(ValueError, match=re.escape(message)):
        xb.save_model(model, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["model.pt"]


def test_ctrl_c_while_writing_leaves_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "model.pt"
    xb.save_model(_model(1), path)
    before = path.read_bytes()

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(torch, "save", interrupted)
    with pytest.raises(KeyboardInterrupt):
        xb.save_model(_model(2), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["model.pt"]


def test_a_flipped_bit_in_the_weights_is_an_error_never_other_weights(tmp_path):
    """torch's zip reader does not check CRC-32: the checksum of the weights does."""
    path = xb.save_model(_model(), tmp_path / "model.pt")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        entry = next(info for info in archive.infolist() if "/data/" in info.filename)
    # the local header's own name and extra lengths (torch pads the extra field)
    name_length, extra_length = struct.unpack_from("<HH", data, entry.header_offset + 26)
    start = entry.header_offset + 30 + name_length + extra_length
    data[start] ^= 0x01  # one bit of the first stored weight
    path.write_bytes(bytes(data))
    with pytest.raises(CheckpointError, match="its weights do not match the checksum"):
        xb.load_model(path)


def test_files_and_archives_larger_than_any_checkpoint_are_refused_unread(tmp_path, monkeypatch):
    path = xb.save_model(_model(), tmp_path / "model.pt")
    monkeypatch.setattr(xb.checkpoint, "MAX_BYTES", path.stat().st_size - 1)
    with pytest.raises(CheckpointError, match="larger than any xorbridge checkpoint"):
        xb.load_model(path)
    unpacked = sum(info.file_size for info in zipfile.ZipFile(path).infolist())
    monkeypatch.setattr(xb.checkpoint, "MAX_BYTES", max(path.stat().st_size, unpacked - 1))
    if unpacked - 1 >= path.stat().st_size:
        with pytest.raises(CheckpointError, match="would unpack to"):
            xb.load_model(path)
    monkeypatch.setattr(xb.checkpoint, "MAX_BYTES", 1000)
    with pytest.raises(ValueError, match="of weights, more than a checkpoint holds"):
        xb.save_model(xb.SimpleClassifier(num_hidden=200), tmp_path / "big.pt")


def test_every_mutated_byte_is_an_error_or_the_same_weights(tmp_path):
    """400 random single-byte changes of a good checkpoint (a fixed seed): each one loads the
    very same weights (a byte torch never reads) or is a CheckpointError; nothing else."""
    original = _model(3)
    path = xb.save_model(original, tmp_path / "model.pt")
    good = path.read_bytes()
    rng = np.random.default_rng(0)
    outcomes = {"same": 0, "refused": 0}
    for _ in range(400):
        data = bytearray(good)
        where = int(rng.integers(len(data)))
        data[where] = (data[where] + int(rng.integers(1, 256))) % 256
        path.write_bytes(bytes(data))
        try:
            loaded = xb.load_model(path)
        except CheckpointError:
            outcomes["refused"] += 1
            continue
        for name, value in original.state_dict().items():
            assert torch.equal(loaded.state_dict()[name], value), f"byte {where}: {name}"
        outcomes["same"] += 1
    assert outcomes["refused"] > 0
    assert outcomes["same"] + outcomes["refused"] == 400


def test_a_real_write_limit_mid_save_leaves_the_old_file_and_no_temporary_file(tmp_path):
    """The kernel itself refuses the write (a file-size limit, as a full disk would): the
    error names the file and says the old one is unchanged; nothing else is left behind."""
    path = tmp_path / "model.pt"
    original = _model(1)
    xb.save_model(original, path)
    before = path.read_bytes()
    code = f"""
import resource, signal, xorbridge as xb
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # a write past the limit fails with EFBIG
model = xb.SimpleClassifier(num_hidden=2000)    # about 32 kB of weights
resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))
try:
    xb.save_model(model, {str(path)!r})
except OSError as error:
    print(type(error).__name__, error)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OSError Cannot save to '"), result.stdout
    assert "File too large" in result.stdout
    assert "The previous file, if any, is unchanged." in result.stdout
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["model.pt"]


def test_concurrent_saves_and_loads_see_one_whole_checkpoint_or_the_other(tmp_path):
    """Two writers save different models to one path while a reader loads it: every load
    gives one of the two models whole, the last file is one of them, no temporary file stays."""
    import threading

    path = tmp_path / "model.pt"
    models = [_model(1), _model(2)]
    xb.save_model(models[0], path)
    weights = [{k: v.clone() for k, v in m.state_dict().items()} for m in models]
    errors: list[BaseException] = []
    seen: list[int] = []
    start = threading.Barrier(3)

    def writer(index: int) -> None:
        start.wait()
        try:
            for _ in range(15):
                xb.save_model(models[index], path)
        except (OSError, ValueError, AssertionError) as error:  # reported below
            errors.append(error)

    def reader() -> None:
        start.wait()
        try:
            for _ in range(30):
                state = xb.load_model(path).state_dict()
                matches = [i for i, w in enumerate(weights)
                           if all(torch.equal(state[k], w[k]) for k in w)]
                assert len(matches) == 1
                seen.append(matches[0])
        except (OSError, ValueError, AssertionError) as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(0,)),
               threading.Thread(target=writer, args=(1,)), threading.Thread(target=reader)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(seen) == 30
    final = xb.load_model(path).state_dict()
    assert any(all(torch.equal(final[k], w[k]) for k in w) for w in weights)
    assert [p.name for p in tmp_path.iterdir()] == ["model.pt"]
