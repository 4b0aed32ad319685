# A ggplot drawn as a matplotlib figure: the panel at matplotlib's axes box.
#
# figure_matplotlib() is added to a plot with `+`. It gives the plot the class
# "xorbridge_plot"; building it gives a "xorbridge_built", whose gtable (what
# print(), ggsave() and ggplotGrob() draw) has its outer margins set so that
# the panel fills the box; the package's own plots also draw their panel
# where matplotlib's Agg renderer puts it on the pixel grid (R/snap.R).

#' Draw a ggplot as a matplotlib figure, with the panel where matplotlib puts the axes
#'
#' ggplot2 sizes its panel to whatever room the labels, legend and margins
#' leave; matplotlib puts its axes at a box given in fractions of the figure.
#' Adding `figure_matplotlib()` to a plot makes every drawing of it (`print()`,
#' [ggplot2::ggsave()], [ggsave_matplotlib()], knitr, [ggplot2::ggplotGrob()])
#' put the panel at that box, with the axes, labels and title around it, so
#' that the ggplot2 figure lies over the matplotlib one.
#'
#' The box stays in fractions of the figure at any size; a plot with a fixed
#' aspect ratio ([ggplot2::coord_fixed()]) keeps its ratio and is centred in
#' the box, as in matplotlib.
#'
#' The plots of [autoplot.xorbridge_dataset()] and
#' [autoplot.xorbridge_model()] already carry the box, size and resolution of
#' the matplotlib figure that Python draws of the same data. They also draw
#' their panel's border, grid lines and points where matplotlib's Agg
#' renderer draws spines, grid lines and markers, which it snaps to the pixel
#' grid: the Python core says where (by less than a pixel, and only in the
#' drawing: the plot's data stay exact).
#'
#' @param box The panel's box in fractions of the figure,
#'   `c(left, bottom, right, top)`. The default is matplotlib's default
#'   subplot box.
#' @param size The figure's width and height in inches (matplotlib's
#'   `figsize`; its default is 6.4 x 4.8).
#' @param dpi The figure's resolution in dots per inch.
#'
#'   The Python core checks all three and says what is wrong (an error of
#'   class `xorbridge_value_error`).
#' @returns An object to add to a ggplot with `+`; the plot then has the
#'   class `xorbridge_plot` and keeps the object as `$xorbridge_figure`.
#' @family matplotlib look
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   df <- data.frame(x1 = c(0, 1, 0, 1), x2 = c(0, 0, 1, 1))
#'   p <- ggplot2::ggplot(df, ggplot2::aes(x1, x2)) +
#'     ggplot2::geom_point()
#'   # the panel fills [0.125, 0.9] x [0.11, 0.88] of the figure
#'   p + figure_matplotlib()
#'   # the box, size and dpi of the matplotlib figure of the same data
#'   autoplot(xor_dataset(200, seed = 44))$xorbridge_figure[c("box", "size", "dpi")]
#' }
figure_matplotlib <- function(box = c(0.125, 0.11, 0.9, 0.88), size = c(6.4, 4.8), dpi = 100) {
  checked <- call_python(bridge()$figure_box(py_values(box, "box"), py_values(size, "size"),
                                             py_scalar(dpi, "dpi")))
  new_figure(checked$box, checked$size, checked$dpi)
}

# A figure's box, size and dpi as Python gives them (checked, or a spec's own).
new_figure <- function(box, size, dpi) {
  structure(list(box = as.double(unlist(box)), size = as.double(unlist(size)), dpi = dpi),
            class = "xorbridge_figure")
}

#' @importFrom ggplot2 ggplot_add
#' @method ggplot_add xorbridge_figure
#' @export
ggplot_add.xorbridge_figure <- function(object, plot, object_name) {
  plot$xorbridge_figure <- object
  class(plot) <- unique(c("xorbridge_plot", class(plot)))
  plot
}

#' @importFrom ggplot2 ggplot_build
#' @method ggplot_build xorbridge_plot
#' @export
ggplot_build.xorbridge_plot <- function(plot) {
  built <- NextMethod()
  class(built) <- unique(c("xorbridge_built", class(built)))
  built
}

#' @importFrom ggplot2 ggplot_gtable
#' @method ggplot_gtable xorbridge_built
#' @export
ggplot_gtable.xorbridge_built <- function(data) {
  figure <- data$plot$xorbridge_figure
  draw_as_agg(place_panel(NextMethod(), figure$box), figure$drawn)
}

# Make the outer margins of a plot's gtable take up exactly what lies outside
# `box`: the first and last columns and rows grow or shrink so that, with
# every row and column between them kept, the panels fill the box.
place_panel <- function(table, box) {
  panels <- table$layout[grepl("^panel", table$layout$name), , drop = FALSE]
  table$widths <- outer_sizes(table$widths, min(panels$l), max(panels$r),
                              before = box[[1]], after = 1 - box[[3]])
  table$heights <- outer_sizes(table$heights, min(panels$t), max(panels$b),
                               before = 1 - box[[4]], after = box[[2]])
  table
}

# `sizes` with its first element set so that the elements before `first`
# add up to `before` (a fraction of the figure), and its last element so
# that the elements after `last` add up to `after`.
outer_sizes <- function(sizes, first, last, before, after) {
  n <- length(sizes)
  inner_before <- if (first > 2) sum(sizes[2:(first - 1)]) else grid::unit(0, "pt")
  inner_after <- if (last < n - 1) sum(sizes[(last + 1):(n - 1)]) else grid::unit(0, "pt")
  sizes[1] <- grid::unit(before, "npc") - inner_before
  sizes[n] <- grid::unit(after, "npc") - inner_after
  sizes
}

#' Save a ggplot at the size and resolution of its matplotlib figure
#'
#' [ggplot2::ggsave()] with the width, height and dpi that
#' [figure_matplotlib()] gave the plot: for the package's own plots, those
#' of the matplotlib figure that Python draws of the same data (4 x 4 inches
#' at 100 dpi), so that the two images have the same pixels to compare.
#' ggsave() writes PNG files with ragg when it is installed, which draws text
#' in matplotlib's font, DejaVu Sans; PDF files are written with
#' [grDevices::cairo_pdf()], which can draw the tick labels' minus signs.
#'
#' @param filename The file to write; its extension chooses the format
#'   (see [ggplot2::ggsave()]).
#' @param plot A ggplot, by default the last one drawn. Without
#'   [figure_matplotlib()], it is saved at matplotlib's default size,
#'   6.4 x 4.8 inches at 100 dpi.
#' @param ... Further arguments to [ggplot2::ggsave()], such as `device` or
#'   `bg`.
#' @returns `filename`, invisibly.
#' @family matplotlib look
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   path <- tempfile(fileext = ".png")
#'   ggsave_matplotlib(path, autoplot(xor_dataset(200, seed = 44)))
#'   file.exists(path) # 4 x 4 inches at 100 dpi: 400 x 400 pixels, as in Python
#' }
ggsave_matplotlib <- function(filename, plot = ggplot2::last_plot(), ...) {
  check_string(filename, "filename")
  figure <- plot$xorbridge_figure %||% do.call(new_figure, lapply(formals(figure_matplotlib), eval))
  arguments <- list(filename, plot, width = figure$size[[1]], height = figure$size[[2]],
                    units = "in", dpi = figure$dpi, ...)
  # pdf() cannot encode matplotlib's minus sign (U+2212) in the tick labels; cairo can
  if (is.null(arguments$device) && grepl("\\.pdf$", filename, ignore.case = TRUE) &&
      capabilities("cairo")) {
    arguments$device <- grDevices::cairo_pdf
  }
  do.call(ggplot2::ggsave, arguments)
  invisible(filename)
}
