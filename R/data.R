#' The continuous XOR dataset
#'
#' Points near the four corners of the unit square, (0, 0), (0, 1), (1, 0)
#' and (1, 1), with Gaussian noise. The label is the XOR of the corner's
#' coordinates: 1 when exactly one of them is 1. The points live in Python
#' (a torch `Dataset`); [as.data.frame()] brings them into R.
#'
#' The dataset draws from a generator of its own: the same `seed` gives the
#' same points in any session, from R or from Python, whatever else drew
#' random numbers before. With `seed = NULL` the seed is drawn from torch's
#' generator, so [set_seed()] beforehand makes it repeatable too.
#'
#' A dataset answers as its data frame would: [nrow()], [ncol()], [dim()],
#' [names()], [head()], [tail()], `data$x1`, `data[["label"]]`;
#' [summary()] counts the points of each class. [length()] is the number of
#' points, as Python's `len()`. `data$py` is the Python `XORDataset` itself.
#'
#' @param size Number of points (the tutorial uses 200 for its figure, 2500
#'   for training and 500 for testing).
#' @param std Standard deviation of the noise.
#' @param seed `NULL` or a whole number >= 0.
#' @param device Where to keep the points: `NULL` (the CPU) or a device name,
#'   see [pick_device()].
#' @returns An object of class `xorbridge_dataset`.
#' @family data
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   train <- xor_dataset(2500, seed = 42)
#'   train
#'   dim(train)
#'   summary(train)
#'   head(train$x1)
#' }
xor_dataset <- function(size, std = 0.1, seed = NULL, device = NULL) {
  if (missing(size)) {
    abort_argument("`size` is missing: how many points?")
  }
  new_dataset(call_python(bridge()$XORDataset(
    py_scalar(size, "size"), std = py_scalar(std, "std"),
    seed = py_scalar(seed, "seed", null = TRUE), device = py_scalar(device, "device", null = TRUE)
  )))
}

new_dataset <- function(py) {
  structure(list(py = py), class = "xorbridge_dataset")
}

# The Python object behind an R wrapper, checked to be alive. `x` is a list
# holding it as `py` (read with .subset2(): a dataset's `[[` is its frame's);
# anything else has no Python object behind it.
py_object <- function(x, what, call = rlang::caller_env()) {
  py <- if (is.list(x)) .subset2(x, "py") else NULL
  if (!is.null(py) && !inherits(py, "python.builtin.object")) {
    abort_argument(paste0("This ", what, " is not one xorbridge made: it holds ", show_value(py),
                          " where its Python object should be."), call = call)
  }
  if (is.null(py) || reticulate::py_is_null_xptr(py)) {
    cli::cli_abort(
      c(
        "This {what} no longer exists in Python.",
        i = paste("Objects saved with {.fn saveRDS} or kept from an earlier R session lose their",
                  "Python half; create it again (models: save them with {.fn save_model}).")
      ),
      class = c("xorbridge_stale_object", "xorbridge_error"),
      call = call
    )
  }
  py
}


# Its class counts, description and first rows, as the Python core shows them.
dataset_overview <- function(x) {
  call_python(bridge()$dataset_overview(py_object(x, "dataset")))
}

#' @export
length.xorbridge_dataset <- function(x) {
  as.integer(reticulate::py_len(py_object(x, "dataset")))
}

#' @export
dim.xorbridge_dataset <- function(x) {
  shape <- call_python(bridge()$dataset_shape(py_object(x, "dataset")))
  c(as.integer(shape$size), length(shape$columns))
}

#' @export
names.xorbridge_dataset <- function(x) {
  as.character(unlist(call_python(bridge()$dataset_shape(py_object(x, "dataset")))$columns))
}

#' @export
`$.xorbridge_dataset` <- function(x, name) {
  x[[name, exact = FALSE]]  # as a data frame's `$` matches
}

#' @export
`[[.xorbridge_dataset` <- function(x, i, ...) {
  if (identical(i, "py")) {
    return(py_object(x, "dataset"))
  }
  as.data.frame(x)[[i, ...]]
}

#' @importFrom utils head
#' @export
head.xorbridge_dataset <- function(x, ...) {
  utils::head(as.data.frame(x), ...)
}

#' @importFrom utils tail
#' @export
tail.xorbridge_dataset <- function(x, ...) {
  utils::tail(as.data.frame(x), ...)
}

#' @export
summary.xorbridge_dataset <- function(object, ...) {
  counts <- as.integer(unlist(dataset_overview(object)$counts))
  structure(counts, dim = length(counts),
            dimnames = list(label = as.character(seq_along(counts) - 1L)), class = "table")
}

#' @export
format.xorbridge_dataset <- function(x, ...) {
  overview <- dataset_overview(x)
  lines <- strsplit(overview$description, "\n", fixed = TRUE)[[1]]
  lines[[1]] <- cli::format_inline("{.cls xorbridge_dataset} {lines[[1]]}")
  c(lines, utils::capture.output(print(columns_frame(overview$head), row.names = FALSE)))
}

#' @export
print.xorbridge_dataset <- function(x, ...) print_lines(x, ...)

#' Convert an XOR dataset to a data frame
#'
#' @param x An `xorbridge_dataset` from [xor_dataset()].
#' @param row.names,optional Unused, for compatibility with the generic.
#' @param ... Unused.
#' @returns A data frame with columns `x1` and `x2` (the point, doubles that
#'   hold the exact float32 values) and `label` (integer, 0 or 1).
#' @family data
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   summary(as.data.frame(xor_dataset(200, seed = 1)))
#' }
# nolint start: object_name_linter. the generic's names
as.data.frame.xorbridge_dataset <- function(x, row.names = NULL, optional = FALSE, ...) {
  columns_frame(call_python(bridge()$dataset_columns(py_object(x, "dataset"))))
}
# nolint end
