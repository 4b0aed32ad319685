"""The R playground (``xorbridge::playground()``), run by R and used in headless Chromium.

``make test-app`` runs this file with ``XORBRIDGE_APP_TEST=1``: it starts the
app with ``Rscript`` on a free port of 127.0.0.1 (the R package from
``R_LIBS``, Python from ``RETICULATE_PYTHON``), waits until it answers, then
presses its buttons and types into its boxes as a learner would. Screenshots
go to out/playground/. A plain ``pytest`` run does not collect this file
(conftest.py leaves it out); with the variable set, nothing is skipped.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chromium import headless_chromium

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "out" / "playground"
READY_SECONDS = 180  # R, reticulate and torch starting on a busy machine
WAIT_SECONDS = 120

if not os.environ.get("XORBRIDGE_APP_TEST"):  # conftest.py leaves this file out then
    raise RuntimeError("the playground's browser test runs in `make test-app`, which sets "
                       "XORBRIDGE_APP_TEST=1")

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def app() -> Iterator[str]:
    """The app's address, once it answers."""
    port = _free_port()
    code = (f"shiny::runApp(xorbridge::playground(), host = '127.0.0.1', port = {port}, "
            f"launch.browser = FALSE)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    log = SHOTS / "app.log"  # what R printed
    with log.open("w") as out:
        process = subprocess.Popen(["Rscript", "-e", code], stdout=out, stderr=subprocess.STDOUT,
                                   cwd=ROOT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + READY_SECONDS
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"the app stopped (status {process.returncode}):\n{log.read_text()}")
            try:
                with urllib.request.urlopen(url, timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the app did not answer on {url}:\n{log.read_text()}")
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium, driven through Debian's chromedriver (as in test_site.py)."""
    driver = headless_chromium("1400,1000")
    yield driver
    driver.quit()


def _wait(driver: Any, condition: Any, what: str) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.2).until(
        lambda _: condition(), message=what)


def _status(driver: Any) -> str:
    return str(driver.find_element("id", "status").text)


def _epoch(driver: Any) -> int:
    found = re.match(r"epoch (\d+) ·", _status(driver))
    return int(found.group(1)) if found else 0


def _settled(driver: Any) -> bool:
    before = _status(driver)
    time.sleep(1)
    return _status(driver) == before


def _last(driver: Any, name: str) -> float:
    found = re.search(rf"(?:^|· ){name} ([0-9.]+)", _status(driver))
    assert found, _status(driver)
    return float(found.group(1))


def _image(driver: Any, output: str) -> str:
    images = driver.find_elements("css selector", f"#{output} img")
    return str(images[0].get_attribute("src")) if images else ""


def _open(driver: Any, url: str) -> None:
    driver.get(url)
    _wait(driver, lambda: _status(driver) and _image(driver, "boundary"), "the first frame")


def _press(driver: Any, button: str) -> None:
    driver.find_element("id", button).click()


def _type(driver: Any, box: str, text: str) -> None:
    element = driver.find_element("id", box)
    element.clear()
    element.send_keys(text)


def test_step_trains_and_redraws(app, browser):
    _open(browser, app)
    before = _image(browser, "boundary")
    _press(browser, "step")
    _wait(browser, lambda: _epoch(browser) == 5, "epoch 5")
    _wait(browser, lambda: _image(browser, "boundary") != before, "a new boundary")
    loss = _last(browser, "loss")
    _press(browser, "step")
    _wait(browser, lambda: _epoch(browser) == 10, "epoch 10")
    assert _last(browser, "loss") < loss
    for output in ("history", "neurons", "network"):
        assert _image(browser, output).startswith("data:image/png")
    browser.save_screenshot(str(SHOTS / "step.png"))


def test_one_hidden_unit_stays_near_three_quarters(app, browser):
    _open(browser, app + "?hidden=1")
    _press(browser, "play")
    _wait(browser, lambda: _epoch(browser) >= 60, "60 epochs of play")
    _press(browser, "pause")
    _wait(browser, lambda: _settled(browser), "no tick after pause")  # one under way may end
    paused = _epoch(browser)
    time.sleep(2)
    assert _epoch(browser) == paused
    assert 0.6 < _last(browser, "accuracy") < 0.8
    browser.save_screenshot(str(SHOTS / "hidden-1.png"))


def test_a_bookmarked_address_restores_the_setting(app, browser):
    _open(browser, app + "?hidden=2&seed=40")
    assert browser.find_element("id", "seed").get_attribute("value") == "40"
    assert browser.find_element("id", "hidden").get_attribute("value") == "2"
    # the address then holds the whole setting, as Shiny bookmarks it
    _wait(browser, lambda: "_inputs_" in browser.current_url, "the bookmark in the address")
    bookmark = browser.current_url
    assert "seed=40" in bookmark
    _open(browser, bookmark)
    assert browser.find_element("id", "seed").get_attribute("value") == "40"
    assert browser.find_element("id", "hidden").get_attribute("value") == "2"
    browser.save_screenshot(str(SHOTS / "bookmark.png"))


def test_a_bad_value_shows_pythons_message_and_the_app_goes_on(app, browser):
    _open(browser, app)
    _type(browser, "lr", "500")
    _wait(browser, lambda: "`lr` must be" in browser.find_element("id", "message").text,
          "the message about lr")
    browser.save_screenshot(str(SHOTS / "bad-lr.png"))
    _type(browser, "lr", "0.5")
    _wait(browser, lambda: browser.find_element("id", "message").text == "", "no message")
    _press(browser, "step")
    _wait(browser, lambda: _epoch(browser) == 5, "epoch 5 after the bad value")
