#' Train a model with the tutorial's loop
#'
#' Trains `model` in place with stochastic gradient descent and the binary
#' cross-entropy loss on logits (`BCEWithLogitsLoss`), shuffling the data
#' every epoch: the tutorial's five steps (take a batch, run the model,
#' compute the loss, backpropagate, update), run by PyTorch in Python.
#'
#' Progress is an R progress bar (from cli) fed after each epoch, so it works
#' in RStudio's console, where PyTorch's usual `tqdm` bar only prints "0%".
#' Like every cli bar it appears once training has taken two seconds (the
#' option `cli.progress_show_after`), so the tutorial's 0.3-second run stays
#' quiet. It is off when not interactive (knitr, testthat, Rscript) unless
#' asked.
#'
#' Pressing Ctrl-C (Esc in RStudio) stops training within a fraction of a
#' second, with a warning: in a terminal at the next batch, in RStudio at the
#' end of the epoch. The model keeps the weights of its last completed step
#' and the history holds the completed epochs; the session carries on.
#'
#' @param model An `xorbridge_model` from [simple_classifier()]. It is
#'   trained in place (and moved to `device`).
#' @param data The training data, an `xorbridge_dataset` from [xor_dataset()].
#' @param epochs Passes over the data.
#' @param batch_size Points per gradient step.
#' @param lr Learning rate of SGD.
#' @param seed `NULL` or a whole number: seeds the shuffling. With `NULL`
#'   it is drawn from torch's generator (see [set_seed()]).
#' @param device Where to train, see [pick_device()].
#' @param progress Show a progress bar with epoch, loss and accuracy. By
#'   default it shows in an interactive session, not while knitting or
#'   testing ([rlang::is_interactive()]).
#' @param callback `NULL` or a function `function(epoch, logs)` called after
#'   every epoch, with `logs` a list holding `loss` and `accuracy` (and
#'   `test_accuracy` with a `test` set). Returning `FALSE` stops training.
#' @param engine `"auto"` (the default), `"fused"` or `"autograd"`.
#'   `"autograd"` runs the tutorial's five steps with PyTorch's autograd and
#'   optimizer; `"fused"` makes the same SGD updates with the backward pass
#'   written out, several times faster for this tiny network (the numbers
#'   agree to float32 rounding); `"auto"` uses `"fused"` where the model
#'   allows it.
#' @param test `NULL` or an `xorbridge_dataset` to test on: its accuracy
#'   after every epoch becomes the history's column `test_accuracy` (see
#'   [eval_model()]). Measuring it changes nothing in training.
#' @param log_dir `NULL` or a directory to write TensorBoard event files to,
#'   through PyTorch's `torch.utils.tensorboard` (it needs the Python package
#'   tensorboard: `pip install "xorbridge[tensorboard]"`). They hold, per
#'   epoch, the scalars `loss/train`, `accuracy/train` and, with `test`,
#'   `accuracy/test`; the model's graph; and the figure `decision_boundary`
#'   every `figure_every` epochs and at the last. Look at them with
#'   `tensorboard --logdir` and the directory. They are complete for the
#'   completed epochs however training ends.
#' @param figure_every Epochs between two `decision_boundary` figures.
#' @returns A data frame of class `xorbridge_history` with one row per
#'   completed epoch: `epoch`, `loss` (the epoch's mean training loss),
#'   `accuracy` (the fraction of training points classified correctly during
#'   the epoch) and, with a `test` set, `test_accuracy`. Attributes `seconds`
#'   and `interrupted`. Plot it with [autoplot()].
#' @family training
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   set_seed(42)
#'   model <- simple_classifier()
#'   history <- train_model(model, xor_dataset(2500, seed = 42), epochs = 20)
#'   tail(history)
#' }
train_model <- function(model, data, epochs = 100, batch_size = 128, lr = 0.1, seed = NULL,
                        device = "auto", progress = rlang::is_interactive(), callback = NULL,
                        engine = "auto", test = NULL, log_dir = NULL, figure_every = 10) {
  py_model <- model_arg(model)
  py_data <- data_arg(data)
  epochs <- py_scalar(epochs, "epochs")
  batch_size <- py_scalar(batch_size, "batch_size")
  lr <- py_scalar(lr, "lr")
  seed <- py_scalar(seed, "seed", null = TRUE)
  device <- py_scalar(device, "device")
  engine <- py_scalar(engine, "engine")
  progress <- py_scalar(progress, "progress")
  test <- if (is.null(test)) NULL else data_arg(test, "test")
  log_dir <- if (is.null(log_dir)) NULL else py_path(log_dir, "log_dir")
  if (!is.null(callback) && !is.function(callback)) {
    abort_argument(paste0("`callback` must be an R function or NULL, not ",
                          show_value(callback), "."))
  }

  interrupted <- FALSE
  # read by the progress bar's format
  loss <- NA_real_ # nolint: object_usage_linter.
  accuracy <- NA_real_ # nolint: object_usage_linter.
  frame <- environment()
  bar <- progress_bar(progress, epochs, envir = frame, format = paste(
    "Epoch {cli::pb_current}/{cli::pb_total}",
    "| loss {format_number(loss, 4)} | accuracy {format_number(accuracy, 3)}",
    "| {cli::pb_elapsed} {cli::pb_bar}"
  ))
  on_epoch <- function(epoch, logs) {
    unless_interrupted(function() {
      frame$loss <- logs$loss
      frame$accuracy <- logs$accuracy
      bar$update(set = epoch)
      !(is.function(callback) && isFALSE(callback(epoch, logs)))
    }, function() frame$interrupted <- TRUE)
  }
  # A call into R costs more than an epoch of this tiny model: a progress bar
  # alone is updated at most five times a second; a user's callback sees every epoch.
  hook <- if (is.function(callback)) {
    on_epoch
  } else {
    bridge()$throttled(on_epoch, seconds = 0.2, last_epoch = epochs)
  }
  history <- call_python(bridge()$train_model(
    py_model, py_data, epochs = epochs, batch_size = batch_size, lr = lr, seed = seed,
    device = device, progress = if (is.logical(progress)) FALSE else progress, callback = hook,
    engine = engine, test = test, log_dir = log_dir,
    figure_every = py_scalar(figure_every, "figure_every")
  ))
  result <- new_history(history, list(epochs = epochs, batch_size = batch_size, lr = lr))
  bar$update(set = nrow(result))
  bar$done(attr(result, "interrupted"))
  if (interrupted) {
    cli::cli_warn(c(
      "Training interrupted after {nrow(result)} of {epochs} epochs.",
      i = "The model keeps the weights of its last completed epoch."
    ), class = "xorbridge_interrupted")
  }
  result
}

new_history <- function(py, params) {
  parts <- call_python(bridge()$history_columns(py))
  structure(columns_frame(parts$columns, unlist(parts$types)),
            class = c("xorbridge_history", "data.frame"), seconds = parts$seconds,
            interrupted = parts$interrupted, engine = parts$engine, params = params)
}

#' @export
format.xorbridge_history <- function(x, ...) {
  columns <- history_object(x)
  shown <- call_python(bridge()$history_printout(
    columns, isTRUE(attr(x, "interrupted")), attr(x, "seconds"), attr(x, "engine") %||% ""
  ))
  frame <- as.data.frame(unclass(x))[, names(columns), drop = FALSE]
  c(cli::format_inline("{.cls xorbridge_history} {shown$header}"),
    if (nrow(x)) utils::capture.output(print(frame[unlist(shown$rows), , drop = FALSE],
                                             row.names = FALSE)))
}

#' @export
print.xorbridge_history <- function(x, ...) print_lines(x, ...)
