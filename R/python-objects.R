#' Use PyTorch objects made in Python directly from R
#'
#' When PyTorch code runs in Python (in `{python}` chunks of an R Markdown
#' document, or through [reticulate::py_run_string()]), its objects can be
#' reached from R as `reticulate::py$name`. These methods let R treat them
#' like the package's own R objects: any `torch.nn.Module` that takes the two
#' coordinates and gives one logit per point (the learner's own classifier,
#' or `xorbridge.SimpleClassifier`) as a [simple_classifier()], any
#' `torch.utils.data.Dataset` of `(point, label)` pairs (the learner's own,
#' or `xorbridge.XORDataset`) as an [xor_dataset()], an
#' `xorbridge.History` as the result of [train_model()], and an
#' `xorbridge.Sweep` as the result of [sweep_hidden()]. Each method wraps
#' the Python object, without copying it, and calls the package's method for
#' that wrapper, so a Python object and its R twin give the same data frame,
#' the same predictions and the same figure. [train_model()],
#' [eval_model()] and [decision_grid()] take these objects too; a model made
#' in R is the same Python object in a `{python}` chunk (`r.model`).
#'
#' The class names are the ones reticulate gives the Python classes
#' (`class(py$model)` shows them, the base classes last). A model or dataset
#' wrapped here is the same Python object: training it in Python later
#' changes what R sees. Tensors and numpy arrays become R numbers with
#' [as.matrix()] and friends (see [tensors]).
#'
#' @param x,object A Python `torch.utils.data.Dataset`, `torch.nn.Module`,
#'   `xorbridge.History` or `xorbridge.Sweep`, as reticulate returns it.
#' @param row.names,optional Unused, for compatibility with the generic.
#' @param ... Passed on to the method for the R object: see
#'   [autoplot.xorbridge_dataset()], [autoplot.xorbridge_model()],
#'   [predict.xorbridge_model()], [autoplot.xorbridge_history()] and
#'   [autoplot.xorbridge_sweep()]. Their
#'   `data` and `newdata` take Python datasets too.
#' @returns
#' * `as.data.frame()` of a dataset: a data frame with columns `x1`, `x2`
#'   and `label`, as [as.data.frame.xorbridge_dataset()].
#' * `as.data.frame()` of a history: a data frame of class
#'   `xorbridge_history` with columns `epoch`, `loss` and `accuracy` (and
#'   `test_accuracy` with a test set), as [train_model()] returns it.
#' * `as.data.frame()` of a sweep: a data frame of class `xorbridge_sweep`,
#'   one row per model, as [sweep_hidden()] returns it.
#' * `autoplot()`: a ggplot object.
#' * `predict()`: a numeric (`type = "prob"`) or integer (`type = "class"`)
#'   vector, one value per point.
#' @name python-objects
#' @seealso [xor_dataset()], [simple_classifier()], [train_model()]; the
#'   vignette "PyTorch code, ggplot2 figures" uses these methods throughout.
#' @examples
#' if (xorbridge_available()) {
#'   set_seed(42) # starts the Python core first, so torch keeps its own BLAS
#'   reticulate::py_run_string(paste(
#'     "import xorbridge as xb",
#'     "train = xb.XORDataset(2500, seed=42)",
#'     "model = xb.SimpleClassifier(num_hidden=4)",
#'     "history = xb.train_model(model, train, epochs=20, progress=False)",
#'     sep = "\n"
#'   ))
#'   py <- reticulate::py
#'   head(as.data.frame(py$train))
#'   as.data.frame(py$history)
#'   predict(py$model, data.frame(x1 = c(0, 1), x2 = c(1, 1)))
#'   autoplot(py$history)
#' }
NULL

# An R wrapper's view of a Python object: a reference that converts results
# to R (whichever way the object was obtained), checked to still exist.
python_ref <- function(x, what, call = rlang::caller_env()) {
  if (reticulate::py_is_null_xptr(x)) {
    py_object(list(py = NULL), what, call = call)
  }
  reticulate::r_to_py(x, convert = TRUE)
}

#' @rdname python-objects
#' @method as.data.frame xorbridge.data.XORDataset
#' @export
# nolint start: object_name_linter. the generic's names
as.data.frame.xorbridge.data.XORDataset <- function(x, row.names = NULL, optional = FALSE, ...) {
  as.data.frame(new_dataset(python_ref(x, "dataset")), ...)
}
# nolint end

# nolint start: object_length_linter. the Python class
#' @rdname python-objects
#' @method autoplot torch.utils.data.dataset.Dataset
#' @export
autoplot.torch.utils.data.dataset.Dataset <- function(object, ...) {
  autoplot.xorbridge_dataset(object, ...)
}
# nolint end

#' @rdname python-objects
#' @method autoplot torch.nn.modules.module.Module
#' @export
autoplot.torch.nn.modules.module.Module <- function(object, ...) {
  ggplot2::autoplot(new_model(python_ref(object, "model")), ...)
}

#' @rdname python-objects
#' @method predict torch.nn.modules.module.Module
#' @export
predict.torch.nn.modules.module.Module <- function(object, ...) {
  stats::predict(new_model(python_ref(object, "model")), ...)
}

#' @rdname python-objects
#' @method as.data.frame xorbridge.train.History
#' @export
# nolint start: object_name_linter. the generic's names
as.data.frame.xorbridge.train.History <- function(x, row.names = NULL, optional = FALSE, ...) {
  new_history(python_ref(x, "history"), params = list())
}
# nolint end

#' @rdname python-objects
#' @method as.data.frame xorbridge.sweep.Sweep
#' @export
# nolint start: object_name_linter. the generic's names
as.data.frame.xorbridge.sweep.Sweep <- function(x, row.names = NULL, optional = FALSE, ...) {
  new_sweep(call_python(bridge()$sweep_parts(python_ref(x, "sweep"))))
}
# nolint end

#' @rdname python-objects
#' @method autoplot xorbridge.sweep.Sweep
#' @export
autoplot.xorbridge.sweep.Sweep <- function(object, ...) {
  ggplot2::autoplot(as.data.frame(object), ...)
}

#' @rdname python-objects
#' @method autoplot xorbridge.train.History
#' @export
autoplot.xorbridge.train.History <- function(object, ...) {
  ggplot2::autoplot(as.data.frame(object), ...)
}

# The Python object behind `x`: an R wrapper's (of class `r_class`, checked to
# be alive), or an object made in Python (Python checks what it is).
python_arg <- function(x, r_class, what, name, made_in_r, call) {
  if (inherits(x, r_class)) {
    return(py_object(x, what, call = call))
  }
  if (inherits(x, "python.builtin.object")) {
    return(python_ref(x, what, call = call))
  }
  abort_must(name, paste0("be ", made_in_r, ", or a ", what, " made in Python"), x, call = call)
}

# The Python dataset behind `x`: an R wrapper's, or a dataset made in Python.
data_arg <- function(x, name = "data", call = rlang::caller_env()) {
  python_arg(x, "xorbridge_dataset", "dataset", name, "an xorbridge dataset from xor_dataset()",
             call)
}

# Points for Python: a dataset as itself, a data frame or a numeric matrix as
# its column names and columns (Python checks the names, the values and the
# shape).
points_arg <- function(x, name = "newdata", call = rlang::caller_env()) {
  if (inherits(x, "xorbridge_dataset") || inherits(x, "python.builtin.object")) {
    return(data_arg(x, name, call = call))
  }
  if (!is.data.frame(x) && !(is.matrix(x) && is.numeric(x))) {
    abort_must(name, paste("be a data frame with columns x1 and x2, a numeric matrix or an",
                           "xorbridge dataset"), x, call = call)
  }
  columns <- lapply(seq_len(ncol(x)), function(j) {
    column <- if (is.data.frame(x)) x[[j]] else x[, j]
    if (is.numeric(column)) r_list(column) else as.list(as.character(column))
  })
  names <- if (!is.null(colnames(x))) as.list(colnames(x))  # NULL: a matrix without names
  list(names = names, columns = columns, rows = nrow(x))
}
