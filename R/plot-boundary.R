#' Plot a model's decision boundary
#'
#' The tutorial's picture of what the model learned: every point of a grid
#' (see [decision_grid()]) is coloured by blending the two class colours by
#' the probability of class 1, with the data on top. Unlike the tutorial's
#' own figure, which is transposed, `x1` is on the horizontal axis.
#'
#' Like [autoplot.xorbridge_dataset()], the plot takes its geometry from the
#' matplotlib figure of the same model and data (`xorbridge.plot_boundary()`);
#' save it with [ggsave_matplotlib()].
#'
#' @param object An `xorbridge_model`.
#' @param data `NULL`, or an `xorbridge_dataset` to draw on top.
#' @param style `"darkgrid"` or `"default"`, see [theme_matplotlib()].
#' @param title The plot's title.
#' @param xlim,ylim,step The grid, see [decision_grid()].
#' @param ... Unused.
#' @returns A ggplot object, of class `xorbridge_plot`.
#' @family plots
#' @method autoplot xorbridge_model
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   set_seed(42)
#'   model <- simple_classifier()
#'   train_model(model, xor_dataset(2500, seed = 42), epochs = 50)
#'   autoplot(model, data = xor_dataset(200, seed = 44))
#' }
autoplot.xorbridge_model <- function(object, data = NULL, style = "darkgrid",
                                     title = "Decision boundary", xlim = c(-0.5, 1.5),
                                     ylim = c(-0.5, 1.5), step = 0.01, ...) {
  style <- mpl_match_style(style)
  check_string(title, "title")
  py_data <- if (is.null(data)) NULL else data_arg(data)
  grid <- decision_grid(object, xlim = xlim, ylim = ylim, step = step)
  palette <- matplotlib_palette(style)[1:2]
  grid$colour <- blend_colours(grid$prob, palette[[1]], palette[[2]])
  layout <- matplotlib_layout(
    "boundary", model_arg(object, "object"), py_data,
    style = style, title = title, xlim = r_list(xlim), ylim = r_list(ylim), step = step
  )
  plot <- ggplot2::ggplot() +
    ggplot2::geom_raster(ggplot2::aes(x = .data$x1, y = .data$x2, fill = .data$colour),
                         data = grid, show.legend = FALSE, interpolate = FALSE)
  if (!is.null(data)) {
    frame <- as.data.frame(new_dataset(py_data))
    frame$colour <- palette[frame$label + 1L]
    plot <- plot + samples_layer(frame, ggplot2::aes(fill = .data$colour))
  }
  plot +
    ggplot2::scale_fill_identity(guide = "legend", breaks = palette,
                                 labels = c("Class 0", "Class 1"), name = NULL) +
    axis_labels() +
    ggplot2::labs(title = title) +
    theme_matplotlib(style = style) +
    ggplot2::theme(panel.grid = ggplot2::element_blank()) +
    layout_components(layout, fixed = TRUE)
}

# The tutorial's blend, (1 - p) * colour0 + p * colour1, as "#RRGGBB" strings:
# computed by the Python core, which draws the matplotlib figure with it.
blend_colours <- function(prob, colour0, colour1) {
  as.character(unlist(call_python(bridge()$blend_hex(r_list(prob), colour0, colour1))))
}
