"""train_model(log_dir=...): the event files, read back with TensorBoard's own reader.

The scalars must equal the History (as float32, TensorBoard's storage), the
graph and the boundary figures must be there, and a run that stops early
must leave complete files. Logging and the test set must not change training.
"""

import re
import subprocess
import sys

import numpy as np
import pytest
import torch

import xorbridge as xb
from xorbridge import tensorboard as board

TRAIN = xb.XORDataset(300, seed=1)
TEST = xb.XORDataset(100, seed=2)


def read_events(log_dir):
    """The run in ``log_dir``, as TensorBoard's EventAccumulator reads it (every event kept)."""
    from tensorboard.backend.event_processing import event_accumulator

    events = event_accumulator.EventAccumulator(
        str(log_dir), size_guidance={event_accumulator.SCALARS: 0, event_accumulator.IMAGES: 0})
    events.Reload()
    return events


def scalars(events, tag):
    """Steps and values of one scalar tag."""
    read = events.Scalars(tag)
    return [event.step for event in read], np.array([event.value for event in read])


def as_float32(values):
    return np.asarray(values, dtype=np.float32).astype(np.float64)


def train(log_dir=None, **kwargs):
    xb.set_seed(7)
    model = xb.SimpleClassifier()
    arguments = {"epochs": 12, "batch_size": 64, "device": "cpu", "progress": False,
                 "log_dir": log_dir, **kwargs}
    history = xb.train_model(model, TRAIN, **arguments)
    return model, history


def test_the_scalars_equal_the_history(tmp_path):
    _, history = train(tmp_path, test=TEST, figure_every=5)
    events = read_events(tmp_path)
    tags = events.Tags()
    assert set(tags["scalars"]) == {"loss/train", "accuracy/train", "accuracy/test"}
    for tag, values in (("loss/train", history.loss), ("accuracy/train", history.accuracy),
                        ("accuracy/test", history.test_accuracy)):
        steps, read = scalars(events, tag)
        assert steps == history.epoch == list(range(1, 13))
        np.testing.assert_array_equal(read, as_float32(values))


def test_the_graph_is_written_once(tmp_path):
    train(tmp_path, epochs=2)
    events = read_events(tmp_path)
    assert events.Tags()["graph"]
    nodes = [node.name for node in events.Graph().node]
    assert any("linear1" in name for name in nodes)
    assert any("linear2" in name for name in nodes)
    assert any(name.startswith("input") for name in nodes)


def test_figures_every_n_epochs_and_at_the_last(tmp_path):
    train(tmp_path, figure_every=5)
    events = read_events(tmp_path)
    assert events.Tags()["images"] == [board.FIGURE_TAG]
    images = events.Images(board.FIGURE_TAG)
    assert [image.step for image in images] == [5, 10, 12]
    assert all(image.width > 100 and image.height > 100 for image in images)
    assert all(image.encoded_image_string.startswith(b"\x89PNG") for image in images)


def test_without_a_test_set_there_is_no_test_scalar(tmp_path):
    _, history = train(tmp_path, epochs=3)
    assert history.test_accuracy is None
    assert set(read_events(tmp_path).Tags()["scalars"]) == {"loss/train", "accuracy/train"}


def test_a_run_stopped_by_a_callback_leaves_complete_files(tmp_path):
    seen = []

    def stop_at_three(epoch, logs):
        seen.append(sorted(logs))
        return epoch < 3

    _, history = train(tmp_path, epochs=50, test=TEST, callback=stop_at_three)
    assert history.interrupted
    assert history.epoch == [1, 2, 3]
    assert seen[0] == ["accuracy", "loss", "test_accuracy"]
    events = read_events(tmp_path)
    for tag, values in (("loss/train", history.loss), ("accuracy/test", history.test_accuracy)):
        steps, read = scalars(events, tag)
        assert steps == [1, 2, 3]
        np.testing.assert_array_equal(read, as_float32(values))
    # the figure of the epoch it stopped after, as at the last epoch
    assert [image.step for image in events.Images(board.FIGURE_TAG)] == [3]
    assert events.Tags()["graph"]


def test_ctrl_c_leaves_complete_files(tmp_path):
    def interrupt_at_two(epoch, _logs):
        if epoch == 2:
            raise KeyboardInterrupt

    with pytest.warns(RuntimeWarning, match="interrupted after 2 of 20 epochs"):
        _, history = train(tmp_path, epochs=20, callback=interrupt_at_two)
    steps, read = scalars(read_events(tmp_path), "loss/train")
    assert steps == [1, 2]
    np.testing.assert_array_equal(read, as_float32(history.loss))


def test_an_error_in_a_callback_still_closes_the_files(tmp_path):
    def fail_at_two(epoch, _logs):
        if epoch == 2:
            raise RuntimeError("callback failed")

    with pytest.raises(RuntimeError, match="callback failed"):
        train(tmp_path, epochs=20, callback=fail_at_two)
    steps, _ = scalars(read_events(tmp_path), "accuracy/train")
    assert steps == [1, 2]


@pytest.mark.parametrize("engine", ["fused", "autograd"])
def test_logging_and_a_test_set_change_nothing_in_training(tmp_path, engine):
    # seed=None: the shuffling comes from torch's global generator, which
    # logging must not draw from either
    plain_model, plain = train(engine=engine, seed=None)
    logged_model, logged = train(tmp_path, engine=engine, seed=None, test=TEST, figure_every=4)
    assert plain.engine == logged.engine == engine
    assert logged.loss == plain.loss
    assert logged.accuracy == plain.accuracy
    for name, value in plain_model.state_dict().items():
        assert torch.equal(value, logged_model.state_dict()[name]), name
    assert logged_model.training


def test_test_accuracy_is_eval_model_after_each_epoch():
    model, history = train(test=TEST, epochs=4)
    assert len(history.test_accuracy) == 4
    assert history.test_accuracy[-1] == xb.eval_model(model, TEST)
    frame = history.to_frame()
    assert list(frame.columns) == ["epoch", "loss", "accuracy", "test_accuracy"]
    assert frame["test_accuracy"].tolist() == history.test_accuracy
    assert list(train(epochs=1)[1].to_frame().columns) == ["epoch", "loss", "accuracy"]


def test_a_pair_of_arrays_is_a_test_set_too():
    points, labels = TEST.data.numpy(), TEST.label.numpy()
    _, from_dataset = train(test=TEST, epochs=2)
    _, from_pair = train(test=(points, labels), epochs=2)
    assert from_pair.test_accuracy == from_dataset.test_accuracy


def test_a_path_object_and_an_existing_directory_are_accepted(tmp_path):
    train(tmp_path, epochs=1)
    train(tmp_path, epochs=2)  # a second run into the same directory: its own file
    assert len(list(tmp_path.glob("events.out.tfevents.*"))) == 2


BAD = [
    ({"log_dir": 3}, TypeError, "`log_dir` must be a directory path (a string) or None, not 3."),
    ({"log_dir": b"runs"}, TypeError, "`log_dir` must be a directory path (a string) or None, "
                                      "not b'runs'."),
    ({"log_dir": ""}, ValueError, '`log_dir` must be a directory path, not "".'),
    ({"log_dir": "  "}, ValueError, '`log_dir` must be a directory path, not "  ".'),
    ({"log_dir": "runs\0"}, ValueError, "`log_dir` must not contain a NUL character"),
    ({"figure_every": 0}, ValueError, "`figure_every` must be a positive whole number, not 0."),
    ({"figure_every": 2.5}, ValueError, "`figure_every` must be a positive whole number, not 2.5."),
    ({"figure_every": "10"}, TypeError,
     '`figure_every` must be a positive whole number, not "10".'),
    ({"figure_every": None}, TypeError,
     "`figure_every` must be a positive whole number, not None."),
    ({"test": "test"}, TypeError, "`test` must be an XORDataset, a Dataset of (point, label) "
                                  "pairs or a pair (points, labels), not str."),
    ({"test": (np.zeros((3, 2)), np.array([0, 1]))}, ValueError, "`test`"),
    ({"test": (np.full((3, 2), np.nan), np.array([0, 1, 0]))}, ValueError, "`test` points"),
]


@pytest.mark.parametrize(("kwargs", "error", "message"), BAD, ids=[str(case[0]) for case in BAD])
def test_bad_arguments_are_refused_before_any_work(tmp_path, kwargs, error, message):
    model = xb.SimpleClassifier()
    before = {name: value.clone() for name, value in model.state_dict().items()}
    log_dir = tmp_path / "never-written"
    arguments = {"log_dir": log_dir, "progress": False, "device": "cpu", **kwargs}
    with pytest.raises(error, match=re.escape(message)):
        xb.train_model(model, TRAIN, **arguments)
    assert not log_dir.exists()
    assert all(torch.equal(before[name], value) for name, value in model.state_dict().items())


def test_a_file_is_not_a_log_dir(tmp_path):
    file = tmp_path / "a-file"
    file.write_text("")
    with pytest.raises(NotADirectoryError, match="which is a file, not a directory"):
        xb.train_model(xb.SimpleClassifier(), TRAIN, log_dir=file, progress=False)


@pytest.fixture
def without_tensorboard(monkeypatch):
    """As if tensorboard were not installed: its import fails, torch's wrapper included."""
    for name in list(sys.modules):
        if name.split(".")[0] == "tensorboard" or name.startswith("torch.utils.tensorboard"):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "tensorboard", None)  # `import tensorboard` now fails


@pytest.mark.usefixtures("without_tensorboard")
def test_without_tensorboard_the_error_names_the_extra(tmp_path):
    model = xb.SimpleClassifier()
    before = {name: value.clone() for name, value in model.state_dict().items()}
    log_dir = tmp_path / "runs"
    extra = 'Install the optional extra: pip install "xorbridge[tensorboard]"'
    with pytest.raises(ModuleNotFoundError, match=re.escape(extra)):
        xb.train_model(model, TRAIN, epochs=2, log_dir=log_dir, progress=False)
    assert not log_dir.exists()
    assert all(torch.equal(before[name], value) for name, value in model.state_dict().items())
    # training without log_dir needs no tensorboard
    assert len(xb.train_model(model, TRAIN, epochs=2, progress=False)) == 2


def test_tensorboard_is_imported_only_with_a_log_dir():
    code = ("import sys, xorbridge as xb; "
            "xb.train_model(xb.SimpleClassifier(), xb.XORDataset(20, seed=1), epochs=1, "
            "progress=False, test=xb.XORDataset(10, seed=2)); "
            "print(sorted(m for m in sys.modules if 'tensorboard' in m or m == 'matplotlib'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=300)
    assert result.stdout.strip() == "[]"
