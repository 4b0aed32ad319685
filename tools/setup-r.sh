#!/bin/sh
# Install R and the R packages xorbridge needs, from Debian, when any is missing.
# Quick (a single Rscript call) when everything is already there.
set -eu

R_PACKAGES="reticulate ggplot2 cli rlang testthat withr knitr rmarkdown roxygen2 vdiffr ragg systemfonts lintr pkgdown shiny"
DEBIAN_PACKAGES="r-base-core r-base-dev pandoc fonts-dejavu-core"
for package in $R_PACKAGES; do
  DEBIAN_PACKAGES="$DEBIAN_PACKAGES r-cran-$package"
done

have_everything() {
  command -v Rscript >/dev/null 2>&1 || return 1
  command -v pandoc >/dev/null 2>&1 || return 1
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || return 1
  Rscript --vanilla -e "
    missing <- Filter(function(p) !requireNamespace(p, quietly = TRUE),
                      strsplit('$R_PACKAGES', ' ')[[1]])
    if (length(missing)) { message('missing R packages: ', toString(missing)); quit(status = 1) }
  " >/dev/null 2>&1
}

if have_everything; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=sudo
  else
    echo "R or some R packages are missing. As root, run:" >&2
    echo "  apt-get install -y --no-install-recommends $DEBIAN_PACKAGES" >&2
    exit 1
  fi
else
  SUDO=
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "R or some R packages are missing, and this is not a Debian system: install" >&2
  echo "R >= 4.1 and the R packages: $R_PACKAGES" >&2
  exit 1
fi
echo "Installing R and R packages from Debian (about two minutes) ..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  $DEBIAN_PACKAGES >/dev/null
have_everything
