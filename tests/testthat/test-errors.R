test_that("Python exceptions become classed R conditions with the Python message", {
  skip_if_no_xorbridge()
  error <- expect_error(load_model(tempfile(fileext = ".pt")),
                        class = "xorbridge_python_error")
  expect_s3_class(error, "xorbridge_error")
  expect_s3_class(error, "xorbridge_file_not_found_error")
  expect_match(conditionMessage(error), "^No checkpoint at '.*': the file does not exist\\.$")
  expect_false(grepl("Traceback", conditionMessage(error)))
  expect_equal(error$python_type, "FileNotFoundError")
})

test_that("R argument errors read like the Python ones", {
  skip_if_no_xorbridge()
  xb <- reticulate::import("xorbridge", convert = FALSE)
  r_message <- conditionMessage(expect_error(simple_classifier(num_hidden = 2.5)))
  python_message <- tryCatch(xb$SimpleClassifier(num_hidden = 2.5),
                             error = function(e) reticulate::py_last_error()$value)
  expect_equal(r_message, python_message)
})

test_that("the version check stops with the fix", {
  error <- expect_error(
    xorbridge:::check_core_version(list(`__version__` = "0.0.0.9")),
    class = "xorbridge_version_error"
  )
  expect_match(conditionMessage(error), "does not match")
  expect_match(conditionMessage(error), "install_xorbridge")
  expect_true(xorbridge:::check_core_version(
    list(`__version__` = as.character(utils::packageVersion("xorbridge")))
  ))
})

test_that("without the Python core, calls stop with the way to install it", {
  skip_if_no_xorbridge()
  # A Python without xorbridge: the base interpreter of the project's environment.
  base <- system2(python_exe(), c("-c", shQuote("import sys; print(sys.base_prefix)")),
                  stdout = TRUE)
  bare <- file.path(base, "bin", "python3")
  skip_if_not(file.exists(bare), "no Python without xorbridge to try")
  out <- run_r(paste(
    "library(xorbridge);",
    "cat(xorbridge_available(), '');",
    "e <- tryCatch(xor_dataset(10), error = function(e) e);",
    "cat(class(e)[1], conditionMessage(e))"
  ), env = paste0("RETICULATE_PYTHON=", bare))
  expect_match(out, "FALSE xorbridge_python_missing")
  expect_match(out, "install_xorbridge")
})

test_that("Python warnings become classed R warnings with the Python message", {
  skip_if_no_xorbridge()
  python <- reticulate::py_run_string(paste(
    "def xorbridge_test_warns():",
    "    import warnings",
    "    warnings.warn('the numbers may be off', RuntimeWarning)",
    "    return 3",
    sep = "\n"
  ), local = TRUE, convert = FALSE)
  warned <- expect_warning(result <- xorbridge:::call_python(python$xorbridge_test_warns()),
                           class = "xorbridge_runtime_warning")
  expect_identical(conditionMessage(warned), "the numbers may be off")
  expect_s3_class(warned, "xorbridge_python_warning")
  expect_s3_class(warned, "xorbridge_warning")
  expect_equal(reticulate::py_to_r(result), 3)
})

test_that("Python class names become R class names", {
  skip_if_no_xorbridge()
  names <- c("CheckpointError", "OSError", "IsADirectoryError", "LibraryConflictWarning")
  expect_identical(
    vapply(names, xorbridge:::python_conditions()$class_name, character(1), USE.NAMES = FALSE),
    c("xorbridge_checkpoint_error", "xorbridge_os_error", "xorbridge_is_a_directory_error",
      "xorbridge_library_conflict_warning")
  )
})

test_that("a Python side that does not import is a classed error with the way out", {
  skip_if_no_xorbridge()
  broken <- withr::local_tempdir()
  dir.create(file.path(broken, "torch"))
  writeLines("raise ImportError('libtorch_cpu.so: cannot open shared object file')",
             file.path(broken, "torch", "__init__.py"))
  out <- run_r(paste(
    "library(xorbridge);",
    "e <- tryCatch(set_seed(1), error = identity);",
    "cat(class(e)[1:2], '|', conditionMessage(e))"
  ), env = paste0("PYTHONPATH=", broken))
  expect_match(out, "xorbridge_python_broken xorbridge_error |", fixed = TRUE)
  expect_match(out, "libtorch_cpu.so: cannot open shared object file", fixed = TRUE)
  expect_match(out, "install_xorbridge()", fixed = TRUE)
})
