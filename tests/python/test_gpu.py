"""GPU tests: run with `make gpu-check` on a machine with CUDA; skipped elsewhere."""

import numpy as np
import pytest
import torch

import xorbridge as xb

pytestmark = [
    pytest.mark.gpu,
    pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device"),
]


def test_auto_picks_cuda_and_device_info_describes_it():
    assert xb.pick_device("auto").type == "cuda"
    (gpu, *_) = xb.device_info()["gpus"]
    assert gpu["sm_count"] > 0
    assert gpu["memory_gib"] > 1
    assert gpu["peak_tflops"] is not None
    assert gpu["peak_tflops"] > 1


def test_training_on_the_gpu_reaches_99_percent():
    xb.set_seed(42)
    model = xb.SimpleClassifier()
    train = xb.XORDataset(2500, seed=42, device="cuda")
    history = xb.train_model(model, train, seed=42, device="cuda", progress=False)
    assert model.device.type == "cuda"
    assert len(history) == 100
    assert xb.eval_model(model, xb.XORDataset(500, seed=43)) >= 0.99


def test_gpu_training_is_repeatable_on_the_same_gpu():
    def run():
        xb.set_seed(7)
        model = xb.SimpleClassifier()
        xb.train_model(model, xb.XORDataset(1000, seed=1), epochs=10, seed=3, device="cuda",
                       progress=False)
        return {k: v.cpu() for k, v in model.state_dict().items()}

    first, second = run(), run()
    assert all(torch.equal(first[k], second[k]) for k in first)


def test_gpu_and_cpu_training_agree_closely():
    def run(device):
        xb.set_seed(7)
        model = xb.SimpleClassifier()
        xb.train_model(model, xb.XORDataset(1000, seed=1), epochs=10, seed=3, device=device,
                       progress=False)
        return {k: v.cpu() for k, v in model.state_dict().items()}

    cpu, gpu = run("cpu"), run("cuda")
    for name in cpu:
        torch.testing.assert_close(gpu[name], cpu[name], rtol=1e-3, atol=1e-4)


def test_a_checkpoint_saved_on_the_gpu_loads_on_the_cpu(tmp_path):
    xb.set_seed(1)
    model = xb.SimpleClassifier().to("cuda")
    path = xb.save_model(model, tmp_path / "gpu.pt")
    loaded = xb.load_model(path)
    assert loaded.device.type == "cpu"
    points = xb.XORDataset(50, seed=2).data
    np.testing.assert_allclose(xb.predict_proba(loaded, points),
                               xb.predict_proba(model, points), rtol=1e-5, atol=1e-6)
    assert xb.load_model(path, device="cuda").device.type == "cuda"


def test_benchmark_uses_cuda_events_and_reports_tf32():
    rows = xb.benchmark_matmul(size=2048, devices=["cpu", "cuda"], repeats=5, tf32=False)
    cpu, gpu = rows
    assert gpu["device"].startswith("cuda")
    assert gpu["tf32"] is False
    assert gpu["gflops"] > cpu["gflops"]
    assert 0 < gpu["fraction_of_peak"] < 1.5
    (tf32,) = xb.benchmark_matmul(size=2048, devices=["cuda"], repeats=5, tf32=True)
    assert tf32["tf32"] is True


def test_grid_on_the_gpu_matches_the_cpu():
    xb.set_seed(3)
    model = xb.SimpleClassifier()
    cpu = xb.decision_grid(model)
    gpu = xb.decision_grid(model.to("cuda"))
    np.testing.assert_allclose(gpu.prob, cpu.prob, atol=1e-5)
