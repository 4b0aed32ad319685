"""The website and the rendered vignettes, page by page, in headless Chromium.

``make test-site`` builds the website (``make site``: pkgdown, into
out/site/) and renders the vignettes (out/vignettes/), then runs this file
with ``XORBRIDGE_SITE`` and ``XORBRIDGE_VIGNETTES`` naming the two folders.
Every HTML page is opened from disk in headless Chromium (Debian's
``chromium`` and ``chromium-driver``, driven by selenium), as a reader
without a network would open it, and fails on

- a browser console message of level SEVERE (a script error, a resource
  that did not load);
- an image that did not load (``naturalWidth`` 0);
- a local link to a file that does not exist or lies outside the folder, or
  to a ``#fragment`` that is no id of the target page;
- a local stylesheet, script or other resource that does not exist, and any
  resource fetched from the network: the pages must work offline;
- a formula left as TeX.

Links to other sites are not followed: they are listed as external at the
end. The site must also hold a reference page for every export, every
non-internal help topic in the reference index, every vignette as an
article, the news and the README's images on the home page. A page made
here with one problem of each kind checks the checks.

A plain ``pytest`` run does not collect this file (conftest.py leaves it out
unless ``XORBRIDGE_SITE`` is set: it needs the built pages and Chromium,
which ``make test-site`` provides); with it set, a folder that is missing
fails, it is never skipped.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import pytest

from chromium import headless_chromium

ROOT = Path(__file__).resolve().parents[2]
SITE_VARIABLE = "XORBRIDGE_SITE"
VIGNETTES_VARIABLE = "XORBRIDGE_VIGNETTES"

if not os.environ.get(SITE_VARIABLE):  # conftest.py leaves this file out then
    raise RuntimeError(f"the website's browser test runs in `make test-site`, which sets "
                       f"{SITE_VARIABLE}")

SITE = Path(os.environ[SITE_VARIABLE])
FOLDERS = [SITE] + ([Path(os.environ[VIGNETTES_VARIABLE])]
                    if os.environ.get(VIGNETTES_VARIABLE) else [])
PAGES = [page for folder in FOLDERS if folder.is_dir() for page in sorted(folder.rglob("*.html"))]

pytestmark = pytest.mark.slow

# What the page shows once loaded: its images, links, resources, ids and any
# formula still written in TeX.
INSPECT = """
const urls = (selector, attribute) => Array.from(document.querySelectorAll(selector))
  .map(element => ({tag: element.tagName.toLowerCase(), url: element[attribute]}))
  .filter(resource => resource.url);
return {
  images: Array.from(document.images).map(img => ({
    src: img.getAttribute("src") || "", loaded: img.complete && img.naturalWidth > 0})),
  links: Array.from(document.querySelectorAll("a[href]")).map(a => a.href),
  resources: [].concat(
    urls("link[href]:not([rel~=canonical]):not([rel~=alternate])", "href"),
    urls("script[src]", "src"), urls("iframe[src]", "src"), urls("source[src]", "src"),
    urls("video[src]", "src"), urls("audio[src]", "src"), urls("embed[src]", "src"),
    urls("object[data]", "data")),
  ids: Array.from(document.querySelectorAll("[id]")).map(element => element.id)
    .concat(Array.from(document.querySelectorAll("a[name]")).map(a => a.name)),
  tex: Array.from(document.querySelectorAll(".math"))
    .filter(math => !math.querySelector("math") && /^\\s*\\\\[[(]/.test(math.textContent))
    .map(math => math.textContent.trim().slice(0, 60)),
};
"""
ALL_IMAGES_DONE = "return Array.from(document.images).every(img => img.complete);"


class _Ids(HTMLParser):
    """The ids (and <a name>) of a page, read from its file."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "id" or (tag == "a" and name == "name")):
                self.ids.add(value)


_ids_cache: dict[Path, set[str]] = {}


def ids_of(page: Path) -> set[str]:
    if page not in _ids_cache:
        parser = _Ids()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        _ids_cache[page] = parser.ids
    return _ids_cache[page]


def local_target(url: str) -> tuple[Path, str] | None:
    """The file and the fragment a file: URL points to; None for any other scheme."""
    parts = urlsplit(url)
    if parts.scheme != "file":
        return None
    return Path(url2pathname(parts.path)), unquote(parts.fragment)


def label(path: Path) -> str:
    for folder in FOLDERS:
        if path.is_relative_to(folder.resolve()):
            return str(folder / path.relative_to(folder.resolve()))
    return str(path)


def link_problems(url: str, page: Path, root: Path, page_ids: set[str]) -> list[str]:
    target = local_target(url)
    if target is None:
        return []
    path, fragment = target
    if not path.is_relative_to(root):
        return [f"link to {path}, outside {label(root)}"]
    if path.is_dir():
        path /= "index.html"
    if not path.is_file():
        return [f"broken link: {label(path)} does not exist"]
    if fragment and path.suffix == ".html":
        ids = page_ids if path == page else ids_of(path)
        if fragment not in ids:
            return [f"broken link: {label(path)} has no id {fragment!r}"]
    return []


@pytest.fixture(scope="session")
def browser() -> Any:
    """Headless Chromium, driven through Debian's chromedriver."""
    driver = headless_chromium("1200,900", console_log=True)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def external(request: pytest.FixtureRequest) -> Any:
    """Links to other sites, counted by host and listed after the tests."""
    hosts: Counter[str] = Counter()
    yield hosts
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    if reporter is None or capture is None or not hosts:
        return
    with capture.global_and_fixture_disabled():
        reporter.write("\n")
        reporter.write_sep("-", f"external links, not followed: {sum(hosts.values())} to "
                                f"{len(hosts)} hosts")
        for host, count in hosts.most_common():
            reporter.write_line(f"  {count:5d}  {host}")


def inspect(driver: Any, page: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Load a page; what it shows and what the browser's console said meanwhile."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get_log("browser")  # what earlier pages left
    driver.get(page.resolve().as_uri())
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(ALL_IMAGES_DONE))
    shown = driver.execute_script(INSPECT)
    return shown, driver.get_log("browser")


@pytest.mark.parametrize("folder", FOLDERS, ids=str)
def test_folder_is_built(folder: Path) -> None:
    assert folder.is_dir(), f"{folder} is missing: `make test-site` builds it"
    assert any(folder.glob("*.html")), f"no HTML pages in {folder}"


def page_problems(driver: Any, page: Path, root: Path, hosts: Counter[str]) -> list[str]:
    """Everything wrong with one page of the folder ``root``; its external links go to hosts."""
    shown, console = inspect(driver, page)
    problems = [f"console: {entry['message']}" for entry in console
                if entry.get("level") == "SEVERE"]
    problems += [f"image not shown: {image['src'][:100]}" for image in shown["images"]
                 if not image["loaded"]]
    page_ids = set(shown["ids"])
    for url in shown["links"]:
        if urlsplit(url).scheme in {"http", "https"}:
            hosts[urlsplit(url).netloc] += 1
        problems += link_problems(url, page.resolve(), root.resolve(), page_ids)
    for resource in shown["resources"]:
        url = resource["url"]
        target = local_target(url)
        if target is None:
            if urlsplit(url).scheme in {"http", "https"}:
                problems.append(f"<{resource['tag']}> loads {url} from the network")
        elif not target[0].is_file():
            problems.append(f"<{resource['tag']}>: {label(target[0])} does not exist")
    problems += [f"formula left as TeX: {tex}" for tex in shown["tex"]]
    return problems


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page(page: Path, browser: Any, external: Counter[str]) -> None:
    root = next(folder for folder in FOLDERS if page.is_relative_to(folder))
    problems = page_problems(browser, page, root, external)
    assert not problems, f"{page}:\n  " + "\n  ".join(problems)


def test_each_kind_of_problem_is_found(tmp_path: Path, browser: Any) -> None:
    """The checks themselves: one page with one problem of each kind, one without."""
    (tmp_path / "good.html").write_text(
        '<html><body><h2 id="part">Part</h2><a href="#part">here</a></body></html>',
        encoding="utf-8")
    page = tmp_path / "bad.html"
    page.write_text(
        '<html><head><link rel="stylesheet" href="gone.css"></head><body>'
        '<a href="missing.html">a</a> <a href="good.html#part">b</a> '
        '<a href="good.html#nowhere">c</a> <a href="https://pytorch.org/docs/">d</a> '
        '<img src="missing.png"><span class="math inline">\\(x^2\\)</span>'
        "<script>notDefined()</script></body></html>", encoding="utf-8")
    hosts: Counter[str] = Counter()
    problems = page_problems(browser, page, tmp_path, hosts)
    assert page_problems(browser, tmp_path / "good.html", tmp_path, Counter()) == []
    expected = ["ReferenceError: notDefined", "image not shown: missing.png",
                "missing.html does not exist", "has no id 'nowhere'",
                "gone.css does not exist", "formula left as TeX"]
    for words in expected:
        assert any(words in problem for problem in problems), (words, problems)
    assert not any("good.html has no id 'part'" in problem or "pytorch.org" in problem
                   for problem in problems), problems
    assert hosts == Counter({"pytorch.org": 1})


def rd_topics() -> dict[str, tuple[set[str], bool]]:
    """Each help topic (man/NAME.Rd) with its aliases, and whether it is internal."""
    topics = {}
    for rd in sorted((ROOT / "man").glob("*.Rd")):
        text = rd.read_text(encoding="utf-8")
        aliases = set(re.findall(r"^\\alias\{(.+?)\}$", text, flags=re.MULTILINE))
        internal = re.search(r"^\\keyword\{internal\}$", text, flags=re.MULTILINE) is not None
        topics[rd.stem] = (aliases, internal)
    return topics


def hrefs(page: Path) -> set[str]:
    return set(re.findall(r'href="([^"#]+)', page.read_text(encoding="utf-8")))


def test_site_has_every_topic_article_and_the_news() -> None:
    topics = rd_topics()
    namespace = (ROOT / "NAMESPACE").read_text(encoding="utf-8")
    exports = re.findall(r'^export\("?(.+?)"?\)$', namespace, flags=re.MULTILINE)
    for name in exports:
        owners = [topic for topic, (aliases, _) in topics.items() if name in aliases]
        assert owners, f"export {name} has no help topic"
        assert (SITE / "reference" / f"{owners[0]}.html").is_file(), f"no page for {name}"
    listed = hrefs(SITE / "reference" / "index.html")
    unlisted = [topic for topic, (_, internal) in topics.items()
                if not internal and f"{topic}.html" not in listed]
    assert not unlisted, f"not in the reference index: {unlisted}"

    articles = hrefs(SITE / "articles" / "index.html")
    for vignette in sorted((ROOT / "vignettes").glob("*.Rmd")):
        assert (SITE / "articles" / f"{vignette.stem}.html").is_file()
        assert f"{vignette.stem}.html" in articles, f"{vignette.stem} not among the articles"
    assert (SITE / "news" / "index.html").is_file()

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    home = (SITE / "index.html").read_text(encoding="utf-8")
    for image in re.findall(r"!\[[^]]*\]\(man/figures/([^)]+)\)", readme):
        assert f'src="reference/figures/{image}"' in home, f"{image} not on the home page"
