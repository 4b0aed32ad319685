#' Plot a hidden-size sweep
#'
#' `type = "accuracy"` draws every model's test accuracy by hidden size, one
#' point per seed with the median as a bar, so the spread across seeds is
#' visible: the tutorial's single run of each size hides it.
#' `type = "boundaries"` draws the decision boundaries of a few seeds for every
#' hidden size, one panel each.
#'
#' Both are drawn from the matplotlib figure that `xorbridge.plot_sweep()`
#' makes of the same sweep: its points, colours, labels, limits and ticks,
#' and, for the boundaries, which seeds it shows and where it puts each
#' panel's label.
#'
#' @param object An `xorbridge_sweep` from [sweep_hidden()].
#' @param type `"accuracy"` or `"boundaries"`, as `plot_sweep()`'s `type`.
#' @param seeds For `"boundaries"`: which of the sweep's seeds to draw; `NULL`
#'   for `plot_sweep()`'s choice (see its limits in the error it gives).
#' @param style `"darkgrid"` or `"default"`, see [theme_matplotlib()].
#' @param step For `"boundaries"`: the grid's spacing, see [decision_grid()].
#' @param ... Unused.
#' @returns A ggplot object.
#' @family plots
#' @method autoplot xorbridge_sweep
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   sweep <- sweep_hidden(sizes = c(1, 2, 4), seeds = 0:4, epochs = 50)
#'   autoplot(sweep)
#'   autoplot(sweep, type = "boundaries", seeds = 0:1)
#' }
autoplot.xorbridge_sweep <- function(object, type = "accuracy", seeds = NULL, style = "darkgrid",
                                     step = 0.02, ...) {
  type <- py_scalar(type, "type")
  style <- py_scalar(style, "style")
  spec <- call_python(bridge()$sweep_figure(
    sweep_object(object), type = type, seeds = py_values(seeds, "seeds", null = TRUE),
    style = style, step = py_scalar(step, "step")
  ))
  if (identical(spec$type, "accuracy")) {
    sweep_accuracy_plot(spec, style)
  } else {
    sweep_boundary_plot(spec, style)
  }
}

# matplotlib's line widths are in points; ggplot2's linewidth * .pt is in
# R's line width unit, 1/96 inch.
points_to_linewidth <- function(points) {
  points * 96 / 72 / ggplot2::.pt
}

sweep_accuracy_plot <- function(spec, style) {
  points <- as.data.frame(lapply(spec$points, unlist), stringsAsFactors = FALSE)
  medians <- as.data.frame(lapply(spec$medians, unlist), stringsAsFactors = FALSE)
  layout <- spec$layout
  layout$figsize <- unlist(layout$figsize)
  ggplot2::ggplot() +
    ggplot2::geom_segment(ggplot2::aes(x = .data$x, xend = .data$xend, y = .data$y,
                                       yend = .data$y, colour = .data$colour),
                          data = medians, linewidth = points_to_linewidth(medians$linewidth)) +
    ggplot2::geom_point(ggplot2::aes(x = .data$x, y = .data$y, fill = .data$fill,
                                     colour = .data$edge),
                        data = points, shape = 21, size = matplotlib_point_size,
                        stroke = matplotlib_point_stroke) +
    ggplot2::scale_fill_identity() +
    ggplot2::scale_colour_identity() +
    ggplot2::labs(x = layout$xlabel, y = layout$ylabel, title = layout$title) +
    theme_matplotlib(style = style) +
    layout_components(layout)
}

sweep_boundary_plot <- function(spec, style) {
  rows <- unlist(spec$rows)
  columns <- unlist(spec$columns)
  facets <- function(data, panel) {
    data$row <- factor(rows[[panel$row + 1L]], levels = rows)
    data$column <- factor(columns[[panel$column + 1L]], levels = columns)
    data
  }
  raster <- do.call(rbind, lapply(spec$panels, function(panel) {
    facets(data.frame(x1 = unlist(panel$x1), x2 = unlist(panel$x2), fill = unlist(panel$fill),
                      stringsAsFactors = FALSE), panel)
  }))
  labels <- do.call(rbind, lapply(spec$panels, function(panel) {
    label <- panel$label
    facets(data.frame(x = label$x, y = label$y, text = label$text, hjust = label$hjust,
                      vjust = label$vjust, size = label$size,
                      box = grDevices::adjustcolor(label$fill, alpha.f = label$alpha),
                      stringsAsFactors = FALSE), panel)
  }))
  ggplot2::ggplot(raster, ggplot2::aes(x = .data$x1, y = .data$x2)) +
    ggplot2::geom_raster(ggplot2::aes(fill = .data$fill), interpolate = FALSE) +
    ggplot2::geom_label(ggplot2::aes(x = .data$x, y = .data$y, label = .data$text,
                                     hjust = .data$hjust, vjust = .data$vjust, fill = .data$box),
                        data = labels, size = labels$size[[1]] / ggplot2::.pt, label.size = 0) +
    ggplot2::scale_fill_identity() +
    ggplot2::facet_grid(rows = ggplot2::vars(.data$row), cols = ggplot2::vars(.data$column)) +
    ggplot2::coord_fixed(expand = FALSE) +
    axis_labels() +
    ggplot2::labs(title = spec$title) +
    theme_matplotlib(style = style) +
    ggplot2::theme(panel.grid = ggplot2::element_blank())
}
