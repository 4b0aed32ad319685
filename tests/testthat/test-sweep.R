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
})

test_that("summary() is Python's Sweep.summary(): seeds, median, min, max by hidden size", {
  skip_if_no_xorbridge()
  sweep <- sweep_hidden(sizes = c(2, 1), seeds = 0:2, epochs = 5, device = "cpu")
  by_size <- summary(sweep)
  expect_s3_class(by_size, "data.frame")
  expect_named(by_size, c("num_hidden", "seeds", "median", "min", "max"))
  expect_identical(by_size$num_hidden, c(1L, 2L))
  expect_identical(by_size$seeds, c(3L, 3L))
  for (size in 1:2) {
    accuracy <- sweep$test_accuracy[sweep$num_hidden == size]
    expect_equal(by_size$median[by_size$num_hidden == size], stats::median(accuracy))
    expect_equal(by_size$min[by_size$num_hidden == size], min(accuracy))
    expect_equal(by_size$max[by_size$num_hidden == size], max(accuracy))
  }
})

test_that("format() gives Python's description and summary; print() writes it", {
  skip_if_no_xorbridge()
  sweep <- sweep_hidden(sizes = c(1, 2), seeds = c(3, 5), epochs = 2, device = "cpu")
  lines <- format(sweep)
  expect_match(lines[[1]], paste0("<xorbridge_sweep> 4 models (2 hidden sizes x 2 seeds) ",
                                  "trained together in ", sprintf("%.2f", attr(sweep, "seconds")),
                                  " s"), fixed = TRUE)
  expect_identical(lines[[2]], "Test accuracy by hidden size:")
  expect_identical(lines[-(1:2)],
                   utils::capture.output(print(summary(sweep), row.names = FALSE)))
  expect_identical(utils::capture.output(print(sweep)), lines)
  # a part of it is a plain data frame, printed as one
  part <- sweep[sweep$seed == 5, ]
  expect_identical(class(part), "data.frame")
  expect_identical(part$num_hidden, c(1L, 2L))
  expect_null(attr(part, "py"))
  expect_identical(sweep[, "seed"], c(3L, 5L, 3L, 5L))
})

test_that("the accuracy plot draws Python's figure: its points, bars, labels and ticks", {
  skip_if_no_xorbridge()
  sweep <- sweep_hidden(sizes = c(1, 2), seeds = 0:2, epochs = 5, device = "cpu")
  plot <- autoplot(sweep, style = "default")
  expect_s3_class(plot, "xorbridge_plot")
  built <- ggplot2::ggplot_build(plot)
  bars <- built$data[[1]]
  points <- built$data[[2]]
  expect_equal(nrow(points), 6)
  expect_equal(points$y, sweep$test_accuracy)  # in the table's order
  expect_equal(points$x, c(-0.12, 0, 0.12, 0.88, 1, 1.12))  # spread around 0-based positions
  # one bar per size: a line from position - 0.25 to position + 0.25 at the median
  medians <- c(stats::median(sweep$test_accuracy[1:3]), stats::median(sweep$test_accuracy[4:6]))
  expect_equal(bars$y, rep(medians, each = 2))
  expect_equal(bars$x, c(-0.25, 0.25, 0.75, 1.25))
  expect_identical(as.integer(table(bars$group)), c(2L, 2L))
  expect_identical(unique(points$fill), "#1F77B4")  # tab10's first colour
  expect_identical(unique(bars$colour), "#FF7F0E")
  expect_identical(plot$labels$title, "Test accuracy over 3 seeds (bar: median)")
  expect_identical(plot$labels$x, "Hidden neurons")
  x_scale <- built$layout$panel_scales_x[[1]]
  expect_equal(x_scale$get_breaks(), c(0, 1))
  expect_identical(x_scale$get_labels(), c("1", "2"))
})

test_that("the boundary plot shows Python's panels, seeds and labels where matplotlib puts them", {
  skip_if_no_xorbridge()
  sweep <- sweep_hidden(sizes = c(1, 2), seeds = 0:4, epochs = 5, device = "cpu")
  boundaries <- autoplot(sweep, type = "boundaries", seeds = c(0, 2), step = 0.1)
  built <- ggplot2::ggplot_build(boundaries)
  expect_equal(nrow(built$layout$layout), 4)  # 2 sizes x 2 seeds
  expect_equal(nrow(built$data[[1]]), 4 * 20 * 20)
  labels <- built$data[[2]]
  expected <- sprintf("%.1f%%", 100 * sweep$test_accuracy[sweep$seed %in% c(0, 2)])
  expect_identical(labels$label, expected)
  # matplotlib's ax.text(0.04, 0.96) in axes fractions of the panel [-0.55, 1.45]^2
  expect_equal(unique(labels$x), -0.55 + 0.04 * 2)
  expect_equal(unique(labels$y), -0.55 + 0.96 * 2)
  expect_identical(unique(labels$hjust), 0)
  expect_identical(unique(labels$vjust), 1)
  expect_identical(unique(strip_labels(built)), c("seed 0", "seed 2"))
  expect_identical(unique(strip_labels(built, "row")), c("1 hidden", "2 hidden"))
  # without seeds, plot_sweep()'s choice: the first three
  default <- ggplot2::ggplot_build(autoplot(sweep, type = "boundaries", step = 0.25))
  expect_identical(unique(strip_labels(default)), c("seed 0", "seed 1", "seed 2"))
})

test_that("R refuses what is not an R value for Python; Python words every other refusal", {
  skip_if_no_xorbridge()
  message_of <- function(expr) conditionMessage(expect_error(expr, class = "xorbridge_error"))
  expect_identical(message_of(sweep_hidden(sizes = numeric())),
                   "`sizes` must be a vector of values, not numeric(0).")
  expect_identical(message_of(sweep_hidden(seeds = c(1, NA))),
                   "`seeds` must not hold NA, not c(1, NA).")
  expect_identical(message_of(sweep_hidden(epochs = NULL)), "`epochs` must not be NULL.")
  expect_match(message_of(sweep_hidden(train = "data")),
               "^`train` must be an xorbridge dataset from xor_dataset\\(\\)")
  # Python's, word for word
  expect_error(sweep_hidden(sizes = c(2, 2)), class = "xorbridge_value_error")
  expect_identical(message_of(sweep_hidden(sizes = c(2, 2, 3, 3))),
                   "`sizes` must not repeat values, but repeats 2, 3.")
  expect_identical(message_of(sweep_hidden(sizes = 0)),
                   "`sizes` must be a positive whole number, not 0.")
  expect_identical(message_of(sweep_hidden(sizes = "4")),
                   '`sizes` must be a positive whole number, not "4".')
  expect_identical(message_of(sweep_hidden(seeds = -1)),
                   "`seeds` must be a whole number >= 0, not -1.")
  expect_identical(message_of(sweep_hidden(sizes = 5000)),
                   "`sizes` must be at most 4096 hidden units, not 5000.")
  expect_identical(message_of(sweep_hidden(epochs = 0)),
                   "`epochs` must be a positive whole number, not 0.")
  expect_match(message_of(sweep_hidden(activation = "gelu")),
               '^`activation` must be one of "tanh", "sigmoid", "relu", not "gelu".')

  sweep <- sweep_hidden(sizes = 1, seeds = 0, epochs = 1)
  expect_error(sweep_model(sweep, 2, 0), class = "xorbridge_value_error")
  expect_identical(message_of(sweep_model(sweep, 2, 0)),
                   "This sweep has no model with num_hidden = 2 and seed = 0.")
  expect_identical(message_of(sweep_model(sweep, 1, NA)), "`seed` must not be NA.")
  expect_error(sweep_model(data.frame(), 1, 0), class = "xorbridge_argument_error")
  expect_error(autoplot(sweep, type = "histogram"), class = "xorbridge_value_error")
  expect_match(message_of(autoplot(sweep, type = "histogram")),
               'must be one of "accuracy", "boundaries", not "histogram".', fixed = TRUE)
  expect_identical(message_of(autoplot(sweep, type = c("accuracy", "boundaries"))),
                   '`type` must be a single value, not c("accuracy", "boundaries").')
  expect_error(autoplot(sweep, type = "boundaries", seeds = 5), class = "xorbridge_value_error")
  expect_match(message_of(autoplot(sweep, type = "boundaries", seeds = 5)),
               "^`seeds` must be at most 6 of the sweep's seeds")
})
