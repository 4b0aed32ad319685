#' Accuracy of a model on a dataset
#'
#' The fraction of points whose predicted class (probability >= 0.5) equals
#' the label. Every point counts, the last partial batch included; the batch
#' size changes only how many points go through the model at once.
#' Evaluate on data the model was not trained on: a fresh [xor_dataset()]
#' with another seed.
#'
#' @param model An `xorbridge_model`.
#' @param data An `xorbridge_dataset`.
#' @param batch_size Points per forward pass.
#' @returns A number between 0 and 1.
#' @family evaluation
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   set_seed(42)
#'   model <- simple_classifier()
#'   train_model(model, xor_dataset(2500, seed = 42), epochs = 50)
#'   eval_model(model, xor_dataset(500, seed = 43))
#' }
eval_model <- function(model, data, batch_size = 128) {
  py_model <- check_model(model)
  py_data <- check_dataset(data)
  batch_size <- check_count(batch_size, "batch_size")
  py_call(core()$eval_model(py_model, py_data, batch_size = batch_size))
}

#' Predict with an XOR classifier
#'
#' @param object An `xorbridge_model`.
#' @param newdata The points: a data frame with numeric columns `x1` and
#'   `x2`, a numeric matrix with two columns (named `x1` and `x2`, or
#'   unnamed), or an `xorbridge_dataset`. Coordinates must be finite and
#'   within +-1e6 (beyond, the model's float32 arithmetic overflows).
#' @param type `"prob"` for the probability of class 1, `"class"` for the
#'   predicted class (1 when the probability is at least 0.5, else 0).
#' @param ... Unused.
#' @returns A numeric vector (`"prob"`) or an integer vector (`"class"`),
#'   one value per point.
#' @family evaluation
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   set_seed(42)
#'   model <- simple_classifier()
#'   train_model(model, xor_dataset(2500, seed = 42), epochs = 50)
#'   corners <- data.frame(x1 = c(0, 0, 1, 1), x2 = c(0, 1, 0, 1))
#'   predict(model, corners)
#'   predict(model, corners, type = "class")
#' }
predict.xorbridge_model <- function(object, newdata, type = c("prob", "class"), ...) {
  py_model <- check_model(object, "object")
  if (missing(newdata)) {
    abort_argument("`newdata` is missing: give the points as a data frame with columns x1 and x2.")
  }
  if (missing(type)) type <- "prob"
  check_choice(type, "type", c("prob", "class"))
  points <- as_points(newdata)
  columns <- list(x1 = r_list(points[, "x1"]), x2 = r_list(points[, "x2"]))
  prob <- py_vector(py_call(core()$predict_proba(py_model, columns)))
  if (type == "class") as.integer(prob >= 0.5) else prob
}

# Points as a numeric matrix with columns x1, x2 (checked in R, so that the
# message names R's terms).
as_points <- function(newdata, call = rlang::caller_env()) {
  if (inherits(newdata, "xorbridge_dataset")) {
    check_dataset(newdata, "newdata", call = call)
    frame <- as.data.frame(newdata)
    return(cbind(x1 = frame$x1, x2 = frame$x2))
  }
  if (is.data.frame(newdata)) {
    missing_columns <- setdiff(c("x1", "x2"), names(newdata))
    if (length(missing_columns) > 0) {
      abort_argument(paste0("`newdata` must have columns x1 and x2; missing: ",
                            paste(missing_columns, collapse = ", "), " (it has: ",
                            paste(names(newdata), collapse = ", "), ")."), call = call)
    }
    if (sum(names(newdata) == "x1") > 1 || sum(names(newdata) == "x2") > 1) {
      abort_argument("`newdata` must have one column x1 and one column x2, not repeated names.",
                     call = call)
    }
    if (!is.numeric(newdata$x1) || !is.numeric(newdata$x2)) {
      abort_argument("`newdata` columns x1 and x2 must be numeric.", call = call)
    }
    points <- cbind(x1 = as.double(newdata$x1), x2 = as.double(newdata$x2))
  } else if (is.matrix(newdata)) {
    if (!is.numeric(newdata)) {
      abort_argument(paste0("`newdata` must be a numeric matrix, not a ", typeof(newdata),
                            " matrix."), call = call)
    }
    if (ncol(newdata) != 2) {
      abort_argument(paste0("`newdata` must have 2 columns (x1, x2), not ", ncol(newdata), "."),
                     call = call)
    }
    if (!is.null(colnames(newdata)) && !identical(colnames(newdata), c("x1", "x2"))) {
      abort_argument(paste0("`newdata` columns must be x1 and x2 (in that order), not ",
                            paste(colnames(newdata), collapse = ", "), "."), call = call)
    }
    points <- matrix(as.double(newdata), ncol = 2, dimnames = list(NULL, c("x1", "x2")))
  } else {
    abort_argument(paste0("`newdata` must be a data frame with columns x1 and x2, a ",
                          "two-column matrix or an xorbridge dataset, not ",
                          show_value(newdata), "."), call = call)
  }
  if (nrow(points) == 0) {
    abort_argument("`newdata` has no rows.", call = call)
  }
  if (!all(is.finite(points))) {
    abort_argument("`newdata` must hold finite numbers (no NA, NaN or Inf).", call = call)
  }
  if (max(abs(points)) > max_coordinate) {
    abort_argument(paste0("`newdata` must hold numbers between ", format_g(-max_coordinate),
                          " and ", format_g(max_coordinate), ", not ",
                          format_g(points[which.max(abs(points))]), "."), call = call)
  }
  points
}
