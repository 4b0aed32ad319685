#' Plot a training history
#'
#' The training loss and the training accuracy per epoch, side by side: the
#' figure `xorbridge.plot_history()` draws of the same rows. A history with a
#' test accuracy (`train_model(test =)`) shows it next to the training
#' accuracy, with a legend.
#'
#' @param object An `xorbridge_history` from [train_model()].
#' @param style `"darkgrid"` or `"default"`, see [theme_matplotlib()].
#' @param ... Unused.
#' @returns A ggplot object.
#' @family plots
#' @method autoplot xorbridge_history
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   set_seed(42)
#'   history <- train_model(simple_classifier(), xor_dataset(2500, seed = 42), epochs = 30)
#'   autoplot(history)
#' }
autoplot.xorbridge_history <- function(object, style = "darkgrid", ...) {
  spec_plot(figure_spec("history", history_object(object), style = py_scalar(style, "style")),
            style)
}

# A history's rows (all, or the subset shown) as the columns plot_history() reads.
history_object <- function(x) {
  columns <- intersect(c("epoch", "loss", "accuracy", "test_accuracy"), names(x))
  columns <- lapply(unclass(x)[columns], function(values) as.list(unname(as.double(values))))
  columns$epoch <- as.list(as.integer(x$epoch))
  columns
}
