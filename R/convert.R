# Moving numbers between Python and R without relying on reticulate's numpy
# conversion: reticulate releases before 1.36 cannot read numpy 2 arrays (they
# arrive as Python objects) and cannot send R matrices to numpy 2. Python lists
# work everywhere, and float32 values arrive as the exact doubles they are.

# A numeric vector as an unnamed R list, which reticulate sends as a Python list.
r_list <- function(x) {
  as.list(unname(as.double(x)))
}

# An R value from a Python object, whether or not reticulate converted it already.
r_value <- function(x) {
  if (inherits(x, "python.builtin.object")) reticulate::py_to_r(x) else x
}

# A numeric vector from a numpy array or tensor (or an already converted value).
py_vector <- function(x) {
  if (inherits(x, "python.builtin.object")) {
    x <- if (reticulate::py_has_attr(x, "tolist")) r_value(x$tolist()) else r_value(x)
  }
  unlist(x, use.names = FALSE) %||% double()
}

# A data frame from a pandas DataFrame (or an already converted one).
py_frame <- function(frame) {
  if (is.data.frame(frame)) {
    return(frame)
  }
  names <- unlist(r_value(frame$columns$tolist()))
  columns <- lapply(names, function(name) {
    py_vector(reticulate::py_get_item(frame, name)$to_numpy())
  })
  stats::setNames(as.data.frame(columns, col.names = names), names)
}

# A numeric array (with its dimensions) from a tensor.
py_array <- function(tensor) {
  shape <- unlist(r_value(reticulate::import_builtins()$list(tensor$shape)))
  values <- py_vector(tensor$detach()$cpu()$double()$flatten())
  if (length(shape) <= 1) {
    return(values)
  }
  # torch is row-major, R column-major: fill by row for a matrix.
  matrix(values, nrow = shape[[1]], ncol = prod(shape[-1]), byrow = TRUE)
}
