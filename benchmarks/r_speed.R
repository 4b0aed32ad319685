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

# Each pair of measurements alternates which side goes first, so that a
# neighbour's load falls on both sides alike.
size <- if (plain) 1000 else 2000
r_gflops <- py_gflops <- numeric()
for (i in seq_len(runs)) {
  r_first <- i %% 2 == 1
  if (!r_first) py_gflops <- c(py_gflops, python_gflops(size))
  r_gflops <- c(r_gflops, benchmark_matmul(size, devices = "cpu", repeats = 5)$gflops)
  if (r_first) py_gflops <- c(py_gflops, python_gflops(size))
}
result <- list(matmul_size = size, r_gflops = r_gflops, python_gflops = py_gflops)

if (!plain) {
  xb <- reticulate::import("xorbridge", convert = FALSE)
  train <- xor_dataset(2500, seed = 42)
  r_seconds <- py_seconds <- numeric()
  from_r <- function(i) {
    set_seed(i)
    model <- simple_classifier()
    system.time(train_model(model, train, seed = i, progress = TRUE))[["elapsed"]]
  }
  from_python <- function(i) {
    xb$set_seed(i)
    model <- xb$SimpleClassifier()
    system.time(xb$train_model(model, train$py, seed = i, progress = FALSE))[["elapsed"]]
  }
  for (i in seq_len(3 * runs)) {  # training is quick: three times the pairs
    if (i %% 2 == 1) {
      r_seconds <- c(r_seconds, from_r(i))
      py_seconds <- c(py_seconds, from_python(i))
    } else {
      py_seconds <- c(py_seconds, from_python(i))
      r_seconds <- c(r_seconds, from_r(i))
    }
  }
  result$r_train_seconds <- r_seconds
  result$python_train_seconds <- py_seconds
}
json(result)
