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
  layers <- spec_layers(spec)
  labels <- spec$labels
  plot <- ggplot2::ggplot() + layers$geoms +
    spec_colour_scale(spec$lines) +
    spec_fill_scale(spec$points) +
    theme_matplotlib(style = style) +
    ggplot2::labs(title = labels$title, x = axis_label(labels$x), y = axis_label(labels$y))
  if (!isTRUE(spec$panels[[1]]$grid)) {
    plot <- plot + ggplot2::theme(panel.grid = ggplot2::element_blank())
  }
  legend <- if (!is.null(spec$legend)) legend_inside(unlist(spec$legend), 0.5)
  if (length(spec$panels) == 1) {
    return(plot + layout_components(spec$panels[[1]], spec$figsize, spec$dpi) + legend)
  }
  plot + layers$facets + legend
}

# The layers in matplotlib's order (images, lines, points, texts), and the
# facets that put each row of a layer in its panel's grid column (and row),
# labelled as Python labels them.
spec_layers <- function(spec) {
  points <- spec$points
  texts <- spec$texts
  geoms <- list(
    if (nrow(spec$raster)) {
      ggplot2::geom_raster(ggplot2::aes(x = .data$x, y = .data$y, fill = .data$fill),
                           data = spec$raster, interpolate = FALSE, show.legend = FALSE)
    },
    if (nrow(spec$lines)) {
      ggplot2::geom_path(ggplot2::aes(x = .data$x, y = .data$y, group = .data$line,
                                      colour = .data$colour),
                         data = spec$lines, linewidth = spec$lines$gg_linewidth)
    },
    if (nrow(points)) {
      ggplot2::geom_point(ggplot2::aes(x = .data$x, y = .data$y, fill = .data$fill,
                                       colour = .data$edge),
                          data = points, shape = 21, size = points$gg_size,
                          stroke = points$gg_stroke)
    },
    if (nrow(texts)) {
      ggplot2::geom_label(ggplot2::aes(x = .data$x, y = .data$y, label = .data$text,
                                       hjust = .data$hjust, vjust = .data$vjust,
                                       fill = .data$box),
                          data = texts, size = texts$gg_size[[1]], label.size = 0)
    }
  )
  labels <- function(names) ggplot2::as_labeller(stats::setNames(unlist(names), seq_along(names)))
  columns <- labels(spec$facets$columns)
  facet <- if (length(spec$facets$rows)) {
    list(ggplot2::facet_grid(rows = ggplot2::vars(.data$row), cols = ggplot2::vars(.data$column),
                             labeller = ggplot2::labeller(row = labels(spec$facets$rows),
                                                          column = columns)),
         ggplot2::coord_fixed(expand = FALSE))
  } else {
    ggplot2::facet_wrap(ggplot2::vars(.data$column), nrow = 1, scales = "free_y",
                        labeller = columns)
  }
  list(geoms = geoms, facets = facet)
}

# Fill colours as they are; the points' labels, where matplotlib's legend
# shows them, as the legend, its keys drawn as those points are.
spec_fill_scale <- function(points) {
  keys <- points[points$label != "", , drop = FALSE]
  keys <- keys[!duplicated(keys[c("fill", "label")]), , drop = FALSE]
  if (nrow(keys) == 0) {
    return(ggplot2::scale_fill_identity())
  }
  drawn <- list(colour = keys$edge, size = keys$gg_size, stroke = keys$gg_stroke)
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
  figure <- new_figure(layout$box, figsize, dpi)
  figure$drawn <- panel$drawn
  list(
    ggplot2::scale_x_continuous(breaks = unlist(layout$xticks) %||% numeric(),
                                labels = unlist(layout$xticklabels) %||% character()),
    ggplot2::scale_y_continuous(breaks = unlist(layout$yticks) %||% numeric(),
                                labels = unlist(layout$yticklabels) %||% character()),
    coord(xlim = unlist(layout$xlim), ylim = unlist(layout$ylim), expand = FALSE),
    figure
  )
}
