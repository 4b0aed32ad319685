# Build the package's website with pkgdown (configured in _pkgdown.yml), offline.
#
#   Rscript tools/build-site.R [DESTINATION]
#
# DESTINATION defaults to out/site. The home page is README.md, the reference
# has a page for every help topic, the articles are the vignettes (knitted
# again, with the installed xorbridge package and its Python core: make
# installs both) and the news is NEWS.md. The pages load nothing from the
# network: pkgdown/templates/ and pkgdown/assets/ replace pkgdown's CDN
# scripts, and formulas become MathML here, after pkgdown has written them
# for MathJax.

args <- commandArgs(trailingOnly = TRUE)
destination <- if (length(args) >= 1) args[[1]] else "out/site"

# Without the Python core the articles knit without running their code; in CI
# (CI=true) that would hide a broken set-up, so it is an error there.
if (tolower(Sys.getenv("CI")) %in% c("1", "true", "yes") && !xorbridge::xorbridge_available()) {
  stop("The xorbridge Python core is not available in CI (RETICULATE_PYTHON=",
       Sys.getenv("RETICULATE_PYTHON"), "), so the articles would not run their code.",
       call. = FALSE)
}

# Offline: pkgdown would ask CRAN whether the package is published there (for
# the home page's links), and downlit, which links `{name}` in inline code to
# the R package of that name, looks each name it does not find installed up
# in CRAN's list of packages (a download). `{python}` is a knitr engine, not a
# package: with an empty list such names stay plain code, as they would with
# the download.
options(pkgdown.internet = FALSE)
utils::assignInNamespace(
  "CRAN_urls", function() data.frame(Package = character(), URL = character()),
  ns = "downlit"
)

# Every help topic must be in the reference index and every vignette among
# the articles.
pkgdown::check_pkgdown()

# Start afresh, so that no page of a removed topic or vignette stays behind,
# but never delete a folder that pkgdown did not make.
if (dir.exists(destination)) {
  if (length(dir(destination, all.files = TRUE, no.. = TRUE)) > 0 &&
        !file.exists(file.path(destination, "pkgdown.yml"))) {
    stop(destination, " exists and is not a pkgdown site: not overwriting it.", call. = FALSE)
  }
  unlink(destination, recursive = TRUE)
}

started <- proc.time()[["elapsed"]]
pkgdown::build_site(override = list(destination = destination), preview = FALSE,
                    install = FALSE, new_process = FALSE)

# pandoc's MathML for one page's formulas (TeX, display or inline), in order.
mathml <- function(tex, display) {
  markdown <- paste0(ifelse(display, "$$", "$"), tex, ifelse(display, "$$", "$"),
                     collapse = "\n\n")
  html <- system2(rmarkdown::pandoc_exec(), c("-f", "markdown", "-t", "html", "--mathml"),
                  input = enc2utf8(markdown), stdout = TRUE)
  if (!identical(attr(html, "status"), NULL)) {
    stop("pandoc could not convert the formulas: ", paste(tex, collapse = " "), call. = FALSE)
  }
  page <- xml2::read_html(paste(html, collapse = "\n"), encoding = "UTF-8")
  maths <- xml2::xml_find_all(page, "//math")
  if (length(maths) != length(tex)) {
    stop("pandoc made ", length(maths), " formulas of ", length(tex), call. = FALSE)
  }
  maths
}

# Two repairs on every page written: formulas, which pandoc wrote as TeX in
# <span class="math"> for MathJax (a script from a CDN), become MathML, which
# browsers draw themselves; and pkgdown 2.0.7's <img class="logo" src="">,
# written for a package without a logo, goes.
repair_page <- function(path) {
  page <- xml2::read_html(path, encoding = "UTF-8")
  logos <- xml2::xml_find_all(page, "//img[contains(@class, 'logo') and not(normalize-space(@src))]")
  spans <- xml2::xml_find_all(page, "//span[contains(concat(' ', @class, ' '), ' math ')]")
  if (length(logos) == 0 && length(spans) == 0) {
    return(invisible(FALSE))
  }
  xml2::xml_remove(logos)
  if (length(spans) > 0) {
    text <- xml2::xml_text(spans)
    display <- grepl("^\\s*\\\\\\[", text)
    tex <- sub("^\\s*\\\\[[(](.*)\\\\[])]\\s*$", "\\1", text)
    maths <- mathml(tex, display)
    for (i in seq_along(spans)) {
      xml2::xml_text(spans[[i]]) <- ""
      xml2::xml_add_child(spans[[i]], maths[[i]])
    }
  }
  writeLines(as.character(page, options = character()), path, useBytes = TRUE)
  invisible(TRUE)
}

pages <- list.files(destination, pattern = "[.]html$", recursive = TRUE, full.names = TRUE)
repaired <- vapply(pages, repair_page, logical(1))
cat(sprintf("%d pages in %s (%d repaired: MathML, no empty logo) in %.0f s\n",
            length(pages), destination, sum(repaired),
            proc.time()[["elapsed"]] - started))
