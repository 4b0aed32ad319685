# One frame of xorbridge::playground() at its defaults, as the app makes it:
# the Python tick (5 epochs, the 50 x 50 grid, neurons, network) called from
# R, then R drawing the boundary and the history (and the neurons and the
# network) into PNG files as shiny's renderPlot() does. Prints one line of
# JSON: per-frame times and their medians.
#
#   Rscript benchmarks/playground.R TICKS
args <- commandArgs(trailingOnly = TRUE)
ticks <- if (length(args)) as.integer(args[1]) else 40
library(xorbridge)
ns <- asNamespace("xorbridge")
made <- ns$playground_trainer(ns$playground_python()$start)
# the Python part alone, timed in Python around the same call
timed <- reticulate::py_run_string(paste(
  "def timed_tick(trainer, since):",
  "    import time",
  "    from xorbridge import _bridge",
  "    started = time.perf_counter()",
  "    tick = _bridge.playground_tick(trainer, since=since, neurons=True)",
  "    return tick, time.perf_counter() - started", sep = "\n"), local = TRUE)$timed_tick
device <- function(path) {
  if (requireNamespace("ragg", quietly = TRUE)) ragg::agg_png(path, 560, 360) else
    grDevices::png(path, 560, 360)
}
draw <- function(fun, ...) {
  device(tempfile(fileext = ".png"))
  on.exit(grDevices::dev.off())
  fun(...)
}
history <- NULL
python <- call <- main <- rest <- numeric()
for (i in seq_len(ticks + 1)) {
  started <- proc.time()[["elapsed"]]
  result <- timed(made$trainer, as.integer(NROW(history)))
  tick <- result[[1]]
  history <- rbind(history, ns$columns_frame(tick$history[c("epoch", "loss", "accuracy",
                                                              "test_accuracy")]))
  called <- proc.time()[["elapsed"]]
  draw(ns$draw_boundary, tick, made$train)
  draw(ns$draw_history, history)
  drawn <- proc.time()[["elapsed"]]
  draw(ns$draw_neurons, tick)
  draw(ns$draw_network, tick$network)
  finished <- proc.time()[["elapsed"]]
  if (i > 1) {  # the first frame imports and warms up
    python <- c(python, result[[2]])
    call <- c(call, called - started)
    main <- c(main, drawn - called)
    rest <- c(rest, finished - drawn)
  }
}
ms <- function(x) sprintf("[%s]", paste(format(1000 * x, digits = 4), collapse = ", "))
cat(sprintf(paste0('{"python_tick_ms": %s, "r_tick_call_ms": %s, "r_draw_boundary_history_ms": %s, ',
                   '"r_draw_neurons_network_ms": %s}\n'), ms(python), ms(call), ms(main),
            ms(rest)))
