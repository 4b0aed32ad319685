# The package's plots draw their panel as matplotlib's Agg renderer does,
# which snaps markers, grid lines and spines to the pixel grid: the points,
# the background's major grid lines and the border go where the Python core
# says Agg draws them (`drawn`, see xorbridge.snap, in npc of the panel). The
# layer data stay exact, and the rest of the panel stays where it is.

draw_as_agg <- function(table, drawn) {
  index <- which(table$layout$name == "panel")
  if (is.null(drawn) || length(index) != 1) {
    return(table)
  }
  npc <- function(x) grid::unit(unlist(x), "npc")
  is_border <- function(grob) startsWith(grob$name %||% "", "panel.border")
  children <- lapply(table$grobs[[index]]$children, function(grob) {
    if (inherits(grob, "points") && length(grob$x) == length(drawn$x)) {
      grob <- grid::editGrob(grob, x = npc(drawn$x), y = npc(drawn$y))
    } else if (startsWith(grob$name %||% "", "grill")) {
      grob$children <- do.call(grid::gList, lapply(grob$children, grid_lines_at, drawn = drawn))
    } else if (is_border(grob)) {
      border <- unlist(drawn$border)
      grob <- grid::editGrob(grob, x = npc(border[[1]]), y = npc(border[[2]]),
                             width = npc(border[[3]] - border[[1]]),
                             height = npc(border[[4]] - border[[2]]), just = c("left", "bottom"))
    }
    grob
  })
  border <- vapply(children, is_border, logical(1))
  # matplotlib clips the data to the axes (as the coord says), but draws the
  # spines whole, on top
  contents <- grid::gTree(children = do.call(grid::gList, children[!border]),
                          vp = grid::viewport(clip = table$layout$clip[[index]]))
  table$grobs[[index]] <- grid::gTree(
    children = do.call(grid::gList, c(list(contents), children[border])),
    name = table$grobs[[index]]$name
  )
  table$layout$clip[[index]] <- "off"
  table
}

# The background's major grid lines at `drawn$xgrid` ("panel.grid.major.x",
# vertical) or `drawn$ygrid` (".y", horizontal), each across the panel.
grid_lines_at <- function(grob, drawn) {
  axis <- sub("^panel\\.grid\\.major\\.([xy])\\..*$", "\\1", grob$name %||% "")
  if (!inherits(grob, "polyline") || !axis %in% c("x", "y")) {
    return(grob)
  }
  at <- unlist(drawn[[paste0(axis, "grid")]])
  ends <- grid::unit(rep(0:1, length(at)), "npc")
  lines <- grid::unit(rep(at, each = 2), "npc")
  grid::editGrob(grob, x = if (axis == "x") lines else ends, y = if (axis == "x") ends else lines,
                 id.lengths = rep(2, length(at)))
}
