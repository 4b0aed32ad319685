# A ggplot2 theme that reproduces the two matplotlib looks of the tutorial.

# The matplotlib and seaborn rcParams behind each look. Font sizes and
# lengths are in points (1/72 inch), line widths in matplotlib points.
mpl_styles <- list(
  # seaborn's `sns.set()`: style "darkgrid", context "notebook"
  darkgrid = list(
    font_size = 12, title_size = 12, label_size = 12, tick_label_size = 11,
    legend_size = 11, ink = "#262626", panel_fill = "#EAEAF2",
    spine_colour = "white", spine_width = 1.25, grid = TRUE, grid_width = 1,
    ticks = FALSE, tick_size = 6, tick_width = 1.25, legend_fill = "#EAEAF2"
  ),
  # matplotlib 3.x rcParams defaults
  default = list(
    font_size = 10, title_size = 12, label_size = 10, tick_label_size = 10,
    legend_size = 10, ink = "black", panel_fill = "white",
    spine_colour = "black", spine_width = 0.8, grid = FALSE, grid_width = 0.8,
    ticks = TRUE, tick_size = 3.5, tick_width = 0.8, legend_fill = "white"
  )
)

# Paddings shared by both looks, in points.
mpl_title_pad <- 6 # axes.titlepad
mpl_label_pad <- 4 # axes.labelpad
mpl_tick_pad <- 3.5 # xtick.major.pad, ytick.major.pad

# A matplotlib line width (points of 1/72 inch) as a ggplot2 linewidth
# (in units of ggplot2's .pt, so that 1 point becomes 1/72 inch on every
# device).
mpl_linewidth <- function(pt) {
  pt * 96 / 72 * 25.4 / 72.27
}

# matplotlib draws text in DejaVu Sans. Use it when it is installed, and
# otherwise R's default sans-serif font.
mpl_font_family <- function(families = mpl_installed_families()) {
  if ("DejaVu Sans" %in% families) {
    mpl_register_pdf_family("DejaVu Sans")
    return("DejaVu Sans")
  }
  ""
}

mpl_installed_families <- function() {
  if (!rlang::is_installed("systemfonts")) {
    return(character())
  }
  unique(systemfonts::system_fonts()$family)
}

# pdf() only draws the font families of its own database and fails on any
# other ("invalid font type"), so a plot with a system font family cannot be
# printed to Rplots.pdf, saved with ggsave("*.pdf") or shown in R CMD check
# examples. Give pdf() the family, drawn with Helvetica's metrics, if it does
# not know it yet (cairo_pdf(), ragg, png() and svg() use the real font).
mpl_register_pdf_family <- function(family) {
  known <- names(grDevices::pdfFonts())
  if (!family %in% known) {
    fonts <- list(grDevices::pdfFonts("Helvetica")[[1]])
    names(fonts) <- family
    do.call(grDevices::pdfFonts, fonts)
  }
  invisible(family)
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
#' box with a light grey border, without a title. Font sizes, paddings, line
#' widths and tick lengths are matplotlib's, converted from points of 1/72
#' inch, and they all scale with `base_size`. Pair the theme with
#' [scale_colour_matplotlib()] or [scale_fill_matplotlib()] of the same
#' style to get matplotlib's colours.
#'
#' @param style The matplotlib look: `"darkgrid"` (seaborn's `sns.set()`,
#'   the default) or `"default"` (plain matplotlib).
#' @param base_size Base font size in points. `NULL` uses the look's own,
#'   12 for `"darkgrid"` and 10 for `"default"`; the other font sizes,
#'   paddings and line widths keep their proportions to it.
#' @param base_family Base font family. `NULL` uses matplotlib's font,
#'   `"DejaVu Sans"`, when systemfonts finds it installed, and otherwise R's
#'   default sans-serif font (`""`).
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
#' p + theme_matplotlib() + scale_fill_matplotlib()
#' p + theme_matplotlib("default") + scale_fill_matplotlib("default")
#'
#' # Larger text, with everything else scaled to match
#' p + theme_matplotlib(base_size = 16) + scale_fill_matplotlib()
theme_matplotlib <- function(style = c("darkgrid", "default"),
                             base_size = NULL,
                             base_family = NULL) {
  style <- mpl_match_style(style)
  rc <- mpl_styles[[style]]
  if (is.null(base_size)) {
    base_size <- rc$font_size
  }
  if (!is.numeric(base_size) || length(base_size) != 1 ||
    !is.finite(base_size) || base_size <= 0) {
    cli::cli_abort(
      "{.arg base_size} must be a single positive number or {.code NULL}.",
      class = c("xorbridge_argument_error", "xorbridge_error")
    )
  }
  if (is.null(base_family)) {
    base_family <- mpl_font_family()
  }
  if (!rlang::is_string(base_family)) {
    cli::cli_abort(
      "{.arg base_family} must be a single string or {.code NULL}.",
      class = c("xorbridge_argument_error", "xorbridge_error")
    )
  }

  `%+replace%` <- ggplot2::`%+replace%`
  margin <- function(t = 0, r = 0, b = 0, l = 0) {
    ggplot2::margin(t, r, b, l, unit = "bigpts")
  }
  bigpts <- function(x) ggplot2::unit(x, "bigpts")

  half_line <- base_size / 2
  # matplotlib lengths (points) and line widths, scaled with base_size
  scale <- base_size / rc$font_size
  len <- function(pt) pt * scale
  lwd <- function(pt) mpl_linewidth(pt * scale)
  rel_size <- function(size) ggplot2::rel(size / rc$font_size)
  legend_size <- rc$legend_size * scale

  # matplotlib offsets tick labels by the tick length even when the ticks
  # are not drawn; ggplot2 only by a drawn tick, so add it to the margin
  tick_length <- if (rc$ticks) len(rc$tick_size) else 0
  tick_label_pad <- len(mpl_tick_pad + rc$tick_size) - tick_length
  label_pad <- len(mpl_label_pad)

  base <- ggplot2::theme_grey(base_size = base_size, base_family = base_family)
  base %+replace%
    ggplot2::theme(
      # Root elements: matplotlib's text colour and the spine width
      line = ggplot2::element_line(
        colour = rc$ink, linewidth = lwd(rc$spine_width), linetype = 1,
        lineend = "butt"
      ),
      rect = ggplot2::element_rect(
        fill = "white", colour = rc$ink, linewidth = lwd(rc$spine_width),
        linetype = 1
      ),
      text = ggplot2::element_text(
        family = base_family, face = "plain", colour = rc$ink,
        size = base_size, lineheight = 1.2, hjust = 0.5, vjust = 0.5,
        angle = 0, margin = ggplot2::margin(), debug = FALSE
      ),

      # Axes: tick labels and axis labels at matplotlib's paddings, tick
      # marks outside the panel in "default" and none in "darkgrid"
      axis.line = ggplot2::element_blank(),
      axis.line.x = NULL,
      axis.line.y = NULL,
      axis.text = ggplot2::element_text(
        size = rel_size(rc$tick_label_size), colour = rc$ink
      ),
      axis.text.x = ggplot2::element_text(
        margin = margin(t = tick_label_pad), vjust = 1
      ),
      axis.text.x.top = ggplot2::element_text(
        margin = margin(b = tick_label_pad), vjust = 0
      ),
      axis.text.y = ggplot2::element_text(
        margin = margin(r = tick_label_pad), hjust = 1
      ),
      axis.text.y.right = ggplot2::element_text(
        margin = margin(l = tick_label_pad), hjust = 0
      ),
      axis.ticks = if (rc$ticks) {
        ggplot2::element_line(
          colour = rc$ink, linewidth = lwd(rc$tick_width)
        )
      } else {
        ggplot2::element_blank()
      },
      axis.ticks.length = bigpts(tick_length),
      axis.ticks.length.x = NULL,
      axis.ticks.length.x.top = NULL,
      axis.ticks.length.x.bottom = NULL,
      axis.ticks.length.y = NULL,
      axis.ticks.length.y.left = NULL,
      axis.ticks.length.y.right = NULL,
      axis.title = ggplot2::element_text(size = rel_size(rc$label_size)),
      axis.title.x = ggplot2::element_text(
        margin = margin(t = label_pad), vjust = 1
      ),
      axis.title.x.top = ggplot2::element_text(
        margin = margin(b = label_pad), vjust = 0
      ),
      axis.title.y = ggplot2::element_text(
        angle = 90, margin = margin(r = label_pad), vjust = 1
      ),
      axis.title.y.right = ggplot2::element_text(
        angle = -90, margin = margin(l = label_pad), vjust = 0
      ),

      # Legend: matplotlib's frame (alpha 0.8, edge '0.8', face inherited
      # from the axes), inside the upper right corner, sized in legend font
      # units (borderpad 0.4, labelspacing 0.5, handlelength 2,
      # handletextpad 0.8, borderaxespad 0.5); no gap under the absent title
      legend.background = ggplot2::element_rect(
        fill = ggplot2::alpha(rc$legend_fill, 0.8),
        colour = ggplot2::alpha("#CCCCCC", 0.8),
        linewidth = lwd(1)
      ),
      legend.spacing = bigpts(0.5 * legend_size),
      legend.spacing.x = bigpts(0.8 * legend_size),
      legend.spacing.y = bigpts(0),
      legend.margin = margin(
        0.15 * legend_size, 0.4 * legend_size,
        0.15 * legend_size, 0.4 * legend_size
      ),
      legend.key = ggplot2::element_blank(),
      legend.key.size = bigpts(1.5 * legend_size),
      legend.key.height = NULL,
      legend.key.width = bigpts(2 * legend_size),
      legend.text = ggplot2::element_text(size = rel_size(rc$legend_size)),
      legend.text.align = NULL,
      legend.title = ggplot2::element_blank(),
      legend.title.align = NULL,
      legend.position = c(1, 1),
      legend.direction = NULL,
      legend.justification = c(1, 1),
      legend.box = NULL,
      legend.box.margin = margin(
        0.5 * legend_size, 0.5 * legend_size,
        0.5 * legend_size, 0.5 * legend_size
      ),
      legend.box.background = ggplot2::element_blank(),
      legend.box.spacing = bigpts(2 * half_line),

      # Panel: seaborn's blue-grey with white major grid lines, or
      # matplotlib's white panel inside black spines
      panel.background = ggplot2::element_rect(
        fill = rc$panel_fill, colour = NA
      ),
      panel.border = ggplot2::element_rect(
        fill = NA, colour = rc$spine_colour, linewidth = lwd(rc$spine_width)
      ),
      panel.grid = if (rc$grid) {
        ggplot2::element_line(colour = "white", linewidth = lwd(rc$grid_width))
      } else {
        ggplot2::element_blank()
      },
      panel.grid.minor = ggplot2::element_blank(),
      panel.spacing = bigpts(2 * half_line),
      panel.spacing.x = NULL,
      panel.spacing.y = NULL,
      panel.ontop = FALSE,

      # Facet strips: bare titles over each panel, like subplot titles and
      # seaborn's FacetGrid
      strip.background = ggplot2::element_blank(),
      strip.clip = "inherit",
      strip.text = ggplot2::element_text(
        size = rel_size(rc$title_size),
        margin = margin(
          0.4 * half_line, 0.4 * half_line, len(mpl_title_pad) / 2,
          0.4 * half_line
        )
      ),
      strip.text.x = NULL,
      strip.text.y = ggplot2::element_text(angle = -90),
      strip.text.y.left = ggplot2::element_text(angle = 90),
      strip.placement = "inside",
      strip.placement.x = NULL,
      strip.placement.y = NULL,
      strip.switch.pad.grid = bigpts(half_line / 2),
      strip.switch.pad.wrap = bigpts(half_line / 2),

      # Plot: white figure without a border, a centred title in normal
      # weight whose baseline sits axes.titlepad above the panel
      plot.background = ggplot2::element_rect(fill = "white", colour = NA),
      plot.title = ggplot2::element_text(
        size = rel_size(rc$title_size), hjust = 0.5, vjust = 0,
        margin = margin(b = len(mpl_title_pad))
      ),
      plot.title.position = "panel",
      plot.subtitle = ggplot2::element_text(
        hjust = 0.5, vjust = 0, margin = margin(b = len(mpl_title_pad))
      ),
      plot.caption = ggplot2::element_text(
        size = rel_size(rc$tick_label_size), hjust = 1, vjust = 1,
        margin = margin(t = half_line)
      ),
      plot.caption.position = "panel",
      plot.tag = ggplot2::element_text(
        size = rel_size(rc$title_size), hjust = 0.5, vjust = 0.5
      ),
      plot.tag.position = "topleft",
      plot.margin = margin(half_line, 2 * half_line, half_line, half_line),
      complete = TRUE
    )
}
