#' Plot the XOR dataset, the tutorial's way
#'
#' The tutorial's figure of the dataset with ggplot2: class 0 and class 1 as
#' filled circles with a dark edge, in matplotlib's colours, with
#' [theme_matplotlib()].
#'
#' The plot takes its limits, ticks, legend position and panel box from the
#' matplotlib figure that `xorbridge.plot_samples()` draws of the same data
#' (see [figure_matplotlib()]); [ggsave_matplotlib()] saves it at that
#' figure's size, 4 x 4 inches at 100 dpi, where the two images lie over
#' each other.
#'
#' @param object An `xorbridge_dataset` from [xor_dataset()].
#' @param style `"darkgrid"` (the tutorial's look, seaborn's) or `"default"`
#'   (plain matplotlib).
#' @param title The plot's title.
#' @param ... Unused.
#' @returns A ggplot object, of class `xorbridge_plot`.
#' @family plots
#' @method autoplot xorbridge_dataset
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   autoplot(xor_dataset(200, seed = 42))
#'   autoplot(xor_dataset(200, seed = 42), style = "default")
#' }
autoplot.xorbridge_dataset <- function(object, style = "darkgrid",
                                       title = "Dataset samples", ...) {
  check_string(title, "title")
  spec_plot(figure_spec("samples", data_arg(object, "object"),
                        style = py_scalar(style, "style"), title = title), style)
}
