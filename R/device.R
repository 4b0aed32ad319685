#' Seed every random number generator
#'
#' Seeds Python's, numpy's and torch's generators (on every device) and R's
#' own ([set.seed()]), so that the same calls give the same numbers. With
#' `deterministic = TRUE`, torch is also asked for deterministic algorithms:
#' cuDNN's autotuner off, deterministic cuDNN kernels and a fixed cuBLAS
#' workspace (`CUBLAS_WORKSPACE_CONFIG=:4096:8`, set only if unset).
#' Operations without a deterministic implementation warn instead of failing.
#'
#' @details
#' What is and is not deterministic:
#'
#' * **CPU: bit-identical.** The same seed followed by the same calls gives
#'   the same data, initial weights, shuffling, trained weights and
#'   predictions, bit for bit, in any process and from R or Python (R runs
#'   the same Python code). This holds for the same torch version on the
#'   same kind of CPU; another torch version, or a CPU that makes torch pick
#'   other vector kernels (AVX2 vs AVX-512, x86 vs ARM), may change the last
#'   bits. Datasets draw from their own generator, so `xor_dataset(n, seed =
#'   s)` gives the same points whatever else was drawn before.
#' * **GPU: repeatable on one machine, not across machines.** The data,
#'   initial weights and batch order are drawn on the CPU, so they are the
#'   same on every device; only the arithmetic differs. On the same GPU
#'   model with the same driver and CUDA/cuBLAS/cuDNN versions, repeated
#'   runs agree when `CUBLAS_WORKSPACE_CONFIG` took effect, which needs
#'   `set_seed()` before the process's first cuBLAS call (set the variable
#'   in the shell, or with [Sys.setenv()] before any GPU work, to be sure).
#'   Not covered: operations that add with atomics on CUDA (`index_add_`,
#'   `scatter_add_`, and the backward passes of indexing, `gather` and
#'   embeddings) run in a varying order; torch warns about them rather than
#'   raising. TF32 (Ampere and newer GPUs, when
#'   `torch.backends.cuda.matmul.allow_tf32` or cuDNN's `allow_tf32` is on)
#'   rounds float32 products to 10 mantissa bits, so results move away from
#'   the CPU's. Other GPU models, drivers or library versions choose other
#'   kernels and change the last bits. A GPU never matches the CPU bit for
#'   bit; compare with a tolerance.
#' * Apple's MPS backend makes no determinism promise.
#'
#' @param seed A whole number >= 0 (below 2^53, the largest whole number a
#'   double holds exactly).
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
  seed <- py_scalar(seed, "seed")
  call_python(bridge()$set_seed(seed, py_scalar(deterministic, "deterministic")))
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
  as.character(call_python(reticulate::py_str(bridge()$pick_device(py_scalar(device, "device")))))
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
#' It also lists the BLAS, OpenMP and libtorch libraries actually loaded in
#' this R process (read from `/proc/self/maps` on Linux; elsewhere the lists
#' are empty), which shows for instance R's own BLAS next to torch's. When
#' libraries known to clash are loaded together it warns (class
#' `xorbridge_library_conflict_warning`): above all R's `torch` package
#' (its `liblantern`) in the same session as Python's torch, two builds of
#' libtorch that can crash R or compute wrong results.
#'
#' `print()` writes the report that `format()` returns, one string a line:
#' the lines that the Python core writes and that
#' `python -m xorbridge info` prints for the same facts (each peak with how
#' it was estimated, each loaded library on a line of its own, each clash
#' as a `Conflict:` line).
#'
#' @returns A list of class `xorbridge_device_info` with elements `torch`,
#'   `cuda`, `cudnn`, `default_device`, `cpu` (a list), `gpus` (a data
#'   frame, one row per GPU), `mps` and `libraries` (a list: `source`, the
#'   character vectors `blas`, `openmp` and `torch` of library paths, and
#'   `conflicts`, one sentence per clash). Unknown values (such as a peak
#'   that cannot be estimated) are `NA`.
#' @family devices
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   info <- device_info()
#'   info
#'   info$gpus
#'   format(info)
#' }
device_info <- function() {
  new_device_info(call_python(bridge()$device_report()))
}

# Python's device report as the R object: the GPUs a data frame, None as NA,
# the library lists character vectors, the report's lines kept for format().
new_device_info <- function(report) {
  info <- report$info
  info$gpus <- columns_frame(info$gpus)
  info$cpu <- null_to_na(info$cpu)
  info$libraries <- lapply(info$libraries, function(x) as.character(unlist(x)))
  structure(info, class = "xorbridge_device_info", lines = as.character(unlist(report$lines)))
}

#' @export
format.xorbridge_device_info <- function(x, ...) {
  attr(x, "lines")
}

#' @export
print.xorbridge_device_info <- function(x, ...) print_lines(x, ...)
