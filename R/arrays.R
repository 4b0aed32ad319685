# numpy arrays and torch tensors as R vectors, matrices and arrays, and the
# package's R objects as the Python objects they hold.
#
# reticulate releases before 1.36 cannot read numpy 2 arrays: `py$x$numpy()`
# stays a Python object. When reticulate's own conversion fails for a probe
# array, xorbridge replaces reticulate's py_to_r() method for numpy.ndarray
# (reticulate finds its own methods before registered ones) with one that
# takes numbers and booleans as xorbridge/_numpy_for_r.py lists them, and leaves
# other arrays to reticulate; pandas data frames convert the same way. Where
# reticulate converts arrays itself, nothing changes.

# (assignInNamespace() re-registers reticulate's methods and looks up their
# generic, py_to_r, from its caller: the import makes it visible here)
#' @importFrom reticulate py_to_r
register_numpy_conversion <- function() {
  numpy <- tryCatch(reticulate::import("numpy", convert = FALSE), error = function(e) NULL)
  if (is.null(numpy)) {
    return(invisible(FALSE))
  }
  .xorbridge$arrays <- standalone_module("_numpy_for_r")  # tensors use it in any case
  if (!inherits(reticulate::py_to_r(numpy$zeros(2L)), "python.builtin.object")) {
    return(invisible(FALSE))
  }
  method <- function(x) {
    converted <- numpy_to_r(x)
    if (inherits(converted, "python.builtin.object")) NextMethod() else converted
  }
  # (utils warns that it changes a locked binding when this runs as xorbridge loads)
  withCallingHandlers(
    utils::assignInNamespace("py_to_r.numpy.ndarray", method, ns = "reticulate"),
    warning = function(w) {
      if (startsWith(conditionMessage(w), "changing locked binding")) invokeRestart("muffleWarning")
    }
  )
  registerS3method("py_to_r", "numpy.ndarray", method, envir = asNamespace("reticulate"))
  # pandas 2 names its class "pandas.DataFrame", which such a reticulate has no method for
  registerS3method("py_to_r", "pandas.DataFrame", function(x) {
    converted <- frame_to_r(x)
    if (inherits(converted, "python.builtin.object")) NextMethod() else converted
  }, envir = asNamespace("reticulate"))
  invisible(TRUE)
}

# A pandas DataFrame as an R data frame (xorbridge/_numpy_for_r.py reads it); `x`
# itself where a column is of a kind R leaves to reticulate.
frame_to_r <- function(x) {
  parts <- .xorbridge$arrays$frame_columns(x)
  if (is.null(parts)) {
    return(x)
  }
  frame <- columns_frame(stats::setNames(lapply(parts$columns, `[[`, "values"),
                                         unlist(parts$names)),
                         vapply(parts$columns, `[[`, "", "type"))
  if (!is.null(parts$row_names)) row.names(frame) <- unlist(parts$row_names)
  frame
}

# A numpy array or a torch tensor (detached, on the CPU) of numbers or
# booleans as an R vector (one dimension), matrix or array; `x` itself for
# other kinds.
numpy_to_r <- function(x) {
  flat <- .xorbridge$arrays$r_values(x)
  if (is.null(flat)) {
    return(x)
  }
  values <- unlist(flat$values) %||% vector(flat$type)
  shape <- unlist(flat$shape)
  if (length(shape) <= 1) values else array(values, dim = shape)
}

#' torch tensors as R vectors, matrices, arrays and data frames
#'
#' A tensor made in Python (`reticulate::py$x`, or any tensor reticulate
#' returns) becomes R numbers: detached from autograd and copied to the CPU,
#' floats as doubles (float32 values exactly), integers as integers where R
#' can hold them. numpy arrays become R vectors, matrices and arrays the same
#' way, even where reticulate cannot read numpy 2 arrays itself.
#'
#' @param x A `torch.Tensor`.
#' @param mode,row.names,optional,... As for the base generics.
#' @returns `as.array()`: an array with the tensor's shape; `as.matrix()`:
#'   a matrix (a 1-d tensor as one column); `as.vector()`: the values in R's
#'   (column-major) order; `as.data.frame()`: the matrix as a data frame.
#' @name tensors
#' @examples
#' if (xorbridge_available()) {
#'   set_seed(42)
#'   data <- xor_dataset(4, seed = 1)
#'   as.matrix(data$py$data)
#'   as.vector(data$py$label)
#' }
NULL

#' @rdname tensors
#' @export
as.array.torch.Tensor <- function(x, ...) {
  values <- numpy_to_r(x)
  if (is.null(dim(values))) array(values, dim = length(values)) else values
}

#' @rdname tensors
#' @export
as.matrix.torch.Tensor <- function(x, ...) {
  as.matrix(numpy_to_r(x))
}

#' @rdname tensors
#' @export
as.vector.torch.Tensor <- function(x, mode = "any") {
  as.vector(numpy_to_r(x), mode = mode)
}

# nolint start: object_name_linter. the generic's names
#' @rdname tensors
#' @export
as.data.frame.torch.Tensor <- function(x, row.names = NULL, optional = FALSE, ...) {
  as.data.frame(as.matrix(x), row.names = row.names, optional = optional, ...)
}
# nolint end

# The package's R objects reach Python (`r.model` in a {python} chunk,
# reticulate::r_to_py()) as the Python objects they hold.

#' @importFrom reticulate r_to_py
#' @method r_to_py xorbridge_model
#' @export
r_to_py.xorbridge_model <- function(x, convert = FALSE) {
  py_object(x, "model")
}

#' @method r_to_py xorbridge_dataset
#' @export
r_to_py.xorbridge_dataset <- function(x, convert = FALSE) {
  py_object(x, "dataset")
}

#' @method r_to_py xorbridge_sweep
#' @export
r_to_py.xorbridge_sweep <- function(x, convert = FALSE) {
  sweep_object(x)
}
