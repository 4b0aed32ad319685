test_that("the installed R package carries the Python core of its own version", {
  source <- xorbridge:::bundled_python_source()
  init <- file.path(source, "python", "xorbridge", "_version.py")
  expect_true(file.exists(init))
  expect_match(paste(readLines(init), collapse = "\n"),
               paste0('__version__ = "', utils::packageVersion("xorbridge"), '"'), fixed = TRUE)
  expect_true(file.exists(file.path(source, "pyproject.toml")))
})

test_that("the Python core in use is the R package's version", {
  skip_if_no_xorbridge()
  xb <- xorbridge:::bridge()
  expect_equal(as.character(xb$`__version__`), as.character(utils::packageVersion("xorbridge")))
})

test_that("install_xorbridge() installs the bundled core into a new environment", {
  skip_if_no_xorbridge()
  skip_on_cran()
  env <- file.path(withr::local_tempdir(), "env")
  # pip here reaches its index without retrying when https is unavailable
  withr::local_envvar(PIP_RETRIES = "0", PIP_DISABLE_PIP_VERSION_CHECK = "1")
  # torch = NULL and --no-deps: test the mechanism without downloading PyTorch.
  python <- suppressMessages(install_xorbridge(envname = env, python = python_exe(),
                                               torch = NULL, pip_options = "--no-deps"))
  expect_true(file.exists(python))
  version <- system2(python, c("-c", shQuote(
    "import importlib.metadata as m; print(m.version('xorbridge'))"
  )), stdout = TRUE)
  expect_equal(version, as.character(utils::packageVersion("xorbridge")))
})

test_that("install_xorbridge() checks its arguments", {
  expect_error(install_xorbridge(envname = NA_character_), class = "xorbridge_argument_error")
  expect_error(install_xorbridge(new_env = "yes"), class = "xorbridge_argument_error")
  expect_error(install_xorbridge(python = 3), class = "xorbridge_argument_error")
  expect_error(install_xorbridge(pip_options = 1), class = "xorbridge_argument_error")
  expect_error(xorbridge_available(initialize = "yes"), class = "xorbridge_argument_error")
})

test_that("the vignettes are installed with the package (built from its tarball)", {
  if (is.null(utils::packageDescription("xorbridge")$Packaged)) {
    skip("installed from a source tree, not a built tarball: no vignettes to list")
  }
  listed <- utils::vignette(package = "xorbridge")$results
  expect_setequal(listed[, "Item"], c("xor-tutorial", "pytorch-ggplot2", "reading-the-benchmark"))
  expect_true(any(startsWith(listed[, "Title"], "The XOR tutorial from R")))
  doc <- system.file("doc", package = "xorbridge")
  for (name in listed[, "Item"]) {
    html <- file.path(doc, paste0(name, ".html"))
    expect_true(file.exists(html), info = html)
    expect_gt(file.size(html), 100000) # knitted, with its figures inside
  }
})
