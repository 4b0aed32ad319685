import numpy as np
import pandas as pd
import pytest
import torch

import xorbridge as xb

TRAIN = xb.XORDataset(600, seed=5)
TEST = xb.XORDataset(200, seed=6)


def individual(size, seed, activation="tanh", epochs=15):
    xb.set_seed(seed)
    model = xb.SimpleClassifier(num_hidden=size, activation=activation)
    history = xb.train_model(model, TRAIN, epochs=epochs, seed=seed, device="cpu",
                             progress=False)
    return model, history


def assert_each_model_is_its_own_run(sweep, epochs):
    """Every model's losses, accuracies and weights are those of its own run."""
    for index, row in enumerate(sweep.table.itertuples()):
        model, history = individual(row.num_hidden, row.seed, epochs=epochs)
        np.testing.assert_allclose(sweep.loss[index], history.loss, rtol=0, atol=1e-5)
        assert row.train_accuracy == pytest.approx(history.accuracy[-1], abs=1e-5)
        assert row.test_accuracy == pytest.approx(xb.eval_model(model, TEST), abs=1e-5)
        for name, value in model.state_dict().items():
            torch.testing.assert_close(sweep.model(row.num_hidden, row.seed).state_dict()[name],
                                       value, rtol=0, atol=1e-5)


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
def test_each_model_equals_its_own_run(activation):
    sweep = xb.sweep_hidden(sizes=(1, 2, 5), seeds=(0, 3), train=TRAIN, test=TEST, epochs=15,
                            activation=activation, device="cpu")
    assert len(sweep.table) == 6
    for row in sweep.table.itertuples():
        model, history = individual(row.num_hidden, row.seed, activation)
        assert row.final_loss == pytest.approx(history.loss[-1], abs=1e-5)
        assert row.train_accuracy == pytest.approx(history.accuracy[-1], abs=1e-5)
        assert row.test_accuracy == pytest.approx(xb.eval_model(model, TEST), abs=1e-5)
        trained = sweep.model(row.num_hidden, row.seed)
        assert trained.num_hidden == row.num_hidden
        for name, value in model.state_dict().items():
            torch.testing.assert_close(trained.state_dict()[name], value, rtol=0, atol=1e-5)
    assert sweep.loss.shape == (6, 15)


def test_the_table_is_tidy_and_ordered():
    sweep = xb.sweep_hidden(sizes=[4, 1], seeds=range(3), train=TRAIN, test=TEST, epochs=2)
    table = sweep.to_frame()
    assert list(table.columns) == ["num_hidden", "seed", "final_loss", "train_accuracy",
                                   "test_accuracy"]
    assert table["num_hidden"].tolist() == [4, 4, 4, 1, 1, 1]
    assert table["seed"].tolist() == [0, 1, 2, 0, 1, 2]
    assert table["test_accuracy"].between(0, 1).all()
    summary = sweep.summary()
    assert isinstance(summary, pd.DataFrame)
    assert summary["seeds"].tolist() == [3, 3]
    assert sweep.seconds > 0


def test_defaults_are_the_tutorials_data():
    sweep = xb.sweep_hidden(sizes=[4], seeds=[42], epochs=100)
    xb.set_seed(42)
    model = xb.SimpleClassifier()
    history = xb.train_model(model, xb.XORDataset(2500, seed=42), seed=42, progress=False)
    assert sweep.table["final_loss"][0] == pytest.approx(history.loss[-1], abs=1e-5)
    assert sweep.table["test_accuracy"][0] == pytest.approx(
        xb.eval_model(model, xb.XORDataset(500, seed=43)), abs=1e-5)
    assert sweep.table["test_accuracy"][0] >= 0.99


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"sizes": []}, ValueError, "`sizes` must hold at least one value"),
        ({"sizes": [0, 2]}, ValueError, "`sizes` must be a positive whole number"),
        ({"sizes": [2, 2]}, ValueError, "`sizes` must not repeat values, but repeats 2."),
        ({"seeds": [3, 1, 3, 1]}, ValueError, "`seeds` must not repeat values, but repeats 1, 3"),
        ({"sizes": "124"}, TypeError, "`sizes` must be a list"),
        ({"sizes": [10_000]}, ValueError, "at most 4096"),
        ({"seeds": [-1]}, ValueError, "`seeds`"),
        ({"seeds": [1.5]}, ValueError, "`seeds`"),
        ({"seeds": 3}, TypeError, "`seeds` must be a list"),
        ({"epochs": 0}, ValueError, "`epochs`"),
        ({"lr": -1}, ValueError, "`lr`"),
        ({"activation": "gelu"}, ValueError, "`activation`"),
        ({"device": "tpu"}, ValueError, "`device`"),
        ({"train": "data"}, TypeError, "`train` must be an XORDataset"),
        ({"sizes": range(1, 200), "seeds": range(100)}, ValueError, "at most 10,000"),
    ],
)
def test_bad_arguments(kwargs, error, pattern):
    with pytest.raises(error, match=pattern):
        xb.sweep_hidden(**{"train": TRAIN, "test": TEST, "epochs": 1, **kwargs})


def test_the_callers_random_state_and_flags_are_left_alone():
    torch.manual_seed(123)
    expected = torch.rand(3)
    deterministic = torch.are_deterministic_algorithms_enabled()
    torch.manual_seed(123)
    xb.sweep_hidden(sizes=(1, 2), seeds=(7,), train=TRAIN, test=TEST, epochs=2, device="cpu")
    np.testing.assert_array_equal(torch.rand(3), expected)
    assert torch.are_deterministic_algorithms_enabled() is deterministic


def test_description_and_printout():
    sweep = xb.sweep_hidden(sizes=[1, 2], seeds=[0, 1, 2], train=TRAIN, test=TEST, epochs=2)
    assert sweep.describe() == (f"6 models (2 hidden sizes x 3 seeds) trained together in "
                                f"{sweep.seconds:.2f} s")
    one = xb.sweep_hidden(sizes=[1], seeds=[4], train=TRAIN, test=TEST, epochs=1)
    assert one.describe().startswith("1 model (1 hidden size x 1 seed) trained together in ")
    lines = str(sweep).split("\n")
    assert lines[:2] == [sweep.describe(), xb.sweep.SUMMARY_TITLE]
    assert lines[2].split() == ["num_hidden", "seeds", "median", "min", "max"]
    assert [line.split()[:2] for line in lines[3:]] == [["1", "3"], ["2", "3"]]


def test_what_the_r_package_reads_of_a_sweep():
    from xorbridge import _bridge

    run = _bridge.sweep_run(sizes=[1, 2], seeds=[0, 5], train=TRAIN, test=TEST, epochs=2)
    sweep = run["sweep"]
    assert isinstance(sweep, xb.Sweep)
    assert run["table"] == {name: sweep.table[name].tolist() for name in sweep.table.columns}
    assert run["seconds"] == sweep.seconds
    overview = _bridge.sweep_overview(sweep)
    assert overview["description"] == sweep.describe()
    assert overview["summary_title"] == "Test accuracy by hidden size:"
    summary = sweep.summary()
    assert overview["summary"]["median"] == summary["median"].tolist()
    assert overview["summary"]["seeds"] == [2, 2]
    with pytest.raises(TypeError, match="`sweep` must be a Sweep from sweep_hidden"):
        _bridge.sweep_overview("sweep")


SWEEP = xb.sweep_hidden(sizes=(1, 3), seeds=range(4), train=TRAIN, test=TEST, epochs=3)


def test_the_accuracy_figure_as_a_spec():
    from xorbridge.spec import figure_spec

    spec = figure_spec("sweep", SWEEP, type="accuracy", style="default")
    fig = xb.plot_sweep(SWEEP, "accuracy", style="default")
    (ax,) = fig.axes
    points, lines = spec["points"], spec["lines"]
    np.testing.assert_array_equal(
        points["y"], np.concatenate([c.get_offsets()[:, 1] for c in ax.collections]))
    assert points["y"] == SWEEP.table["test_accuracy"].tolist()  # the table's order
    assert set(points["fill"]) == {"#1F77B4"}
    assert set(points["edge"]) == {"#333333"}
    assert set(points["label"]) == {""}  # no legend
    # one bar per size: two ends at the median
    assert lines["line"] == [1, 1, 2, 2]
    assert lines["y"] == np.repeat(SWEEP.summary()["median"], 2).tolist()
    assert lines["x"] == [-0.25, 0.25, 0.75, 1.25]
    assert set(lines["colour"]) == {"#FF7F0E"}
    assert set(lines["linewidth"]) == {2.5}
    (panel,) = spec["panels"]
    layout = panel["layout"]
    assert panel["title"] == ax.get_title() == "Test accuracy over 4 seeds (bar: median)"
    assert layout["xticks"] == [0.0, 1.0]
    assert layout["xticklabels"] == ["1", "3"]
    assert spec["figsize"] == [5.0, 4.0]
    assert spec["dpi"] == 100


def test_the_boundary_figure_as_a_spec():
    from xorbridge.spec import figure_spec

    spec = figure_spec("sweep", SWEEP, type="boundaries", seeds=[3, 1], step=0.25)
    assert spec["title"] == "Decision boundaries (label: test accuracy)"
    assert (spec["xlabel"], spec["ylabel"]) == ("$x_1$", "$x_2$")
    panels = spec["panels"]
    assert [(panel["row"], panel["column"]) for panel in panels] == [
        (1, 1), (1, 2), (2, 1), (2, 2)]
    assert [panel["title"] for panel in panels] == ["seed 3", "seed 1", "", ""]
    assert [(panel["ylabel"], panel["ylabel_side"]) for panel in panels if panel["ylabel"]] == [
        ("1 hidden", "right"), ("3 hidden", "right")]
    assert all(panel["fixed"] and not panel["grid"] for panel in panels)
    raster = spec["raster"]
    first = [i for i, panel in enumerate(raster["panel"]) if panel == 1]
    grid = xb.decision_grid(SWEEP.model(1, 3), step=0.25)
    np.testing.assert_allclose([raster["x"][i] for i in first], np.tile(grid.x1, len(grid.x2)),
                               atol=1e-12)
    np.testing.assert_allclose([raster["y"][i] for i in first], np.repeat(grid.x2, len(grid.x1)),
                               atol=1e-12)
    assert [raster["fill"][i] for i in first] == xb.grid.blend_hex(grid.prob, "#4C72B0",
                                                                    "#DD8452")
    texts = spec["texts"]
    assert texts["panel"] == [1, 2, 3, 4]
    accuracy = SWEEP.table.query("num_hidden == 1 and seed == 3")["test_accuracy"].iloc[0]
    assert texts["text"][0] == f"{100 * accuracy:.1f}%"
    # ax.text(0.04, 0.96) in axes fractions of the panel [-0.625, 1.375]^2
    assert texts["x"][0] == pytest.approx(-0.625 + 0.04 * 2.0)
    assert texts["y"][0] == pytest.approx(-0.625 + 0.96 * 2.0)
    assert (texts["hjust"][0], texts["vjust"][0], texts["size"][0]) == (0.0, 1.0, 8.0)
    assert (texts["fill"][0], texts["alpha"][0]) == ("#FFFFFF", 0.8)
    default = figure_spec("sweep", SWEEP, type="boundaries", step=0.5)
    assert [p["title"] for p in default["panels"][:3]] == ["seed 0", "seed 1", "seed 2"]


def test_the_figure_spec_refuses_what_plot_sweep_refuses():
    from xorbridge.spec import figure_spec

    with pytest.raises(ValueError, match='must be one of "accuracy", "boundaries"'):
        figure_spec("sweep", SWEEP, type="histogram")
    with pytest.raises(ValueError, match="`seeds` must be at most 6 of the sweep's seeds"):
        figure_spec("sweep", SWEEP, type="boundaries", seeds=[9])
    with pytest.raises(TypeError, match="`sweep` must be a Sweep"):
        figure_spec("sweep", "sweep")


def test_an_endless_iterator_of_seeds_is_refused_not_listed():
    import itertools

    with pytest.raises(ValueError, match="`seeds` must hold at most 10,000 values"):
        xb.sweep_hidden(seeds=itertools.count())


def test_sizes_are_grouped_by_a_cost_rule():
    # the default sweep: few models per size, so one group saves operations
    assert xb.sweep._group_sizes([1, 2, 4, 8], seeds=10, step=128) == [[1, 2, 4, 8]]
    # 100 seeds: the block-diagonal output layer of one group would cost more
    groups = xb.sweep._group_sizes(list(range(10, 0, -1)), seeds=100, step=128)
    assert len(groups) > 1
    flat = [size for group in groups for size in group]
    assert flat == list(range(1, 11))  # smallest first, each size once


@pytest.mark.parametrize(("op_cost", "max_group", "expected"), [
    (0, 16, [[1], [2], [5]]),  # every size its own group
    (10**12, 2, [[1, 2], [5]]),  # groups as big as allowed
    (10**12, 16, [[1, 2, 5]]),  # one group
])
def test_every_grouping_equals_the_models_own_runs(monkeypatch, op_cost, max_group, expected):
    monkeypatch.setattr(xb.sweep, "OP_MULTIPLY_ADDS", op_cost)
    monkeypatch.setattr(xb.sweep, "MAX_GROUP", max_group)
    assert xb.sweep._group_sizes([5, 1, 2], seeds=3, step=128) == expected
    # sizes not in order, and each seed shared by the sizes of all groups
    sweep = xb.sweep_hidden(sizes=(5, 1, 2), seeds=(4, 0, 3), train=TRAIN, test=TEST,
                            epochs=6, device="cpu")
    assert sweep.table["num_hidden"].tolist() == [5, 5, 5, 1, 1, 1, 2, 2, 2]
    assert sweep.table["seed"].tolist() == [4, 0, 3] * 3
    assert_each_model_is_its_own_run(sweep, epochs=6)


def test_the_memory_estimate_counts_shared_seeds_once():
    alone = xb.sweep.sweep_bytes(40, 8, 2500, 500, 128)  # every model its own seed
    shared = xb.sweep.sweep_bytes(40, 8, 2500, 500, 128, seeds=10)
    assert shared < alone


def test_big_cpu_sweeps_split_their_seeds_between_threads():
    cpu = torch.device("cpu")
    assert xb.sweep._thread_parts(cpu, seeds=10, work=10 * 128 * 15) == 1  # the default sweep
    assert xb.sweep._thread_parts(torch.device("meta"), seeds=100, work=10**9) == 1
    previous = torch.get_num_threads()
    torch.set_num_threads(3)
    try:
        assert xb.sweep._thread_parts(cpu, seeds=100, work=10**9) == 3
        assert xb.sweep._thread_parts(cpu, seeds=2, work=10**9) == 2  # a seed a part at most
        # the 1,000-model sweep: each part gets SMALL_WORK elements at least
        assert xb.sweep._thread_parts(cpu, seeds=100, work=100 * 128 * 55) == 2
    finally:
        torch.set_num_threads(previous)


def test_seeds_trained_in_parts_equal_the_models_own_runs(monkeypatch):
    monkeypatch.setattr(xb.sweep, "SMALL_WORK", 1)  # any work is split
    previous = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        assert xb.sweep._thread_parts(torch.device("cpu"), seeds=3, work=10) == 2
        sweep = xb.sweep_hidden(sizes=(5, 1, 2), seeds=(4, 0, 3), train=TRAIN, test=TEST,
                                epochs=6, device="cpu")  # parts: seed 4, seeds 0 and 3
        assert torch.get_num_threads() == 2  # restored after training on one thread a part
    finally:
        torch.set_num_threads(previous)
    assert sweep.table["seed"].tolist() == [4, 0, 3] * 3
    assert_each_model_is_its_own_run(sweep, epochs=6)


def test_a_stopped_part_raises_before_its_next_epoch():
    import threading

    model = xb.SimpleClassifier(num_hidden=2)
    group = xb.sweep._SizeGroup([2], [[model]], torch.device("cpu"))
    stop = threading.Event()
    stop.set()
    with pytest.raises(KeyboardInterrupt):
        xb.sweep._train_groups([group], TRAIN.data, TRAIN.label.float(), [torch.Generator()],
                               epochs=3, batch_size=128, lr=0.1, activation="tanh", stop=stop)


def test_an_interrupt_while_parts_train_stops_every_part(monkeypatch):
    stops, outcomes, threads, train_groups = [], [], [], xb.sweep._train_groups

    def recorded(*args, stop=None, **kwargs):
        stops.append(stop)
        threads.append(torch.get_num_threads())
        try:
            result = train_groups(*args, stop=stop, **kwargs)
        except KeyboardInterrupt:
            outcomes.append("stopped")
            raise
        outcomes.append("finished")
        return result

    def interrupted(*_args, **_kwargs):  # Ctrl-C arrives while the main thread waits
        raise KeyboardInterrupt

    monkeypatch.setattr(xb.sweep, "_train_groups", recorded)
    monkeypatch.setattr(xb.sweep, "wait", interrupted)
    monkeypatch.setattr(xb.sweep, "SMALL_WORK", 1)  # any work is split
    previous = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        with pytest.raises(KeyboardInterrupt):
            xb.sweep_hidden(sizes=(1, 2), seeds=(0, 1), train=TRAIN, test=TEST,
                            epochs=2000, device="cpu")
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(previous)
    # both parts, each on one torch thread, were told to stop, and stopped
    # before their 2,000 epochs were done
    assert threads == [1, 1]
    assert len(stops) == 2
    assert stops[0] is stops[1]
    assert stops[0].is_set()
    assert outcomes == ["stopped", "stopped"]
