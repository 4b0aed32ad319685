#' Time a matrix product on the CPU and on every GPU
#'
#' The tutorial's CPU-versus-GPU comparison, measured properly: untimed
#' warm-up products first (the first GPU call also starts cuBLAS), then
#' `repeats` timed products (with CUDA events on GPUs), their median and
#' spread, the speed reached in GFLOP/s and its fraction of the device's
#' estimated peak. A GPU "only 5 times faster than my CPU" may well be
#' running at 80% of what it can do: a consumer GPU against a
#' many-core CPU differs from the tutorial's data-centre GPU against a laptop.
#'
#' In an interactive session a progress bar follows the timed products; Esc
#' (or Ctrl-C) stops the benchmark after the product that runs.
#'
#' @param size Side of the square matrices; one product costs `2 * size^3`
#'   floating-point operations.
#' @param devices `NULL` for every device present, or device names such as
#'   `"cpu"` and `"cuda"`.
#' @param repeats Timed products per device.
#' @param dtype `"float32"` (the tutorial's), `"float16"`, `"bfloat16"` or
#'   `"float64"`.
#' @param tf32 On CUDA, allow (`TRUE`) or forbid (`FALSE`) TF32 tensor cores
#'   for float32 products; `NULL` keeps torch's setting.
#' @param warmup Untimed products first, on each device.
#' @returns A data frame of class `xorbridge_benchmark` with one row per
#'   device: `device`, `name`, `size`, `dtype`, `repeats` (timed products),
#'   `median_s`, `min_s`, `max_s`, `iqr_s` (seconds per product), `gflops`,
#'   `peak_gflops`, `fraction_of_peak`, `peak_estimate` (how the peak was
#'   estimated) and `tf32`. It prints one sentence per device;
#'   [as.data.frame()] gives the plain data frame. Its attribute
#'   `interrupted` is `TRUE` when Esc or Ctrl-C stopped it: it then holds what
#'   was measured before, with a warning.
#' @family devices
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   benchmark_matmul(size = 500, repeats = 3)
#' }
benchmark_matmul <- function(size = 5000, devices = NULL, repeats = 10, dtype = "float32",
                             tf32 = NULL, warmup = 2) {
  progress <- benchmark_progress(show = rlang::is_interactive(), envir = environment())
  report <- call_python(bridge()$benchmark_report(
    py_scalar(size, "size"), devices = py_values(devices, "devices", null = TRUE),
    repeats = py_scalar(repeats, "repeats"), dtype = py_scalar(dtype, "dtype"),
    tf32 = py_scalar(tf32, "tf32", null = TRUE), warmup = py_scalar(warmup, "warmup"),
    callback = progress$update
  ))
  progress$done(report$interrupted)
  structure(benchmark_frame(report$columns), class = c("xorbridge_benchmark", "data.frame"),
            lines = as.character(unlist(report$lines)), interrupted = report$interrupted)
}

# Python's columns as a data frame; None (no peak estimate, TF32 off CUDA) becomes NA.
benchmark_frame <- function(columns) {
  column <- function(name, na) {
    vapply(columns[[name]], function(value) if (is.null(value)) na else value, na)
  }
  data.frame(
    device = column("device", NA_character_), name = column("name", NA_character_),
    size = column("size", NA_integer_), dtype = column("dtype", NA_character_),
    repeats = column("repeats", NA_integer_), median_s = column("median_s", NA_real_),
    min_s = column("min_s", NA_real_), max_s = column("max_s", NA_real_),
    iqr_s = column("iqr_s", NA_real_), gflops = column("gflops", NA_real_),
    peak_gflops = column("peak_gflops", NA_real_),
    fraction_of_peak = column("fraction_of_peak", NA_real_),
    peak_estimate = column("peak_estimate", NA_character_), tf32 = column("tf32", NA),
    stringsAsFactors = FALSE
  )
}

# The callback Python calls after every timed product, and what ends it. It
# moves a cli progress bar of `envir`'s frame (when `show`), told at the first
# call how many products there are. An interrupt (Esc, Ctrl-C) while R runs
# it asks Python to stop there, as one during a product does.
benchmark_progress <- function(show, envir) {
  bar <- NULL
  if (show) {
    bar <- cli::cli_progress_bar(
      total = NA, clear = FALSE, auto_terminate = FALSE, extra = list(text = ""),
      format = "{cli::pb_extra$text} {cli::pb_bar} {cli::pb_percent} | {cli::pb_elapsed}",
      .envir = envir
    )
  }
  update <- function(step) {
    tryCatch({
      if (!is.null(bar)) {
        cli::cli_progress_update(id = bar, set = step$done, total = step$total,
                                 extra = list(text = step$text), .envir = envir)
      }
      TRUE
    }, interrupt = function(condition) FALSE)
  }
  done <- function(interrupted) {
    if (!is.null(bar)) {
      cli::cli_progress_done(id = bar, .envir = envir,
                             result = if (isTRUE(interrupted)) "failed" else "done")
    }
  }
  list(update = update, done = done)
}

#' @export
format.xorbridge_benchmark <- function(x, ...) {
  lines <- attr(x, "lines")
  if (length(lines) != nrow(x)) {  # not Python's rows any more (an rbind() with other data)
    return(utils::capture.output(print(plain_frame(x))))
  }
  lines
}

#' @export
print.xorbridge_benchmark <- function(x, ...) {
  writeLines(format(x, ...))
  invisible(x)
}

#' @export
as.data.frame.xorbridge_benchmark <- function(x, row.names = NULL, optional = FALSE, ...) {
  plain_frame(x)
}

# Several benchmarks together keep their sentences and say whether one was interrupted.
#' @export
rbind.xorbridge_benchmark <- function(..., deparse.level = 1) {
  parts <- list(...)
  frame <- do.call(rbind, lapply(parts, plain_frame))
  if (!all(vapply(parts, inherits, logical(1), "xorbridge_benchmark"))) {
    return(frame)
  }
  structure(frame, class = c("xorbridge_benchmark", "data.frame"),
            lines = unlist(lapply(parts, attr, "lines")),
            interrupted = any(vapply(parts, function(part) isTRUE(attr(part, "interrupted")),
                                     logical(1))))
}

# A part of a benchmark is a plain data frame: its sentences are the whole one's.
#' @export
`[.xorbridge_benchmark` <- function(x, ...) {
  plain_frame(NextMethod())
}

# A data frame without the class and attributes of an xorbridge result (other
# values, such as one column, as they are).
plain_frame <- function(x) {
  if (!is.data.frame(x)) {
    return(x)
  }
  attributes(x) <- attributes(x)[c("names", "row.names")]
  class(x) <- "data.frame"
  x
}
