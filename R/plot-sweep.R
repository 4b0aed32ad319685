#' Plot a hidden-size sweep
#'
#' `type = "accuracy"` draws every model's test accuracy by hidden size, one
#' point per seed with the median as a bar, so the spread across seeds is
#' visible: the tutorial's single run of each size hides it.
#' `type = "boundaries"` draws the decision boundaries of a few seeds for every
#' hidden size, one panel each.
#'
#' Both draw the matplotlib figure that `xorbridge.plot_sweep()` makes of
#' the same sweep: its points, colours, labels, limits and ticks, and, for
#' the boundaries, which seeds it shows and where it puts each panel's label.
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
  spec <- figure_spec("sweep", sweep_object(object), type = py_scalar(type, "type"),
                      seeds = py_values(seeds, "seeds", null = TRUE),
                      style = py_scalar(style, "style"), step = py_scalar(step, "step"))
  spec_plot(spec, style)
}
