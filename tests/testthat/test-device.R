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

# Python's report of a device_info() dict (a Python object), as R strings.
python_lines <- function(py_info) {
  facts <- reticulate::import("xorbridge.info", convert = FALSE)
  as.character(unlist(reticulate::py_to_r(facts$format_device_info(py_info))))
}

test_that("print() writes format(), and format() is the report Python writes", {
  skip_if_no_xorbridge()
  info <- device_info()
  lines <- format(info)
  expect_type(lines, "character")
  expect_identical(utils::capture.output(print(info)), lines)
  expect_match(lines[[4]], "^  fp32 peak (~[0-9,]+ GFLOP/s|unknown) \\(")
  # the same facts, read once in Python, formatted by Python and through R's object
  facts <- reticulate::import("xorbridge.info", convert = FALSE)
  py_info <- facts$device_info()
  report <- xorbridge:::bridge()$device_report(py_info)
  expect_identical(format(new_device_info(report)), python_lines(py_info))
})

# A machine with two GPUs (one peak unknown), a lone BLAS, no OpenMP and
# two libtorch, as JSON: Python reads it as device_info()'s dict.
fake_info_json <- '{
  "torch": "2.5.1+cu124", "cuda": "12.4", "cudnn": 90100, "default_device": "cuda",
  "cpu": {"model": "Intel(R) Xeon(R) {Gold}", "cores": 32, "threads": 16, "blas": "mkl",
          "capability": "AVX512", "peak_gflops": 2457.6, "peak_estimate": "a guess"},
  "gpus": [
    {"index": 0, "name": "NVIDIA H200", "compute_capability": "9.0", "memory_gib": 139.8,
     "sm_count": 132, "peak_tflops": 66.9, "peak_estimate": "132 SMs x 128 lanes"},
    {"index": 1, "name": "Mystery", "compute_capability": "4.2", "memory_gib": 8,
     "sm_count": 20, "peak_tflops": null, "peak_estimate": "unknown fp32 lanes"}
  ],
  "mps": false,
  "libraries": {"source": "given text", "blas": ["/usr/lib/R/lib/libRblas.so"],
                "openmp": [],
                "torch": ["/opt/R/torch/lib/liblantern.so", "/venv/torch/lib/libtorch_cpu.so"],
                "conflicts": ["R torch and Python torch are both loaded."]}
}'

test_that("the report of an R device_info() equals Python's for the same facts", {
  skip_if_no_xorbridge()
  json <- reticulate::import("json", convert = FALSE)
  with_gpus <- json$loads(fake_info_json)
  without <- json$loads(fake_info_json)
  without$update(reticulate::dict(gpus = list(), cuda = NULL))
  for (py_info in list(with_gpus, without)) {
    info <- new_device_info(xorbridge:::bridge()$device_report(py_info))
    expect_identical(format(info), python_lines(py_info))
    expect_identical(utils::capture.output(print(info)), format(info))
  }
  expect_identical(nrow(info$gpus), 0L)
  info <- new_device_info(xorbridge:::bridge()$device_report(with_gpus))
  expect_identical(nrow(info$gpus), 2L)
  expect_true(is.na(info$gpus$peak_tflops[[2]]))
  lines <- format(info)
  expect_true("  fp32 peak unknown (unknown fp32 lanes)" %in% lines)
  expect_true("  BLAS: /usr/lib/R/lib/libRblas.so" %in% lines)
  expect_true("  OpenMP: none found" %in% lines)
  expect_true("  Conflict: R torch and Python torch are both loaded." %in% lines)
})

test_that("the command line prints the lines of the same report", {
  skip_if_no_xorbridge()
  out <- system2(python_exe(), c("-m", "xorbridge", "info"), stdout = TRUE)
  lines <- format(device_info())
  # the facts of another process: the same report, line for line, where they agree
  expect_identical(out[[1]], lines[[1]])
  expect_identical(grep("^(GPU|Loaded in this process)", out, value = TRUE),
                   grep("^(GPU|Loaded in this process)", lines, value = TRUE))
})

test_that("asking for a missing GPU names what is there", {
  skip_if_no_xorbridge()
  skip_if(nrow(device_info()$gpus) > 0, "this machine has a GPU")
  error <- expect_error(pick_device("cuda"), class = "xorbridge_value_error")
  expect_match(conditionMessage(error), "no CUDA device. Available here: cpu", fixed = TRUE)
  expect_s3_class(error, "xorbridge_python_error")
})

test_that("bad device names are refused: R values in R, the rest by Python", {
  for (bad in list(NA_character_, c("cpu", "cuda"), NULL)) {
    expect_error(pick_device(bad), "^`device` must ", class = "xorbridge_argument_error")
  }
  skip_if_no_xorbridge()
  error <- expect_error(pick_device("gpu"), class = "xorbridge_value_error")
  expect_match(conditionMessage(error),
               '`device` must be "auto", "cpu", "cuda", "cuda:N" or "mps", not "gpu".',
               fixed = TRUE)
  expect_error(pick_device(1), "`device` must be a string", class = "xorbridge_type_error")
})

test_that("set_seed() makes data and weights repeatable, and checks its input", {
  skip_if_no_xorbridge()
  set_seed(5)
  first <- coef(simple_classifier())
  r_draw <- runif(1)
  set_seed(5)
  expect_identical(coef(simple_classifier()), first)
  expect_identical(runif(1), r_draw)
  for (bad in list(NA, NULL, c(1, 2))) {
    expect_error(set_seed(bad), "^`seed` must ", class = "xorbridge_argument_error")
  }
  for (bad in list(-1, 2.5, "1", Inf)) {
    expect_error(set_seed(bad), "^`seed` must ", class = "xorbridge_python_error")
  }
  expect_error(set_seed(1, deterministic = NA), class = "xorbridge_argument_error")
  expect_error(set_seed(1, deterministic = "yes"), "`deterministic`",
               class = "xorbridge_python_error")
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
