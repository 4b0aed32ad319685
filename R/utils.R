# Small helpers for printing.

# Print methods write to standard output (like print.data.frame), with cli's
# inline markup; cli_text() would send them to the message stream.
cat_line <- function(..., .envir = parent.frame()) {
  cat(cli::format_inline(..., .envir = .envir), "\n", sep = "")
}

null_to_na <- function(x) {
  lapply(x, function(value) if (is.null(value)) NA else value)
}

format_number <- function(x, digits) {
  if (is.null(x) || is.na(x)) "?" else formatC(x, format = "f", digits = digits, big.mark = ",")
}
