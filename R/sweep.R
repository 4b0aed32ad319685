#' Compare hidden sizes over many seeds
#'
#' The tutorial trains 1, 2 and 4 hidden neurons once each; one run says
#' little, because with 2 neurons some seeds solve XOR and others stay at
#' chance. `sweep_hidden()` trains one model for every pair of hidden size and
#' seed, all at once (their weights are stacked, so 40 models train in a
#' fraction of the time 40 separate [train_model()] calls take), and returns
#' one row per model. Each model's numbers are the ones
#' `set_seed(seed); train_model(simple_classifier(num_hidden = h), train, seed = seed)`
#' gives on its own.
#'
#' @param sizes Hidden sizes to compare.
#' @param seeds Seeds: each seeds a model's initial weights and its shuffling.
#' @param train,test `NULL` or `xorbridge_dataset`s. By default the
#'   tutorial's: `xor_dataset(2500, seed = 42)` to train on and a fresh
#'   `xor_dataset(500, seed = 43)` to test on.
#' @param epochs,batch_size,lr As in [train_model()].
#' @param activation `"tanh"`, `"sigmoid"` or `"relu"`.
#' @param device Where to train, see [pick_device()].
#' @returns A data frame of class `xorbridge_sweep` with one row per model:
#'   `num_hidden`, `seed`, `final_loss` (mean training loss in the last
#'   epoch), `train_accuracy` (during the last epoch) and `test_accuracy`.
#'   [summary()] gives the test accuracy by hidden size (how many seeds, the
#'   median, min and max), as Python's `Sweep.summary()`; [autoplot()] draws
#'   the test accuracy by hidden size, or the decision boundaries
#'   (`type = "boundaries"`); [sweep_model()] gives one of the trained models.
#' @family training
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   sweep <- sweep_hidden(sizes = c(1, 2, 4), seeds = 0:4, epochs = 50)
#'   summary(sweep)
#'   autoplot(sweep)
#' }
sweep_hidden <- function(sizes = c(1, 2, 4, 8), seeds = 0:9, train = NULL, test = NULL,
                         epochs = 100, batch_size = 128, lr = 0.1, activation = "tanh",
                         device = "auto") {
  run <- call_python(bridge()$sweep_run(
    sizes = py_values(sizes, "sizes"), seeds = py_values(seeds, "seeds"),
    train = if (is.null(train)) NULL else data_arg(train, "train"),
    test = if (is.null(test)) NULL else data_arg(test, "test"),
    epochs = py_scalar(epochs, "epochs"), batch_size = py_scalar(batch_size, "batch_size"),
    lr = py_scalar(lr, "lr"), activation = py_scalar(activation, "activation"),
    device = py_scalar(device, "device")
  ))
  new_sweep(run)
}

new_sweep <- function(run) {
  structure(columns_frame(run$table), class = c("xorbridge_sweep", "data.frame"),
            py = run$sweep, seconds = run$seconds)
}

#' One trained model of a sweep
#'
#' @param sweep An `xorbridge_sweep` from [sweep_hidden()].
#' @param num_hidden,seed Which model.
#' @returns An `xorbridge_model`.
#' @family training
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   sweep <- sweep_hidden(sizes = 2, seeds = 0:1, epochs = 20)
#'   sweep_model(sweep, num_hidden = 2, seed = 1)
#' }
sweep_model <- function(sweep, num_hidden, seed) {
  py <- sweep_object(sweep)
  new_model(call_python(py$model(py_scalar(num_hidden, "num_hidden"), py_scalar(seed, "seed"))))
}

sweep_object <- function(sweep, call = rlang::caller_env()) {
  if (!inherits(sweep, "xorbridge_sweep")) {
    abort_must("sweep", "come from sweep_hidden()", sweep, call = call)
  }
  py_object(list(py = attr(sweep, "py")), "sweep", call = call)
}

#' @export
summary.xorbridge_sweep <- function(object, ...) {
  columns_frame(call_python(bridge()$sweep_overview(sweep_object(object)))$summary)
}

#' @export
format.xorbridge_sweep <- function(x, ...) {
  overview <- call_python(bridge()$sweep_overview(sweep_object(x)))
  c(cli::format_inline("{.cls xorbridge_sweep} {overview$description}"), overview$summary_title,
    utils::capture.output(print(columns_frame(overview$summary), row.names = FALSE)))
}

#' @export
print.xorbridge_sweep <- function(x, ...) print_lines(x, ...)

# A part of a sweep is a plain data frame: its summary and figures are the whole sweep's.
#' @export
`[.xorbridge_sweep` <- function(x, ...) {
  plain_frame(NextMethod())
}
