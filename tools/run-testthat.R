# Run the R package's tests against the installed package. Any failure fails;
# in CI (CI=true) a skipped test fails too, except tests that need a GPU.
in_ci <- tolower(Sys.getenv("CI")) %in% c("1", "true", "yes")
# vdiffr snapshots and other skip_on_cran() tests run here.
Sys.setenv(NOT_CRAN = "true")
results <- testthat::test_dir(
  "tests/testthat",
  package = "xorbridge",
  load_package = "installed",
  reporter = testthat::SummaryReporter$new(show_praise = FALSE),
  stop_on_failure = TRUE
)
frame <- as.data.frame(results)
skips <- list()
for (result in results) {
  for (expectation in result$results) {
    if (inherits(expectation, "expectation_skip")) {
      skips[[length(skips) + 1]] <- paste0(result$test, ": ", conditionMessage(expectation))
    }
  }
}
cat(sprintf("\ntestthat: %d tests, %d expectations, %d skipped\n",
            nrow(frame), sum(frame$nb), length(skips)))
gpu_only <- grepl("CUDA|GPU", unlist(skips))
if (in_ci && any(!gpu_only)) {
  cat("Skipped in CI, which counts as a failure:\n", paste0("  ", unlist(skips)[!gpu_only],
      "\n"), sep = "")
  quit(status = 1)
}
