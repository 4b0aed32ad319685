test_that("xor_dataset() gives the same points as Python for the same seed", {
  skip_if_no_xorbridge()
  data <- xor_dataset(300, std = 0.2, seed = 11)
  expect_s3_class(data, "xorbridge_dataset")
  expect_equal(length(data), 300L)
  frame <- as.data.frame(data)
  expect_named(frame, c("x1", "x2", "label"))
  expect_type(frame$label, "integer")
  expect_setequal(unique(frame$label), c(0L, 1L))
  # the same numbers Python gives, exactly (float32 values as doubles)
  xb <- reticulate::import("xorbridge", convert = FALSE)
  python <- xb$XORDataset(300L, std = 0.2, seed = 11L)
  expect_identical(frame$x1, unlist(reticulate::py_to_r(python$data$select(1L, 0L)$tolist())))
  expect_identical(frame$label,
                   as.integer(unlist(reticulate::py_to_r(python$label$tolist()))))
})

test_that("labels are the XOR of the corners", {
  skip_if_no_xorbridge()
  frame <- as.data.frame(xor_dataset(500, std = 0, seed = 3))
  expect_true(all(frame$x1 %in% c(0, 1)))
  expect_identical(frame$label, as.integer(frame$x1 != frame$x2))
})

test_that("a seed is independent of other draws; set_seed() governs seed = NULL", {
  skip_if_no_xorbridge()
  a <- as.data.frame(xor_dataset(50, seed = 7))
  set_seed(99)
  invisible(simple_classifier())
  expect_identical(as.data.frame(xor_dataset(50, seed = 7)), a)
  set_seed(3)
  b <- as.data.frame(xor_dataset(50))
  set_seed(3)
  expect_identical(as.data.frame(xor_dataset(50)), b)
})

test_that("print shows the size and class counts", {
  skip_if_no_xorbridge()
  expect_output(print(xor_dataset(20, seed = 1)), "x1")
  expect_output(print(xor_dataset(20, seed = 1)), "20 points")
})

test_that("bad arguments are refused before Python is called", {
  bad_sizes <- list(0, -1, 2.5, NA, NaN, Inf, "100", NULL, c(10, 20), TRUE)
  for (size in bad_sizes) {
    error <- expect_error(xor_dataset(size), class = "xorbridge_argument_error")
    expect_match(conditionMessage(error), "`size` must be a positive whole number")
  }
  expect_error(xor_dataset(), class = "xorbridge_argument_error")
  for (std in list(-0.1, NA, Inf, "0.1", c(0.1, 0.2))) {
    expect_error(xor_dataset(10, std = std), class = "xorbridge_argument_error")
  }
  for (seed in list(-1, 1.5, NA, "a")) {
    expect_error(xor_dataset(10, seed = seed), class = "xorbridge_argument_error")
  }
  expect_error(xor_dataset(10, device = "gpu"), class = "xorbridge_argument_error")
  expect_equal(
    conditionMessage(expect_error(xor_dataset(2.5))),
    "`size` must be a positive whole number, not 2.5."
  )
})

test_that("a dataset read back from saveRDS() says it is stale", {
  skip_if_no_xorbridge()
  path <- tempfile(fileext = ".rds")
  saveRDS(xor_dataset(10, seed = 1), path)
  out <- run_r(paste0(
    "library(xorbridge); d <- readRDS('", path, "'); ",
    "e <- tryCatch(as.data.frame(d), error = function(e) e); ",
    "cat(class(e)[1], conditionMessage(e))"
  ))
  expect_match(out, "xorbridge_stale_object.*no longer exists in Python")
})
