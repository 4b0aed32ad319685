# The learner's own PyTorch in R Markdown: {python} chunks with their own
# classes and loop, {r} chunks with xorbridge. Each document is rendered in a
# fresh R process, as RStudio's Knit button does.

render_document <- function(name) {
  skip_if_no_xorbridge()
  skip_if_not(rmarkdown::pandoc_available(), "pandoc is missing")
  dir <- withr::local_tempdir(.local_envir = parent.frame())
  file.copy(test_path("learner", name), dir)
  log <- file.path(dir, "render.log")
  status <- system2(file.path(R.home("bin"), "Rscript"),
                    c("-e", shQuote(sprintf("rmarkdown::render('%s', quiet = TRUE)",
                                            file.path(dir, name)))),
                    stdout = log, stderr = log)
  expect_identical(status, 0L, label = paste(readLines(log), collapse = "\n"))
  readLines(file.path(dir, sub("\\.Rmd$", ".md", name)))
}

test_that("a document with the learner's own Dataset, nn.Module and loop renders, fast", {
  lines <- render_document("own-pytorch.Rmd")
  # every chunk ran: R's numbers from the learner's objects are in the page
  accuracy <- lines[which(lines == "    eval_model(py$model, py$test_dataset)") + 2]
  expect_length(accuracy, 2)
  expect_true(all(as.numeric(sub("^    ## \\[1\\] ", "", accuracy)) > 0.9))
  expect_true(any(grepl("^    ## SimpleClassifier 9$", lines)))  # r.mine in Python
  expect_true(any(grepl("^    ## 100$", lines)))  # Python's own train_model() ran
  expect_gte(length(grep("\\.png\\)", lines)), 3)  # the figures
  # torch's products ran on its own BLAS inside the render
  expect_true(any(grepl("matrix products: torch's own", lines, fixed = TRUE)))
  # no progress bar state, or any other line, floods the page
  expect_lte(max(nchar(lines)), 200)
  expect_false(any(grepl("Warning", lines)))
})

test_that("torch imported before xorbridge is attached gives one warning with the fix", {
  lines <- render_document("python-first.Rmd")
  expect_length(grep("Warning", lines, fixed = TRUE), 1)  # that one, and no other
  expect_length(grep("R's BLAS", lines, fixed = TRUE), 1)
  expect_true(any(grepl("library(xorbridge)", lines, fixed = TRUE)))
})

test_that("after library(xorbridge), torch keeps its own BLAS however it is imported first", {
  skip_if_no_xorbridge()
  firsts <- c(chunk = "reticulate::py_run_string('import torch')",
              import = "torch <- reticulate::import('torch')",
              python = "reticulate::py_run_string('import xorbridge')",
              r_call = "set_seed(1)")
  for (first in names(firsts)) {
    out <- run_r(paste0("library(xorbridge); ", firsts[[first]], "; ",
                        "cat('own:', device_info()$torch_blas$own)"))
    expect_match(out, "own: TRUE$", label = first)
    expect_no_match(out, "Warning", fixed = TRUE, label = first)
  }
  # torch first, then xorbridge: the one warning, and the report says so
  out <- run_r(paste0("reticulate::py_run_string('import torch'); library(xorbridge); ",
                      "info <- device_info(); cat('own:', info$torch_blas$own)"))
  expect_match(out, "own: FALSE$")
  expect_match(out, "torch was imported before xorbridge could protect it", fixed = TRUE)
})

test_that("numpy arrays and tensors made in Python become R numbers", {
  skip_if_no_xorbridge()
  reticulate::py_run_string(paste(
    "import numpy as np, torch",
    "xb_f32 = np.arange(6, dtype=np.float32).reshape(2, 3) / 4",
    "xb_i64 = np.array([1, 2, 3], dtype=np.int64)",
    "xb_big = np.array([2**40], dtype=np.int64)",
    "xb_bool = np.array([True, False])",
    "xb_t = torch.tensor([[1.5, 2.0], [3.0, 4.25]], requires_grad=True)",
    sep = "\n"
  ))
  py <- reticulate::py
  expect_identical(py$xb_f32, matrix(c(0, 0.75, 0.25, 1, 0.5, 1.25), nrow = 2))
  expect_identical(py$xb_i64, 1:3)
  expect_identical(py$xb_big, 2^40)
  expect_identical(py$xb_bool, c(TRUE, FALSE))
  expect_identical(as.matrix(py$xb_t), matrix(c(1.5, 3, 2, 4.25), nrow = 2))
  expect_identical(as.vector(py$xb_t), c(1.5, 3, 2, 4.25))
  expect_identical(dim(as.array(py$xb_t)), c(2L, 2L))
  expect_identical(as.data.frame(py$xb_t)$V2, c(2, 4.25))
  # an R model is the same Python object in Python
  model <- simple_classifier()
  builtins <- reticulate::import_builtins()
  expect_identical(builtins$id(reticulate::r_to_py(model)), builtins$id(model$py))
})
