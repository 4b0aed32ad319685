# One frame of xorbridge::playground() at its defaults, as the app makes it:
# one call from R to the Python core, which trains 5 epochs and draws the
# four panels (boundary, history, neurons, network) into PNG files at the
# app's sizes. The same call is timed inside Python, in this process. Prints
# one line of JSON: per-frame times.
#
#   Rscript benchmarks/playground.R FRAMES
args <- commandArgs(trailingOnly = TRUE)
frames <- if (length(args)) as.integer(args[1]) else 40
library(xorbridge)
ns <- asNamespace("xorbridge")
bridge <- ns$bridge()
python <- ns$playground_python()
playground <- bridge$playground_start(python$start)
# the app's panels on a 1400-pixel-wide page (what Chromium reports there)
widths <- c(boundary = 407.5, history = 570.5, neurons = 652, network = 326)
sizes <- lapply(names(python$panels), function(id) c(widths[[id]], python$panels[[id]]$height))
names(sizes) <- names(python$panels)
timed <- reticulate::py_run_string(paste(
  "def timed_frame(playground, sizes, directory):",
  "    import time",
  "    started = time.perf_counter()",
  "    frame = playground.frame(5, sizes, 1.0, directory)",
  "    return frame, time.perf_counter() - started", sep = "\n"), local = TRUE)$timed_frame
inside <- from_r <- numeric()
for (i in seq_len(2 * frames + 1)) {
  started <- proc.time()[["elapsed"]]
  if (i %% 2 == 1) {  # alternated: R's call, then Python's own timing
    ns$call_python(bridge$playground_frame(playground, 5L, sizes, 1, tempdir()))
    if (i > 1) from_r <- c(from_r, proc.time()[["elapsed"]] - started)  # the first warms up
  } else {
    inside <- c(inside, timed(playground, sizes, tempdir())[[2]])
  }
}
ms <- function(x) sprintf("[%s]", paste(format(1000 * x, digits = 4), collapse = ", "))
cat(sprintf('{"python_frame_ms": %s, "r_frame_ms": %s}\n', ms(inside), ms(from_r)))
