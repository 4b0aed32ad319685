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
#' @returns A data frame with one row per device: `device`, `name`, `size`,
#'   `dtype`, `repeats`, `median_s`, `min_s`, `max_s`, `iqr_s` (seconds per
#'   product), `gflops`, `peak_gflops`, `fraction_of_peak`, `peak_estimate`
#'   (how the peak was estimated) and `tf32`.
#' @family devices
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   benchmark_matmul(size = 500, repeats = 3)
#' }
benchmark_matmul <- function(size = 5000, devices = NULL, repeats = 10, dtype = "float32",
                             tf32 = NULL, warmup = 2) {
  size <- check_count(size, "size", maximum = 32768)
  repeats <- check_count(repeats, "repeats", maximum = 10000)
  warmup <- check_whole(warmup, "warmup", minimum = 0)
  if (!is.null(devices)) {
    if (!is.character(devices) || length(devices) == 0 || anyNA(devices)) {
      abort_argument(paste0("`devices` must be NULL or device names such as \"cpu\", not ",
                            show_value(devices), "."))
    }
    for (device in devices) check_device(device, "devices")
    devices <- as.list(devices)
  }
  check_choice(dtype, "dtype", c("float32", "float16", "bfloat16", "float64"))
  if (!is.null(tf32)) check_flag(tf32, "tf32")
  rows <- py_call(core()$benchmark_matmul(size, devices = devices, repeats = repeats,
                                          dtype = dtype, tf32 = tf32, warmup = warmup))
  frame <- do.call(rbind, lapply(rows, function(row) {
    as.data.frame(null_to_na(row), stringsAsFactors = FALSE)
  }))
  frame$tf32 <- as.logical(frame$tf32)
  frame$peak_gflops <- as.double(frame$peak_gflops)
  frame$fraction_of_peak <- as.double(frame$fraction_of_peak)
  frame
}
