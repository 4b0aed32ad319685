import json
import subprocess
import sys

import pytest

import xorbridge as xb
import xorbridge.info as info_module
from xorbridge.cli import main
from xorbridge.info import format_device_info


def run(*args):
    return subprocess.run([sys.executable, "-m", "xorbridge", *args], capture_output=True,
                          text=True, timeout=300, check=False)


def test_info_json():
    result = run("info", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["torch"]


def test_info_text_is_the_report_of_the_facts_it_read(capsys, monkeypatch):
    read, real = [], info_module.device_info

    def device_info():
        read.append(real())
        return read[-1]

    monkeypatch.setattr(info_module, "device_info", device_info)
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert len(read) == 1
    assert out.splitlines() == format_device_info(read[0])
    assert "CPU:" in out
    assert "fp32 peak" in out


def test_bench_json(capsys):
    assert main(["bench", "--size", "64", "--repeats", "2", "--device", "cpu", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["device"] == "cpu"
    assert row["size"] == 64


def test_bad_input_is_a_short_error_not_a_traceback(capsys):
    assert main(["bench", "--size", "0"]) == 2
    err = capsys.readouterr().err
    assert "`size` must be a positive whole number" in err
    assert "Traceback" not in err


def test_version():
    result = run("--version")
    assert result.stdout.strip() == f"xorbridge {xb.__version__}"


@pytest.mark.slow
def test_tutorial_end_to_end(tmp_path):
    out = tmp_path / "tutorial"
    result = run("tutorial", "--out", str(out), "--epochs", "100", "--bench-size", "256",
                 "--bench-repeats", "2")
    assert result.returncode == 0, result.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["test_accuracy"] >= 0.99
    assert summary["checkpoint"]["identical_predictions"] is True
    assert [row["num_hidden"] for row in summary["hidden_sizes"]] == [1, 2, 4]
    assert len(summary["training"]["loss"]) == 100
    for name in ("samples.png", "history.png", "boundary.png", "hidden_sizes.png", "summary.md",
                 "model.pt"):
        assert (out / name).stat().st_size > 0, name
    assert (out / "samples.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "test accuracy: 100.00%" in result.stdout or "test accuracy: 99" in result.stdout


def test_the_tutorial_checks_every_argument_before_it_writes_anything(tmp_path, capsys):
    out = tmp_path / "tutorial"
    assert main(["tutorial", "--out", str(out), "--epochs", "0"]) == 2
    assert "`epochs` must be a positive whole number, not 0." in capsys.readouterr().err
    assert not out.exists()
