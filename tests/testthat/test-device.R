test_that("library() does not start Python", {
  skip_if_no_xorbridge()
  rscript <- file.path(R.home("bin"), "Rscript")
  out <- system2(rscript, c("-e", shQuote(paste(
    "library(xorbridge);",
    "cat(reticulate::py_available(initialize = FALSE));",
    "cat(' ', exists('train_model'))"
  ))), stdout = TRUE, stderr = TRUE)
  expect_equal(tail(out, 1), "FALSE  TRUE")
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
