#' A training playground in the browser
#'
#' A 'shiny' app in the manner of TensorFlow Playground, over the tutorial's
#' real PyTorch model: choose the hidden units, activation, learning rate,
#' batch size, noise, training points and seed, then play, pause or step
#' training a few epochs at a time, and watch the decision boundary, the
#' history (training loss and accuracy, test accuracy), each hidden unit's
#' activation and the network's weights change. Each frame is one call to
#' the Python core (`playground_tick()`), which trains, checks and colours;
#' R only draws. The settings live in the page's address (`?hidden=2&seed=40`
#' opens the app with them); a setting Python refuses shows its message.
#'
#' @returns A 'shiny' app object: print it, or run it with
#'   `shiny::runApp(playground(), port = 8765)`.
#' @family training
#' @export
#' @examples
#' if (interactive() && xorbridge_available()) {
#'   playground()
#' }
playground <- function() {
  if (!requireNamespace("shiny", quietly = TRUE)) {
    cli::cli_abort(c("{.fn playground} needs the {.pkg shiny} package.",
                     i = "Install it with {.code install.packages(\"shiny\")}."),
                   class = c("xorbridge_missing_package", "xorbridge_error"))
  }
  shiny::shinyApp(playground_ui, playground_server, enableBookmarking = "url")
}

# The app's settings as Python has them: the inputs' ids, first values, choices.
playground_python <- function() call_python(bridge()$playground_settings())

# The page. A plain query (?hidden=2&seed=40) sets the first values; Shiny's
# own bookmark (?_inputs_&hidden=2...) is restored by Shiny.
playground_ui <- function(request) {
  python <- playground_python()
  query <- shiny::parseQueryString(request$QUERY_STRING %||% "")
  start <- function(id) {
    value <- query[[id]]
    if (!is.null(value) && id != "activation") value <- suppressWarnings(as.numeric(value))
    # a number box shows NA (and the app Python's message); a slider needs a number
    if (is.null(value) || (id == "hidden" && is.na(value))) python$start[[id]] else value
  }
  number <- function(id) shiny::numericInput(id, id, start(id))
  plot <- function(id, width, height) shiny::column(width, shiny::plotOutput(id, height = height))
  buttons <- lapply(c("play", "pause", "step", "reset"), function(id) shiny::actionButton(id, id))
  shiny::fluidPage(
    shiny::titlePanel("xorbridge playground"),
    shiny::sidebarLayout(
      shiny::sidebarPanel(
        width = 3,
        shiny::sliderInput("hidden", "hidden", python$hidden[[1]], python$hidden[[2]],
                           start("hidden"), step = 1),
        shiny::selectInput("activation", "activation", python$activations, start("activation")),
        lapply(unlist(python$ids)[-(1:2)], number), buttons
      ),
      shiny::mainPanel(
        width = 9,
        shiny::textOutput("status"),
        shiny::tags$div(style = "color: #C44E52", shiny::textOutput("message")),
        shiny::fluidRow(plot("boundary", 5, "360px"), plot("history", 7, "360px")),
        shiny::fluidRow(plot("neurons", 8, "200px"), plot("network", 4, "200px"))
      )
    )
  )
}

playground_server <- function(input, output, session) {
  shiny::setBookmarkExclude(c("play", "pause", "step", "reset"))
  state <- shiny::reactiveValues(trainer = NULL, train = NULL, tick = NULL, history = NULL,
                                 playing = FALSE, message = NULL)
  ids <- unlist(playground_python()$ids)
  settings <- shiny::reactive(lapply(stats::setNames(nm = ids), function(id) input[[id]]))
  failed <- function(error) {
    state$message <- conditionMessage(error)
    state$playing <- FALSE
    NULL
  }
  advance <- function(...) {  # epochs = 0: draw only; else Python's epochs a tick
    tick <- if (!is.null(state$trainer)) {
      tryCatch(playground_frame(state$trainer, NROW(state$history), ...), error = failed)
    }
    if (!is.null(tick)) {
      rows <- tick$history[c("epoch", "loss", "accuracy", "test_accuracy")]
      state$history <- rbind(state$history, columns_frame(rows))
      state$tick <- tick
    }
  }
  rebuild <- function() {
    state$playing <- FALSE
    state$tick <- state$history <- state$message <- NULL
    made <- tryCatch(playground_trainer(settings()), error = failed)
    state$trainer <- made$trainer
    state$train <- made$train
    advance(epochs = 0L)
    session$doBookmark()
  }
  shiny::observeEvent(settings(), rebuild())
  shiny::observeEvent(input$reset, rebuild())
  shiny::observeEvent(input$play, state$playing <- !is.null(state$trainer))
  shiny::observeEvent(input$pause, state$playing <- FALSE)
  shiny::observeEvent(input$step, advance())
  shiny::observe({
    if (isTRUE(state$playing)) {
      shiny::isolate(advance())
      shiny::invalidateLater(10)
    }
  })
  shiny::onBookmarked(function(url) shiny::updateQueryString(url))
  output$status <- shiny::renderText(state$tick$status)
  output$message <- shiny::renderText(state$message)
  output$boundary <- shiny::renderPlot(draw_boundary(shiny::req(state$tick), state$train))
  output$history <- shiny::renderPlot({
    shiny::req(NROW(state$history) > 0)
    draw_history(state$history)
  })
  output$neurons <- shiny::renderPlot(draw_neurons(shiny::req(state$tick)))
  output$network <- shiny::renderPlot(draw_network(shiny::req(state$tick)$network))
}

# The trainer of a setting, with its training points; Python checks each value.
playground_trainer <- function(s) {
  run <- call_python(bridge()$playground_trainer(
    hidden = py_scalar(s$hidden, "hidden"), activation = py_scalar(s$activation, "activation"),
    lr = py_scalar(s$lr, "lr"), batch_size = py_scalar(s$batch_size, "batch_size"),
    noise = py_scalar(s$noise, "noise"), n_train = py_scalar(s$n_train, "n_train"),
    seed = py_scalar(s$seed, "seed")
  ))
  list(trainer = run$trainer, train = as.data.frame(run$train))
}

# One frame (`...`: playground_tick()'s `epochs`), with the history rows after `since`.
playground_frame <- function(trainer, since, ...) {
  call_python(bridge()$playground_tick(trainer, ..., since = as.integer(since), neurons = TRUE))
}

# Base graphics in the tutorial's look: quick enough to redraw every frame.
playground_look <- function() {
  .xorbridge$look <- .xorbridge$look %||% call_python(bridge()$look("darkgrid"))
}

look_panel <- function(xlim, ylim, main = "", axes = TRUE) {
  look <- playground_look()
  graphics::plot.new()
  graphics::plot.window(xlim, ylim, xaxs = "i", yaxs = "i")
  graphics::rect(xlim[1], ylim[1], xlim[2], ylim[2], col = look$panel_fill, border = NA)
  graphics::title(main, col.main = look$title_colour, font.main = 1)
  if (axes) {
    graphics::axis(1, col = NA, col.axis = look$ink)
    graphics::axis(2, col = NA, col.axis = look$ink, las = 1)
  }
}

# A tick's grid colours (x1 fastest, rows from the bottom) over its extent.
grid_panel <- function(fill, grid, main = "", axes = TRUE) {
  extent <- unlist(grid$extent)
  look_panel(extent[1:2], extent[3:4], main, axes)
  n2 <- grid$shape[[1]]
  raster <- grDevices::as.raster(matrix(unlist(fill), n2, byrow = TRUE)[n2:1, ])
  graphics::rasterImage(raster, extent[1], extent[3], extent[2], extent[4], interpolate = FALSE)
}

draw_boundary <- function(tick, train) {
  look <- playground_look()
  graphics::par(mar = c(2.5, 2.5, 1, 1))
  grid_panel(tick$grid$fill, tick$grid)
  graphics::points(train$x1, train$x2, pch = 21, cex = 0.6, col = look$edge_colour,
                   bg = unlist(look$palette)[train$label + 1], lwd = 0.5)
}

draw_history <- function(history) {
  look <- playground_look()
  palette <- unlist(look$palette)
  graphics::par(mfrow = c(1, 2), mar = c(4, 4, 2, 1))
  panel <- function(columns) {
    values <- unlist(history[columns])
    look_panel(range(0, history$epoch), range(values, na.rm = TRUE, finite = TRUE),
               main = columns[[1]])
    graphics::abline(h = graphics::axTicks(2), v = graphics::axTicks(1), col = look$grid_colour)
    for (k in seq_along(columns)) {
      graphics::lines(history$epoch, history[[columns[k]]], col = palette[k], lwd = 2)
    }
    graphics::title(xlab = names(history)[1], col.lab = look$ink)
    graphics::legend("right", columns, col = palette, lwd = 2, bty = "n")
  }
  panel("loss")
  panel(c("accuracy", "test_accuracy"))
}

draw_neurons <- function(tick) {
  fills <- c(tick$neurons$fill, list(tick$grid$fill))  # the hidden units, then the output
  labels <- utils::tail(tick$network$nodes$label, length(fills))
  graphics::par(mfrow = c(1, length(fills)), mar = c(0.5, 0.5, 1.5, 0.5))
  for (k in seq_along(fills)) grid_panel(fills[[k]], tick$grid, labels[[k]], axes = FALSE)
}

draw_network <- function(network) {
  nodes <- columns_frame(network$nodes)
  edges <- columns_frame(network$edges)
  graphics::par(mar = c(0.5, 0.5, 0.5, 0.5))
  graphics::plot.new()
  graphics::plot.window(c(-0.3, 2.3), c(-1.2, 1.2))
  from <- match(edges$from, nodes$id)
  to <- match(edges$to, nodes$id)
  graphics::segments(nodes$x[from], nodes$y[from], nodes$x[to], nodes$y[to],
                     col = edges$colour, lwd = edges$width * 96 / 72)
  graphics::points(nodes$x, nodes$y, pch = 21, cex = 3, bg = "white",
                   col = playground_look()$edge_colour)
  graphics::text(nodes$x, nodes$y, nodes$id, cex = 0.7)
}
