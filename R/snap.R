# Pixel snapping, as matplotlib's Agg renderer does it. A marker centred v
# pixels from the top left edge of the figure is drawn at floor(v + 0.5) +
# 0.5 (a pixel's centre); a horizontal or vertical line (a spine, a grid
# line) at floor(v + 0.5) + 0.5 when it is an odd number of pixels wide and
# at floor(v + 0.5) (a pixel's edge) when it is even. ggplot2 draws at v.
# snap_panel() moves the panel's points, grid lines and border of a built
# plot the same way, for the figure's own size and dpi; the layer data stay
# exact, and the rest of the panel stays where it is.

snap_panel <- function(table, figure) {
  index <- which(table$layout$name == "panel")
  if (length(index) != 1) {
    return(table)
  }
  pixels <- panel_pixels(figure)
  children <- lapply(table$grobs[[index]]$children, snap_grob, pixels = pixels, dpi = figure$dpi)
  border <- vapply(children, function(grob) {
    inherits(grob, "rect") && startsWith(grob$name %||% "", "panel.border")
  }, logical(1))
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

snap_grob <- function(grob, pixels, dpi) {
  name <- grob$name %||% ""
  if (inherits(grob, "points") && in_panel_units(grob)) {
    snap_points(grob, pixels)
  } else if (inherits(grob, "gTree") && startsWith(name, "grill")) {
    snap_grid(grob, pixels, dpi)
  } else if (inherits(grob, "rect") && startsWith(name, "panel.border")) {
    snap_border(grob, pixels, dpi)
  } else {
    grob
  }
}

# The panel's edges in pixels from the figure's top left corner.
panel_pixels <- function(figure) {
  box <- figure$box
  width <- figure$size[[1]] * figure$dpi
  height <- figure$size[[2]] * figure$dpi
  list(left = box[[1]] * width, right = box[[3]] * width,
       top = (1 - box[[4]]) * height, bottom = (1 - box[[2]]) * height)
}

# Snap positions in the panel's npc (x from the left, y from the bottom).
snap_x <- function(x, pixels, offset) {
  width <- pixels$right - pixels$left
  (floor(pixels$left + x * width + 0.5) + offset - pixels$left) / width
}

snap_y <- function(y, pixels, offset) {
  height <- pixels$bottom - pixels$top
  (pixels$bottom - floor(pixels$bottom - y * height + 0.5) - offset) / height
}

# 0.5 for a line an odd number of pixels wide, 0 for an even one. R line
# widths are in 1/96 inch.
line_offset <- function(grob, dpi) {
  if (round((grob$gp$lwd %||% 1) / 96 * dpi) %% 2 == 1) 0.5 else 0
}

# ggplot2 draws layers in "native" units, which span the panel as "npc" do.
in_panel_units <- function(grob) {
  all(c(grid::unitType(grob$x), grid::unitType(grob$y)) %in% c("native", "npc"))
}

snap_points <- function(grob, pixels) {
  grob$x <- grid::unit(snap_x(as.numeric(grob$x), pixels, 0.5), "npc")
  grob$y <- grid::unit(snap_y(as.numeric(grob$y), pixels, 0.5), "npc")
  grob
}

# The background's grid lines: "panel.grid.major.x" lines are vertical, at
# their x; ".y" lines horizontal.
snap_grid <- function(grill, pixels, dpi) {
  grill$children <- do.call(grid::gList, lapply(grill$children, function(grob) {
    axis <- sub("^panel\\.grid\\.(major|minor)\\.([xy])\\..*$", "\\2", grob$name %||% "")
    if (!inherits(grob, "polyline") || !axis %in% c("x", "y") || !in_panel_units(grob)) {
      return(grob)
    }
    offset <- line_offset(grob, dpi)
    if (axis == "x") {
      grob$x <- grid::unit(snap_x(as.numeric(grob$x), pixels, offset), "npc")
    } else {
      grob$y <- grid::unit(snap_y(as.numeric(grob$y), pixels, offset), "npc")
    }
    grob
  }))
  grill
}

# The border is drawn whole, across the panel's edges.
snap_border <- function(rect, pixels, dpi) {
  offset <- line_offset(rect, dpi)
  left <- snap_x(0, pixels, offset)
  right <- snap_x(1, pixels, offset)
  bottom <- snap_y(0, pixels, offset)
  top <- snap_y(1, pixels, offset)
  rect$x <- grid::unit(left, "npc")
  rect$y <- grid::unit(bottom, "npc")
  rect$width <- grid::unit(right - left, "npc")
  rect$height <- grid::unit(top - bottom, "npc")
  rect$just <- c("left", "bottom")
  rect
}
