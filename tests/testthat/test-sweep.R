test_that("sweep_hidden() gives one row per model, equal to each model's own run", {
  skip_if_no_xorbridge()
  train <- xor_dataset(600, seed = 5)
  test <- xor_dataset(200, seed = 6)
  sweep <- sweep_hidden(sizes = c(1, 4), seeds = c(0, 7), train = train, test = test,
                        epochs = 10, device = "cpu")
  expect_s3_class(sweep, "xorbridge_sweep")
  expect_named(sweep, c("num_hidden", "seed", "final_loss", "train_accuracy", "test_accuracy"))
  expect_equal(sweep$num_hidden, c(1L, 1L, 4L, 4L))
  expect_equal(sweep$seed, c(0L, 7L, 0L, 7L))
  set_seed(7)
  model <- simple_classifier(num_hidden = 4)
  history <- train_model(model, train, epochs = 10, seed = 7, device = "cpu")
  row <- sweep[sweep$num_hidden == 4 & sweep$seed == 7, ]
  expect_equal(row$final_loss, history$loss[10], tolerance = 1e-5)
  expect_equal(row$test_accuracy, eval_model(model, test), tolerance = 1e-5)
  expect_equal(unlist(coef(sweep_model(sweep, 4, 7))), unlist(coef(model)), tolerance = 1e-5)
  expect_output(print(sweep), "4 models")
})

test_that("the sweep plots show every model", {
  skip_if_no_xorbridge()
  sweep <- sweep_hidden(sizes = c(1, 2), seeds = 0:2, epochs = 5)
  accuracy <- ggplot2::ggplot_build(autoplot(sweep))
  points <- accuracy$data[[2]]
  expect_equal(nrow(points), 6)
  expect_equal(sort(points$y), sort(sweep$test_accuracy))
  boundaries <- autoplot(sweep, type = "boundaries", seeds = c(0, 2), step = 0.1)
  built <- ggplot2::ggplot_build(boundaries)
  expect_equal(nrow(built$layout$layout), 4)  # 2 sizes x 2 seeds
  expect_equal(nrow(built$data[[1]]), 4 * 20 * 20)
})

test_that("sweep arguments are checked", {
  skip_if_no_xorbridge()
  for (case in list(list(sizes = 0), list(sizes = c(2, 2)), list(sizes = "4"),
                    list(sizes = numeric()), list(seeds = -1), list(seeds = c(1, 1)),
                    list(seeds = NA), list(epochs = 0), list(train = "data"),
                    list(activation = "gelu"))) {
    expect_error(do.call(sweep_hidden, case), class = "xorbridge_argument_error")
  }
  sweep <- sweep_hidden(sizes = 1, seeds = 0, epochs = 1)
  expect_error(sweep_model(sweep, 2, 0), class = "xorbridge_argument_error")
  expect_error(sweep_model(data.frame(), 1, 0), class = "xorbridge_argument_error")
  expect_error(autoplot(sweep, type = "histogram"), class = "xorbridge_argument_error")
  expect_error(autoplot(sweep, type = "boundaries", seeds = 5),
               class = "xorbridge_argument_error")
})
