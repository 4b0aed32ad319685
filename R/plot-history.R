#' Plot a training history
#'
#' The training loss and the training accuracy per epoch, side by side (as
#' `xorbridge.plot_history()` draws them in Python).
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
  style <- mpl_match_style(style)
  if (nrow(object) == 0) {
    abort_argument("`object` has no completed epochs to plot.")
  }
  metrics <- c(loss = "Training loss", accuracy = "Training accuracy")
  long <- data.frame(
    epoch = rep(object$epoch, 2),
    metric = factor(rep(metrics, each = nrow(object)), levels = metrics),
    value = c(object$loss, object$accuracy)
  )
  ggplot2::ggplot(long, ggplot2::aes(x = .data$epoch, y = .data$value,
                                     colour = .data$metric)) +
    ggplot2::geom_line(linewidth = 1.5 * 96 / 72 / ggplot2::.pt, show.legend = FALSE) +
    ggplot2::facet_wrap(ggplot2::vars(.data$metric), scales = "free_y") +
    scale_colour_matplotlib(style = style) +
    ggplot2::labs(x = "Epoch", y = NULL) +
    theme_matplotlib(style = style)
}
