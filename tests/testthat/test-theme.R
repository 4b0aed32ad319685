# A small fixed scatter of the continuous XOR problem: two classes, 8 points.
xor_points <- function() {
  data.frame(
    x1 = c(0.05, 0.95, 0.10, 1.02, -0.03, 1.08, 0.90, 0.12),
    x2 = c(0.02, 1.05, 0.93, 0.08, 0.15, 0.90, -0.02, 1.04),
    label = factor(c(0, 0, 1, 1, 0, 0, 1, 1))
  )
}

xor_scatter <- function() {
  ggplot2::ggplot(
    xor_points(),
    ggplot2::aes(x = x1, y = x2, fill = label)
  ) +
    ggplot2::geom_point(shape = 21, size = 2.34, stroke = 0.705,
                        colour = "#333333") +
    ggplot2::labs(title = "Continuous XOR", x = "x1", y = "x2")
}

# The design's colours of the two looks: seaborn's "deep" and matplotlib's tab10.
darkgrid_hex <- c(
  "#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3",
  "#937860", "#DA8BC3", "#8C8C8C", "#CCB974", "#64B5CD"
)
default_hex <- c(
  "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
  "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
)

# The look as the Python core describes it, asked afresh (not the cached copy).
python_look <- function(style) {
  look <- bridge()$look(style)
  look$palette <- unlist(look$palette)
  look
}

# matplotlib line widths in points as ggplot2 linewidths
pt_lwd <- function(pt) pt * 96 / 72 * 25.4 / 72.27

el <- function(theme, name) ggplot2::calc_element(name, theme)
bigpts <- function(x) ggplot2::unit(x, "bigpts")

# theme_matplotlib() -----------------------------------------------------

test_that("both styles give a complete theme; darkgrid is the default", {
  skip_if_no_xorbridge()
  for (style in c("darkgrid", "default")) {
    theme <- theme_matplotlib(style)
    expect_s3_class(theme, "theme")
    expect_true(isTRUE(attr(theme, "complete")))
  }
  expect_identical(
    theme_matplotlib(base_family = "")$panel.background,
    theme_matplotlib("darkgrid", base_family = "")$panel.background
  )
})

test_that("the Python core's look holds the design's colours", {
  skip_if_no_xorbridge()
  darkgrid <- python_look("darkgrid")
  expect_equal(toupper(darkgrid$panel_fill), "#EAEAF2")
  expect_equal(darkgrid$ink, "#262626")
  expect_equal(darkgrid$grid_colour, "#ffffff")
  expect_identical(darkgrid$palette, darkgrid_hex)
  default <- python_look("default")
  expect_equal(default$panel_fill, "#ffffff")
  expect_identical(default$palette, default_hex)
  expect_equal(default$edge_colour, "#333333")
})

# Every element the theme sets from the look, at the look's own base size.
expect_theme_is_look <- function(theme, rc) {
  expect_equal(el(theme, "text")$size, rc$font_size)
  expect_equal(el(theme, "text")$colour, rc$ink)
  expect_equal(el(theme, "text")$family, "")
  expect_equal(el(theme, "plot.title")$size, rc$title_size)
  expect_equal(el(theme, "plot.title")$colour, rc$title_colour)
  expect_equal(el(theme, "axis.title.x.bottom")$size, rc$label_size)
  expect_equal(el(theme, "axis.title.y.left")$colour, rc$label_colour)
  expect_equal(el(theme, "axis.text.x.bottom")$size, rc$tick_label_size)
  expect_equal(el(theme, "axis.text.y.left")$colour, rc$tick_label_colour)
  expect_equal(el(theme, "legend.text")$size, rc$legend_size)

  expect_equal(el(theme, "plot.background")$fill, rc$figure_fill)
  expect_true(is.na(el(theme, "plot.background")$colour))
  expect_equal(el(theme, "panel.background")$fill, rc$panel_fill)
  border <- el(theme, "panel.border")
  expect_true(is.na(border$fill))
  expect_equal(border$colour, rc$spine_colour)
  expect_equal(border$linewidth, pt_lwd(rc$spine_width))

  grid_major <- el(theme, "panel.grid.major.x")
  if (rc$grid) {
    expect_s3_class(grid_major, "element_line")
    expect_equal(grid_major$colour, rc$grid_colour)
    expect_equal(grid_major$linewidth, pt_lwd(rc$grid_width))
  } else {
    expect_s3_class(grid_major, "element_blank")
  }
  expect_s3_class(el(theme, "panel.grid.minor.y"), "element_blank")

  ticks <- el(theme, "axis.ticks.x.bottom")
  if (rc$ticks) {
    expect_s3_class(ticks, "element_line")
    expect_equal(ticks$colour, rc$tick_colour)
    expect_equal(ticks$linewidth, pt_lwd(rc$tick_width))
    expect_equal(theme$axis.ticks.length, bigpts(rc$tick_length))
  } else {
    expect_s3_class(ticks, "element_blank")
    expect_equal(theme$axis.ticks.length, bigpts(0))
  }
  # tick labels sit tick length + pad from the panel, drawn tick or not
  expect_equal(
    as.numeric(theme$axis.ticks.length) + as.numeric(el(theme, "axis.text.x.bottom")$margin[1]),
    rc$tick_length + rc$tick_pad
  )
  expect_equal(el(theme, "axis.title.x.bottom")$margin,
               ggplot2::margin(t = rc$label_pad, unit = "bigpts"))
  expect_equal(el(theme, "plot.title")$margin,
               ggplot2::margin(b = rc$title_pad, unit = "bigpts"))

  legend_box <- el(theme, "legend.background")
  expect_equal(legend_box$fill, rc$legend_fill)
  expect_equal(legend_box$colour, rc$legend_edge)
  expect_equal(legend_box$linewidth, pt_lwd(rc$legend_edge_width))
  em <- rc$legend_size
  expect_equal(theme$legend.key.width, bigpts(rc$legend_handlelength * em))
  expect_equal(theme$legend.key.size, bigpts((1 + rc$legend_labelspacing) * em))
  expect_equal(theme$legend.spacing.x, bigpts(rc$legend_handletextpad * em))
  expect_equal(theme$legend.box.margin,
               ggplot2::margin(rc$legend_borderaxespad * em, rc$legend_borderaxespad * em,
                               rc$legend_borderaxespad * em, rc$legend_borderaxespad * em,
                               unit = "bigpts"))
}

test_that("darkgrid draws with the values of seaborn's sns.set() look", {
  skip_if_no_xorbridge()
  rc <- python_look("darkgrid")
  theme <- theme_matplotlib("darkgrid", base_family = "")
  expect_theme_is_look(theme, rc)
  # as the tutorial's figures: no ticks, white grid and spines, 12 pt text
  expect_s3_class(el(theme, "axis.ticks.y.left"), "element_blank")
  expect_equal(el(theme, "panel.grid.major.y")$colour, "#ffffff")
  expect_equal(el(theme, "text")$size, 12)
  expect_equal(el(theme, "axis.text.x.bottom")$margin,
               ggplot2::margin(t = 9.5, unit = "bigpts"))
})

test_that("default draws with the values of plain matplotlib", {
  skip_if_no_xorbridge()
  rc <- python_look("default")
  theme <- theme_matplotlib("default", base_family = "")
  expect_theme_is_look(theme, rc)
  # as matplotlib's defaults: black ticks outside, no grid, 10 pt text
  expect_equal(el(theme, "axis.ticks.y.left")$colour, "#000000")
  expect_s3_class(el(theme, "panel.grid.major.y"), "element_blank")
  expect_equal(el(theme, "text")$size, 10)
  expect_equal(el(theme, "plot.title")$size, 12)
  expect_equal(el(theme, "axis.text.y.left")$margin,
               ggplot2::margin(r = 3.5, unit = "bigpts"))
})

test_that("title and legend are placed like matplotlib's", {
  skip_if_no_xorbridge()
  for (style in c("darkgrid", "default")) {
    theme <- theme_matplotlib(style, base_family = "")
    title <- el(theme, "plot.title")
    expect_equal(title$hjust, 0.5)
    expect_equal(title$face, "plain")
    expect_equal(theme$plot.title.position, "panel")
    expect_s3_class(el(theme, "legend.title"), "element_blank")
    expect_s3_class(el(theme, "legend.key"), "element_blank")
    # the legend frame is translucent: alpha 0.8
    expect_equal(grDevices::col2rgb(el(theme, "legend.background")$fill, alpha = TRUE)[4], 204)
    inside <- legend_inside(c(1, 1), c(1, 1))
    for (name in names(inside)) {
      expect_identical(theme[[name]], inside[[name]])
    }
  }
})

test_that("legend_inside() puts the legend inside the panel without a warning", {
  skip_if_no_xorbridge()
  inside <- legend_inside(c(0.25, 0.75), c(0, 1))
  expect_s3_class(inside, "theme")
  if (utils::packageVersion("ggplot2") >= "3.5.0") {
    expect_equal(inside$legend.position, "inside")
    expect_equal(inside$legend.position.inside, c(0.25, 0.75))
    expect_equal(inside$legend.justification.inside, c(0, 1))
  } else {
    expect_equal(inside$legend.position, c(0.25, 0.75))
    expect_equal(inside$legend.justification, c(0, 1))
  }
  expect_identical(legend_inside(c(1, 1)), legend_inside(c(1, 1), c(1, 1)))
  plot <- xor_scatter() + theme_matplotlib(base_family = "") + inside
  expect_no_warning(table <- ggplot2::ggplotGrob(plot))
  expect_true(any(grepl("^guide-box", table$layout$name)))
})

test_that("base_size scales text, lengths and line widths", {
  skip_if_no_xorbridge()
  rc <- python_look("default")
  theme <- theme_matplotlib("default", base_size = 2 * rc$font_size, base_family = "")
  expect_equal(el(theme, "text")$size, 2 * rc$font_size)
  expect_equal(el(theme, "axis.text.x.bottom")$size, 2 * rc$tick_label_size)
  expect_equal(el(theme, "plot.title")$size, 2 * rc$title_size)
  expect_equal(theme$axis.ticks.length, bigpts(2 * rc$tick_length))
  expect_equal(el(theme, "panel.border")$linewidth, pt_lwd(2 * rc$spine_width))

  rc <- python_look("darkgrid")
  theme <- theme_matplotlib("darkgrid", base_size = 24, base_family = "")
  expect_equal(el(theme, "text")$size, 24)
  expect_equal(el(theme, "axis.text.y.left")$size, 22)
  expect_equal(el(theme, "legend.text")$size, 22)
  expect_equal(el(theme, "panel.grid.major.y")$linewidth, pt_lwd(2 * rc$grid_width))
  expect_equal(el(theme, "plot.title")$margin,
               ggplot2::margin(b = 2 * rc$title_pad, unit = "bigpts"))
})

test_that("base_family defaults to the look's font when installed, else ''", {
  skip_if_no_xorbridge()
  expect_equal(mpl_font_family("DejaVu Sans", character()), "")
  expect_equal(mpl_font_family("DejaVu Sans", c("Liberation Sans", "Noto Sans")), "")
  expect_equal(mpl_font_family("DejaVu Sans", c("DejaVu Sans", "Noto Sans")), "DejaVu Sans")

  family <- python_look("darkgrid")$font_family
  expect_equal(family, "DejaVu Sans")
  expect_equal(theme_matplotlib(base_family = "serif")$text$family, "serif")
  expect_equal(theme_matplotlib(base_family = "")$text$family, "")
  expect_equal(theme_matplotlib()$text$family, mpl_font_family(family))

  skip_if_not_installed("systemfonts")
  skip_if_not("DejaVu Sans" %in% systemfonts::system_fonts()$family)
  expect_equal(theme_matplotlib("default")$text$family, "DejaVu Sans")
})

test_that("a look and a theme cost one Python call per session", {
  skip_if_no_xorbridge()
  theme_matplotlib("default")
  matplotlib_pal("default")
  cached <- .xorbridge$looks$default
  expect_identical(cached, python_look("default"))
  theme <- .xorbridge$themes[["default "]]
  expect_identical(theme, call_python(bridge()$ggplot_theme("default")))
  # the next theme and palette read the cached copies, not Python
  withr::defer({
    .xorbridge$looks$default <- cached
    .xorbridge$themes[["default "]] <- theme
  })
  .xorbridge$themes[["default "]]$elements$panel.background$fill <- "#123456"
  .xorbridge$looks$default$palette <- rep("#654321", 10)
  expect_equal(el(theme_matplotlib("default"), "panel.background")$fill, "#123456")
  expect_equal(matplotlib_pal("default")(2), c("#654321", "#654321"))
  # a theme of another size is another call, with its own sizes
  expect_equal(theme_matplotlib("default", base_size = 20)$text$size, 20)
})

test_that("a package plot prints on pdf(); only a missing family is added; PDFs save", {
  skip_if_no_xorbridge()
  skip_if_not_installed("withr")
  helvetica <- grDevices::pdfFonts("Helvetica")
  plot <- autoplot(xor_dataset(20, seed = 1)) # the theme's own family
  family <- plot$theme$text$family
  expect_true(nzchar(family) && family %in% names(grDevices::pdfFonts()))
  fonts <- grDevices::pdfFonts()
  theme_matplotlib(base_family = family) # known now: nothing changes
  expect_identical(grDevices::pdfFonts(), fonts)
  expect_identical(grDevices::pdfFonts("Helvetica"), helvetica)
  withr::local_pdf(withr::local_tempfile(fileext = ".pdf")) # as Rscript's Rplots.pdf
  # (pdf() cannot encode the tick labels' minus sign, U+2212, and warns about it)
  expect_no_error(suppressWarnings(print(plot)))
  path <- withr::local_tempfile(fileext = ".pdf")
  expect_no_error(ggsave_matplotlib(path, plot))
  expect_identical(rawToChar(readBin(path, "raw", 5)), "%PDF-")
})

test_that("invalid arguments give classed errors; a style's message is Python's", {
  skip_if_no_xorbridge()
  cnd <- rlang::catch_cnd(theme_matplotlib("dark"))
  expect_s3_class(cnd, "xorbridge_value_error")
  expect_s3_class(cnd, "xorbridge_python_error")
  expect_s3_class(cnd, "xorbridge_error")
  expect_identical(conditionMessage(cnd),
                   '`style` must be one of "darkgrid", "default", not "dark".')
  python <- tryCatch(bridge()$look("dark"), error = identity)
  expect_match(conditionMessage(python), conditionMessage(cnd), fixed = TRUE)

  expect_error(theme_matplotlib(1), '`style` must be one of "darkgrid", "default", not 1.',
               class = "xorbridge_type_error", fixed = TRUE)
  expect_error(theme_matplotlib(NA_character_), class = "xorbridge_argument_error")
  expect_error(theme_matplotlib(c("default", "darkgrid")), class = "xorbridge_argument_error")
  expect_error(theme_matplotlib(base_size = -1), "^`base_size` must be > 0, not -1\\.$",
               class = "xorbridge_value_error")
  expect_error(theme_matplotlib(base_size = NA_real_), class = "xorbridge_argument_error")
  expect_error(theme_matplotlib(base_family = 1), class = "xorbridge_argument_error")
})

# Palettes and scales ----------------------------------------------------

test_that("palettes hold the Python core's colours exactly", {
  skip_if_no_xorbridge()
  for (style in c("darkgrid", "default")) {
    expect_identical(matplotlib_pal(style)(10), python_look(style)$palette)
  }
  expect_identical(matplotlib_pal()(10), darkgrid_hex)
  expect_identical(matplotlib_pal("default")(10), default_hex)
  expect_identical(matplotlib_pal("darkgrid")(2), c("#4C72B0", "#DD8452"))
  expect_identical(matplotlib_pal("default")(0), character())
})

test_that("palettes refuse more than 10 colours and unknown styles", {
  skip_if_no_xorbridge()
  cnd <- rlang::catch_cnd(matplotlib_pal("default")(11))
  expect_s3_class(cnd, "xorbridge_value_error")
  expect_s3_class(cnd, "xorbridge_error")
  expect_identical(conditionMessage(cnd), 'The "default" palette has only 10 colours, not 11.')

  expect_error(matplotlib_pal()(1.5), "`n` must be a whole number >= 0, not 1.5.",
               class = "xorbridge_value_error", fixed = TRUE)
  expect_error(matplotlib_pal()(-1), class = "xorbridge_value_error")
  expect_error(matplotlib_pal()(NA), class = "xorbridge_argument_error")
  expect_error(matplotlib_pal()(1:2), class = "xorbridge_argument_error")
  expect_error(matplotlib_pal("tab10"),
               '`style` must be one of "darkgrid", "default", not "tab10".',
               class = "xorbridge_value_error", fixed = TRUE)
  expect_error(scale_fill_matplotlib("seaborn"), class = "xorbridge_value_error")
  expect_error(scale_colour_matplotlib(NULL), class = "xorbridge_argument_error")
})

test_that("fill and colour scales map levels to the palette", {
  skip_if_no_xorbridge()
  built <- ggplot2::ggplot_build(
    xor_scatter() + scale_fill_matplotlib("default")
  )
  fills <- built$data[[1]]$fill
  expect_identical(fills, default_hex[as.integer(xor_points()$label)])

  built <- ggplot2::ggplot_build(xor_scatter() + scale_fill_matplotlib())
  expect_identical(
    built$data[[1]]$fill,
    darkgrid_hex[as.integer(xor_points()$label)]
  )

  coloured <- ggplot2::ggplot(
    xor_points(),
    ggplot2::aes(x1, x2, colour = label)
  ) +
    ggplot2::geom_point() +
    scale_colour_matplotlib("darkgrid")
  built <- ggplot2::ggplot_build(coloured)
  expect_identical(
    built$data[[1]]$colour,
    darkgrid_hex[as.integer(xor_points()$label)]
  )

  scale <- scale_colour_matplotlib("default", name = "class")
  expect_s3_class(scale, "ScaleDiscrete")
  expect_equal(scale$aesthetics, "colour")
  expect_equal(scale$name, "class")
  expect_equal(scale_fill_matplotlib()$aesthetics, "fill")
})

test_that("scale_color_matplotlib is an alias", {
  expect_identical(scale_color_matplotlib, scale_colour_matplotlib)
})

# Snapshots --------------------------------------------------------------

test_that("scatter plots look like matplotlib", {
  skip_if_no_xorbridge()
  skip_if_not_installed("vdiffr")
  # R's default sans font, so that the snapshots do not depend on the fonts
  # installed
  vdiffr::expect_doppelganger(
    "darkgrid scatter",
    xor_scatter() +
      theme_matplotlib("darkgrid", base_family = "") +
      scale_fill_matplotlib("darkgrid")
  )
  vdiffr::expect_doppelganger(
    "default scatter",
    xor_scatter() +
      theme_matplotlib("default", base_family = "") +
      scale_fill_matplotlib("default")
  )
})

# figure_matplotlib() and ggsave_matplotlib() -----------------------------

# The panel's box, in figure fractions, where the gtable puts it on a device
# of `size` inches.
panel_box_drawn <- function(plot, size) {
  withr::local_pdf(NULL, width = size[[1]], height = size[[2]])
  table <- ggplot2::ggplotGrob(plot)
  panel <- table$layout[table$layout$name == "panel", ]
  fraction <- function(sizes, convert) convert(sum(sizes), "npc", valueOnly = TRUE)
  after <- function(sizes, last) sizes[seq(last + 1, length(sizes))]
  c(
    fraction(table$widths[seq_len(panel$l - 1)], grid::convertWidth),
    fraction(after(table$heights, panel$b), grid::convertHeight),
    1 - fraction(after(table$widths, panel$r), grid::convertWidth),
    1 - fraction(table$heights[seq_len(panel$t - 1)], grid::convertHeight)
  )
}

test_that("figure_matplotlib() puts the panel at matplotlib's box", {
  skip_if_no_xorbridge()
  skip_if_not_installed("withr")
  plot <- xor_scatter() + theme_matplotlib(base_family = "") + scale_fill_matplotlib()
  box <- c(0.2, 0.15, 0.85, 0.9)
  placed <- plot + figure_matplotlib(box = box, size = c(5, 4), dpi = 80)
  expect_s3_class(placed, "xorbridge_plot")
  expect_s3_class(ggplot2::ggplot_build(placed), "xorbridge_built")
  expect_equal(placed$xorbridge_figure$size, c(5, 4))
  expect_equal(panel_box_drawn(placed, c(5, 4)), box, tolerance = 1e-9)
  # fractions of the figure, whatever its size; matplotlib's default box
  expect_equal(panel_box_drawn(plot + figure_matplotlib(), c(3, 7)),
               c(0.125, 0.11, 0.9, 0.88), tolerance = 1e-9)
  # without it, ggplot2 places the panel itself
  expect_false(isTRUE(all.equal(panel_box_drawn(plot, c(5, 4)), box)))
})

test_that("drawn at its size, a package plot's panel is where matplotlib's Agg draws it", {
  skip_if_no_xorbridge()
  skip_if_not_installed("ragg")
  skip_if_not_installed("withr")
  plot <- autoplot(xor_dataset(200, seed = 44))
  drawn <- plot$xorbridge_figure$drawn # the Python core's positions, in npc of the panel
  ragg::agg_png(withr::local_tempfile(fileext = ".png")) # a device for text metrics
  withr::defer(grDevices::dev.off())
  table <- ggplot2::ggplotGrob(plot)
  panel <- table$grobs[[which(table$layout$name == "panel")]]
  expect_equal(table$layout$clip[table$layout$name == "panel"], "off")
  of_class <- function(grobs, class) Filter(function(grob) inherits(grob, class), grobs)[[1]]
  border <- of_class(panel$children, "rect") # drawn whole, over the clipped contents
  expect_match(border$name, "^panel.border")
  expect_equal(as.numeric(c(border$x, border$y, border$x + border$width, border$y + border$height)),
               unlist(drawn$border))
  contents <- panel$children[[1]]$children
  points <- of_class(contents, "points")
  expect_identical(as.numeric(points$x), unlist(drawn$x))
  expect_identical(as.numeric(points$y), unlist(drawn$y))
  grill <- of_class(contents, "gTree")$children
  grid_x <- grill[[grep("^panel.grid.major.x", names(grill))]] # vertical lines
  expect_identical(as.numeric(grid_x$x), rep(unlist(drawn$xgrid), each = 2))
  grid_y <- grill[[grep("^panel.grid.major.y", names(grill))]] # horizontal lines
  expect_identical(as.numeric(grid_y$y), rep(unlist(drawn$ygrid), each = 2))
  # by at most a pixel of the 400 pixels wide figure, and only in the drawing
  built <- ggplot2::ggplot_build(plot)
  exact <- built$layout$panel_params[[1]]$x$rescale(built$data[[1]]$x)
  box <- plot$xorbridge_figure$box
  shift <- (as.numeric(points$x) - exact) * (box[[3]] - box[[1]]) * 400
  expect_true(all(shift > 0 & shift <= 1 + 1e-9))
})

test_that("a plot of one's own is placed by figure_matplotlib(), not moved", {
  skip_if_no_xorbridge()
  skip_if_not_installed("withr")
  plot <- xor_scatter() + theme_matplotlib(base_family = "") +
    figure_matplotlib(box = c(0.1, 0.1, 0.9, 0.9), size = c(2, 2), dpi = 100)
  withr::local_pdf(NULL)
  table <- ggplot2::ggplotGrob(plot)
  panel <- table$grobs[[which(table$layout$name == "panel")]]
  points <- Filter(function(grob) inherits(grob, "points"), panel$children)[[1]]
  built <- ggplot2::ggplot_build(plot)
  expect_identical(as.numeric(points$x), built$layout$panel_params[[1]]$x$rescale(xor_points()$x1))
})

test_that("ggsave_matplotlib() saves at the figure's size and dpi", {
  skip_if_not_installed("ragg")
  skip_if_not_installed("withr")
  png_size <- function(path) {
    header <- readBin(path, "raw", 24)
    c(readBin(header[17:20], "integer", size = 4, endian = "big"),
      readBin(header[21:24], "integer", size = 4, endian = "big"))
  }
  path <- withr::local_tempfile(fileext = ".png")
  ggsave_matplotlib(path, xor_scatter()) # matplotlib's default figure, no Python needed
  expect_equal(png_size(path), c(640, 480))
  skip_if_no_xorbridge()
  plot <- xor_scatter() + figure_matplotlib(size = c(3, 2), dpi = 50)
  expect_identical(ggsave_matplotlib(path, plot), path)
  expect_equal(png_size(path), c(150, 100))
})

test_that("figure_matplotlib() checks its arguments", {
  skip_if_no_xorbridge()
  box_rule <- paste("`box` must be 4 numbers c(left, bottom, right, top) in [0, 1], with",
                    "left < right and bottom < top, not")
  expect_error(figure_matplotlib(box = c(0.9, 0.1, 0.1, 0.9)),
               paste(box_rule, "c(0.9, 0.1, 0.1, 0.9)."), class = "xorbridge_value_error",
               fixed = TRUE)
  expect_error(figure_matplotlib(box = c(0, 0, 1)), paste(box_rule, "c(0, 0, 1)."),
               class = "xorbridge_value_error", fixed = TRUE)
  expect_error(figure_matplotlib(size = c(4, -1)),
               "`size` must be 2 positive numbers c(width, height) in inches, not c(4, -1).",
               class = "xorbridge_value_error", fixed = TRUE)
  expect_error(figure_matplotlib(size = c(4, Inf)), class = "xorbridge_value_error")
  expect_error(figure_matplotlib(dpi = 0), "`dpi` must be a positive number, not 0.",
               class = "xorbridge_value_error", fixed = TRUE)
  expect_error(figure_matplotlib(dpi = "a"), class = "xorbridge_value_error")
  expect_error(figure_matplotlib(box = NULL), class = "xorbridge_argument_error")
  expect_error(figure_matplotlib(dpi = NA), class = "xorbridge_argument_error")
  expect_equal(figure_matplotlib(size = c(5L, 4L), dpi = 72)[c("box", "size", "dpi")],
               list(box = c(0.125, 0.11, 0.9, 0.88), size = c(5, 4), dpi = 72))
  expect_error(ggsave_matplotlib(1, xor_scatter()), class = "xorbridge_argument_error")
})
