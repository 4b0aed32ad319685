# Small helpers for printing.

null_to_na <- function(x) {
  lapply(x, function(value) if (is.null(value)) NA else value)
}

format_number <- function(x, digits) {
  if (is.null(x) || is.na(x)) "?" else formatC(x, format = "f", digits = digits, big.mark = ",")
}

# print() of an object with a format() method: its lines, to standard output.
print_lines <- function(x, ...) {
  writeLines(format(x, ...))
  invisible(x)
}
