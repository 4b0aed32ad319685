#' A training playground in the browser
#'
#' A 'shiny' app in the manner of TensorFlow Playground, over the tutorial's
#' real PyTorch model: choose the hidden units, activation, learning rate,
#' batch size, noise, training points and seed, then play, pause or step
#' training a few epochs at a time, and watch the decision boundary, the
#' history (training loss and accuracy, test accuracy), each hidden unit's
#' activation and the network's weights change. Each frame is one call to
#' the Python core, which trains, checks and draws the panels in the
#' tutorial's matplotlib look; R only lays out the page. The settings live in
#' the page's address (`?hidden=2&seed=40` opens the app with them); a setting
#' Python refuses shows its message.
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
  rlang::check_installed("shiny", reason = "to run the playground.")
  shiny::shinyApp(playground_ui, playground_server, enableBookmarking = "url")
}

# The app's settings as Python has them: the inputs' ids, first values (the
# address's, given its `query`), choices, panels.
playground_python <- function(query = NULL) call_python(bridge()$playground_settings(query))

# The page. A plain query (?hidden=2&seed=40) sets the first values; Shiny's
# own bookmark (?_inputs_&hidden=2...) is restored by Shiny.
playground_ui <- function(request) {
  python <- playground_python(shiny::parseQueryString(request$QUERY_STRING %||% ""))
  start <- function(id) python$start[[id]] %||% NA
  number <- function(id) shiny::numericInput(id, id, start(id))
  panels <- lapply(names(python$panels), function(id) {
    shiny::column(python$panels[[id]]$columns,
                  shiny::imageOutput(id, height = paste0(python$panels[[id]]$height, "px")))
  })
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
        shiny::fluidRow(panels[1:2]), shiny::fluidRow(panels[3:4])
      )
    )
  )
}

playground_server <- function(input, output, session) {
  shiny::setBookmarkExclude(c("play", "pause", "step", "reset"))
  state <- shiny::reactiveValues(playground = NULL, frame = NULL, playing = FALSE, message = NULL)
  python <- playground_python()
  settings <- shiny::reactive(lapply(stats::setNames(nm = unlist(python$ids)),
                                     function(id) input[[id]]))
  # each panel's size on the page, once the browser has laid it out
  sizes <- shiny::reactive(Filter(Negate(is.null), lapply(
    stats::setNames(nm = names(python$panels)), function(id) {
      width <- session$clientData[[paste0("output_", id, "_width")]]
      if (isTRUE(width > 0)) c(width, python$panels[[id]]$height)
    }
  )))
  failed <- function(error) {
    state$message <- conditionMessage(error)
    state$playing <- FALSE
    NULL
  }
  advance <- function(...) {  # epochs = 0: draw only; else Python's epochs a frame
    if (is.null(state$playground)) return()
    frame <- tryCatch(call_python(bridge()$playground_frame(
      state$playground, ..., sizes = sizes(), ratio = session$clientData$pixelratio %||% 1,
      directory = tempdir()
    )), error = failed)
    if (!is.null(frame)) state$frame <- frame
  }
  rebuild <- function() {
    state$playing <- FALSE
    state$frame <- state$message <- NULL
    values <- settings()  # R checks what is about R values (NA, NULL); Python the rest
    state$playground <- tryCatch(call_python(bridge()$playground_start(
      Map(py_scalar, values, names(values))
    )), error = failed)
    advance(epochs = 0L)
    session$doBookmark()
  }
  shiny::observeEvent(settings(), rebuild())
  shiny::observeEvent(input$reset, rebuild())
  shiny::observeEvent(sizes(), advance(epochs = 0L))
  shiny::observeEvent(input$play, state$playing <- !is.null(state$playground))
  shiny::observeEvent(input$pause, state$playing <- FALSE)
  shiny::observeEvent(input$step, advance())
  shiny::observe({
    if (isTRUE(state$playing)) {
      shiny::isolate(advance())
      shiny::invalidateLater(10)
    }
  })
  shiny::onBookmarked(function(url) shiny::updateQueryString(url))
  output$status <- shiny::renderText(state$frame$status)
  output$message <- shiny::renderText(state$message)
  lapply(names(python$panels), function(id) {
    output[[id]] <- shiny::renderImage({
      file <- shiny::req(state$frame$files[[id]])
      size <- shiny::isolate(sizes())[[id]]
      list(src = file, contentType = "image/png", width = size[[1]], height = size[[2]], alt = id)
    }, deleteFile = FALSE)  # Python removes a frame's files when it draws the next
  })
}
