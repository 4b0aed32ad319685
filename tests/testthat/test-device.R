test_that("library() does not start Python", {
  skip_if_no_xorbridge()
  out <- run_r(paste(
    "library(xorbridge);",
    "cat('started:', reticulate::py_available(initialize = FALSE));",
    "cat(' exported:', exists('train_model'))"
  ))
  expect_match(out, "started: FALSE exported: TRUE$")
})

test_that("pick_device() and device_info()", {
  skip_if_no_xorbridge()
  expect_equal(pick_device("cpu"), "cpu")
  expect_true(pick_device() %in% c("cpu", "cuda", "mps"))
  info <- device_info()
  expect_s3_class(info, "xorbridge_device_info")
  expect_match(info$torch, "^2\\.")
  expect_true(info$cpu$threads >= 1)
  expect_true(is.character(info$cpu$blas))
  expect_s3_class(info$gpus, "data.frame")
  expect_output(print(info), "CPU")
})

test_that("asking for a missing GPU names what is there", {
  skip_if_no_xorbridge()
  skip_if(nrow(device_info()$gpus) > 0, "this machine has a GPU")
  error <- expect_error(pick_device("cuda"), class = "xorbridge_value_error")
  expect_match(conditionMessage(error), "no CUDA device. Available here: cpu", fixed = TRUE)
  expect_s3_class(error, "xorbridge_python_error")
})

test_that("bad device names are refused in R", {
  for (bad in list("gpu", 1, NA_character_, c("cpu", "cuda"), NULL)) {
    expect_error(pick_device(bad), class = "xorbridge_argument_error")
  }
})

test_that("set_seed() makes data and weights repeatable, and checks its input", {
  skip_if_no_xorbridge()
  set_seed(5)
  first <- coef(simple_classifier())
  r_draw <- runif(1)
  set_seed(5)
  expect_identical(coef(simple_classifier()), first)
  expect_identical(runif(1), r_draw)
  for (bad in list(-1, 2.5, NA, "1", NULL, Inf, c(1, 2))) {
    expect_error(set_seed(bad), class = "xorbridge_argument_error")
  }
  expect_error(set_seed(1, deterministic = NA), class = "xorbridge_argument_error")
})

test_that("set_seed() trains the same weights in R as in a separate Python process", {
  skip_if_no_xorbridge()
  code <- paste(
    "import xorbridge as xb",
    "xb.set_seed(21)",
    "data = xb.XORDataset(400)",
    "model = xb.SimpleClassifier()",
    "xb.train_model(model, data, epochs=5, device='cpu', progress=False)",
    "print(' '.join(float.hex(x) for v in model.state_dict().values() for x in v.flatten().tolist()))",
    sep = "\n"
  )
  out <- system2(python_exe(), c("-c", shQuote(code)), stdout = TRUE)
  python_weights <- as.numeric(strsplit(out, " ", fixed = TRUE)[[1]])
  set_seed(21)
  data <- xor_dataset(400)
  model <- simple_classifier()
  train_model(model, data, epochs = 5, device = "cpu")
  r_weights <- unlist(lapply(coef(model), function(w) as.vector(t(w))), use.names = FALSE)
  expect_length(python_weights, 17)
  expect_identical(r_weights, python_weights)
})

test_that("device_info() lists the libraries loaded in this R process", {
  skip_if_no_xorbridge()
  expect_no_warning(info <- device_info())
  libraries <- info$libraries
  expect_type(libraries$blas, "character")
  expect_length(libraries$conflicts, 0)
  skip_if_not(identical(libraries$source, "/proc/self/maps"), "no /proc/self/maps here")
  # R's own BLAS, as R itself reports it, is among them
  r_blas <- normalizePath(extSoftVersion()[["BLAS"]])
  expect_true(r_blas %in% normalizePath(libraries$blas),
              label = paste(r_blas, "in", paste(libraries$blas, collapse = ", ")))
  # and Python's torch, from the torch Python imported
  torch_dir <- dirname(reticulate::import("torch")$`__file__`)
  expect_true(any(startsWith(libraries$torch, torch_dir)))
  expect_output(print(info), "Loaded in this process \\(from /proc/self/maps\\)")
  expect_output(print(info), "OpenMP: ")
})

test_that("R's torch package in the same session makes device_info() warn", {
  skip_if_no_xorbridge()
  skip_if_not(file.exists("/proc/self/maps"), "the check reads /proc/self/maps")
  # Any real shared library loaded under the name of R torch's own library.
  lantern <- file.path(withr::local_tempdir(), "liblantern.so")
  file.copy(file.path(R.home("library"), "stats", "libs", "stats.so"), lantern)
  out <- run_r(paste0(
    "dyn.load('", lantern, "'); library(xorbridge); ",
    "w <- tryCatch(device_info(), warning = function(w) w); ",
    "cat(class(w)[1:4], conditionMessage(w))"
  ))
  expect_match(out, paste("xorbridge_library_conflict_warning xorbridge_runtime_warning",
                          "xorbridge_python_warning xorbridge_warning"))
  expect_match(out, paste0("R's torch package is loaded in this process (", lantern, ")"),
               fixed = TRUE)
})
