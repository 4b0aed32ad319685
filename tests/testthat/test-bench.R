benchmark_columns <- c("device", "name", "size", "dtype", "repeats", "median_s", "min_s",
                       "max_s", "iqr_s", "gflops", "peak_gflops", "fraction_of_peak",
                       "peak_estimate", "tf32", "blas_trap")

# Runs `expr` as if interactive, with every progress update due (cli's own
# test set-up), recording the bar's messages.
with_progress <- function(expr) {
  rlang::local_interactive(TRUE)
  withr::local_options(cli.dynamic = FALSE)
  messages <- character()
  value <- withCallingHandlers(
    cli:::cli_with_ticks(expr),
    message = function(condition) {
      messages <<- c(messages, conditionMessage(condition))
      invokeRestart("muffleMessage")
    }
  )
  list(value = value, messages = messages)
}

test_that("benchmark_matmul() returns one row per device with Python's fields", {
  skip_if_no_xorbridge()
  result <- benchmark_matmul(size = 128, devices = "cpu", repeats = 3)
  expect_s3_class(result, "xorbridge_benchmark")
  expect_s3_class(result, "data.frame")
  expect_equal(nrow(result), 1)
  expect_named(result, benchmark_columns)
  expect_equal(result$gflops, 2 * 128^3 / result$median_s / 1e9)
  expect_identical(result$repeats, 3L)
  expect_true(is.na(result$tf32))
  expect_false(result$blas_trap)  # torch keeps its own BLAS inside R
  expect_false(attr(result, "interrupted"))
  frame <- as.data.frame(result)
  expect_identical(class(frame), "data.frame")
  expect_named(frame, benchmark_columns)
  expect_identical(names(attributes(frame)), c("names", "row.names", "class"))
  expect_identical(frame$peak_estimate, result$peak_estimate)
})

test_that("it prints one sentence per device, made in Python", {
  skip_if_no_xorbridge()
  result <- benchmark_matmul(size = 64, devices = c("cpu", "cpu"), repeats = 2)
  lines <- format(result)
  expect_length(lines, 2)
  row <- lapply(as.list(as.data.frame(result)[1, ]),
                function(value) if (is.na(value)) NULL else value)  # NA: Python's None
  bench <- reticulate::import("xorbridge.bench")
  expect_identical(lines[[1]], bench$describe(row))
  expect_match(lines, paste0("^cpu: [0-9.,]+ GFLOP/s(, [0-9.]+% of the estimated peak|",
                             "; no estimate of the peak) \\("))
  expect_match(lines[[1]], result$peak_estimate[[1]], fixed = TRUE)
  expect_identical(utils::capture.output(print(result)), lines)
  # a part of it is a plain data frame, printed as one
  part <- result[2, c("device", "repeats")]
  expect_identical(class(part), "data.frame")
  expect_identical(part$repeats, 2L)
  expect_null(attr(part, "lines"))
  # several together keep every sentence
  more <- benchmark_matmul(size = 32, devices = "cpu", repeats = 3)
  both <- rbind(result, more)
  expect_s3_class(both, "xorbridge_benchmark")
  expect_identical(both$repeats, c(2L, 2L, 3L))
  expect_identical(format(both), c(lines, format(more)))
  expect_false(attr(both, "interrupted"))
  mixed <- rbind(result, as.data.frame(more))  # with other data: a plain data frame
  expect_identical(class(mixed), "data.frame")
  expect_identical(mixed$repeats, c(2L, 2L, 3L))
  # a benchmark whose rows are no longer Python's prints as a data frame
  stale <- structure(as.data.frame(more), class = class(result), lines = lines)
  expect_identical(format(stale), utils::capture.output(print(as.data.frame(more))))
})

test_that("progress shows in interactive sessions only", {
  skip_if_no_xorbridge()
  shown <- with_progress(benchmark_matmul(size = 32, devices = "cpu", repeats = 3))
  expect_equal(nrow(shown$value), 1)
  for (repeat_number in 1:3) {
    expect_true(any(grepl(sprintf("cpu: %d of 3 timed products", repeat_number),
                          shown$messages, fixed = TRUE)))
  }
  withr::with_options(list(rlang_interactive = FALSE), {
    expect_silent(benchmark_matmul(size = 32, devices = "cpu", repeats = 2))
  })
})

test_that("an interrupt stops it between products, with what it measured so far", {
  skip_if_no_xorbridge()
  # Esc while R moves the bar after the 2nd product of the second device (6 of 8):
  # trace() raises it inside the bar's update, where a real Esc would arrive
  rlang::local_interactive(TRUE)
  cli <- asNamespace("cli")
  suppressMessages(trace("cli_progress_update", where = cli, print = FALSE,
                         tracer = quote(if (identical(as.integer(set), 6L)) rlang::interrupt())))
  withr::defer(suppressMessages(untrace("cli_progress_update", where = cli)))
  warning <- NULL
  run <- withCallingHandlers(
    with_progress(benchmark_matmul(size = 32, devices = c("cpu", "cpu"), repeats = 4)),
    warning = function(condition) {
      warning <<- condition
      invokeRestart("muffleWarning")
    }
  )
  result <- run$value
  expect_true(attr(result, "interrupted"))
  expect_identical(result$repeats, c(4L, 2L))  # the first device whole, 2 products of the second
  expect_true(all(result$min_s <= result$median_s & result$median_s <= result$max_s))
  expect_s3_class(warning, "xorbridge_python_warning")
  expect_s3_class(warning, "xorbridge_runtime_warning")
  expect_identical(conditionMessage(warning), paste0(
    "Benchmark interrupted after 6 of 8 timed products; ",
    "the result holds what was measured so far."))
  expect_true(endsWith(format(result)[[2]], " [2 of 4 timed products]"))
  expect_true(any(grepl("cpu: 1 of 4 timed products", run$messages, fixed = TRUE)))
  expect_false(any(grepl("88%|100%", run$messages)))  # no product after the interrupt
})

test_that("bad arguments get Python's messages", {
  skip_if_no_xorbridge()
  message_of <- function(expr) conditionMessage(expect_error(expr, class = "xorbridge_error"))
  expect_error(benchmark_matmul(size = 0), class = "xorbridge_value_error")
  expect_identical(message_of(benchmark_matmul(size = 0)),
                   "`size` must be a positive whole number, not 0.")
  expect_identical(message_of(benchmark_matmul(size = 1e6)),
                   "`size` must be at most 32,768, not 1,000,000.")
  expect_identical(message_of(benchmark_matmul(warmup = -1)),
                   "`warmup` must be a whole number >= 0, not -1.")
  expect_match(message_of(benchmark_matmul(devices = c("cpu", "tpu"))),
               '`devices` must be "auto", "cpu", "cuda", "cuda:N" or "mps", not "tpu".',
               fixed = TRUE)
  expect_match(message_of(benchmark_matmul(dtype = "int8")), '^`dtype` must be one of "float32"')
  expect_error(benchmark_matmul(tf32 = "yes"), class = "xorbridge_type_error")
  # R's own: values that are not one R value for Python
  expect_identical(message_of(benchmark_matmul(repeats = NA)), "`repeats` must not be NA.")
  expect_identical(message_of(benchmark_matmul(devices = character())),
                   "`devices` must be a vector of values, not character(0).")
})

test_that("torch's matrix products from R run on torch's own BLAS (the BLAS trap)", {
  skip_if_no_xorbridge()
  # Inside R, torch would bind to R's reference BLAS unless imported with
  # RTLD_DEEPBIND; the speed that costs is measured in benchmarks/r_speed.R.
  result <- benchmark_matmul(size = 64, devices = "cpu", repeats = 2)
  expect_false(result$blas_trap)
  expect_true(device_info()$torch_blas$own)
  expect_no_match(format(result), "R's BLAS", fixed = TRUE)
})
