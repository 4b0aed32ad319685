run <- NULL
setup_run <- function() {
  if (is.null(run)) run <<- trained_model()
  run
}

test_that("eval_model() does not depend on the batch size", {
  skip_if_no_xorbridge()
  model <- setup_run()$model
  test <- xor_dataset(500, seed = 43)
  accuracies <- vapply(c(1, 7, 89, 128, 500, 1e4), function(b) eval_model(model, test, b), 1)
  expect_true(all(accuracies == accuracies[[1]]))
  expect_error(eval_model(model, test, batch_size = 0), class = "xorbridge_error")
})

test_that("predict() gives probabilities and classes for data frames and matrices", {
  skip_if_no_xorbridge()
  model <- setup_run()$model
  corners <- data.frame(x1 = c(0, 0, 1, 1), x2 = c(0, 1, 0, 1), other = "ignored")
  prob <- predict(model, corners)
  expect_type(prob, "double")
  expect_length(prob, 4)
  expect_equal(predict(model, corners, type = "class"), c(0L, 1L, 1L, 0L))
  expect_identical(predict(model, as.matrix(corners[, c("x1", "x2")])), prob)
  expect_identical(predict(model, unname(as.matrix(corners[, 1:2]))), prob)
  expect_identical(predict(model, corners[, c("x2", "x1")]), prob)
  test <- xor_dataset(50, seed = 3)
  expect_equal(mean(predict(model, test, type = "class") == as.data.frame(test)$label),
               eval_model(model, test))
})

test_that("predict() refuses bad points", {
  skip_if_no_xorbridge()
  model <- setup_run()$model
  bad <- list(
    data.frame(a = 1, b = 2),
    data.frame(x1 = "a", x2 = "b"),
    data.frame(x1 = NA_real_, x2 = 1),
    data.frame(x1 = Inf, x2 = 1),
    matrix(1:6, ncol = 3),
    matrix(c("a", "b"), ncol = 2),
    matrix(1:4, ncol = 2, dimnames = list(NULL, c("b", "a"))),
    list(x1 = 1, x2 = 2),
    data.frame(x1 = 1, x1 = 2, x2 = 3, check.names = FALSE),
    "points"
  )
  for (newdata in bad) {
    expect_error(predict(model, newdata), class = "xorbridge_error")
  }
  expect_error(predict(model, data.frame(x1 = 1, x1 = 2, x2 = 3, check.names = FALSE)),
               "`newdata` must have one column x1 and one column x2, not repeated names.",
               fixed = TRUE, class = "xorbridge_value_error")
  expect_error(predict(model, data.frame(row.names = 1:2)),
               "`newdata` must have columns x1 and x2; missing: x1, x2 (it has: ).", fixed = TRUE,
               class = "xorbridge_value_error")
  # other repeated names do not matter: the points are x1 and x2
  expect_identical(predict(model, data.frame(x1 = 0, a = 1, a = 2, x2 = 1, check.names = FALSE)),
                   predict(model, data.frame(x1 = 0, x2 = 1)))
  expect_identical(predict(model, data.frame(x1 = numeric(), x2 = numeric())), double())
  expect_error(predict(model), class = "xorbridge_error")
  expect_error(predict(model, data.frame(x1 = 0, x2 = 0), type = "response"),
               class = "xorbridge_error")
})

test_that("decision_grid() is a long data frame, x1 fastest, oriented like Python's", {
  skip_if_no_xorbridge()
  model <- setup_run()$model
  grid <- decision_grid(model)
  expect_named(grid, c("x1", "x2", "prob"))
  expect_equal(nrow(grid), 40000)
  expect_equal(grid$x1[1:3], c(-0.5, -0.49, -0.48))
  expect_equal(unique(grid$x2[1:200]), -0.5)
  expect_equal(attr(grid, "step"), 0.01)
  point <- grid[grid$x1 == 1 & abs(grid$x2 - 0) < 1e-9, ]
  expect_equal(point$prob, predict(model, data.frame(x1 = 1, x2 = 0)), tolerance = 1e-6)
  small <- decision_grid(model, xlim = c(0, 1), ylim = c(0, 0.5), step = 0.25)
  expect_equal(nrow(small), 4 * 2)
})

test_that("decision_grid() refuses bad limits and steps", {
  skip_if_no_xorbridge()
  model <- setup_run()$model
  expect_error(decision_grid(model, step = 0), class = "xorbridge_error")
  expect_error(decision_grid(model, step = -1), class = "xorbridge_error")
  expect_error(decision_grid(model, xlim = c(1, 0)), class = "xorbridge_error")
  expect_error(decision_grid(model, ylim = 1), class = "xorbridge_error")
  expect_error(decision_grid(model, xlim = c(0, NA)), class = "xorbridge_error")
  error <- expect_error(decision_grid(model, step = 1e-4), class = "xorbridge_value_error")
  expect_match(conditionMessage(error), "at most 4,000,000 are allowed")
})
