# Python objects reached from R (py$... in R Markdown) behave like the R wrappers.

python_objects <- function() {
  set_seed(42) # starts the Python core first (torch with its own BLAS)
  env <- reticulate::py_run_string(paste(
    "import xorbridge as xb",
    "xb.set_seed(42)",
    "py_train = xb.XORDataset(2500, seed=42)",
    "py_model = xb.SimpleClassifier(num_hidden=4)",
    "py_history = xb.train_model(py_model, py_train, seed=42, device='cpu', progress=False)",
    sep = "\n"
  ), local = TRUE, convert = FALSE)
  list(
    train = reticulate::py_get_item(env, "py_train"),
    model = reticulate::py_get_item(env, "py_model"),
    history = reticulate::py_get_item(env, "py_history")
  )
}

test_that("the Python classes are named as the methods expect", {
  skip_if_no_xorbridge()
  objects <- python_objects()
  expect_s3_class(objects$train, "xorbridge.data.XORDataset")
  expect_s3_class(objects$model, "xorbridge.model.SimpleClassifier")
  expect_s3_class(objects$history, "xorbridge.train.History")
})

test_that("as.data.frame() of a Python dataset equals that of xor_dataset()", {
  skip_if_no_xorbridge()
  objects <- python_objects()
  frame <- as.data.frame(objects$train)
  expect_identical(frame, as.data.frame(xor_dataset(2500, seed = 42)))
  expect_named(frame, c("x1", "x2", "label"))
  expect_identical(nrow(frame), 2500L)
  expect_type(frame$label, "integer")
  # A converting reference gives the same frame.
  expect_identical(as.data.frame(reticulate::r_to_py(objects$train, convert = TRUE)), frame)
})

test_that("predict() of a Python model equals predict() of its R wrapper and of R training", {
  skip_if_no_xorbridge()
  objects <- python_objects()
  corners <- data.frame(x1 = c(0, 0, 1, 1), x2 = c(0, 1, 0, 1))
  expect_identical(predict(objects$model, corners, type = "class"), c(0L, 1L, 1L, 0L))

  # The same seeds from R give bit-identical weights, hence predictions.
  trained <- trained_model()
  expect_identical(predict(objects$model, corners), predict(trained$model, corners))

  test <- xor_dataset(500, seed = 43)
  from_r <- predict(objects$model, test, type = "class")
  expect_length(from_r, 500L)
  points <- as.matrix(as.data.frame(test)[c("x1", "x2")])
  expect_identical(predict(objects$model, points), predict(objects$model, test))
  expect_gt(mean(from_r == as.data.frame(test)$label), 0.99)
})

test_that("predict() accepts a Python dataset as newdata", {
  skip_if_no_xorbridge()
  objects <- python_objects()
  expect_identical(predict(objects$model, objects$train),
                   predict(objects$model, as.data.frame(objects$train)))
})

test_that("as.data.frame() of a Python History is a training history", {
  skip_if_no_xorbridge()
  objects <- python_objects()
  history <- as.data.frame(objects$history)
  expect_s3_class(history, "xorbridge_history")
  expect_s3_class(history, "data.frame")
  expect_named(history, c("epoch", "loss", "accuracy"))
  expect_identical(history$epoch, 1:100)
  expect_equal(history$loss, unlist(reticulate::py_to_r(objects$history$loss)))
  expect_true(history$loss[100] < history$loss[1])
  expect_gt(attr(history, "seconds"), 0)
  expect_false(attr(history, "interrupted"))
  # Same seeds from R: the same losses.
  expect_equal(history$loss, trained_model()$history$loss)
})

test_that("autoplot() of Python objects draws what autoplot() of the R objects draws", {
  skip_if_no_xorbridge()
  objects <- python_objects()
  data_plot <- autoplot(objects$train)
  expect_s3_class(data_plot, "ggplot")
  expect_identical(ggplot2::layer_data(data_plot)[c("x", "y", "fill")],
                   ggplot2::layer_data(autoplot(xor_dataset(2500, seed = 42)))[c("x", "y", "fill")])

  figure_set <- xor_dataset(200, seed = 44)
  boundary <- autoplot(objects$model, data = figure_set, step = 0.05)
  expect_s3_class(boundary, "ggplot")
  r_boundary <- autoplot(trained_model()$model, data = figure_set, step = 0.05)
  expect_identical(ggplot2::layer_data(boundary, 1)$fill, ggplot2::layer_data(r_boundary, 1)$fill)
  expect_identical(nrow(ggplot2::layer_data(boundary, 2)), 200L)

  # A Python dataset on top of a Python model's boundary.
  with_python_data <- autoplot(objects$model, data = objects$train, step = 0.1,
                               title = "From Python")
  expect_identical(nrow(ggplot2::layer_data(with_python_data, 2)), 2500L)
  expect_identical(with_python_data$labels$title, "From Python")

  history_plot <- autoplot(objects$history)
  expect_s3_class(history_plot, "ggplot")
  expect_identical(nrow(ggplot2::layer_data(history_plot)), 200L)
  ragg::agg_png(withr::local_tempfile(fileext = ".png")) # a device for text metrics
  withr::defer(grDevices::dev.off())
  expect_no_error(ggplot2::ggplotGrob(history_plot))
})

test_that("arguments reach the R methods", {
  skip_if_no_xorbridge()
  objects <- python_objects()
  expect_identical(autoplot(objects$train, title = "Mine")$labels$title, "Mine")
  expect_error(predict(objects$model, data.frame(a = 1)), class = "xorbridge_error")
  expect_error(autoplot(objects$train, style = "nope"), class = "xorbridge_error")
  expect_error(autoplot(objects$model, data = 42), class = "xorbridge_error")
})

test_that("a Sweep made in Python is the sweep data frame and figure sweep_hidden() gives", {
  skip_if_no_xorbridge()
  set_seed(1)
  env <- reticulate::py_run_string(paste(
    "import xorbridge as xb",
    "py_sweep = xb.sweep_hidden(sizes=(1, 2), seeds=(3, 4), epochs=5, device='cpu')",
    sep = "\n"
  ), local = TRUE, convert = FALSE)
  python_sweep <- reticulate::py_get_item(env, "py_sweep")
  expect_s3_class(python_sweep, "xorbridge.sweep.Sweep")
  from_python <- as.data.frame(python_sweep)
  from_r <- sweep_hidden(sizes = 1:2, seeds = 3:4, epochs = 5, device = "cpu")
  expect_s3_class(from_python, "xorbridge_sweep")
  expect_identical(unclass(from_python)[names(from_r)], unclass(from_r)[names(from_r)])
  expect_identical(summary(from_python), summary(from_r))
  plot <- autoplot(python_sweep)
  expect_identical(ggplot2::layer_data(plot)[c("x", "y")],
                   ggplot2::layer_data(autoplot(from_r))[c("x", "y")])
  boundaries <- autoplot(python_sweep, type = "boundaries")
  expect_s3_class(boundaries, "ggplot")
})

test_that("a pandas DataFrame from a {python} chunk is an R data frame", {
  skip_if_no_xorbridge()
  reticulate::py_run_string(paste(
    "import numpy as np, pandas as pd",
    "import xorbridge as xb",
    "xorbridge_test_frame = pd.DataFrame({'n': [1, 2], 'x': [0.5, np.nan], 's': ['a', None]})",
    "xorbridge_test_points = xb.XORDataset(5, seed=3).to_frame()",
    "xorbridge_test_dates = pd.DataFrame({'t': pd.to_datetime(['2020-01-01'])})",
    sep = "\n"
  ))
  frame <- reticulate::py$xorbridge_test_frame
  expect_s3_class(frame, "data.frame")
  expect_identical(frame$n, 1:2)
  expect_identical(frame$x, c(0.5, NaN))
  expect_identical(frame$s, c("a", NA))
  expect_equal(reticulate::py$xorbridge_test_points, as.data.frame(xor_dataset(5, seed = 3)))
  # a kind R does not read stays the Python object, for reticulate to handle
  expect_s3_class(reticulate::py$xorbridge_test_dates, "python.builtin.object")
})
