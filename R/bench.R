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
#'   estimated), `tf32` and `blas_trap` (on the CPU, `TRUE` when torch's
#'   products run on R's BLAS: see [device_info()]). It prints one sentence
#'   per device;
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
  bar <- progress_bar(rlang::is_interactive(), NA, envir = environment(), format = paste(
    "{cli::pb_extra$text} {cli::pb_bar} {cli::pb_percent} | {cli::pb_elapsed}"
  ))
  update <- function(step) {
    unless_interrupted(function() {
      bar$update(set = step$done, total = step$total, extra = list(text = step$text))
      TRUE
    })
  }
  report <- call_python(bridge()$benchmark_report(
    py_scalar(size, "size"), devices = py_values(devices, "devices", null = TRUE),
    repeats = py_scalar(repeats, "repeats"), dtype = py_scalar(dtype, "dtype"),
    tf32 = py_scalar(tf32, "tf32", null = TRUE), warmup = py_scalar(warmup, "warmup"),
    callback = update
  ))
  bar$done(report$interrupted)
  structure(columns_frame(report$columns), class = c("xorbridge_benchmark", "data.frame"),
            lines = as.character(unlist(report$lines)), interrupted = report$interrupted)
}

# Python's columns as a data frame; None (no peak estimate, TF32 off CUDA) becomes NA.


#' @export
format.xorbridge_benchmark <- function(x, ...) {
  lines <- attr(x, "lines")
  if (length(lines) != nrow(x)) {  # not Python's rows any more (an rbind() with other data)
    return(utils::capture.output(print(plain_frame(x))))
  }
  lines
}

#' @export
print.xorbridge_benchmark <- function(x, ...) print_lines(x, ...)

#' @export
# nolint start: object_name_linter. the generic's names
as.data.frame.xorbridge_benchmark <- function(x, row.names = NULL, optional = FALSE, ...) {
  plain_frame(x)
}
# nolint end

# Several benchmarks together keep their sentences and say whether one was interrupted.
#' @export
# nolint start: object_name_linter. the generic's names
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
# nolint end

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
