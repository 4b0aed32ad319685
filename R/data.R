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
#'   head(as.data.frame(train))
#' }
xor_dataset <- function(size, std = 0.1, seed = NULL, device = NULL) {
  if (missing(size)) {
    abort_argument("`size` is missing: how many points? (the tutorial trains on 2500).")
  }
  size <- check_count(size, "size", maximum = 5e7)
  std <- check_number(std, "std", minimum = 0, maximum = 10)
  seed <- check_seed(seed)
  check_device(device, allow_null = TRUE)
  dataset <- py_call(core()$XORDataset(size, std = std, seed = seed, device = device))
  new_dataset(dataset)
}

new_dataset <- function(py) {
  structure(list(py = py), class = "xorbridge_dataset")
}

# The Python object behind an R wrapper, checked to be alive. `x` is a list
# holding it as `py`; anything else has no Python object behind it.
py_object <- function(x, what, call = rlang::caller_env()) {
  py <- if (is.list(x)) x[["py"]] else NULL
  if (!is.null(py) && !inherits(py, "python.builtin.object")) {
    abort_argument(paste0("This ", what, " is not one xorbridge made: it holds ", show_value(py),
                          " where its Python object should be."), call = call)
  }
  if (is.null(py) || reticulate::py_is_null_xptr(py)) {
    cli::cli_abort(
      c(
        "This {what} no longer exists in Python.",
        i = "Objects saved with {.fn saveRDS} or kept from an earlier R session lose their Python half; create it again (models: save them with {.fn save_model})."
      ),
      class = c("xorbridge_stale_object", "xorbridge_error"),
      call = call
    )
  }
  py
}

check_dataset <- function(x, name = "data", call = rlang::caller_env()) {
  if (!inherits(x, "xorbridge_dataset")) {
    abort_argument(paste0("`", name, "` must be an xorbridge dataset from xor_dataset(), not ",
                          show_value(x), "."), call = call)
  }
  py_object(x, "dataset", call = call)
}

#' @export
length.xorbridge_dataset <- function(x) {
  as.integer(reticulate::py_len(py_object(x, "dataset")))
}

#' @export
print.xorbridge_dataset <- function(x, ...) {
  py <- py_object(x, "dataset")
  frame <- as.data.frame(x)
  counts <- tabulate(frame$label + 1L, nbins = 2L)
  cat_line(
    "{.cls xorbridge_dataset} {nrow(frame)} points, noise std {format(py$std)}, ",
    "seed {if (is.null(py$seed)) 'drawn' else format(py$seed)}, on {reticulate::py_str(py$device)}"
  )
  cat_line("Class 0: {counts[[1]]} points, class 1: {counts[[2]]} points")
  print(utils::head(frame, 5L), row.names = FALSE)
  invisible(x)
}

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
as.data.frame.xorbridge_dataset <- function(x, row.names = NULL, optional = FALSE, ...) {
  py <- py_object(x, "dataset")
  frame <- py_frame(py_call(py$to_frame()))
  data.frame(x1 = as.double(frame$x1), x2 = as.double(frame$x2),
             label = as.integer(frame$label))
}
