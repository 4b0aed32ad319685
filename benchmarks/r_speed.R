# R against Python in the same R process (training) and in the same machine
# state (matrix products). Prints one line of JSON.
#
#   Rscript benchmarks/r_speed.R RUNS            the package as it is
#   Rscript benchmarks/r_speed.R RUNS plain      torch imported without RTLD_DEEPBIND
#                                                first: the BLAS trap, for comparison
library(xorbridge)
args <- commandArgs(trailingOnly = TRUE)
runs <- as.integer(args[1])
plain <- identical(args[2], "plain")
python <- reticulate::py_config()$python
if (plain) invisible(reticulate::import("torch"))  # R's BLAS gets there first

json <- function(x) {
  items <- vapply(names(x), function(n) {
    value <- x[[n]]
    body <- if (is.character(value)) sprintf('"%s"', value) else
      sprintf("[%s]", paste(format(value, digits = 6), collapse = ", "))
    sprintf('"%s": %s', n, body)
  }, character(1))
  cat("{", paste(items, collapse = ", "), "}\n")
}

python_gflops <- function(size) {
  out <- system2(python, c("-m", "xorbridge", "bench", "--size", size, "--repeats", 5,
                           "--device", "cpu", "--json"), stdout = TRUE)
  as.numeric(sub('.*"gflops": ([0-9.eE+-]+).*', "\\1", paste(out, collapse = " ")))
}

size <- if (plain) 1000 else 2000
r_gflops <- py_gflops <- numeric()
for (i in seq_len(runs)) {
  r_gflops <- c(r_gflops, benchmark_matmul(size, devices = "cpu", repeats = 5)$gflops)
  py_gflops <- c(py_gflops, python_gflops(size))
}
result <- list(matmul_size = size, r_gflops = r_gflops, python_gflops = py_gflops)

if (!plain) {
  xb <- reticulate::import("xorbridge", convert = FALSE)
  train <- xor_dataset(2500, seed = 42)
  r_seconds <- py_seconds <- numeric()
  for (i in seq_len(runs)) {
    set_seed(i)
    model <- simple_classifier()
    r_seconds <- c(r_seconds, system.time(
      train_model(model, train, seed = i, progress = TRUE))[["elapsed"]])
    xb$set_seed(i)
    py_model <- xb$SimpleClassifier()
    py_seconds <- c(py_seconds, system.time(
      xb$train_model(py_model, train$py, seed = i, progress = FALSE))[["elapsed"]])
  }
  result$r_train_seconds <- r_seconds
  result$python_train_seconds <- py_seconds
}
json(result)
