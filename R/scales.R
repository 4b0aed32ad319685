# Colour palettes and discrete scales of the two matplotlib looks. The
# colours are the Python core's (xorbridge.look), asked once per look.

#' Colour palettes of matplotlib
#'
#' The ten colours that matplotlib cycles through, in the two looks of the
#' tutorial's figures: seaborn's "deep" palette, which `sns.set()` installs
#' (`"darkgrid"`), and matplotlib's own "tab10" (`"default"`).
#'
#' The colours are the Python core's: they are read from the look's
#' rcParams (see [theme_matplotlib()]), once per look and session.
#'
#' @param style The matplotlib look: `"darkgrid"` (seaborn's `sns.set()`,
#'   the default) or `"default"` (plain matplotlib). Another string is an error from the
#'   Python core, of class `xorbridge_value_error`.
#'
#' @returns A palette function: called with a number of colours `n` (at
#'   most 10), it returns a character vector of the first `n` colours as hex
#'   strings. Asking for more than 10 colours is an error of class
#'   `xorbridge_value_error`.
#'
#' @family matplotlib look
#' @export
#' @examples
#' if (xorbridge_available()) {
#'   matplotlib_pal()(3)
#'   matplotlib_pal("default")(10)
#' }
matplotlib_pal <- function(style = "darkgrid") {
  colours <- mpl_look(style)$palette
  function(n) {
    # the colours at hand, without a call; any other `n` goes to Python, whose rule
    # and message it is
    if (rlang::is_scalar_integerish(n, finite = TRUE) && n >= 0 && n <= length(colours)) {
      return(colours[seq_len(n)])
    }
    call_python(bridge()$palette(style, py_scalar(n, "n")))
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
#' if (xorbridge_available()) {
#'   print(p + scale_fill_matplotlib())
#'   print(p + scale_fill_matplotlib("default") +
#'     theme_matplotlib("default", base_family = ""))
#' }
scale_colour_matplotlib <- function(style = "darkgrid", ..., aesthetics = "colour") {
  palette <- matplotlib_pal(style)
  # ggplot2 3.5.0 deprecated the `scale_name` argument that 3.4 requires
  if (utils::packageVersion("ggplot2") < "3.5.0") {
    ggplot2::discrete_scale(aesthetics, "matplotlib", palette, ...)
  } else {
    ggplot2::discrete_scale(aesthetics, palette = palette, ...)
  }
}

#' @rdname scale_colour_matplotlib
#' @export
scale_color_matplotlib <- scale_colour_matplotlib

#' @rdname scale_colour_matplotlib
#' @export
scale_fill_matplotlib <- function(style = "darkgrid", ..., aesthetics = "fill") {
  scale_colour_matplotlib(style, ..., aesthetics = aesthetics)
}
