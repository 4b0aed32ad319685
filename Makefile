# One command per job. `make tutorial` and `make test` set everything up first.

PYTHON ?= python3
VENV := .venv
PY := $(CURDIR)/$(VENV)/bin/python
RLIB := $(CURDIR)/.rlib
STAMPS := .build
OUT := out
VIGNETTES_OUT := $(OUT)/vignettes
SITE_OUT := $(OUT)/site

# R finds the package in the project library; reticulate uses the project's Python.
export R_LIBS := $(RLIB)
export RETICULATE_PYTHON := $(PY)
export MPLBACKEND := Agg
export PYTHONDONTWRITEBYTECODE := 1

R_SOURCES := DESCRIPTION NAMESPACE configure $(wildcard R/*.R) $(wildcard man/*.Rd) \
             $(wildcard inst/scripts/*.R) \
             $(wildcard python/xorbridge/*.py) pyproject.toml

.PHONY: setup tutorial test test-python test-r test-vignettes test-site test-app check vignettes \
        readme-screenshot site bench docs lint gpu-check clean

## setup: R and its packages (Debian), the Python environment (.venv), the R package (.rlib)
setup: $(STAMPS)/r-deps $(STAMPS)/venv $(STAMPS)/r-package

$(STAMPS)/r-deps: tools/setup-r.sh
	@mkdir -p $(STAMPS)
	sh tools/setup-r.sh
	@touch $@

$(STAMPS)/venv: pyproject.toml constraints.txt $(STAMPS)/r-deps
	@mkdir -p $(STAMPS)
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
	  -c constraints.txt -e '.[test]'
	@touch $@

# Built with its vignettes, then installed from the tarball, as a user installs
# it: vignette(package = "xorbridge") lists them. Building knits each vignette.
$(STAMPS)/r-package: $(R_SOURCES) $(wildcard vignettes/*.Rmd vignettes/*.csv vignettes/*.png) \
                     $(STAMPS)/r-deps $(STAMPS)/venv
	@mkdir -p $(STAMPS)/build $(RLIB)
	sh configure
	rm -f $(STAMPS)/build/xorbridge_*.tar.gz
	cd $(STAMPS)/build && R CMD build $(CURDIR) >r-build.log 2>&1 \
	  || (cat r-build.log; exit 1)
	R CMD INSTALL --no-test-load --library=$(RLIB) $(STAMPS)/build/xorbridge_*.tar.gz \
	  >$(STAMPS)/r-install.log 2>&1 || (cat $(STAMPS)/r-install.log; exit 1)
	@touch $@

## tutorial: the whole walkthrough, from Python (out/tutorial) and as rendered vignettes (out/vignettes)
tutorial: setup
	$(PY) -m xorbridge tutorial --out $(OUT)/tutorial
	Rscript inst/scripts/walkthrough.R $(OUT)/tutorial-r
	Rscript tools/render-vignettes.R $(VIGNETTES_OUT)
	@echo ""
	@echo "Where to look (open the .html files in a browser):"
	@printf '  %-42s %s\n' \
	  $(OUT)/tutorial/summary.md "the numbers, with the PNG figures beside it" \
	  $(OUT)/tutorial-r/ "the same walkthrough run from R: ggplot2 figures" \
	  $(VIGNETTES_OUT)/xor-tutorial.html "the whole tutorial from R, step by step" \
	  $(VIGNETTES_OUT)/pytorch-ggplot2.html "PyTorch code in Python, figures in ggplot2" \
	  $(VIGNETTES_OUT)/reading-the-benchmark.html "CPU vs GPU speed, TF32, the BLAS trap"

## test: every test (lint, pytest with the rpy2 tests, testthat, vignettes, the website, R CMD check)
test: setup lint test-python test-r test-vignettes test-site test-app check

test-python: setup
	$(PY) -m pytest

test-r: setup
	Rscript tools/run-testthat.R

# Every vignette must knit: a failure fails `make test`.
test-vignettes: setup
	Rscript tools/render-vignettes.R $(VIGNETTES_OUT)

# Every page of the website and every rendered vignette, opened in headless
# Chromium: no console error, no missing image, no broken link (plain `pytest`
# leaves this file out).
test-site: site test-vignettes
	sh tools/setup-chromium.sh
	XORBRIDGE_SITE=$(SITE_OUT) XORBRIDGE_VIGNETTES=$(VIGNETTES_OUT) \
	  $(PY) -m pytest tests/python/test_site.py

# The playground (xorbridge::playground()) run by Rscript and used in headless
# Chromium: step, play, pause, a bookmarked address, a bad value (plain
# `pytest` leaves this file out).
test-app: setup
	sh tools/setup-chromium.sh
	XORBRIDGE_APP_TEST=1 $(PY) -m pytest tests/python/test_playground_app.py

## vignettes: render vignettes/*.Rmd to out/vignettes/*.html (timed), with full-page
## screenshots in out/vignettes/screenshots/ (installs Chromium from Debian if it can)
vignettes: setup
	Rscript tools/render-vignettes.R $(VIGNETTES_OUT)
	sh tools/setup-chromium.sh
	$(PY) tools/screenshot-vignettes.py $(VIGNETTES_OUT)

## readme-screenshot: man/figures/vignette-screenshot.png, a part of the first vignette
readme-screenshot: vignettes
	$(PY) tools/screenshot-vignettes.py $(VIGNETTES_OUT) \
	  --part xor-tutorial#training:1130:man/figures/vignette-screenshot.png

## site: the website (pkgdown) in out/site: the README as home, the reference by topic,
## the vignettes as articles (knitted again), the news; it works offline
site: setup
	Rscript tools/build-site.R $(SITE_OUT)

## check: R CMD check on the built package (tests run separately in test-r)
check: setup
	rm -rf $(STAMPS)/check && mkdir -p $(STAMPS)/check
	sh configure
	cd $(STAMPS)/check && R CMD build --no-build-vignettes $(CURDIR) >build.log 2>&1 \
	  || (cat build.log; exit 1)
	cd $(STAMPS)/check && _R_CHECK_FORCE_SUGGESTS_=false \
	  R CMD check --no-manual --no-tests --ignore-vignettes xorbridge_*.tar.gz
	sh tools/check-clean.sh $(STAMPS)/check/xorbridge.Rcheck/00check.log

## bench: every benchmark in benchmarks/; JSON and a markdown table in out/bench
bench: setup
	$(PY) benchmarks/run.py --out $(OUT)/bench

## docs: regenerate NAMESPACE and man/ from the roxygen comments
docs: $(STAMPS)/r-deps
	Rscript -e 'roxygen2::roxygenise()'

## lint: ruff and mypy --strict on the Python side, lintr on R/ (configured in .lintr)
lint: setup
	$(VENV)/bin/ruff check python tests/python benchmarks tools
	$(VENV)/bin/mypy
	Rscript -e 'lints <- lintr::lint_package(); print(lints); quit(status = length(lints) > 0)'

## gpu-check: the GPU tests (run on a machine with CUDA)
gpu-check:
	sh tools/gpu-check.sh

clean:
	rm -rf $(STAMPS) $(OUT) inst/pysrc xorbridge_*.tar.gz xorbridge.Rcheck
