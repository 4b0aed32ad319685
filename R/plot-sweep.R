#' Plot a hidden-size sweep
#'
#' `type = "accuracy"` draws every model's test accuracy by hidden size, one
#' point per seed with the median as a bar, so the spread across seeds is
#' visible: the tutorial's single run of each size hides it.
#' `type = "boundaries"` draws the decision boundaries of a few seeds for every
#' hidden size, one panel each.
#'
#' @param object An `xorbridge_sweep` from [sweep_hidden()].
#' @param type `"accuracy"` or `"boundaries"`.
#' @param seeds For `"boundaries"`: which seeds to draw (at most 6); by default
#'   the first three.
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
autoplot.xorbridge_sweep <- function(object, type = c("accuracy", "boundaries"), seeds = NULL,
                                     style = c("darkgrid", "default"), step = 0.02, ...) {
  style <- mpl_match_style(style)
  if (!is.character(type) || length(type) == 0 || !all(type %in% c("accuracy", "boundaries"))) {
    abort_argument(paste0('`type` must be one of "accuracy", "boundaries", not ',
                          show_value(type), "."))
  }
  if (type[[1]] == "accuracy") {
    return(sweep_accuracy_plot(object, style))
  }
  available <- unique(object$seed)
  seeds <- if (is.null(seeds)) utils::head(available, 3) else check_seeds(seeds)
  if (length(seeds) > 6 || !all(seeds %in% available)) {
    abort_argument(paste0("`seeds` must be at most 6 of the sweep's seeds (",
                          paste(available, collapse = ", "), "), not ", show_value(seeds), "."))
  }
  sweep_boundary_plot(object, seeds, style, step)
}

sweep_accuracy_plot <- function(sweep, style) {
  # the points' positions and the medians come from the Python figure's own data
  plot_module <- reticulate::import("xorbridge.plot", convert = TRUE)
  data <- py_call(plot_module$sweep_accuracy_data(sweep_object(sweep)$table))
  points <- py_frame(data[[1]])
  medians <- py_frame(data[[2]])
  # positions count from 0 in Python; ggplot2's discrete-looking axis counts from 1
  points$x <- points$position + 1
  medians$x <- medians$position + 1
  sizes <- medians$num_hidden
  palette <- matplotlib_palettes[[style]]
  ggplot2::ggplot(points, ggplot2::aes(x = .data$x, y = .data$test_accuracy)) +
    ggplot2::geom_crossbar(ggplot2::aes(ymin = .data$test_accuracy, ymax = .data$test_accuracy),
                           data = medians, width = 0.5, colour = palette[[2]],
                           linewidth = 0.5) +
    ggplot2::geom_point(shape = 21, fill = palette[[1]], colour = matplotlib_edge_colour,
                        size = matplotlib_point_size, stroke = matplotlib_point_stroke) +
    ggplot2::scale_x_continuous(breaks = seq_along(sizes), labels = sizes,
                                expand = ggplot2::expansion(add = 0.5)) +
    ggplot2::labs(x = "Hidden neurons", y = "Test accuracy",
                  title = paste0("Test accuracy over ", length(unique(points$seed)),
                                 " seeds (bar: median)")) +
    theme_matplotlib(style = style)
}

sweep_boundary_plot <- function(sweep, seeds, style, step) {
  table <- as.data.frame(unclass(sweep))
  chosen <- table[table$seed %in% seeds, c("num_hidden", "seed", "test_accuracy")]
  palette <- matplotlib_palettes[[style]][1:2]
  panels <- lapply(seq_len(nrow(chosen)), function(i) {
    grid <- decision_grid(sweep_model(sweep, chosen$num_hidden[[i]], chosen$seed[[i]]),
                          step = step)
    grid$num_hidden <- chosen$num_hidden[[i]]
    grid$seed <- chosen$seed[[i]]
    grid
  })
  frame <- do.call(rbind, panels)
  frame$colour <- blend_colours(frame$prob, palette[[1]], palette[[2]])
  chosen$label <- sprintf("%.1f%%", 100 * chosen$test_accuracy)
  facets <- function(data) {
    data$hidden <- factor(paste(data$num_hidden, "hidden"),
                          levels = paste(sort(unique(table$num_hidden)), "hidden"))
    data$seed <- factor(paste("seed", data$seed), levels = paste("seed", seeds))
    data
  }
  ggplot2::ggplot(facets(frame), ggplot2::aes(x = .data$x1, y = .data$x2)) +
    ggplot2::geom_raster(ggplot2::aes(fill = .data$colour), interpolate = FALSE) +
    ggplot2::geom_label(ggplot2::aes(label = .data$label), data = facets(chosen),
                        x = -0.45, y = 1.45, hjust = 0, vjust = 1, size = 3,
                        label.size = 0, fill = grDevices::adjustcolor("white", 0.8)) +
    ggplot2::scale_fill_identity() +
    ggplot2::facet_grid(rows = ggplot2::vars(.data$hidden), cols = ggplot2::vars(.data$seed)) +
    ggplot2::coord_fixed(expand = FALSE) +
    axis_labels() +
    ggplot2::labs(title = "Decision boundaries (label: test accuracy)") +
    theme_matplotlib(style = style) +
    ggplot2::theme(panel.grid = ggplot2::element_blank())
}
