# The ggplot2 figures take their geometry from the matplotlib figure that
# Python draws of the same data, so the two agree without either side
# guessing the other's rules (matplotlib's 5% margins, its tick locator, its
# "best" legend placement, its constrained layout).

matplotlib_layout <- function(kind, ...) {
  layout <- call_python(bridge()$figure_layout(kind, ...))
  axes <- layout$axes[[1]]
  axes$figsize <- unlist(layout$figsize)
  axes$dpi <- layout$dpi
  axes
}

# Scales, coordinates, legend placement and panel box that reproduce `layout`.
layout_components <- function(layout, fixed = FALSE) {
  xlim <- unlist(layout$xlim)
  ylim <- unlist(layout$ylim)
  coord <- if (fixed) ggplot2::coord_fixed else ggplot2::coord_cartesian
  components <- list(
    ggplot2::scale_x_continuous(breaks = unlist(layout$xticks) %||% numeric(),
                                labels = unlist(layout$xticklabels) %||% character()),
    ggplot2::scale_y_continuous(breaks = unlist(layout$yticks) %||% numeric(),
                                labels = unlist(layout$yticklabels) %||% character()),
    coord(xlim = xlim, ylim = ylim, expand = FALSE),
    figure_matplotlib(box = unlist(layout$box), size = layout$figsize, dpi = layout$dpi)
  )
  legend <- unlist(layout$legend)
  if (length(legend) == 4) {
    centre <- c(mean(legend[c(1, 3)]), mean(legend[c(2, 4)]))
    components <- c(components, list(legend_inside(centre, c(0.5, 0.5))))
  }
  components
}
