layer_of <- function(plot, geom) {
  built <- ggplot2::ggplot_build(plot)
  built$data[[which(vapply(plot$layers, function(l) inherits(l$geom, geom), logical(1)))[1]]]
}

test_that("autoplot(model, type = \"neurons\") draws plot_neurons()'s spec", {
  skip_if_no_xorbridge()
  set_seed(1)
  model <- simple_classifier(num_hidden = 3)
  data <- xor_dataset(30, seed = 1)
  plot <- autoplot(model, data, type = "neurons", step = 0.1)
  spec <- xorbridge:::figure_spec("neurons", xorbridge:::model_arg(model),
                                  xorbridge:::data_arg(data), style = "darkgrid", step = 0.1)
  raster <- layer_of(plot, "GeomRaster")
  expect_equal(nrow(raster), nrow(spec$raster))
  expect_equal(sort(raster$fill), sort(spec$raster$fill))
  expect_equal(length(unique(raster$PANEL)), 4)  # 3 hidden units and the output
  points <- layer_of(plot, "GeomPoint")
  expect_equal(sort(points$x), sort(spec$points$x))
  expect_error(autoplot(model, type = "weights"),
               "`type` must be one of \"boundary\", \"neurons\", not \"weights\".",
               class = "xorbridge_value_error", fixed = TRUE)
})

test_that("training_snapshots() keeps a model per epoch and autoplot() draws them", {
  skip_if_no_xorbridge()
  set_seed(2)
  train <- xor_dataset(200, seed = 2)
  snapshots <- training_snapshots(simple_classifier(), train, epochs = c(3, 0), device = "cpu")
  expect_s3_class(snapshots, "xorbridge_snapshots")
  expect_named(snapshots, c("0", "3"))
  expect_s3_class(snapshots[["3"]], "xorbridge_model")
  plot <- autoplot(snapshots, data = train, step = 0.1)
  expect_s3_class(plot, "ggplot")
  raster <- layer_of(plot, "GeomRaster")
  expect_equal(length(unique(raster$PANEL)), 2)
  expect_s3_class(snapshots[2], "xorbridge_snapshots")
  expect_error(training_snapshots(simple_classifier(), train, epochs = -1),
               class = "xorbridge_python_error")
})

test_that("playground() is a shiny app", {
  skip_if_not_installed("shiny")
  expect_s3_class(playground(), "shiny.appobj")
})

test_that("the playground's server draws, steps, pauses, resets and shows Python's messages", {
  skip_if_no_xorbridge()
  skip_if_not_installed("shiny")
  shiny::testServer(playground(), {
    session$setInputs(hidden = 4, activation = "tanh", lr = 0.1, batch_size = 128, noise = 0.1,
                      n_train = 500, seed = 40)
    expect_null(state$message)
    expect_equal(state$frame$epoch, 0)
    expect_equal(output$status, "epoch 0 \u00b7 not trained yet")
    # every panel at the page's width (the test session's 600 pixels), Python's height
    expect_equal(sizes()$boundary, c(600, 360))
    expect_equal(sizes()$network, c(600, 200))
    session$setInputs(step = 1)
    expect_equal(state$frame$epoch, 5)
    expect_match(output$status, "^epoch 5 \u00b7 loss [0-9.]+ \u00b7 accuracy [0-9.]+ \u00b7 test")
    for (id in c("boundary", "history", "neurons", "network")) {
      expect_match(output[[id]]$src, "^data:image/png;base64,")
      expect_equal(output[[id]]$width, 600)
      expect_true(file.exists(state$frame$files[[id]]))
    }
    drawn <- unlist(state$frame$files)
    session$setInputs(play = 1)
    session$elapse(50)
    playing <- state$frame$epoch
    expect_gt(playing, 5)
    expect_false(any(file.exists(drawn)))  # Python removed the frames it replaced
    session$setInputs(pause = 1)
    session$elapse(100)
    expect_equal(state$frame$epoch, playing)
    session$setInputs(reset = 1)
    expect_equal(state$frame$epoch, 0)
    session$setInputs(lr = 500)
    expect_match(state$message, "`lr` must be")
    expect_null(state$playground)
    expect_equal(output$message, state$message)
    session$setInputs(lr = NA)
    expect_match(state$message, "`lr` must not be NA")
    session$setInputs(lr = 0.1)
    expect_null(state$message)
    expect_equal(state$frame$epoch, 0)
  })
})

test_that("the playground's page takes its first values from a plain query", {
  skip_if_no_xorbridge()
  skip_if_not_installed("shiny")
  page <- function(query) {
    as.character(xorbridge:::playground_ui(list(QUERY_STRING = query)))
  }
  expect_match(page("?hidden=2&seed=40&activation=relu"), 'id="seed"[^>]*value="40"')
  expect_match(page("?hidden=2"), 'data-from="2"')
  expect_match(page("?hidden=abc"), 'data-from="4"')  # the tutorial's 4, as with no query
  expect_match(page("?lr=abc"), 'id="lr"[^>]*value="NA"')
})
