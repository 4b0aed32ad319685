"""Training speed: the tutorial's DataLoader loop against ``train_model``.

All train the tutorial's model (2 -> 4 tanh -> 1, SGD lr 0.1, batch 128,
2,500 points, 100 epochs) in this one process, interleaved, several times:
the tutorial's own loop at torch's default number of threads and at one
thread, ``train_model(engine="autograd")`` (the same five steps on tensors
already in memory) and the default fused engine.

The tutorial's loop is timed at one thread too because at the default it
swings with the machine's load (threads that spin waiting for each other on
operations this small): one thread is the steadier baseline, and the ratios
against both are reported.
"""

from __future__ import annotations

import statistics

import torch
from torch import nn
from torch.utils import data as torch_data

import xorbridge as xb
from common import alternate, medians


def tutorial_loop(model, dataset, epochs=100, batch_size=128, lr=0.1):
    """The tutorial's training loop, as it is written there (without the progress bar)."""
    device = torch.device("cpu")
    data_loader = torch_data.DataLoader(dataset, batch_size=batch_size, shuffle=True)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_module = nn.BCEWithLogitsLoss()
    model.train()
    for _ in range(epochs):
        for data_inputs, data_labels in data_loader:
            data_inputs = data_inputs.to(device)  # noqa: PLW2901 - the tutorial's own lines
            data_labels = data_labels.to(device)  # noqa: PLW2901
            preds = model(data_inputs)
            preds = preds.squeeze(dim=1)
            loss = loss_module(preds, data_labels.float())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()


def run(runs: int = 5) -> dict:
    train = xb.XORDataset(2500, seed=42)
    test = xb.XORDataset(500, seed=43)
    accuracy: dict[str, list[float]] = {"tutorial": [], "tutorial_1_thread": [], "autograd": [],
                                        "fused": []}

    def trainer(name):
        def go():
            xb.set_seed(len(accuracy[name]))
            model = xb.SimpleClassifier()
            if name == "tutorial":
                tutorial_loop(model, train)
            elif name == "tutorial_1_thread":
                threads = torch.get_num_threads()
                torch.set_num_threads(1)
                try:
                    tutorial_loop(model, train)
                finally:
                    torch.set_num_threads(threads)
            else:
                xb.train_model(model, train, seed=0, device="cpu", progress=False, engine=name)
            accuracy[name].append(xb.eval_model(model, test))
        return go

    times = alternate({name: trainer(name) for name in accuracy}, runs)
    median = medians(times)
    return {
        "what": "tutorial DataLoader loop (default threads and 1 thread) vs train_model, "
                "tutorial defaults, CPU",
        "threads": torch.get_num_threads(),
        "seconds": times,
        "median_seconds": median,
        "test_accuracy_median": {k: statistics.median(v) for k, v in accuracy.items()},
        "ratios": {
            "fused_vs_tutorial": median["tutorial"] / median["fused"],
            "fused_vs_tutorial_1_thread": median["tutorial_1_thread"] / median["fused"],
            "tutorial_default_vs_1_thread": median["tutorial"] / median["tutorial_1_thread"],
            "autograd_vs_tutorial": median["tutorial"] / median["autograd"],
            "fused_vs_autograd": median["autograd"] / median["fused"],
        },
    }
