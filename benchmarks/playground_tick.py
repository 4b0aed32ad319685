"""The playground's tick: what one frame of a training app costs on the Python side.

A tick (``_bridge.playground_tick``) trains 5 more epochs of the tutorial's
model (2 -> 4 tanh -> 1, 2,500 points, batch 128), recomputes the decision
grid at step 0.04 (50 x 50) and returns the history so far, the grid's
probabilities and colours and the network's weights as plain lists, the
one call R makes per frame. Measured in this one process, interleaved,
against one epoch of ``train_model`` (a fresh model each time) and against
the tick's own training (``Trainer.step(5)``); also the tick with each hidden
unit's activations (``neurons=True``). R's drawing comes on top: the whole
frame should stay within 150 ms, so this part well under 50 ms.

    python benchmarks/playground_tick.py
"""

from __future__ import annotations

import json

import xorbridge as xb
from common import alternate, medians
from xorbridge import _bridge

EPOCHS, STEP = 5, 0.04


def run(runs: int = 30) -> dict:
    train = xb.XORDataset(2500, seed=42)
    xb.set_seed(0)
    trainer = xb.Trainer(xb.SimpleClassifier(), train, seed=0, device="cpu")
    stepped = xb.Trainer(xb.SimpleClassifier(), train, seed=0, device="cpu")
    _bridge.playground_tick(trainer, EPOCHS, STEP, neurons=True)  # warm: first calls import

    def one_epoch() -> None:
        xb.train_model(xb.SimpleClassifier(), train, epochs=1, seed=0, device="cpu",
                       progress=False)

    times = alternate({
        "tick": lambda: _bridge.playground_tick(trainer, EPOCHS, STEP),
        "tick_with_neurons": lambda: _bridge.playground_tick(trainer, EPOCHS, STEP,
                                                             neurons=True),
        "step_5_epochs": lambda: stepped.step(EPOCHS),
        "train_model_1_epoch": one_epoch,
    }, runs)
    median = medians(times)
    return {
        "what": "playground tick (5 epochs + 50 x 50 grid + history + network), tutorial "
                "defaults, CPU",
        "seconds": times,
        "median_seconds": median,
        "median_tick_ms": 1000 * median["tick"],
        "ratios": {
            "tick_vs_train_model_epoch": median["tick"] / median["train_model_1_epoch"],
            "tick_vs_its_training": median["tick"] / median["step_5_epochs"],
            "tick_with_neurons_vs_tick": median["tick_with_neurons"] / median["tick"],
        },
    }


if __name__ == "__main__":
    result = run()
    print(json.dumps({key: value for key, value in result.items() if key != "seconds"},
                     indent=2))
