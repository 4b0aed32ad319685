# A ggplot2 theme that draws like the two matplotlib looks of the tutorial.
# Every colour, size and padding is the Python core's (xorbridge.look, read
# from the look's rcParams); R asks once per style and session and only
# converts units.

# The look `style` as the Python core describes it: a named list of sizes
# (points), line widths (points), colours and the palette.
mpl_look <- function(style, call = rlang::caller_env()) {
  if (!rlang::is_string(style)) {
    abort_must("style", "be a single string", style, call = call)
  }
  if (is.null(.xorbridge$looks[[style]])) {
    look <- call_python(bridge()$look(style), call = call)
    look$palette <- as.character(unlist(look$palette))
    .xorbridge$looks[[style]] <- look
  }
  .xorbridge$looks[[style]]
}

# matplotlib's font family when it is installed (as systemfonts sees the
# system's fonts), and otherwise R's default sans-serif font.
mpl_font_family <- function(family, families = if (rlang::is_installed("systemfonts")) {
  systemfonts::system_fonts()$family
}) {
  if (family %in% families) family else ""
}

# A legend inside the panel: `position` and `justification` are c(x, y) in
# fractions of the panel. ggplot2 3.5.0 deprecated a numeric legend.position
# for legend.position.inside, which ggplot2 3.4 does not know.
legend_inside <- function(position, justification = position) {
  if (utils::packageVersion("ggplot2") >= "3.5.0") {
    ggplot2::theme(legend.position = "inside", legend.position.inside = position,
                   legend.justification.inside = justification)
  } else {
    ggplot2::theme(legend.position = position, legend.justification = justification)
  }
}

#' A ggplot2 theme that looks like matplotlib
#'
#' A complete ggplot2 theme that draws figures as the Python side of the
#' tutorial draws them with matplotlib, in one of two looks:
#' * `"darkgrid"`: what seaborn's `sns.set()` gives, a light blue-grey
#'   panel with white major grid lines, no tick marks and no panel border;
#' * `"default"`: plain matplotlib, a white panel in a thin black box with
#'   tick marks outside and no grid.
#'
#' In both looks the title is centred over the panel in normal weight and
#' the legend sits inside the panel's upper right corner in a translucent
#' box with a light grey border, without a title. Font sizes, colours,
#' paddings, line widths and tick lengths are matplotlib's: the Python core
#' reads them from the look's rcParams (once per look and session), and they
#' all scale with `base_size`. Pair the theme with [scale_colour_matplotlib()]
#' or [scale_fill_matplotlib()] of the same style to get matplotlib's colours.
#'
#' @param style The matplotlib look: `"darkgrid"` (seaborn's `sns.set()`,
#'   the default) or `"default"` (plain matplotlib). Another string is an
#'   error from the Python core, of class `xorbridge_value_error`.
#' @param base_size Base font size in points. `NULL` uses the look's own,
#'   12 for `"darkgrid"` and 10 for `"default"`; the other font sizes,
#'   paddings and line widths keep their proportions to it.
#' @param base_family Base font family. `NULL` uses matplotlib's font,
#'   `"DejaVu Sans"`, when systemfonts finds it installed, and otherwise R's
#'   default sans-serif font (`""`). R's [grDevices::pdf()] device draws only
#'   the families of its own font database and fails on any other, so where
#'   [grDevices::pdfFonts()] lacks the family the theme adds it there, drawn
#'   with Helvetica's metrics (it never changes a family pdf() already knows):
#'   a plot then prints to `Rplots.pdf`. For PDFs in the real font, save with
#'   [ggsave_matplotlib()], which uses [grDevices::cairo_pdf()].
#'
#' @returns A complete ggplot2 theme, to add to a plot with `+`.
#'
#' @family matplotlib look
#' @export
#' @examples
#' df <- data.frame(
#'   x1 = c(0.1, 0.9, 0.2, 1.0, 0.0, 1.1, 0.8, 0.1),
#'   x2 = c(0.0, 1.1, 0.9, 0.1, 0.2, 0.9, 0.0, 1.0),
#'   label = factor(c(0, 0, 1, 1, 0, 0, 1, 1))
#' )
#' p <- ggplot2::ggplot(df, ggplot2::aes(x1, x2, fill = label)) +
#'   ggplot2::geom_point(
#'     shape = 21, size = 2.34, stroke = 0.705, colour = "#333333"
#'   ) +
#'   ggplot2::labs(
#'     title = "Continuous XOR",
#'     x = quote(italic(x)[1]), y = quote(italic(x)[2])
#'   )
#' if (xorbridge_available()) {
#'   print(p + theme_matplotlib(base_family = "") + scale_fill_matplotlib())
#'   print(p + theme_matplotlib("default", base_family = "") +
#'     scale_fill_matplotlib("default"))
#'
#'   # Larger text, with everything else scaled to match
#'   print(p + theme_matplotlib(base_size = 16, base_family = "") +
#'     scale_fill_matplotlib())
#'
#'   # In matplotlib's font, DejaVu Sans where it is installed
#'   path <- tempfile(fileext = ".png")
#'   ggsave_matplotlib(path, p + theme_matplotlib() + scale_fill_matplotlib())
#' }
theme_matplotlib <- function(style = "darkgrid",
                             base_size = NULL,
                             base_family = NULL) {
  style <- py_scalar(style, "style")
  base_size <- py_scalar(base_size, "base_size", null = TRUE)
  key <- paste(style, base_size)  # one call to Python per look and size
  theme <- .xorbridge$themes[[key]] %||% call_python(bridge()$ggplot_theme(style, base_size))
  .xorbridge$themes[[key]] <- theme
  base_family <- base_family %||% mpl_font_family(theme$font_family)
  if (!rlang::is_string(base_family)) {
    abort_must("base_family", "be a single string or NULL", base_family)
  }
  mpl_register_pdf_family(base_family)
  elements <- lapply(theme$elements, theme_element)
  elements$text$family <- base_family
  ggplot2::theme_grey(base_size = theme$base_size, base_family = base_family) %+replace%
    do.call(ggplot2::theme, c(elements, complete = TRUE)) %+replace%
    # Legend place: inside the panel's upper right corner
    legend_inside(c(1, 1), c(1, 1))
}

# One element of Python's theme (xorbridge.look.ggplot_theme) as ggplot2's:
# points as "bigpts" (1/72 inch), a
# relative text size as rel(), Python's None as NA.
theme_element <- function(spec) {
  args <- lapply(spec[names(spec) != "element"], function(value) value %||% NA)
  if (!is.null(args$margin)) {
    args$margin <- do.call(ggplot2::margin, c(as.list(unlist(args$margin)), unit = "bigpts"))
  }
  if (!is.null(args$rel)) args$size <- ggplot2::rel(args$rel)
  args$rel <- NULL
  switch(spec$element, blank = ggplot2::element_blank(), margin = args$margin,
         length = ggplot2::unit(args$value, "bigpts"), text = do.call(ggplot2::element_text, args),
         line = do.call(ggplot2::element_line, args), rect = do.call(ggplot2::element_rect, args))
}

# pdf() only draws the font families of its own database and fails on any
# other ("invalid font type"), so a plot in a system font could not print to
# Rplots.pdf (Rscript, R CMD check examples). Give pdf() the family, with
# Helvetica's metrics, where it does not know it yet; never change one it knows.
mpl_register_pdf_family <- function(family) {
  if (nzchar(family) && !family %in% names(grDevices::pdfFonts())) {
    do.call(grDevices::pdfFonts, stats::setNames(list(grDevices::pdfFonts("Helvetica")[[1]]),
                                                 family))
  }
  invisible(family)
}
