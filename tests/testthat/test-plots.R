test_that("autoplot(dataset) draws the tutorial's scatter with matplotlib's limits and ticks", {
  skip_if_no_xorbridge()
  data <- xor_dataset(200, seed = 44)
  plot <- autoplot(data)
  built <- ggplot2::ggplot_build(plot)
  points <- built$data[[1]]
  frame <- as.data.frame(data)
  expect_equal(nrow(points), 200)
  expect_equal(sort(points$x), sort(frame$x1))
  expect_equal(unique(points$shape), 21)
  expect_equal(unique(points$colour), "#333333")
  expect_setequal(unique(points$fill), c("#4C72B0", "#DD8452"))
  # class 0 in the first colour, class 1 in the second
  class1 <- frame$label[order(frame$label)] == 1
  expect_equal(unique(points$fill[class1]), "#DD8452")
  # limits and ticks are matplotlib's
  layout <- xorbridge:::figure_spec("samples", data$py)$panels[[1]]$layout
  panel <- built$layout$panel_params[[1]]
  expect_equal(panel$x.range, unlist(layout$xlim))
  expect_equal(panel$y.range, unlist(layout$ylim))
  expect_equal(panel$x$get_breaks()[!is.na(panel$x$get_breaks())], unlist(layout$xticks))
  expect_equal(plot$labels$title, "Dataset samples")
  # drawn as matplotlib draws it: the panel at its axes box, at its size and dpi
  expect_s3_class(plot, "xorbridge_plot")
  expect_equal(plot$xorbridge_figure$box, unlist(layout$box))
  expect_equal(plot$xorbridge_figure$size, c(4, 4))
  expect_equal(plot$xorbridge_figure$dpi, 100)
  default <- ggplot2::ggplot_build(autoplot(data, style = "default"))$data[[1]]
  expect_setequal(unique(default$fill), c("#1F77B4", "#FF7F0E"))
})

test_that("autoplot(model) puts x1 on the horizontal axis (asymmetric model)", {
  skip_if_no_xorbridge()
  model <- simple_classifier(num_hidden = 1)
  # P(class 1) rises with x1 and ignores x2
  torch <- reticulate::import("torch", convert = FALSE)
  with_no_grad <- torch$no_grad()
  with_no_grad$`__enter__`()
  model$py$linear1$weight$copy_(torch$tensor(list(list(4, 0))))
  model$py$linear1$bias$fill_(-2)
  model$py$linear2$weight$fill_(5)
  model$py$linear2$bias$zero_()
  with_no_grad$`__exit__`(NULL, NULL, NULL)
  plot <- autoplot(model, data = xor_dataset(40, seed = 1))
  raster <- ggplot2::ggplot_build(plot)$data[[1]]
  rgb <- function(colour) as.vector(grDevices::col2rgb(colour))
  left <- rgb(raster$fill[which.min(raster$x)])
  right <- rgb(raster$fill[which.max(raster$x)])
  # small x1: (almost) the class 0 colour; large x1: (almost) the class 1 colour
  expect_lte(max(abs(left - rgb("#4C72B0"))), 2)
  expect_lte(max(abs(right - rgb("#DD8452"))), 2)
  bottom <- raster[raster$x == raster$x[1], ]
  expect_length(unique(bottom$fill), 1)  # constant along x2
  # the blend is the tutorial's: (1 - p) c0 + p c1, matching the Python image
  grid <- decision_grid(model)
  xbplot <- reticulate::import("xorbridge.grid", convert = FALSE)
  rgba <- xbplot$blend_colours(list(grid$prob[[100]]), "#4C72B0", "#DD8452")
  channels <- unlist(reticulate::py_to_r(rgba$tolist()))[1:3]
  expect_equal(as.vector(grDevices::col2rgb(raster$fill[[100]])) / 255, channels,
               tolerance = 1 / 255)
})

test_that("the figures look the same from one run to the next", {
  skip_if_no_xorbridge()
  skip_on_cran()
  set_seed(42)
  model <- simple_classifier()
  train_model(model, xor_dataset(2500, seed = 42), seed = 42, epochs = 100)
  data <- xor_dataset(200, seed = 44)
  vdiffr::expect_doppelganger("dataset darkgrid", autoplot(data))
  vdiffr::expect_doppelganger("boundary default", autoplot(model, data, style = "default"))
})

test_that("autoplot(history) draws the test accuracy, with a legend, where there is one", {
  skip_if_no_xorbridge()
  set_seed(0)
  train <- xor_dataset(200, seed = 1)
  with_test <- train_model(simple_classifier(), train, epochs = 5, device = "cpu",
                           test = xor_dataset(100, seed = 2), progress = FALSE)
  built <- ggplot2::ggplot_build(autoplot(with_test))
  lines <- built$data[[1]]
  accuracy <- lines[lines$PANEL == 2, ]
  expect_equal(length(unique(accuracy$group)), 2)
  expect_equal(sort(accuracy$y), sort(c(with_test$accuracy, with_test$test_accuracy)))
  scale <- built$plot$scales$get_scales("colour")
  expect_identical(scale$get_labels(), c("training", "test"))
  expect_identical(strip_labels(built), c("Training loss", "Accuracy"))
  # without a test set: the training accuracy alone, no legend
  alone <- ggplot2::ggplot_build(autoplot(train_model(simple_classifier(), train, epochs = 5,
                                                      device = "cpu", progress = FALSE)))
  expect_equal(nrow(alone$data[[1]]), 10)
  expect_identical(strip_labels(alone),
                   c("Training loss", "Training accuracy"))
  expect_identical(alone$plot$scales$get_scales("colour")$guide, "none")
})

test_that("plot arguments are checked", {
  skip_if_no_xorbridge()
  data <- xor_dataset(20, seed = 1)
  expect_error(autoplot(data, style = "ggplot"), class = "xorbridge_error")
  expect_error(autoplot(simple_classifier(), data = "points"),
               class = "xorbridge_error")
})
