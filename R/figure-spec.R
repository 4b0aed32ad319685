# Figures drawn from a spec: the Python core (xorbridge.spec) makes the
# matplotlib figure once and returns everything in it (layers with their
# colours, panel boxes, limits, ticks, labels, legend places); R draws that
# with ggplot2 and computes nothing. One panel is placed where matplotlib put
# its axes (figure_matplotlib()); several become facets.

figure_spec <- function(kind, ...) spec_frames(call_python(bridge()$figure_spec(kind, ...)))

# A spec as Python gives it, its layers as data frames.
spec_frames <- function(spec) {
  for (layer in c("raster", "points", "lines", "texts")) {
    spec[[layer]] <- columns_frame(spec[[layer]])
  }
  spec
}

spec_plot <- function(spec, style) {
  panels <- spec$panels
  layers <- spec_layers(spec, facets = length(panels) > 1)
  plot <- ggplot2::ggplot() + layers$geoms +
    spec_colour_scale(spec$lines) +
    spec_fill_scale(spec$points) +
    theme_matplotlib(style = style)
  if (!isTRUE(panels[[1]]$grid)) {
    plot <- plot + ggplot2::theme(panel.grid = ggplot2::element_blank())
  }
  if (length(panels) == 1) {
    panel <- panels[[1]]
    return(plot +
      ggplot2::labs(title = panel$title, x = axis_label(panel$xlabel),
                    y = axis_label(panel$ylabel)) +
      layout_components(panel, spec$figsize, spec$dpi))
  }
  # a legend in one of the panels: where matplotlib put it in the figure
  legend <- unlist(Find(function(panel) length(panel$layout$legend) == 4,
                        panels)$layout$legend_in_figure)
  plot + ggplot2::labs(title = non_empty(spec$title),
                       x = axis_label(non_empty(spec$xlabel) %||% panels[[1]]$xlabel),
                       y = axis_label(non_empty(spec$ylabel))) +
    layers$facets +
    if (length(legend) == 4) legend_inside(c(mean(legend[c(1, 3)]), mean(legend[c(2, 4)])), 0.5)
}

# matplotlib's "" (no text) as NULL.
non_empty <- function(text) if (identical(text, "")) NULL else text

# The layers in matplotlib's order (images, lines, points, texts), and the
# facets that put each row of a layer in its panel, by the panels' column and
# row labels.
spec_layers <- function(spec, facets) {
  label <- function(name) vapply(spec$panels, function(panel) panel[[name]], "")
  columns <- label("column_label")
  rows <- label("row_label")
  in_panel <- function(frame) {
    if (!facets || nrow(frame) == 0) {
      return(frame)
    }
    frame$column <- factor(columns[frame$panel], levels = unique(columns))
    if (any(nzchar(rows))) {
      frame$row <- factor(rows[frame$panel], levels = unique(rows))
    }
    frame
  }
  spec$points <- marker_sizes(spec$points)
  raster <- in_panel(spec$raster)
  lines <- in_panel(spec$lines)
  points <- in_panel(spec$points)
  texts <- in_panel(spec$texts)
  geoms <- list(
    if (nrow(raster)) {
      ggplot2::geom_raster(ggplot2::aes(x = .data$x, y = .data$y, fill = .data$fill),
                           data = raster, interpolate = FALSE, show.legend = FALSE)
    },
    if (nrow(lines)) {
      ggplot2::geom_path(ggplot2::aes(x = .data$x, y = .data$y, group = .data$line,
                                      colour = .data$colour),
                         data = lines, linewidth = mpl_linewidth(lines$linewidth))
    },
    if (nrow(points)) {
      ggplot2::geom_point(ggplot2::aes(x = .data$x, y = .data$y, fill = .data$fill,
                                       colour = .data$edge),
                          data = points, shape = 21, size = points$r_size,
                          stroke = points$r_stroke)
    },
    if (nrow(texts)) {
      texts$box <- grDevices::adjustcolor(texts$fill, alpha.f = texts$alpha[[1]])
      ggplot2::geom_label(ggplot2::aes(x = .data$x, y = .data$y, label = .data$text,
                                       hjust = .data$hjust, vjust = .data$vjust,
                                       fill = .data$box),
                          data = texts, size = texts$size[[1]] / ggplot2::.pt, label.size = 0)
    }
  )
  facet <- if (any(nzchar(rows))) {
    list(ggplot2::facet_grid(rows = ggplot2::vars(.data$row), cols = ggplot2::vars(.data$column)),
         ggplot2::coord_fixed(expand = FALSE))
  } else {
    ggplot2::facet_wrap(ggplot2::vars(.data$column), nrow = 1, scales = "free_y")
  }
  list(geoms = geoms, facets = facet)
}

# matplotlib's marker area (pt^2) and edge width (pt) as R's shape 21, a
# circle 0.75 x the font size wide, where ggplot2 sets the font size to size
# * .pt + stroke * .stroke / 2 and the edge width to stroke * .stroke / 2 (in
# 1/96 inch).
marker_sizes <- function(points) {
  points$r_size <- (sqrt(points$size) / 0.75 - points$linewidth * 96 / 72) / ggplot2::.pt
  points$r_stroke <- points$linewidth * 96 / 72 * 2 / ggplot2::.stroke
  points
}

# Fill colours as they are; the points' labels, where matplotlib's legend
# shows them, as the legend, its keys drawn as those points are.
spec_fill_scale <- function(points) {
  keys <- marker_sizes(points[points$label != "", , drop = FALSE])
  keys <- keys[!duplicated(keys[c("fill", "label")]), , drop = FALSE]
  if (nrow(keys) == 0) {
    return(ggplot2::scale_fill_identity())
  }
  drawn <- list(colour = keys$edge, size = keys$r_size, stroke = keys$r_stroke)
  ggplot2::scale_fill_identity(guide = ggplot2::guide_legend(override.aes = drawn),
                               breaks = keys$fill, labels = keys$label, name = NULL)
}

# Line colours as they are; the lines' labels, where matplotlib's legend shows
# them, as the legend.
spec_colour_scale <- function(lines) {
  keys <- lines[lines$label != "" & !duplicated(lines$line), , drop = FALSE]
  if (nrow(keys) == 0) {
    return(ggplot2::scale_colour_identity())
  }
  ggplot2::scale_colour_identity(guide = "legend", breaks = keys$colour, labels = keys$label,
                                 name = NULL)
}

# matplotlib's "$x_1$" as plotmath. The box of a mathtext label reaches
# about the cap height, plotmath's only the top of the "x": vphantom(X)
# makes them the same, so the labels sit at the same distance from the axes.
axis_label <- function(text) {
  if (is.null(text) || !grepl("^\\$x_[0-9]\\$$", text)) {
    return(text)
  }
  bquote(vphantom(X) * italic(x)[.(as.numeric(substr(text, 4, 4)))])
}

# Scales, coordinates, legend place and panel box that reproduce one axes'
# `layout` (see xorbridge.plot.figure_layout), drawn where matplotlib draws it.
layout_components <- function(panel, figsize, dpi) {
  layout <- panel$layout
  coord <- if (isTRUE(panel$fixed)) ggplot2::coord_fixed else ggplot2::coord_cartesian
  figure <- figure_matplotlib(box = unlist(layout$box), size = unlist(figsize), dpi = dpi)
  figure$drawn <- panel$drawn
  components <- list(
    ggplot2::scale_x_continuous(breaks = unlist(layout$xticks) %||% numeric(),
                                labels = unlist(layout$xticklabels) %||% character()),
    ggplot2::scale_y_continuous(breaks = unlist(layout$yticks) %||% numeric(),
                                labels = unlist(layout$yticklabels) %||% character()),
    coord(xlim = unlist(layout$xlim), ylim = unlist(layout$ylim), expand = FALSE),
    figure
  )
  legend <- unlist(layout$legend)
  if (length(legend) == 4) {
    centre <- c(mean(legend[c(1, 3)]), mean(legend[c(2, 4)]))
    components <- c(components, list(legend_inside(centre, c(0.5, 0.5))))
  }
  components
}
