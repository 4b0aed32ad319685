# R against Python in the same R process (training) and in the same machine
# state (matrix products). Prints one line of JSON.
#
#   Rscript benchmarks/r_speed.R RUNS [ORDER]
#
# ORDER is how torch is first imported: "call" (an xorbridge call, the
# default), "chunk" (Python code `import torch`, as a {python} chunk does),
# "import" (reticulate::import("torch")), "python" (`import xorbridge` in
# Python), all after library(xorbridge); or "before": torch imported before
# library(xorbridge), the BLAS trap the package can only warn about.
args <- commandArgs(trailingOnly = TRUE)
runs <- as.integer(args[1])
order <- if (length(args) > 1) args[2] else "call"
if (order == "before") invisible(reticulate::import("torch"))  # R's BLAS gets there first
library(xorbridge)
switch(order,
  chunk = reticulate::py_run_string("import torch"),
  import = invisible(reticulate::import("torch")),
  python = reticulate::py_run_string("import xorbridge"),
  NULL
)
python <- reticulate::py_config()$python

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
size <- if (order == "before") 1000 else 2000
r_gflops <- py_gflops <- numeric()
for (i in seq_len(runs)) {
  r_first <- i %% 2 == 1
  if (!r_first) py_gflops <- c(py_gflops, python_gflops(size))
  r_gflops <- c(r_gflops, benchmark_matmul(size, devices = "cpu", repeats = 5)$gflops)
  if (r_first) py_gflops <- c(py_gflops, python_gflops(size))
}
result <- list(order = order, matmul_size = size, r_gflops = r_gflops,
               python_gflops = py_gflops)

if (order == "call") {
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
