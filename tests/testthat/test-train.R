test_that("training on the defaults reaches 99% on a fresh test set", {
  skip_if_no_xorbridge()
  run <- trained_model()
  history <- run$history
  expect_s3_class(history, "xorbridge_history")
  expect_s3_class(history, "data.frame")
  expect_named(history, c("epoch", "loss", "accuracy"))
  expect_equal(history$epoch, 1:100)
  expect_lt(history$loss[100], history$loss[1] / 10)
  expect_false(attr(history, "interrupted"))
  expect_gte(eval_model(run$model, xor_dataset(500, seed = 43)), 0.99)
  expect_output(print(history), "100 epochs")
  expect_output(print(history), "fused engine")
  expect_output(print(history[2:4, ]), "epochs 2-4 \\(3 rows\\).*fused engine")
})

test_that("R and Python training give bit-identical weights and history", {
  skip_if_no_xorbridge()
  set_seed(8)
  model <- simple_classifier()
  history <- train_model(model, xor_dataset(400, seed = 2), epochs = 5, seed = 3,
                         device = "cpu")
  xb <- reticulate::import("xorbridge", convert = FALSE)
  xb$set_seed(8L)
  python_model <- xb$SimpleClassifier()
  python_history <- xb$train_model(python_model, xb$XORDataset(400L, seed = 2L), epochs = 5L,
                                   seed = 3L, device = "cpu", progress = FALSE)
  expect_identical(history$loss, unlist(reticulate::py_to_r(python_history$loss)))
  python_weights <- coef(structure(list(py = python_model), class = "xorbridge_model"))
  expect_identical(coef(model), python_weights)
})

test_that("the progress bar is quiet unless asked, and shows epochs when asked", {
  skip_if_no_xorbridge()
  data <- xor_dataset(100, seed = 1)
  expect_silent(train_model(simple_classifier(), data, epochs = 2))
  withr::local_options(cli.dynamic = FALSE, cli.progress_show_after = 0)
  messages <- capture.output(
    train_model(simple_classifier(), data, epochs = 3, progress = TRUE),
    type = "message"
  )
  expect_match(paste(messages, collapse = "\n"), "Epoch 3/3")
  expect_match(paste(messages, collapse = "\n"), "loss")
})

test_that("a callback sees every epoch and can stop training", {
  skip_if_no_xorbridge()
  seen <- integer()
  history <- train_model(simple_classifier(), xor_dataset(100, seed = 1), epochs = 10,
                         callback = function(epoch, logs) {
                           seen[length(seen) + 1] <<- epoch
                           expect_named(logs, c("loss", "accuracy"), ignore.order = TRUE)
                           epoch < 4
                         })
  expect_equal(seen, 1:4)
  expect_equal(nrow(history), 4)
  expect_true(attr(history, "interrupted"))
})

test_that("an interrupt stops training at an epoch boundary; the model stays usable", {
  skip_if_no_xorbridge()
  model <- simple_classifier()
  expect_warning(
    history <- train_model(model, xor_dataset(300, seed = 1), epochs = 50,
                           callback = function(epoch, logs) {
                             if (epoch == 3) rlang::interrupt()
                             TRUE
                           }),
    class = "xorbridge_interrupted"
  )
  expect_equal(nrow(history), 3)
  expect_true(all(is.finite(unlist(coef(model)))))
  expect_true(is.numeric(eval_model(model, xor_dataset(50, seed = 2))))
})

test_that("bad arguments are refused in R", {
  skip_if_no_xorbridge()
  model <- simple_classifier()
  data <- xor_dataset(10, seed = 1)
  cases <- list(
    list(epochs = 0), list(epochs = 2.5), list(epochs = NA), list(epochs = "10"),
    list(batch_size = -1), list(batch_size = NULL), list(lr = 0), list(lr = -0.1),
    list(lr = Inf), list(lr = NaN), list(seed = -1), list(device = "gpu"),
    list(progress = NA), list(callback = "print")
  )
  for (case in cases) {
    expect_error(do.call(train_model, c(list(model, data), case)),
                 class = "xorbridge_error")
  }
  expect_error(train_model("model", data), class = "xorbridge_error")
  expect_error(train_model(model, data.frame(x1 = 1, x2 = 1)),
               class = "xorbridge_error")
})

test_that("the history plot shows loss and accuracy", {
  skip_if_no_xorbridge()
  history <- train_model(simple_classifier(), xor_dataset(200, seed = 1), epochs = 5)
  plot <- autoplot(history)
  built <- ggplot2::ggplot_build(plot)
  expect_equal(nrow(built$data[[1]]), 10)
  expect_identical(strip_labels(built),
                   c("Training loss", "Training accuracy"))
  expect_equal(sort(built$data[[1]]$y), sort(c(history$loss, history$accuracy)))
  # a part of a history plots the rows it holds
  part <- ggplot2::ggplot_build(autoplot(history[2:4, ]))$data[[1]]
  expect_equal(part$x, c(2:4, 2:4))
  expect_equal(part$y, c(history$loss[2:4], history$accuracy[2:4]))
})

# TensorBoard's own reader, through reticulate: each tag's steps and values,
# the graph's presence and each image's step.
read_tensorboard <- function(dir) {
  reader <- reticulate::import("tensorboard.backend.event_processing.event_accumulator",
                               convert = FALSE)
  events <- reader$EventAccumulator(dir, size_guidance = list(scalars = 0L, images = 0L))
  events$Reload()
  field <- function(items, name, type) {
    vapply(seq_len(reticulate::py_len(items)) - 1L, function(i) {
      reticulate::py_to_r(reticulate::py_get_attr(reticulate::py_get_item(items, i), name))
    }, type)
  }
  tags <- reticulate::py_to_r(events$Tags())
  scalars <- lapply(stats::setNames(nm = unlist(tags$scalars)), function(tag) {
    read <- events$Scalars(tag)
    list(step = field(read, "step", integer(1)), value = field(read, "value", double(1)))
  })
  list(scalars = scalars, graph = isTRUE(tags$graph),
       image_steps = field(events$Images("decision_boundary"), "step", integer(1)))
}

# What TensorBoard stores of a number: the nearest float32.
as_float32 <- function(x) readBin(writeBin(x, raw(), size = 4), "double", size = 4, n = length(x))

test_that("log_dir writes TensorBoard events that equal the history", {
  skip_if_no_xorbridge()
  dir <- withr::local_tempdir()
  history <- train_model(simple_classifier(), xor_dataset(200, seed = 1), epochs = 5,
                         device = "cpu", test = xor_dataset(100, seed = 2),
                         log_dir = file.path(dir, "run"), figure_every = 2)
  expect_named(history, c("epoch", "loss", "accuracy", "test_accuracy"))
  events <- read_tensorboard(file.path(dir, "run"))
  expect_setequal(names(events$scalars), c("loss/train", "accuracy/train", "accuracy/test"))
  columns <- c("loss/train" = "loss", "accuracy/train" = "accuracy",
               "accuracy/test" = "test_accuracy")
  for (tag in names(columns)) {
    expect_identical(events$scalars[[tag]]$step, 1:5)
    expect_identical(events$scalars[[tag]]$value, as_float32(history[[columns[[tag]]]]))
  }
  expect_true(events$graph)
  expect_identical(events$image_steps, c(2L, 4L, 5L))
})

test_that("a test set adds test_accuracy, which prints and is plotted", {
  skip_if_no_xorbridge()
  model <- simple_classifier()
  test <- xor_dataset(100, seed = 2)
  history <- train_model(model, xor_dataset(200, seed = 1), epochs = 3, test = test)
  expect_identical(history$test_accuracy[[3]], eval_model(model, test))
  expect_output(print(history), "test_accuracy")
  built <- ggplot2::ggplot_build(autoplot(history))
  expect_equal(nrow(built$data[[1]]), 9)  # loss, training and test accuracy, 3 epochs each
  expect_false("test_accuracy" %in% names(train_model(model, test, epochs = 1)))
})

test_that("bad TensorBoard arguments are refused in R's words", {
  skip_if_no_xorbridge()
  model <- simple_classifier()
  data <- xor_dataset(20, seed = 1)
  expect_error(train_model(model, data, log_dir = NA), "`log_dir` must not be NA.",
               fixed = TRUE, class = "xorbridge_argument_error")
  expect_error(train_model(model, data, log_dir = 3),
               "`log_dir` must be a directory path (a string) or NULL, not 3.",
               fixed = TRUE, class = "xorbridge_python_error")
  expect_error(train_model(model, data, figure_every = 0),
               "`figure_every` must be a positive whole number, not 0.", fixed = TRUE,
               class = "xorbridge_python_error")
  expect_error(train_model(model, data, test = as.data.frame(data)), "`test` must be",
               fixed = TRUE, class = "xorbridge_argument_error")
})
