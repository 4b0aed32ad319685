# A cli progress bar driven by Python's callbacks, shown only when `show` is
# TRUE; `format` and `total` as cli_progress_bar()'s, read in `envir`.
progress_bar <- function(show, total, format, envir) {
  bar <- if (isTRUE(show)) {
    cli::cli_progress_bar(total = total, clear = FALSE, auto_terminate = FALSE,
                          extra = list(text = ""), format = format, .envir = envir)
  }
  list(
    update = function(...) {
      if (!is.null(bar)) cli::cli_progress_update(id = bar, ..., .envir = envir)
    },
    # the bar ends where the work ended (cli would show a stopped bar as complete)
    done = function(stopped) {
      if (!is.null(bar)) {
        cli::cli_progress_done(id = bar, .envir = envir,
                               result = if (isTRUE(stopped)) "failed" else "done")
      }
    }
  )
}

# `step()`'s value, or FALSE (stop) when the user presses Esc or Ctrl-C
# during it, after `on_interrupt()`.
unless_interrupted <- function(step, on_interrupt = function() NULL) {
  tryCatch(step(), interrupt = function(condition) {
    on_interrupt()
    FALSE
  })
}
