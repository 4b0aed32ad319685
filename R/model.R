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
  num_inputs <- check_count(num_inputs, "num_inputs", maximum = 1e5)
  num_hidden <- check_count(num_hidden, "num_hidden", maximum = 1e5)
  num_outputs <- check_count(num_outputs, "num_outputs", maximum = 1e5)
  check_choice(activation, "activation", c("tanh", "relu", "sigmoid", "gelu"))
  model <- py_call(core()$SimpleClassifier(num_inputs, num_hidden, num_outputs, activation))
  new_model(model)
}

new_model <- function(py) {
  structure(list(py = py), class = "xorbridge_model")
}

check_model <- function(x, name = "model", call = rlang::caller_env()) {
  if (!inherits(x, "xorbridge_model")) {
    abort_argument(paste0("`", name, "` must be an xorbridge model from simple_classifier() ",
                          "or load_model(), not ", show_value(x), "."), call = call)
  }
  py_object(x, "model", call = call)
}

model_config <- function(py) {
  config <- py$config
  config$device <- reticulate::py_str(py$device)
  config$parameters <- py$num_parameters()
  config
}

#' @export
print.xorbridge_model <- function(x, ...) {
  py <- py_object(x, "model")
  config <- model_config(py)
  cat_line(
    "{.cls xorbridge_model} {config$num_inputs} -> {config$num_hidden} ({config$activation}) ",
    "-> {config$num_outputs}, {config$parameters} parameters, on {config$device}"
  )
  cat(reticulate::py_str(py), "\n", sep = "")
  invisible(x)
}

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
  py <- py_object(object, "model")
  parameters <- reticulate::import_builtins(convert = FALSE)$list(py$named_parameters())
  pairs <- lapply(seq_len(reticulate::py_len(parameters)) - 1L, function(i) {
    reticulate::py_get_item(parameters, i)
  })
  names <- vapply(pairs, function(pair) r_value(reticulate::py_get_item(pair, 0L)),
                  character(1))
  values <- lapply(pairs, function(pair) py_array(reticulate::py_get_item(pair, 1L)))
  stats::setNames(values, names)
}

#' @export
summary.xorbridge_model <- function(object, ...) {
  py <- py_object(object, "model")
  weights <- coef(object)
  parameters <- data.frame(
    parameter = names(weights),
    shape = vapply(weights, function(w) {
      paste0("[", paste(if (is.null(dim(w))) length(w) else dim(w), collapse = ", "), "]")
    }, character(1)),
    count = vapply(weights, length, integer(1)),
    row.names = NULL
  )
  structure(list(config = model_config(py), parameters = parameters, weights = weights),
            class = "summary.xorbridge_model")
}

#' @export
print.summary.xorbridge_model <- function(x, ...) {
  config <- x$config
  cat_line(
    "{.strong SimpleClassifier}: linear ({config$num_inputs} -> {config$num_hidden}), ",
    "{config$activation}, linear ({config$num_hidden} -> {config$num_outputs}); on {config$device}"
  )
  print(x$parameters, row.names = FALSE)
  cat_line("Total: {sum(x$parameters$count)} trainable parameters")
  for (name in names(x$weights)) {
    cat("\n", name, "\n", sep = "")
    print(round(x$weights[[name]], 4))
  }
  invisible(x)
}
