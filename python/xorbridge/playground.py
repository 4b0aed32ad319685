"""A training playground: one setting trained a few epochs at a time, drawn frame by frame.

R's ``playground()`` (a 'shiny' app) is a page over this module: a
``Playground`` holds one setting's ``Trainer``, its training and test points,
and its four panels, which it draws in the tutorial's look into PNG files:

- ``"boundary"``: the decision boundary over the tutorial's plane, as
  ``plot_boundary`` blends it, with the training points;
- ``"history"``: the training loss, and the training and test accuracy, per epoch;
- ``"neurons"``: each hidden unit's activation on the plane, then the output,
  coloured as ``plot_neurons`` colours them;
- ``"network"``: the network, each weight a line coloured by its sign (C1
  positive, C0 negative) and as wide as its size against the largest.

A frame redraws only what moves (images, points, lines): the axes, ticks
and titles are drawn once per panel size (and again when the history's
axes must grow), so a frame costs a few milliseconds a panel.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from . import _validate
from .budget import model_width
from .data import XORDataset
from .evaluate import _check_model
from .fused import small_work_threads
from .grid import _axis_count, blend_colours, decision_grid
from .model import ACTIVATIONS, SimpleClassifier
from .seed import set_seed
from .train import MAX_EPOCHS, share
from .trainer import Trainer

PLANE = (-0.5, 1.5)  # the tutorial's plane, both axes
#: The settings, in the page's order.
IDS = ("hidden", "activation", "lr", "batch_size", "noise", "n_train", "seed")
#: The hidden sizes offered (the per-neuron maps stay readable).
HIDDEN = (1, 8)
#: The panels a frame draws, by name, in the page's order: the columns each
#: takes of the page's 12 (two rows of 12) and its height in page pixels.
PANELS = {"boundary": (5, 360), "history": (7, 360), "neurons": (8, 200), "network": (4, 200)}
GRID_STEP = 0.04  # a 50 x 50 grid over the plane
EPOCHS_A_FRAME = 5
CSS_DPI = 100  # a panel of w x h page pixels is w/100 x h/100 inches
MAX_SIDE = 4000  # page pixels, either side of a panel


def settings(query: Any = None) -> dict[str, Any]:
    """What the page offers: the inputs' ``ids``, their ``start`` values, the
    ``activations``, the ``hidden`` range, and the ``panels`` (``columns`` and
    ``height`` of each, as ``PANELS``).

    The start values are the walkthrough's, or those of ``query``, the page
    address's ``?hidden=2&seed=40`` as a mapping of names to strings: a
    number box gets the number, or ``None`` where the text is none (the box
    shows it empty, and the frame Python's message); the hidden-units slider
    keeps its start then. Names that are no setting are left alone.
    """
    from .tutorial import TutorialConfig

    config = TutorialConfig()
    start: dict[str, Any] = {
        "hidden": config.num_hidden, "activation": next(iter(ACTIVATIONS)), "lr": config.lr,
        "batch_size": config.batch_size, "noise": config.std, "n_train": config.train_size,
        "seed": config.seed}
    for name, text in (dict(query) if isinstance(query, Mapping) else {}).items():
        if name not in start:
            continue
        if name == "activation":
            start[name] = str(text)
            continue
        try:
            number: float | None = float(text)
        except (TypeError, ValueError):
            number = None
        if name != "hidden" or (number is not None and math.isfinite(number)):
            start[name] = number
    return {"ids": list(IDS), "start": start, "activations": list(ACTIVATIONS),
            "hidden": list(HIDDEN),
            "panels": {name: {"columns": columns, "height": height}
                       for name, (columns, height) in PANELS.items()}}


def status(trainer: Trainer) -> str:
    """The frame's line: "epoch 5 · loss 0.6931 · accuracy 0.512 · test accuracy 0.500"."""
    history = trainer.history
    if not history.epoch:
        return "epoch 0 · not trained yet"
    parts = [f"epoch {history.epoch[-1]}", f"loss {history.loss[-1]:.4f}",
             f"accuracy {share(history.accuracy[-1])}"]
    if history.test_accuracy:
        parts.append(f"test accuracy {share(history.test_accuracy[-1])}")
    return " · ".join(parts)


def network_columns(model: Any, style: str = "darkgrid") -> dict[str, Any] | None:
    """A ``SimpleClassifier`` as a network diagram: ``nodes`` and ``edges`` as columns.

    ``nodes``: one row per unit, inputs first (``x1``, ``x2``), then the hidden
    units (``h1``, ...), then the output (``out``): its ``id``, ``layer`` (0
    input, 1 hidden, 2 output), ``label`` (``"x1"``, ``"hidden 1"``,
    ``"output"``), place ``x`` (the layer) and ``y`` (the layer's units spread
    over [-1, 1], first on top; 0 for a layer of one) and ``bias`` (``NaN``
    for inputs). ``edges``: one row per weight, ``from`` and ``to`` (node
    ids), ``weight``, its ``colour`` (the look's C1 where positive, C0 where
    negative, as ``plot_neurons`` colours activations) and line ``width`` in
    points (0.5 to 4, proportional to the weight's size against the
    largest). ``None`` for a model other than a ``SimpleClassifier``.
    """
    from .look import PALETTES, STYLE_NAMES  # matplotlib, imported when drawn

    palette = PALETTES[_validate.choice("style", style, STYLE_NAMES)]
    model = _check_model(model)
    if not isinstance(model, SimpleClassifier):
        return None
    hidden = model.num_hidden
    first = model.linear1.weight.detach().cpu().double()  # (H, 2)
    second = model.linear2.weight.detach().cpu().double()[0]  # (H,)
    layers = [["x1", "x2"], [f"h{unit}" for unit in range(1, hidden + 1)], ["out"]]
    labels = [["x1", "x2"], [f"hidden {unit}" for unit in range(1, hidden + 1)], ["output"]]
    biases = [[math.nan, math.nan], model.linear1.bias.detach().cpu().double().tolist(),
              model.linear2.bias.detach().cpu().double().tolist()]
    nodes: dict[str, list[Any]] = {"id": [], "layer": [], "label": [], "x": [], "y": [],
                                   "bias": []}
    for layer, (ids, names, bias) in enumerate(zip(layers, labels, biases, strict=True)):
        count = len(ids)
        for index in range(count):
            nodes["id"].append(ids[index])
            nodes["layer"].append(layer)
            nodes["label"].append(names[index])
            nodes["x"].append(float(layer))
            nodes["y"].append(1.0 - 2.0 * index / (count - 1) if count > 1 else 0.0)
            nodes["bias"].append(float(bias[index]))
    edges: dict[str, list[Any]] = {"from": [], "to": [], "weight": []}
    for unit in range(hidden):
        for source in range(2):
            edges["from"].append(layers[0][source])
            edges["to"].append(layers[1][unit])
            edges["weight"].append(float(first[unit, source]))
    for unit in range(hidden):
        edges["from"].append(layers[1][unit])
        edges["to"].append("out")
        edges["weight"].append(float(second[unit]))
    largest = max(abs(weight) for weight in edges["weight"]) or 1.0
    edges["colour"] = [palette[1] if weight > 0 else palette[0] for weight in edges["weight"]]
    edges["width"] = [0.5 + 3.5 * abs(weight) / largest for weight in edges["weight"]]
    return {"nodes": nodes, "edges": edges}


class Playground:
    """One setting: a new ``SimpleClassifier`` from ``seed``, ``n_train`` training
    points with noise ``noise`` (seed ``seed``), the walkthrough's test set
    (its ``test_size`` points, seed + 1), trained on the CPU (this tiny model
    trains faster there) by a ``Trainer``. Each value is checked by the
    function that uses it, the hidden size against ``HIDDEN`` first."""

    def __init__(self, hidden: Any, activation: Any, lr: Any, batch_size: Any, noise: Any,
                 n_train: Any, seed: Any, style: Any = "darkgrid") -> None:
        from .look import STYLE_NAMES
        from .tutorial import TutorialConfig

        hidden = _validate.positive_int("hidden", hidden, maximum=HIDDEN[1])
        seed = _validate.seed("seed", seed, allow_none=False)
        self.style = _validate.choice("style", style, STYLE_NAMES)
        set_seed(seed)
        self.model = SimpleClassifier(num_hidden=hidden, activation=activation)
        self.train = XORDataset(n_train, std=noise, seed=seed)
        self.test = XORDataset(TutorialConfig().test_size, std=noise, seed=seed + 1)
        self.trainer = Trainer(self.model, self.train, batch_size=batch_size, lr=lr, seed=seed,
                               device="cpu", test=self.test)
        self._panels: dict[str, tuple[tuple[float, ...], _Panel]] = {}
        self._files: list[str] = []  # the last frame's, removed when the next is drawn

    def frame(self, epochs: Any = EPOCHS_A_FRAME, sizes: Any = None, ratio: Any = 1.0,
              directory: Any = None) -> dict[str, Any]:
        """Train ``epochs`` more (0: redraw only), then draw each panel named in
        ``sizes`` (a mapping of panel names to ``[width, height]`` in page pixels)
        (any positive numbers up to ``MAX_SIDE``) at ``ratio`` device pixels a
        page pixel, each into a new PNG file in
        ``directory`` (default: the system's temporary folder); the files of
        the frame before are removed then. Returns the ``epoch``, the
        ``status`` line and the ``files``, by panel name."""
        epochs = _validate.whole_number("epochs", epochs, minimum=0, maximum=MAX_EPOCHS)
        wanted = _check_sizes(sizes)
        ratio = _validate.finite_number("ratio", ratio, minimum=0.5, maximum=4.0)
        folder = Path(tempfile.gettempdir() if directory is None else directory)
        if not folder.is_dir():
            raise ValueError(f"`directory` must be an existing folder, not {str(folder)!r}.")
        if epochs:
            self.trainer.step(epochs)
        files: dict[str, str] = {}
        if wanted:
            arrays = frame_images(self.model, self.trainer.device, style=self.style,
                                  neurons="neurons" in wanted)
            for name, (width, height) in wanted.items():
                key = (width, height, ratio)  # a new size or ratio: a new figure
                cached = self._panels.get(name)
                if cached is None or cached[0] != key:
                    cached = (key, _PANEL_KINDS[name](self, width, height, ratio))
                    self._panels[name] = cached
                with tempfile.NamedTemporaryFile(dir=folder, prefix=f"{name}-", suffix=".png",
                                                 delete=False) as file:
                    cached[1].draw(arrays, file)
                files[name] = file.name
        for old in self._files:
            Path(old).unlink(missing_ok=True)
        self._files = list(files.values())
        return {"epoch": self.trainer.epoch, "status": status(self.trainer), "files": files}


def frame_images(model: Any, device: Any, step: float = GRID_STEP, style: str = "darkgrid",
                 neurons: bool = True) -> dict[str, Any]:
    """What a frame shows of ``model`` over the tutorial's plane, computed once.

    ``grid``: the ``DecisionGrid`` at ``step``; ``boundary``: its RGBA image,
    blended as ``plot_boundary`` blends it; with ``neurons`` and a
    ``SimpleClassifier``, ``values`` (each hidden unit's activation, ``(H, n2,
    n1)``), ``range`` (``(centre, half_width)`` of the colour scale) and
    ``units`` (their RGBA images, coloured as ``plot_neurons`` colours them);
    else ``None``, ``None`` and ``[]``.
    """
    from .look import PALETTES
    from .plot import activation_colours, activation_range, neuron_activations, neutral_colour

    palette = PALETTES[style]
    points = _axis_count(*PLANE, step) ** 2
    # tiny work runs fastest on one thread (on a busy machine, 10x faster than on two)
    with small_work_threads(device, int(points * model_width(model))):
        grid = decision_grid(model, step=step)
        values = neuron_activations(model, grid) if neurons and isinstance(
            model, SimpleClassifier) else None  # (H, n2, n1)
    images: dict[str, Any] = {"grid": grid,
                              "boundary": blend_colours(grid.prob, palette[0], palette[1]),
                              "values": values, "range": None, "units": []}
    if values is not None:
        centre, half_width = activation_range(model, values)
        images["range"] = (centre, half_width)
        images["units"] = [activation_colours(unit, centre, half_width, palette[0], palette[1],
                                              neutral_colour(style)) for unit in values]
    return images


def _check_sizes(sizes: Any) -> dict[str, tuple[float, ...]]:
    if sizes is None:
        return {}
    if not isinstance(sizes, Mapping):
        raise TypeError("`sizes` must map panel names to [width, height] in page pixels, not "
                        f"{type(sizes).__name__}.")
    checked: dict[str, tuple[float, ...]] = {}
    for given, size in sizes.items():
        name = _validate.choice("sizes", given, list(PANELS))
        if isinstance(size, (str, bytes)) or not isinstance(size, Sequence) or len(size) != 2:
            raise TypeError(f"`sizes${name}` must be [width, height] in page pixels, not "
                            f"{_validate.show(size)}.")
        checked[name] = tuple(_validate.finite_number(f"sizes${name} {side}", value,
                                                      minimum=0.0, strict_minimum=True,
                                                      maximum=MAX_SIDE)
                              for side, value in zip(("width", "height"), size, strict=True))
    return checked


class _Panel:
    """A figure drawn in parts: what stays (axes, ticks, titles), drawn once and
    kept as a background; what moves (``moving``), drawn over it every frame; and
    what stays but lies on top of what moves (``above``, the training points, the
    network's units), drawn once into a transparent layer laid over each frame."""

    layout: str | None = "constrained"

    def __init__(self, playground: Playground, width: float, height: float,
                 ratio: float) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        from .look import EDGE_COLOUR, PALETTES, StyledFigure, style_context

        self.playground = playground
        self.edge = EDGE_COLOUR
        # whole device pixels: a page of 407.5 pixels at ratio 2 gets 815
        self.figure = StyledFigure(figsize=(round(width * ratio) / (CSS_DPI * ratio),
                                            round(height * ratio) / (CSS_DPI * ratio)),
                                   dpi=CSS_DPI * ratio, style=playground.style,
                                   layout=self.layout)
        self.canvas: Any = FigureCanvasAgg(self.figure)  # Agg: untyped in matplotlib
        self.palette = PALETTES[playground.style]
        self.moving: list[Any] = []
        self.above: list[Any] = []
        self._background: Any = None
        self._above: np.ndarray | None = None  # (h, w, 4) uint8
        with style_context(playground.style):  # artists take their look when made
            self.build()
        for artist in [*self.moving, *self.above]:
            artist.set_animated(True)  # left out of the background

    def build(self) -> None:
        raise NotImplementedError

    def update(self, arrays: dict[str, Any]) -> bool:
        """Set the moving artists to this frame; True where the still part changed too."""
        raise NotImplementedError

    def draw(self, arrays: dict[str, Any], file: Any) -> None:
        from PIL import Image

        from .look import style_context

        canvas = self.canvas
        with style_context(self.playground.style):
            if self.update(arrays) or self._background is None:
                canvas.draw()
                self._background = canvas.copy_from_bbox(self.figure.bbox)
                canvas.get_renderer().clear()  # transparent: the layer on top alone
                for artist in self.above:
                    self.figure.draw_artist(artist)
                self._above = np.array(canvas.buffer_rgba()) if self.above else None
            canvas.restore_region(self._background)
            for artist in self.moving:
                self.figure.draw_artist(artist)
        pixels = np.asarray(canvas.buffer_rgba())[..., :3]
        if self._above is not None:  # laid over the frame by its alpha (Agg's is straight)
            alpha = self._above[..., 3:] / np.float32(255)
            pixels = (self._above[..., :3] * alpha + pixels * (1 - alpha) + 0.5).astype(np.uint8)
        Image.fromarray(pixels).save(file, format="PNG", compress_level=1)


class _Boundary(_Panel):
    def build(self) -> None:
        ax = self.figure.add_subplot()
        data = self.playground.train
        points, labels = data.data.cpu().numpy(), data.label.cpu().numpy()
        self.image = ax.imshow(np.zeros((2, 2, 4)), origin="lower", interpolation="nearest",
                               extent=(PLANE[0], PLANE[1], PLANE[0], PLANE[1]))
        self.points = ax.scatter(points[:, 0], points[:, 1], s=7.0, linewidths=0.4,
                                 color=[self.palette[int(label)] for label in labels],
                                 edgecolor=self.edge)
        ax.grid(False)
        ax.set(xlabel=r"$x_1$", ylabel=r"$x_2$", title="Decision boundary")
        self.moving, self.above = [self.image], [self.points]
        self._extent: Any = None

    def update(self, arrays: dict[str, Any]) -> bool:
        self.image.set_data(arrays["boundary"])
        extent = tuple(arrays["grid"].extent)
        changed = bool(extent != self._extent)
        if changed:
            self.image.set_extent(extent)
            self.image.axes.set(xlim=extent[:2], ylim=extent[2:])
            self._extent = extent
        return changed


def _nice_ceiling(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten at least ``value``."""
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


class _History(_Panel):
    def build(self) -> None:
        left, right = self.figure.subplots(1, 2)
        self.loss, = left.plot([], [], color=self.palette[0])
        self.train_line, = right.plot([], [], color=self.palette[1], label="training")
        self.test_line, = right.plot([], [], color=self.palette[2], label="test")
        left.set(title="Training loss", xlabel="Epoch", ylabel="Mean BCE loss")
        right.set(title="Accuracy", xlabel="Epoch", ylim=(0.0, 1.02))
        right.legend(loc="lower right")
        self.axes = (left, right)
        self.moving = [self.loss, self.train_line, self.test_line]
        self._limits: Any = None

    def update(self, _arrays: dict[str, Any]) -> bool:
        history = self.playground.trainer.history
        epoch = history.epoch
        self.loss.set_data(epoch, history.loss)
        self.train_line.set_data(epoch, history.accuracy)
        self.test_line.set_data(epoch, history.test_accuracy or [])
        limits = (_nice_ceiling(max(10, len(epoch))),
                  _nice_ceiling(max(history.loss)) if epoch else 1.0)
        if limits == self._limits:
            return False
        self._limits = limits
        left, right = self.axes
        left.set(xlim=(0, limits[0]), ylim=(0, limits[1]))
        right.set_xlim(0, limits[0])
        return True


class _Neurons(_Panel):
    def build(self) -> None:
        hidden = self.playground.model.num_hidden
        axes = self.figure.subplots(1, hidden + 1, squeeze=False)[0]
        self.images = []
        for index, ax in enumerate(axes):
            self.images.append(ax.imshow(np.zeros((2, 2, 4)), origin="lower",
                                         interpolation="nearest",
                                         extent=(PLANE[0], PLANE[1], PLANE[0], PLANE[1])))
            ax.set_title(f"hidden {index + 1}" if index < hidden else "output", fontsize=10)
            ax.set(xticks=[], yticks=[])
            ax.grid(False)
        self.moving = list(self.images)
        self._extent: Any = None

    def update(self, arrays: dict[str, Any]) -> bool:
        for image, rgba in zip(self.images, [*arrays["units"], arrays["boundary"]], strict=True):
            image.set_data(rgba)
        extent = tuple(arrays["grid"].extent)
        changed = bool(extent != self._extent)
        if changed:
            for image in self.images:
                image.set_extent(extent)
                image.axes.set(xlim=extent[:2], ylim=extent[2:])
            self._extent = extent
        return changed


class _Network(_Panel):
    layout = None  # one axes over the whole figure
    def build(self) -> None:
        from matplotlib.collections import LineCollection

        ax = self.figure.add_axes((0.0, 0.0, 1.0, 1.0))
        ax.set_axis_off()
        ax.set(xlim=(-0.3, 2.3), ylim=(-1.25, 1.25))
        network = network_columns(self.playground.model, self.playground.style)
        assert network is not None  # a Playground's model is a SimpleClassifier
        nodes = network["nodes"]
        place = {node: (x, y) for node, x, y in zip(nodes["id"], nodes["x"], nodes["y"],
                                                    strict=True)}
        self.ends = [(place[a], place[b]) for a, b in zip(network["edges"]["from"],
                                                          network["edges"]["to"], strict=True)]
        self.edges = LineCollection(self.ends)
        ax.add_collection(self.edges)
        self.nodes = ax.scatter(nodes["x"], nodes["y"], s=260.0, color="white",
                                edgecolor=self.edge, linewidths=1.0, zorder=3)
        self.labels = [ax.text(x, y, node, ha="center", va="center", fontsize=7, zorder=4)
                       for node, (x, y) in place.items()]
        self.moving, self.above = [self.edges], [self.nodes, *self.labels]

    def update(self, _arrays: dict[str, Any]) -> bool:
        network = network_columns(self.playground.model, self.playground.style)
        assert network is not None
        self.edges.set_colors(network["edges"]["colour"])
        self.edges.set_linewidth(network["edges"]["width"])
        return False


_PANEL_KINDS: dict[str, type[_Panel]] = {"boundary": _Boundary, "history": _History,
                                         "neurons": _Neurons, "network": _Network}
