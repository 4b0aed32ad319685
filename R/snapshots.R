#' Copies of a model during training
#'
#' Trains `model` in place through the largest of `epochs`, as
#' [train_model()] does with the same settings, and keeps a copy of it after
#' each of `epochs` (epoch 0 is the model before training): the Python
#' core's `training_snapshots()`.
#'
#' @param model An `xorbridge_model`, trained in place.
#' @param data An `xorbridge_dataset` to train on.
#' @param epochs After which epochs to copy the model.
#' @param batch_size,lr,seed,device,engine As in [train_model()].
#' @returns A named list of class `xorbridge_snapshots`: one `xorbridge_model`
#'   per epoch, named by it, in increasing order. [autoplot()] draws their
#'   decision boundaries side by side.
#' @family training
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   set_seed(42)
#'   train <- xor_dataset(500, seed = 42)
#'   snapshots <- training_snapshots(simple_classifier(), train, epochs = c(0, 5, 50))
#'   names(snapshots)
#'   autoplot(snapshots, data = train)
#' }
training_snapshots <- function(model, data, epochs = c(1, 5, 20, 100), batch_size = 128,
                               lr = 0.1, seed = NULL, device = "auto", engine = "auto") {
  run <- call_python(bridge()$snapshots_run(
    model_arg(model), data_arg(data), epochs = py_values(epochs, "epochs"),
    batch_size = py_scalar(batch_size, "batch_size"), lr = py_scalar(lr, "lr"),
    seed = py_scalar(seed, "seed", null = TRUE), device = py_scalar(device, "device"),
    engine = py_scalar(engine, "engine")
  ))
  structure(stats::setNames(lapply(run$model, new_model), unlist(run$epoch)),
            class = "xorbridge_snapshots")
}

#' Plot a model's decision boundary during training
#'
#' One panel per snapshot, titled by its epoch, with the training points and
#' the model's accuracy on them when `data` is given: the figure
#' `xorbridge.plot_snapshots()` makes of the same snapshots.
#'
#' @param object An `xorbridge_snapshots` from [training_snapshots()].
#' @param data `NULL`, or an `xorbridge_dataset` to draw on every panel.
#' @param style `"darkgrid"` or `"default"`, see [theme_matplotlib()].
#' @param step The grid's spacing, see [decision_grid()].
#' @param ... Unused.
#' @returns A ggplot object.
#' @family plots
#' @method autoplot xorbridge_snapshots
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   set_seed(42)
#'   train <- xor_dataset(500, seed = 42)
#'   autoplot(training_snapshots(simple_classifier(), train, epochs = c(0, 20)), data = train)
#' }
autoplot.xorbridge_snapshots <- function(object, data = NULL, style = "darkgrid", step = 0.02,
                                         ...) {
  snapshots <- reticulate::py_dict(as.list(as.integer(names(object))),
                                   unname(lapply(object, py_object, "model")))
  spec <- figure_spec("snapshots", snapshots, if (is.null(data)) NULL else data_arg(data),
                      style = py_scalar(style, "style"), step = py_scalar(step, "step"))
  spec_plot(spec, style)
}

#' @export
`[.xorbridge_snapshots` <- function(x, ...) {
  structure(NextMethod(), class = "xorbridge_snapshots")
}
