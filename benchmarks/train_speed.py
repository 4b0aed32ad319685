"""Training speed: the tutorial's DataLoader loop against ``train_model``.

Both train the tutorial's model (2 -> 4 tanh -> 1, SGD lr 0.1, batch 128, 2,500
points, 100 epochs) in this one process, alternating, several times; the
result is the ratio of the medians. Run: ``python benchmarks/train_speed.py``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import torch
from torch import nn
from torch.utils import data as torch_data

import xorbridge as xb


def tutorial_loop(model, dataset, epochs=100, batch_size=128, lr=0.1):
    """The tutorial's training loop, verbatim but for the progress bar."""
    device = torch.device("cpu")
    data_loader = torch_data.DataLoader(dataset, batch_size=batch_size, shuffle=True)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_module = nn.BCEWithLogitsLoss()
    model.train()
    for _ in range(epochs):
        for data_inputs, data_labels in data_loader:
            data_inputs = data_inputs.to(device)
            data_labels = data_labels.to(device)
            preds = model(data_inputs)
            preds = preds.squeeze(dim=1)
            loss = loss_module(preds, data_labels.float())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()


def time_once(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--out", type=Path, default=Path("out/bench"))
    args = parser.parse_args()

    train = xb.XORDataset(2500, seed=42)
    test = xb.XORDataset(500, seed=43)
    times = {"tutorial": [], "train_model": []}
    accuracy = {"tutorial": [], "train_model": []}
    for run in range(args.runs):
        for name in times:
            xb.set_seed(run)
            model = xb.SimpleClassifier()
            if name == "tutorial":
                seconds = time_once(lambda m=model: tutorial_loop(m, train, epochs=args.epochs))
            else:
                seconds = time_once(lambda m=model, s=run: xb.train_model(
                    m, train, epochs=args.epochs, seed=s, device="cpu", progress=False))
            times[name].append(seconds)
            accuracy[name].append(xb.eval_model(model, test))

    medians = {name: statistics.median(values) for name, values in times.items()}
    result = {
        "benchmark": "train_speed",
        "settings": {"points": 2500, "epochs": args.epochs, "batch_size": 128, "lr": 0.1,
                     "hidden": 4, "runs": args.runs, "threads": torch.get_num_threads()},
        "machine": xb.device_info()["cpu"]["model"],
        "seconds": times,
        "median_seconds": medians,
        "test_accuracy": accuracy,
        "speedup": medians["tutorial"] / medians["train_model"],
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "train_speed.json").write_text(json.dumps(result, indent=2) + "\n")
    print("| loop | median s | min s | max s | test accuracy (median) |")
    print("|---|---:|---:|---:|---:|")
    for name, values in times.items():
        print(f"| {name} | {medians[name]:.3f} | {min(values):.3f} | {max(values):.3f} | "
              f"{statistics.median(accuracy[name]):.3f} |")
    print(f"\ntrain_model is {result['speedup']:.2f}x faster than the tutorial's DataLoader "
          f"loop (ratio of medians over {args.runs} runs).")


if __name__ == "__main__":
    main()
