# The one field we need from the command line's JSON, without a JSON package.
jsonlite_number <- function(text, field) {
  as.numeric(sub(paste0('.*"', field, '": ([0-9.eE+-]+).*'), "\\1", text))
}

test_that("benchmark_matmul() returns one row per device with Python's fields", {
  skip_if_no_xorbridge()
  result <- benchmark_matmul(size = 128, devices = "cpu", repeats = 3)
  expect_s3_class(result, "data.frame")
  expect_equal(nrow(result), 1)
  expect_named(result, c("device", "name", "size", "dtype", "repeats", "median_s", "min_s",
                         "max_s", "iqr_s", "gflops", "peak_gflops", "fraction_of_peak",
                         "peak_estimate", "tf32"))
  expect_equal(result$gflops, 2 * 128^3 / result$median_s / 1e9)
  expect_true(is.na(result$tf32))
  expect_error(benchmark_matmul(size = 0), class = "xorbridge_argument_error")
  expect_error(benchmark_matmul(devices = c("cpu", "tpu")), class = "xorbridge_argument_error")
  expect_error(benchmark_matmul(dtype = "int8"), class = "xorbridge_argument_error")
  expect_error(benchmark_matmul(tf32 = "yes"), class = "xorbridge_argument_error")
})

test_that("torch's matrix products from R run at Python's speed (the BLAS trap)", {
  skip_if_no_xorbridge()
  # Inside R, torch would bind to R's reference BLAS unless imported with
  # RTLD_DEEPBIND: then this product runs about 30 times slower than in Python.
  size <- 1000
  r_side <- benchmark_matmul(size = size, devices = "cpu", repeats = 7)
  python <- system2(python_exe(), c("-m", "xorbridge", "bench", "--size", size,
                                    "--repeats", 7, "--device", "cpu", "--json"),
                    stdout = TRUE)
  python_gflops <- jsonlite_number(paste(python, collapse = "\n"), "gflops")
  ratio <- r_side$gflops / python_gflops
  expect_gt(ratio, 0.5, label = sprintf("R/Python GFLOP/s ratio (%.2f)", ratio))
})
