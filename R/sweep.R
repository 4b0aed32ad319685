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
#'   [autoplot()] draws the test accuracy by hidden size, or the decision
#'   boundaries (`type = "boundaries"`); [sweep_model()] gives one of the
#'   trained models.
#' @family training
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   sweep <- sweep_hidden(sizes = c(1, 2, 4), seeds = 0:4, epochs = 50)
#'   aggregate(test_accuracy ~ num_hidden, data = sweep, FUN = median)
#'   autoplot(sweep)
#' }
sweep_hidden <- function(sizes = c(1, 2, 4, 8), seeds = 0:9, train = NULL, test = NULL,
                         epochs = 100, batch_size = 128, lr = 0.1, activation = "tanh",
                         device = "auto") {
  sizes <- check_counts(sizes, "sizes", maximum = 4096)
  seeds <- check_seeds(seeds)
  train_py <- if (is.null(train)) NULL else check_dataset(train, "train")
  test_py <- if (is.null(test)) NULL else check_dataset(test, "test")
  epochs <- check_count(epochs, "epochs", maximum = 1e6)
  batch_size <- check_count(batch_size, "batch_size")
  lr <- check_number(lr, "lr", minimum = 0, maximum = 100, strict_minimum = TRUE)
  check_choice(activation, "activation", c("tanh", "sigmoid", "relu"))
  check_device(device)
  sweep <- py_call(core()$sweep_hidden(
    sizes = as.list(sizes), seeds = as.list(seeds), train = train_py, test = test_py,
    epochs = epochs, batch_size = batch_size, lr = lr, activation = activation,
    device = device
  ))
  table <- py_frame(sweep$table)
  structure(
    data.frame(num_hidden = as.integer(table$num_hidden), seed = as.integer(table$seed),
               final_loss = as.double(table$final_loss),
               train_accuracy = as.double(table$train_accuracy),
               test_accuracy = as.double(table$test_accuracy)),
    class = c("xorbridge_sweep", "data.frame"),
    py = sweep,
    seconds = sweep$seconds
  )
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
  num_hidden <- check_count(num_hidden, "num_hidden")
  seed <- check_seed(seed, allow_null = FALSE)
  if (!any(sweep$num_hidden == num_hidden & sweep$seed == seed)) {
    abort_argument(paste0("This sweep has no model with num_hidden = ", num_hidden,
                          " and seed = ", seed, "."))
  }
  new_model(py_call(py$model(num_hidden, seed)))
}

sweep_object <- function(sweep, call = rlang::caller_env()) {
  if (!inherits(sweep, "xorbridge_sweep")) {
    abort_argument(paste0("`sweep` must come from sweep_hidden(), not ", show_value(sweep), "."),
                   call = call)
  }
  py_object(list(py = attr(sweep, "py")), "sweep", call = call)
}

#' @export
print.xorbridge_sweep <- function(x, ...) {
  summary <- stats::aggregate(test_accuracy ~ num_hidden, data = as.data.frame(unclass(x)),
                              FUN = function(v) c(median = stats::median(v), min = min(v),
                                                  max = max(v)))
  cat_line("{.cls xorbridge_sweep} {nrow(x)} models ({length(unique(x$num_hidden))} hidden ",
           "sizes x {length(unique(x$seed))} seeds) trained together in ",
           "{format_number(attr(x, 'seconds'), 2)} s")
  cat_line("Test accuracy by hidden size:")
  stats <- summary$test_accuracy
  print(data.frame(num_hidden = summary$num_hidden, median = stats[, "median"],
                   min = stats[, "min"], max = stats[, "max"]), row.names = FALSE)
  invisible(x)
}

# Several positive whole numbers, no repeats; returns integers.
check_counts <- function(x, name, maximum = NULL, call = rlang::caller_env()) {
  if (!is.numeric(x) || length(x) == 0) {
    abort_argument(paste0("`", name, "` must be positive whole numbers, not ", show_value(x),
                          "."), call = call)
  }
  values <- vapply(x, function(value) {
    check_count(value, name, maximum = maximum, call = call)
  }, integer(1))
  if (anyDuplicated(values)) {
    abort_argument(paste0("`", name, "` must not repeat values: ", show_value(x), "."),
                   call = call)
  }
  values
}

check_seeds <- function(x, call = rlang::caller_env()) {
  if (!is.numeric(x) || length(x) == 0) {
    abort_argument(paste0("`seeds` must be whole numbers >= 0, not ", show_value(x), "."),
                   call = call)
  }
  values <- vapply(x, function(value) as.double(check_seed(value, "seeds", allow_null = FALSE,
                                                           call = call)), double(1))
  if (anyDuplicated(values)) {
    abort_argument(paste0("`seeds` must not repeat values: ", show_value(x), "."), call = call)
  }
  values
}
