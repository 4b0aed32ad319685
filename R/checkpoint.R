#' Save and load a model
#'
#' `save_model()` writes the model's weights together with its architecture
#' and the xorbridge version, so `load_model()` can rebuild it without being
#' told the architecture. The file is written to a temporary file first and
#' then renamed, so a failed save never damages an existing file. Files are
#' read with PyTorch's `weights_only` loader, which refuses files that could
#' run code. A model saved on a GPU loads on a machine without one.
#'
#' Models saved from R load in Python (`xorbridge.load_model()`) and the
#' other way round.
#'
#' Errors name the file and the problem. A file that is not a usable
#' checkpoint (truncated, damaged, written by another program, holding
#' objects that could run code, or weights that do not fit the recorded
#' architecture) gives an error of class `xorbridge_checkpoint_error`. A
#' missing file, a directory that does not exist or cannot be written to
#' give `xorbridge_os_error` with a more specific class such as
#' `xorbridge_file_not_found_error`, `xorbridge_not_a_directory_error` or
#' `xorbridge_permission_error`. A save killed half-way may leave a hidden
#' `.xorbridge-*.tmp` file next to `path`, never a damaged `path`.
#'
#' @param model An `xorbridge_model`.
#' @param path The file's path (the tutorial uses `"our_model.tar"`; `.pt` is
#'   usual).
#' @param device Where to put the loaded model: `NULL` for the CPU, or a
#'   device name (see [pick_device()]).
#' @returns `save_model()` returns `path`, invisibly; `load_model()` returns
#'   an `xorbridge_model`.
#' @family checkpoints
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   set_seed(1)
#'   model <- simple_classifier()
#'   path <- tempfile(fileext = ".pt")
#'   save_model(model, path)
#'   same <- load_model(path)
#'   identical(coef(model), coef(same))
#' }
save_model <- function(model, path) {
  call_python(bridge()$save_model(model_arg(model), py_path(path)))
  invisible(path)
}

#' @rdname save_model
#' @export
load_model <- function(path, device = NULL) {
  new_model(call_python(bridge()$load_model(py_path(path),
                                              device = py_scalar(device, "device", null = TRUE))))
}
