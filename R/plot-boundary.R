#' Plot a model's decision boundary
#'
#' The tutorial's picture of what the model learned: every point of a grid
#' (see [decision_grid()]) is coloured by blending the two class colours by
#' the probability of class 1, with the data on top. Unlike the tutorial's
#' own figure, which is transposed, `x1` is on the horizontal axis.
#'
#' Like [autoplot.xorbridge_dataset()], the plot draws the matplotlib figure
#' that `xorbridge.plot_boundary()` makes of the same model and data: its
#' colours, limits, ticks, legend place and panel box, with the grid computed
#' once; save it with [ggsave_matplotlib()].
#'
#' `type = "neurons"` draws what each hidden unit computes instead, then the
#' output, one panel each in a row, with its weights: the figure
#' `xorbridge.plot_neurons()` makes (`title`, `xlim` and `ylim` are not used).
#'
#' @param object An `xorbridge_model`.
#' @param data `NULL`, or an `xorbridge_dataset` to draw on top.
#' @param style `"darkgrid"` or `"default"`, see [theme_matplotlib()].
#' @param title The plot's title.
#' @param xlim,ylim,step The grid, see [decision_grid()].
#' @param type `"boundary"` (the decision boundary) or `"neurons"` (each
#'   hidden unit's activation, as `plot_neurons()` draws it).
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
#'   autoplot(model, type = "neurons", step = 0.02)
#' }
autoplot.xorbridge_model <- function(object, data = NULL, style = "darkgrid",
                                     title = "Decision boundary", xlim = c(-0.5, 1.5),
                                     ylim = c(-0.5, 1.5), step = 0.01, type = "boundary",
                                     ...) {
  spec <- call_python(bridge()$model_spec(
    model_arg(object, "object"), if (is.null(data)) NULL else data_arg(data),
    type = py_scalar(type, "type"), style = py_scalar(style, "style"),
    title = check_string(title, "title"), xlim = py_values(xlim, "xlim"),
    ylim = py_values(ylim, "ylim"), step = py_scalar(step, "step")
  ))
  spec_plot(spec_frames(spec), style)
}
