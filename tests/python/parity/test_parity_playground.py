"""R draws the playground's figures as Python does (``autoplot(model, type = "neurons")``,
``training_snapshots()`` and its ``autoplot()``); a tick reaches R as plain columns."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_rgb

import xorbridge as xb

pytestmark = pytest.mark.rpy2

R_FIGURES = """
xorbridge::set_seed(3)
model <- xorbridge::simple_classifier(num_hidden = 3)
train <- xorbridge::xor_dataset(200, seed = 1)
xorbridge::train_model(model, train, epochs = 20, seed = 0, device = "cpu", progress = FALSE)
py_model <- xorbridge:::model_arg(model)
py_train <- xorbridge:::data_arg(train)
bridge <- xorbridge:::bridge()
neurons <- ggplot2::ggplot_build(xorbridge::autoplot(model, train, type = "neurons", step = 0.25))
snapshots <- xorbridge::training_snapshots(model, train, epochs = c(0, 5), seed = 0,
                                           device = "cpu")
built <- ggplot2::ggplot_build(xorbridge::autoplot(snapshots, train, step = 0.25))
trainer <- bridge$Trainer(py_model, py_train, seed = 0L, device = "cpu")
tick <- bridge$playground_tick(trainer, 5L, 0.5)
strips <- function(b) unname(unlist(b$plot$facet$params$labeller(b$layout$layout["column"])))
list(neuron_panels = strips(neurons),
     neuron_fill = neurons$data[[1]]$fill,
     neuron_texts = neurons$data[[3]]$label,
     snapshot_panels = strips(built),
     snapshot_fill = built$data[[1]]$fill,
     tick_epoch = tick$epoch, tick_loss = unlist(tick$history$columns$loss),
     tick_prob = unlist(tick$grid$prob), tick_shape = unlist(tick$grid$shape),
     tick_edges = unlist(tick$network$edges$weight))
"""


def _fills(fig):
    return np.concatenate([ax.images[0].get_array().reshape(-1, 4)[:, :3] for ax in fig.axes])


def test_r_draws_neurons_and_snapshots_and_reads_a_tick(r):
    from_r = r.run(R_FIGURES)
    xb.set_seed(3)
    model = xb.SimpleClassifier(num_hidden=3)
    train = xb.XORDataset(200, seed=1)
    xb.train_model(model, train, epochs=20, seed=0, device="cpu", progress=False)
    neurons = xb.plot_neurons(model, train, step=0.25)
    assert list(from_r["neuron_panels"]) == [ax.get_title() for ax in neurons.axes]
    r_fill = np.array([to_rgb(colour) for colour in from_r["neuron_fill"]])
    np.testing.assert_allclose(r_fill, _fills(neurons), atol=1 / 255)
    assert list(from_r["neuron_texts"]) == [ax.texts[0].get_text() for ax in neurons.axes]

    xb.set_seed(3)
    again = xb.SimpleClassifier(num_hidden=3)
    xb.train_model(again, train, epochs=20, seed=0, device="cpu", progress=False)
    snapshots = xb.training_snapshots(again, train, epochs=(0, 5), seed=0, device="cpu")
    figure = xb.plot_snapshots(snapshots, train, step=0.25)
    assert list(from_r["snapshot_panels"]) == ["epoch 0", "epoch 5"]
    r_fill = np.array([to_rgb(colour) for colour in from_r["snapshot_fill"]])
    np.testing.assert_allclose(r_fill, _fills(figure), atol=1 / 255)

    # the tick R received is the one Python computes for the same trainer
    trainer = xb.Trainer(again, train, seed=0, device="cpu")  # trained as R's model was
    history = trainer.step(5)
    assert from_r["tick_epoch"] == 5
    np.testing.assert_array_equal(from_r["tick_loss"], history.loss)
    np.testing.assert_array_equal(from_r["tick_shape"], [4, 4])
    np.testing.assert_array_equal(from_r["tick_prob"],
                                  xb.decision_grid(trainer.model, step=0.5).prob.ravel())
    assert len(from_r["tick_edges"]) == 3 * 2 + 3
