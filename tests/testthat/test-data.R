# The message of the exception Python's `code` raises (`xb` is xorbridge).
python_message <- function(code) {
  reticulate::py_run_string(paste0(
    "import xorbridge as xb\ntry:\n    ", code, "\nexcept Exception as error:\n",
    "    message = str(error)"
  ), local = TRUE)$message
}

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

test_that("a dataset answers as its data frame does", {
  skip_if_no_xorbridge()
  data <- xor_dataset(30, seed = 5)
  frame <- as.data.frame(data)
  expect_identical(dim(data), c(30L, 3L))
  expect_identical(nrow(data), 30L)
  expect_identical(ncol(data), 3L)
  expect_identical(names(data), c("x1", "x2", "label"))
  expect_identical(head(data), head(frame))
  expect_identical(head(data, 3), frame[1:3, ])
  expect_identical(tail(data, 2), frame[29:30, ])
  expect_identical(data$x1, frame$x1)
  expect_identical(data$label, frame$label)
  expect_identical(data[["x2"]], frame$x2)
  expect_identical(data[[3]], frame$label)
  expect_null(data$nothing)
  # `$py` is still the Python object, as for models
  expect_s3_class(data$py, "xorbridge.data.XORDataset")
  expect_equal(reticulate::py_len(data$py), 30L)
})

test_that("summary() counts the points of each class, as Python counts them", {
  skip_if_no_xorbridge()
  data <- xor_dataset(200, seed = 2)
  counts <- summary(data)
  expect_s3_class(counts, "table")
  expect_identical(counts, table(label = as.data.frame(data)$label))
  python <- data$py$class_counts()  # converted: the dataset came through bridge()
  expect_identical(as.vector(counts), as.integer(unlist(python)))
  expect_equal(sum(counts), 200)
})

test_that("format() gives Python's description and the first points; print() writes it", {
  skip_if_no_xorbridge()
  data <- xor_dataset(20, std = 0.25, seed = 1)
  frame <- as.data.frame(data)
  counts <- tabulate(frame$label + 1L, nbins = 2L)
  lines <- format(data)
  expect_match(lines[[1]], "<xorbridge_dataset> 20 points, noise std 0.25, seed 1, on cpu",
               fixed = TRUE)
  expect_identical(lines[[2]], sprintf("Class 0: %d points, class 1: %d points", counts[[1]],
                                       counts[[2]]))
  expect_identical(lines[-(1:2)], utils::capture.output(print(frame[1:5, ], row.names = FALSE)))
  expect_identical(utils::capture.output(print(data)), lines)
  expect_match(format(xor_dataset(5))[[1]], "seed drawn", fixed = TRUE)
})

test_that("R refuses what is not an R value for Python; Python words every other refusal", {
  skip_if_no_xorbridge()
  message_of <- function(expr) conditionMessage(expect_error(expr, class = "xorbridge_error"))
  # R's checks: a missing, NULL, NA or non-scalar value
  expect_error(xor_dataset(), "`size` is missing", class = "xorbridge_argument_error")
  expect_identical(message_of(xor_dataset(NULL)), "`size` must not be NULL.")
  expect_identical(message_of(xor_dataset(NA)), "`size` must not be NA.")
  expect_identical(message_of(xor_dataset(NaN)), "`size` must not be NaN.")
  expect_identical(message_of(xor_dataset(c(10, 20))),
                   "`size` must be a single value, not c(10, 20).")
  expect_identical(message_of(xor_dataset(10, std = NA_real_)), "`std` must not be NA.")
  # Python's checks, word for word
  expect_error(xor_dataset(2.5), class = "xorbridge_value_error")
  expect_identical(message_of(xor_dataset(2.5)),
                   "`size` must be a positive whole number, not 2.5.")
  expect_error(xor_dataset("100"), class = "xorbridge_type_error")
  expect_identical(message_of(xor_dataset("100")),
                   '`size` must be a positive whole number, not "100".')
  expect_identical(message_of(xor_dataset(1e9)),
                   "`size` must be at most 50,000,000, not 1,000,000,000.")
  expect_identical(message_of(xor_dataset(10, std = -0.1)),
                   "`std` must be >= 0 and <= 10, not -0.1.")
  expect_match(message_of(xor_dataset(10, seed = -1)), "^`seed` must be a whole number >= 0")
  expect_match(message_of(xor_dataset(10, device = "gpu")),
               '`device` must be "auto", "cpu", "cuda", "cuda:N" or "mps", not "gpu".',
               fixed = TRUE)
  expect_identical(message_of(xor_dataset(10, std = 11)),
                   python_message("xb.XORDataset(10, std=11)"))
})

test_that("a dataset read back from saveRDS() says it is stale", {
  skip_if_no_xorbridge()
  path <- tempfile(fileext = ".rds")
  saveRDS(xor_dataset(10, seed = 1), path)
  out <- run_r(paste0(
    "library(xorbridge); d <- readRDS('", path, "'); ",
    "e <- tryCatch(as.data.frame(d), error = function(e) e); ",
    "f <- tryCatch(dim(d), error = function(e) e); ",
    "cat(class(e)[1], conditionMessage(e), class(f)[1])"
  ))
  expect_match(out, "xorbridge_stale_object.*no longer exists in Python.*xorbridge_stale_object")
})
