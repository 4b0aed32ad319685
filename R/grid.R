#' The model's probabilities over a grid of points
#'
#' Evaluates the model on every point of the grid `seq(xlim[1], by = step)`
#' x `seq(ylim[1], by = step)`, below the upper limits: the tutorial's
#' picture of the decision boundary. The defaults give the tutorial's 200 x
#' 200 grid on \[-0.5, 1.5).
#'
#' @param model An `xorbridge_model`.
#' @param xlim,ylim The ranges of `x1` and `x2`, as `c(low, high)`, within
#'   +-1e6 (beyond, the model's float32 arithmetic overflows).
#' @param step The spacing of the grid. The grid may hold at most 4,000,000
#'   points.
#' @returns A data frame with columns `x1`, `x2` and `prob` (the
#'   probability of class 1), with `x1` varying fastest, and the attribute
#'   `step`. In Python the same numbers come as a matrix whose rows follow
#'   `x2` and columns follow `x1`.
#' @family evaluation
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   set_seed(42)
#'   model <- simple_classifier()
#'   grid <- decision_grid(model, step = 0.1)
#'   head(grid)
#' }
decision_grid <- function(model, xlim = c(-0.5, 1.5), ylim = c(-0.5, 1.5), step = 0.01) {
  grid <- call_python(bridge()$grid_columns(model_arg(model), py_values(xlim, "xlim"),
                                            py_values(ylim, "ylim"), py_scalar(step, "step")))
  structure(columns_frame(grid[c("x1", "x2", "prob")]), step = grid$step)
}
