#' The tutorial's classifier: linear, activation, linear
#'
#' A one-hidden-layer network (a PyTorch `nn.Module` living in Python):
#' `num_inputs` inputs, `num_hidden` units with the activation, and
#' `num_outputs` outputs. It returns logits; [predict.xorbridge_model()] gives
#' probabilities. Its weights start random: call [set_seed()] first for
#' repeatable results.
#'
#' @param num_inputs Inputs per point (2 for XOR).
#' @param num_hidden Hidden units (the tutorial uses 4; try 1 and 2).
#' @param num_outputs Outputs (1 for a two-class problem).
#' @param activation `"tanh"` (the tutorial's), `"relu"`, `"sigmoid"` or `"gelu"`.
#' @returns An object of class `xorbridge_model`.
#' @family model
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   set_seed(42)
#'   model <- simple_classifier(num_hidden = 4)
#'   model
#'   summary(model)
#' }
simple_classifier <- function(num_inputs = 2, num_hidden = 4, num_outputs = 1,
                              activation = "tanh") {
  new_model(call_python(bridge()$SimpleClassifier(
    py_scalar(num_inputs, "num_inputs"), py_scalar(num_hidden, "num_hidden"),
    py_scalar(num_outputs, "num_outputs"), py_scalar(activation, "activation")
  )))
}

new_model <- function(py) {
  structure(list(py = py), class = "xorbridge_model")
}

# The Python model behind `x`: an R wrapper's, or a model made in Python.
model_arg <- function(x, name = "model", call = rlang::caller_env()) {
  python_arg(x, "xorbridge_model", "model", name,
             "an xorbridge model from simple_classifier() or load_model()", call)
}

#' @export
format.xorbridge_model <- function(x, ...) {
  info <- call_python(bridge()$model_summary(py_object(x, "model")))
  c(cli::format_inline("{.cls xorbridge_model} {info$description}"),
    strsplit(info$text, "\n")[[1]])
}

#' @export
print.xorbridge_model <- function(x, ...) print_lines(x, ...)

#' The weights of a model as R matrices
#'
#' @param object An `xorbridge_model`.
#' @param ... Unused.
#' @returns A named list with one numeric array per parameter, named as in
#'   PyTorch (`linear1.weight` is `num_hidden` x `num_inputs`, as PyTorch
#'   stores it: `[output, input]`).
#' @family model
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   set_seed(1)
#'   str(coef(simple_classifier()))
#' }
coef.xorbridge_model <- function(object, ...) {
  parameters_of(call_python(bridge()$model_summary(py_object(object, "model"))))
}

# Each parameter as a vector (1-D) or a matrix filled from row-major values.
parameters_of <- function(info) {
  values <- lapply(info$parameters, function(p) {
    shape <- unlist(p$shape)
    values <- as.double(unlist(p$values))
    if (length(shape) <= 1) values else matrix(values, nrow = shape[[1]], byrow = TRUE)
  })
  stats::setNames(values, vapply(info$parameters, function(p) p$name, character(1)))
}

#' @export
summary.xorbridge_model <- function(object, ...) {
  info <- call_python(bridge()$model_summary(py_object(object, "model")))
  parameters <- columns_frame(info$table)
  weights <- parameters_of(info)
  info$parameters <- info$table <- NULL
  structure(list(config = info, parameters = parameters, weights = weights),
            class = "summary.xorbridge_model")
}

#' @export
format.summary.xorbridge_model <- function(x, ...) {
  weights <- unlist(lapply(names(x$weights), function(name) {
    c("", name, utils::capture.output(print(round(x$weights[[name]], 4))))
  }))
  outline <- unlist(x$config$outline)
  c(outline[[1]], utils::capture.output(print(x$parameters, row.names = FALSE)), outline[[2]],
    weights)
}

#' @export
print.summary.xorbridge_model <- function(x, ...) print_lines(x, ...)
