#' Seed every random number generator
#'
#' Seeds Python's, numpy's and torch's generators (on every device) and R's
#' own ([set.seed()]), so that the same calls give the same numbers. With
#' `deterministic = TRUE`, torch is also asked for deterministic algorithms.
#' On the CPU, a seed then gives bit-identical data, weights and predictions
#' from R and from Python, in any process. On a GPU, results can still differ
#' between GPU models, drivers and library versions.
#'
#' @param seed A whole number >= 0.
#' @param deterministic Ask torch for deterministic algorithms (cuDNN's
#'   autotuner off, a fixed cuBLAS workspace).
#' @returns `seed`, invisibly.
#' @family devices
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   set_seed(42)
#' }
set_seed <- function(seed, deterministic = TRUE) {
  seed <- check_seed(seed, allow_null = FALSE)
  check_flag(deterministic, "deterministic")
  py_call(core()$set_seed(seed, deterministic))
  set.seed(seed %% .Machine$integer.max)
  invisible(seed)
}

#' Choose the device to compute on
#'
#' `"auto"` picks a CUDA GPU if there is one, then Apple's MPS, then the CPU.
#' Asking for a device this machine does not have is an error that lists the
#' devices it does have.
#'
#' @param device `"auto"`, `"cpu"`, `"cuda"`, `"cuda:N"` or `"mps"`.
#' @returns The device's name, e.g. `"cpu"` or `"cuda"`.
#' @family devices
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   pick_device()
#'   pick_device("cpu")
#' }
pick_device <- function(device = "auto") {
  check_device(device)
  as.character(py_call(reticulate::py_str(core()$pick_device(device))))
}

#' What torch, the CPU and the GPUs are
#'
#' Answers "is my GPU set up right?" with facts: torch's version and the CUDA
#' version it was built with, the CPU (model, cores, threads torch uses, the
#' BLAS library torch is built with, an estimated peak) and each GPU (name,
#' compute capability, memory, streaming multiprocessors, an estimated fp32
#' peak). [benchmark_matmul()] then measures how close to those peaks a
#' matrix product gets.
#'
#' @returns A list of class `xorbridge_device_info` with elements `torch`,
#'   `cuda`, `cudnn`, `default_device`, `cpu` (a list) and `gpus` (a data
#'   frame, one row per GPU).
#' @family devices
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   device_info()
#' }
device_info <- function() {
  info <- py_call(core()$device_info())
  gpus <- info$gpus
  info$gpus <- if (length(gpus) == 0) {
    data.frame(index = integer(), name = character(), compute_capability = character(),
               memory_gib = double(), sm_count = integer(), peak_tflops = double(),
               peak_estimate = character())
  } else {
    do.call(rbind, lapply(gpus, function(gpu) as.data.frame(null_to_na(gpu))))
  }
  info$cpu <- null_to_na(info$cpu)
  structure(info, class = "xorbridge_device_info")
}

#' @export
print.xorbridge_device_info <- function(x, ...) {
  cat_line("{.strong torch} {x$torch}, CUDA {x$cuda %||% 'none'}, cuDNN {x$cudnn %||% 'none'}")
  cat_line("Default device: {.val {x$default_device}}")
  cpu <- x$cpu
  cat_line(
    "{.strong CPU}: {cpu$model}, {cpu$cores} cores, torch uses {cpu$threads} threads, ",
    "BLAS {cpu$blas}, {cpu$capability}"
  )
  cat_line("  fp32 peak ~{format_number(cpu$peak_gflops, 0)} GFLOP/s ({cpu$peak_estimate})")
  if (nrow(x$gpus) == 0) {
    cat_line("{.strong GPU}: none (torch sees no CUDA device)")
  }
  for (i in seq_len(nrow(x$gpus))) {
    gpu <- x$gpus[i, ]
    cat_line(
      "{.strong GPU {gpu$index}}: {gpu$name}, compute capability {gpu$compute_capability}, ",
      "{format_number(gpu$memory_gib, 1)} GiB, {gpu$sm_count} SMs"
    )
    cat_line("  fp32 peak ~{format_number(gpu$peak_tflops, 1)} TFLOP/s ({gpu$peak_estimate})")
  }
  invisible(x)
}
