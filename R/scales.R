# Colour palettes and discrete scales of the two matplotlib looks.

# The ten colours of each look, in matplotlib's property-cycle order:
# seaborn's "deep" palette (set by `sns.set()`) and matplotlib's "tab10".
matplotlib_palettes <- list(
  darkgrid = c(
    "#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3",
    "#937860", "#DA8BC3", "#8C8C8C", "#CCB974", "#64B5CD"
  ),
  default = c(
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
  )
)

# Resolves a `style` argument to one of the names of `matplotlib_palettes`.
# The full default vector means the first style; anything else must be one
# valid style, matched exactly.
mpl_match_style <- function(style, call = rlang::caller_env()) {
  valid <- names(matplotlib_palettes)
  if (identical(style, valid)) {
    return(valid[[1]])
  }
  check_choice(style, "style", valid, call = call)
}

#' Colour palettes of matplotlib
#'
#' The ten colours that matplotlib cycles through, in the two looks of the
#' tutorial's figures: seaborn's "deep" palette, which `sns.set()` installs
#' (`"darkgrid"`), and matplotlib's own "tab10" (`"default"`).
#'
#' @param style The matplotlib look: `"darkgrid"` (seaborn's `sns.set()`)
#'   or `"default"` (plain matplotlib).
#'
#' @returns A palette function: called with a number of colours `n` (at
#'   most 10), it returns a character vector of the first `n` colours as hex
#'   strings. Asking for more than 10 colours is an error of class
#'   `xorbridge_argument_error`.
#'
#' @family matplotlib look
#' @export
#' @examples
#' matplotlib_pal()(3)
#' matplotlib_pal("default")(10)
matplotlib_pal <- function(style = c("darkgrid", "default")) {
  style <- mpl_match_style(style)
  colours <- matplotlib_palettes[[style]]
  force(colours)

  function(n) {
    if (!is.numeric(n) || length(n) != 1 || is.na(n) || n < 0 ||
      n != trunc(n)) {
      cli::cli_abort(
        "{.arg n} must be a single whole number of colours, not {.val {n}}.",
        class = c("xorbridge_argument_error", "xorbridge_error")
      )
    }
    if (n > length(colours)) {
      cli::cli_abort(
        c(
          "The {.val {style}} palette has only {length(colours)} colours.",
          "x" = "{n} colours were requested."
        ),
        class = c("xorbridge_argument_error", "xorbridge_error")
      )
    }
    colours[seq_len(n)]
  }
}

#' Discrete colour and fill scales of matplotlib
#'
#' Colour the levels of a discrete variable with the colours matplotlib
#' would use, in the same order: seaborn's "deep" palette for the
#' `"darkgrid"` look and "tab10" for the `"default"` look. Pair them with
#' [theme_matplotlib()] of the same style. At most 10 levels can be shown.
#'
#' @inheritParams matplotlib_pal
#' @param ... Further arguments to [ggplot2::discrete_scale()], such as
#'   `name`, `labels`, `breaks` or `na.value`.
#' @param aesthetics The aesthetics that the scale works with.
#'
#' @returns A ggplot2 discrete scale, to add to a plot with `+`.
#'
#' @family matplotlib look
#' @export
#' @examples
#' df <- data.frame(
#'   x1 = c(0.1, 0.9, 0.2, 1.0),
#'   x2 = c(0.0, 1.1, 0.9, 0.1),
#'   label = factor(c(0, 0, 1, 1))
#' )
#' p <- ggplot2::ggplot(df, ggplot2::aes(x1, x2, fill = label)) +
#'   ggplot2::geom_point(shape = 21, size = 3)
#' p + scale_fill_matplotlib()
#' p + scale_fill_matplotlib("default") + theme_matplotlib("default")
scale_colour_matplotlib <- function(style = c("darkgrid", "default"), ...,
                                    aesthetics = "colour") {
  style <- mpl_match_style(style)
  mpl_discrete_scale(aesthetics, matplotlib_pal(style), ...)
}

#' @rdname scale_colour_matplotlib
#' @export
scale_color_matplotlib <- scale_colour_matplotlib

#' @rdname scale_colour_matplotlib
#' @export
scale_fill_matplotlib <- function(style = c("darkgrid", "default"), ...,
                                  aesthetics = "fill") {
  style <- mpl_match_style(style)
  mpl_discrete_scale(aesthetics, matplotlib_pal(style), ...)
}

# ggplot2 3.5.0 deprecated the `scale_name` argument that 3.4 requires.
mpl_discrete_scale <- function(aesthetics, palette, ...) {
  if (utils::packageVersion("ggplot2") < "3.5.0") {
    ggplot2::discrete_scale(aesthetics, "matplotlib", palette, ...)
  } else {
    ggplot2::discrete_scale(aesthetics, palette = palette, ...)
  }
}
