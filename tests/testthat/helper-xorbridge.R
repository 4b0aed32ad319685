# Tests that need the Python core skip without it, except in CI (CI=true),
# where a missing Python is a broken set-up and must fail.
skip_if_no_xorbridge <- function() {
  if (xorbridge_available()) {
    return(invisible(TRUE))
  }
  if (tolower(Sys.getenv("CI")) %in% c("1", "true", "yes")) {
    stop("The xorbridge Python core is not available in CI (RETICULATE_PYTHON=",
         Sys.getenv("RETICULATE_PYTHON"), ").", call. = FALSE)
  }
  skip("the xorbridge Python core is not available")
}

# A model trained on the tutorial's defaults, shared by the tests of one file.
trained_model <- function() {
  set_seed(42)
  model <- simple_classifier()
  history <- train_model(model, xor_dataset(2500, seed = 42), seed = 42, device = "cpu")
  list(model = model, history = history)
}

python_exe <- function() {
  reticulate::py_config()$python
}

# Run `code` in a new R session (Rscript); returns its output and messages as
# one string. `env` is passed to system2(), e.g. "RETICULATE_PYTHON=/usr/bin/python3".
run_r <- function(code, env = character()) {
  rscript <- file.path(R.home("bin"), "Rscript")
  out <- system2(rscript, c("-e", shQuote(code)), stdout = TRUE, stderr = TRUE, env = env)
  paste(out, collapse = " ")
}

# The strip labels a built, faceted plot shows for facet variable `var`
# ("column" or "row"), one per panel in layout order.
strip_labels <- function(built, var = "column") {
  labeller <- built$plot$facet$params$labeller
  unname(unlist(labeller(built$layout$layout[var])))
}
