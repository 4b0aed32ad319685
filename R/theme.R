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

# A matplotlib line width (points of 1/72 inch) as a ggplot2 linewidth (in
# units of ggplot2's .pt, so that 1 point becomes 1/72 inch on every device).
mpl_linewidth <- function(pt) {
  pt * 96 / 72 * 25.4 / 72.27
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
  rc <- mpl_look(style)
  base_size <- base_size %||% rc$font_size
  if (!is.numeric(base_size) || length(base_size) != 1 || !is.finite(base_size) ||
    base_size <= 0) {
    abort_must("base_size", "be a single positive number or NULL", base_size)
  }
  base_family <- base_family %||% mpl_font_family(rc$font_family)
  if (!rlang::is_string(base_family)) {
    abort_must("base_family", "be a single string or NULL", base_family)
  }
  mpl_register_pdf_family(base_family)

  element_text <- ggplot2::element_text
  bigpts <- function(x) ggplot2::unit(x, "bigpts")
  margin <- function(t = 0, r = 0, b = 0, l = 0) ggplot2::margin(t, r, b, l, unit = "bigpts")

  half_line <- base_size / 2
  # matplotlib's lengths (points), font sizes and line widths, in proportion
  # to base_size as they are to the look's font size
  pt <- function(x) x * base_size / rc$font_size
  rel_size <- function(size) ggplot2::rel(size / rc$font_size)
  lwd <- function(x) mpl_linewidth(pt(x))
  # the legend's paddings are in units of its font size
  em <- function(x) x * pt(rc$legend_size)
  # matplotlib offsets tick labels by the tick length even when no tick is
  # drawn; ggplot2 only by a drawn tick, so the margin makes up the rest
  tick_length <- if (rc$ticks) pt(rc$tick_length) else 0
  tick_label_pad <- pt(rc$tick_pad + rc$tick_length) - tick_length
  label_pad <- pt(rc$label_pad)
  title_pad <- pt(rc$title_pad)

  ggplot2::theme_grey(base_size = base_size, base_family = base_family) %+replace%
    ggplot2::theme(
      # Root elements: the look's ink, spine width and figure colour
      line = ggplot2::element_line(colour = rc$ink, linewidth = lwd(rc$spine_width),
                                   linetype = 1, lineend = "butt"),
      rect = ggplot2::element_rect(fill = rc$figure_fill, colour = rc$ink,
                                   linewidth = lwd(rc$spine_width), linetype = 1),
      text = element_text(family = base_family, face = "plain", colour = rc$ink,
                          size = base_size, lineheight = 0.9, hjust = 0.5, vjust = 0.5,
                          angle = 0, margin = ggplot2::margin(), debug = FALSE),

      # Axes: tick labels and axis labels at matplotlib's paddings, tick
      # marks outside the panel where the look draws them
      axis.text = element_text(size = rel_size(rc$tick_label_size),
                               colour = rc$tick_label_colour),
      axis.text.x = element_text(margin = margin(t = tick_label_pad), vjust = 1),
      axis.text.x.top = element_text(margin = margin(b = tick_label_pad), vjust = 0),
      axis.text.y = element_text(margin = margin(r = tick_label_pad), hjust = 1),
      axis.text.y.right = element_text(margin = margin(l = tick_label_pad), hjust = 0),
      axis.ticks = if (rc$ticks) {
        ggplot2::element_line(colour = rc$tick_colour, linewidth = lwd(rc$tick_width))
      } else {
        ggplot2::element_blank()
      },
      axis.ticks.length = bigpts(tick_length),
      axis.title = element_text(size = rel_size(rc$label_size), colour = rc$label_colour),
      axis.title.x = element_text(margin = margin(t = label_pad), vjust = 1),
      axis.title.x.top = element_text(margin = margin(b = label_pad), vjust = 0),
      axis.title.y = element_text(angle = 90, margin = margin(r = label_pad), vjust = 1),
      axis.title.y.right = element_text(angle = -90, margin = margin(l = label_pad),
                                        vjust = 0),

      # Legend: matplotlib's translucent frame, no title; a row is one line
      # of text plus labelspacing, the frame borderpad around the rows
      legend.background = ggplot2::element_rect(fill = rc$legend_fill,
                                                colour = rc$legend_edge,
                                                linewidth = lwd(rc$legend_edge_width)),
      legend.spacing = bigpts(em(rc$legend_labelspacing)),
      legend.spacing.x = bigpts(em(rc$legend_handletextpad)),
      legend.spacing.y = bigpts(0),
      legend.margin = margin(
        em(rc$legend_borderpad - rc$legend_labelspacing / 2), em(rc$legend_borderpad),
        em(rc$legend_borderpad - rc$legend_labelspacing / 2), em(rc$legend_borderpad)
      ),
      legend.key = ggplot2::element_blank(),
      legend.key.size = bigpts(em(1 + rc$legend_labelspacing)),
      legend.key.width = bigpts(em(rc$legend_handlelength)),
      legend.text = element_text(size = rel_size(rc$legend_size)),
      legend.title = ggplot2::element_blank(),
      legend.box.margin = margin(
        em(rc$legend_borderaxespad), em(rc$legend_borderaxespad),
        em(rc$legend_borderaxespad), em(rc$legend_borderaxespad)
      ),

      # Panel: the look's face colour inside its spines, the major grid only
      panel.background = ggplot2::element_rect(fill = rc$panel_fill, colour = NA),
      panel.border = ggplot2::element_rect(fill = NA, colour = rc$spine_colour,
                                           linewidth = lwd(rc$spine_width)),
      panel.grid = if (rc$grid) {
        ggplot2::element_line(colour = rc$grid_colour, linewidth = lwd(rc$grid_width))
      } else {
        ggplot2::element_blank()
      },
      panel.grid.minor = ggplot2::element_blank(),
      panel.spacing = bigpts(2 * half_line),

      # Facet strips: bare titles over each panel, like subplot titles
      strip.background = ggplot2::element_blank(),
      strip.text = element_text(
        colour = rc$title_colour, size = rel_size(rc$title_size),
        margin = margin(0.4 * half_line, 0.4 * half_line, title_pad / 2, 0.4 * half_line)
      ),

      # Plot: no border, a centred title whose baseline sits axes.titlepad
      # above the panel
      plot.background = ggplot2::element_rect(fill = rc$figure_fill, colour = NA),
      plot.title = element_text(colour = rc$title_colour, size = rel_size(rc$title_size),
                                hjust = 0.5, vjust = 0, margin = margin(b = title_pad)),
      plot.margin = margin(half_line, 2 * half_line, half_line, half_line),
      complete = TRUE
    ) %+replace%
    # Legend place: inside the panel's upper right corner
    legend_inside(c(1, 1), c(1, 1))
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
