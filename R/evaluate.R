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
#' @param batch_size Points per forward pass. `NULL` (the default) passes up
#'   to 131,072 at once, fewer where the memory budget says so; `128` evaluates
#'   as the tutorial's `DataLoader` does. The result is the same.
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
eval_model <- function(model, data, batch_size = NULL) {
  call_python(bridge()$eval_model(model_arg(model), data_arg(data),
                                  batch_size = py_scalar(batch_size, "batch_size", null = TRUE)))
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
predict.xorbridge_model <- function(object, newdata, type = "prob", ...) {
  if (missing(newdata)) {
    abort_argument("`newdata` is missing: give the points as a data frame with columns x1 and x2.")
  }
  values <- call_python(bridge()$predict(model_arg(object, "object"), points_arg(newdata),
                                         type = py_scalar(type, "type")))
  unlist(values) %||% double()
}
