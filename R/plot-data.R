# Point geometry of matplotlib's scatter(): marker area 36 pt^2 (a 6 pt wide
# circle) with a 1 pt edge. For shape 21, R draws a circle 0.75 x the font size
# wide, where ggplot2 sets the font size to size * .pt + stroke * .stroke / 2
# and the edge width to stroke * .stroke / 2 (in 1/96 inch).
matplotlib_point_stroke <- 1 * 96 / 72 * 2 / ggplot2::.stroke
matplotlib_point_size <- (6 / 0.75 - 1 * 96 / 72) / ggplot2::.pt
matplotlib_edge_colour <- "#333333"  # the tutorial's edgecolor="#333"

class_labels <- function(label) {
  factor(paste("Class", label), levels = c("Class 0", "Class 1"))
}

# The tutorial's scatter: class 0, then class 1, filled circles with a dark edge.
samples_layer <- function(frame, mapping_fill = ggplot2::aes(fill = .data$class)) {
  frame$class <- class_labels(frame$label)
  frame <- frame[order(frame$label), , drop = FALSE]
  ggplot2::geom_point(
    mapping = utils::modifyList(ggplot2::aes(x = .data$x1, y = .data$x2), mapping_fill),
    data = frame, shape = 21, colour = matplotlib_edge_colour,
    size = matplotlib_point_size, stroke = matplotlib_point_stroke
  )
}

# matplotlib's "$x_1$" and "$x_2$". The box of a mathtext label reaches
# about the cap height, plotmath's only the top of the "x": vphantom(X)
# makes them the same, so the labels sit at the same distance from the axes.
axis_labels <- function() {
  ggplot2::labs(x = quote(vphantom(X) * italic(x)[1]), y = quote(vphantom(X) * italic(x)[2]))
}

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
  style <- mpl_match_style(style)
  check_string(title, "title")
  frame <- as.data.frame(object)
  layout <- matplotlib_layout("samples", py_object(object, "dataset"), style = style,
                              title = title)
  ggplot2::ggplot() +
    samples_layer(frame) +
    scale_fill_matplotlib(style = style, drop = FALSE) +
    axis_labels() +
    ggplot2::labs(title = title) +
    theme_matplotlib(style = style) +
    layout_components(layout)
}
