# Errors: argument checks in R (before Python is called), and Python
# exceptions and warnings turned into classed R conditions that carry the
# Python message.
#
# Every error has class "xorbridge_error". Argument mistakes found in R add
# "xorbridge_argument_error"; Python exceptions add "xorbridge_python_error"
# and one class per Python exception class, e.g. a CheckpointError (a
# ValueError) gives "xorbridge_checkpoint_error" and "xorbridge_value_error".
# Python warnings become R warnings of class "xorbridge_warning",
# "xorbridge_python_warning" and one class per Python warning class. The
# messages read like the Python ones: the same value gets the same words.

# rlang::abort() rather than cli::cli_abort(): the message must stay exactly
# the Python one, and cli would re-wrap it to the console's width.
abort_argument <- function(message, call = rlang::caller_env()) {
  rlang::abort(message, class = c("xorbridge_argument_error", "xorbridge_error"), call = call)
}

# How a value is shown in an error message (short, one line).
show_value <- function(x) {
  if (is.null(x)) {
    return("NULL")
  }
  if (is.environment(x) || is.function(x)) {
    return(paste0("a ", class(x)[[1]]))
  }
  if (is.object(x) && !is.factor(x)) {
    return(paste0("an object of class <", class(x)[[1]], ">"))
  }
  if (is.atomic(x) && length(x) == 1 && is.na(x) && !is.nan(x)) {
    return("NA")  # rather than NA_character_, NA_real_, ...
  }
  text <- paste(deparse(x, width.cutoff = 60L, nlines = 2L), collapse = " ")
  if (nchar(text) > 60) paste0(substr(text, 1, 57), "...") else text
}

# A number as Python's f"{x:g}" writes it, so that bounds read the same in
# both languages' messages.
format_g <- function(x) {
  sprintf("%.6g", x)
}

# A whole number >= 1 (R doubles such as 100 are fine); returns an integer.
check_count <- function(x, name, maximum = NULL, call = rlang::caller_env()) {
  check_whole(x, name, minimum = 1, maximum = maximum, call = call)
}

# A whole number >= `minimum`, as Python's _validate.whole_number words it.
check_whole <- function(x, name, minimum, maximum = NULL, call = rlang::caller_env()) {
  ok <- is.numeric(x) && length(x) == 1 && !is.na(x) && is.finite(x) && x == trunc(x) &&
    x >= minimum
  if (!ok) {
    what <- if (minimum == 1) "a positive whole number" else
      paste("a whole number >=", minimum)
    abort_argument(paste0("`", name, "` must be ", what, ", not ", show_value(x), "."),
                   call = call)
  }
  if (!is.null(maximum) && x > maximum) {
    abort_argument(paste0("`", name, "` must be at most ", format(maximum, big.mark = ",",
                          scientific = FALSE), ", not ", format(x, big.mark = ",",
                          scientific = FALSE), "."), call = call)
  }
  if (x <= .Machine$integer.max) as.integer(x) else x
}

# NULL or a whole number >= 0. Kept as a double when it is too big for an
# R integer: Python accepts whole-number floats. Above 2^53 a double no
# longer holds every whole number, so the seed would not be the one typed.
check_seed <- function(x, name = "seed", allow_null = TRUE, call = rlang::caller_env()) {
  if (is.null(x) && allow_null) {
    return(NULL)
  }
  ok <- is.numeric(x) && length(x) == 1 && !is.na(x) && is.finite(x) && x == trunc(x) && x >= 0
  if (!ok) {
    what <- if (allow_null) "a whole number >= 0 or NULL" else "a whole number >= 0"
    abort_argument(paste0("`", name, "` must be ", what, ", not ", show_value(x), "."),
                   call = call)
  }
  if (x >= 2^53) {
    abort_argument(paste0("`", name, "` must be below 2^53, not ", format(x), "."), call = call)
  }
  if (x <= .Machine$integer.max) as.integer(x) else x
}

# A finite number within bounds; returns a double.
check_number <- function(x, name, minimum = NULL, maximum = NULL, strict_minimum = FALSE,
                         call = rlang::caller_env()) {
  if (!is.numeric(x) || length(x) != 1 || is.na(x) || !is.finite(x)) {
    kind <- if (is.numeric(x) && length(x) == 1) "a finite number" else "a number"
    abort_argument(paste0("`", name, "` must be ", kind, ", not ", show_value(x), "."),
                   call = call)
  }
  too_low <- !is.null(minimum) && (if (strict_minimum) x <= minimum else x < minimum)
  too_high <- !is.null(maximum) && x > maximum
  if (too_low || too_high) {
    parts <- c(
      if (!is.null(minimum)) paste(if (strict_minimum) ">" else ">=", format_g(minimum)),
      if (!is.null(maximum)) paste("<=", format_g(maximum))
    )
    abort_argument(paste0("`", name, "` must be ", paste(parts, collapse = " and "), ", not ",
                          show_value(x), "."), call = call)
  }
  as.double(x)
}

check_flag <- function(x, name, call = rlang::caller_env()) {
  if (!is.logical(x) || length(x) != 1 || is.na(x)) {
    abort_argument(paste0("`", name, "` must be TRUE or FALSE, not ", show_value(x), "."),
                   call = call)
  }
  x
}

check_string <- function(x, name, call = rlang::caller_env()) {
  if (!is.character(x) || length(x) != 1 || is.na(x) || !nzchar(x)) {
    abort_argument(paste0("`", name, "` must be a single non-empty string, not ",
                          show_value(x), "."), call = call)
  }
  x
}

check_choice <- function(x, name, choices, call = rlang::caller_env()) {
  if (!is.character(x) || length(x) != 1 || is.na(x) || !x %in% choices) {
    abort_argument(paste0("`", name, "` must be one of ",
                          paste0('"', choices, '"', collapse = ", "), ", not ",
                          show_value(x), "."), call = call)
  }
  x
}

# The largest magnitude of a point coordinate or a grid limit, as in Python
# (xorbridge._validate.MAX_COORDINATE): beyond it float32 overflows.
max_coordinate <- 1e6

# Two finite numbers within +-max_coordinate, increasing.
check_pair <- function(x, name, call = rlang::caller_env()) {
  if (!is.numeric(x) || length(x) != 2 || anyNA(x) || !all(is.finite(x))) {
    abort_argument(paste0("`", name, "` must be a pair of finite numbers c(low, high), not ",
                          show_value(x), "."), call = call)
  }
  shown <- paste0("(", format_g(x[[1]]), ", ", format_g(x[[2]]), ")")
  if (!(x[[1]] < x[[2]])) {
    abort_argument(paste0("`", name, "` must be increasing (low < high), not ", shown, "."),
                   call = call)
  }
  if (max(abs(x)) > max_coordinate) {
    abort_argument(paste0("`", name, "` must lie within [", format_g(-max_coordinate), ", ",
                          format_g(max_coordinate), "], not ", shown, "."), call = call)
  }
  as.double(x)
}

# A device name: "auto", "cpu", "cuda", "cuda:N" or "mps" (whether it exists
# on this machine is checked by Python, which knows).
check_device <- function(x, name = "device", allow_null = FALSE, call = rlang::caller_env()) {
  if (is.null(x) && allow_null) {
    return(NULL)
  }
  if (!is.character(x) || length(x) != 1 || is.na(x) ||
      !grepl("^(auto|cpu|cuda|mps)(:[0-9]+)?$", tolower(trimws(x)))) {
    abort_argument(paste0('`', name, '` must be "auto", "cpu", "cuda", "cuda:N" or "mps", not ',
                          show_value(x), "."), call = call)
  }
  x
}

check_callback <- function(x, name = "callback", call = rlang::caller_env()) {
  if (!is.null(x) && !is.function(x)) {
    abort_argument(paste0("`", name, "` must be a function or NULL, not ", show_value(x), "."),
                   call = call)
  }
  x
}

# Call Python. Python warnings become R warnings, and a Python exception a
# classed R error, each with the Python message (see python_classes()).
py_call <- function(expr, call = rlang::caller_env()) {
  warnings <- python_module("warnings")
  recorder <- warnings$catch_warnings(record = TRUE)
  caught <- recorder$`__enter__`()
  result <- tryCatch(expr, error = function(error) rethrow_python(error, call),
                     finally = recorder$`__exit__`(NULL, NULL, NULL))
  rewarn_python(caught)
  result
}

# A Python module, imported after the core (which imports torch its own way).
python_module <- function(name) {
  core()
  reticulate::import(name, convert = FALSE)
}

rewarn_python <- function(caught) {
  for (i in seq_len(reticulate::py_len(caught)) - 1L) {
    record <- reticulate::py_get_item(caught, i)
    classes <- python_classes(record$category, drop = "Warning")
    rlang::warn(r_value(python_module("builtins")$str(record$message)),
                class = c(classes, "xorbridge_python_warning", "xorbridge_warning"))
  }
}

rethrow_python <- function(error, call) {
  info <- python_error_info(error)
  if (is.null(info)) {
    stop(error)
  }
  rlang::abort(
    info$message,
    class = c(info$classes, "xorbridge_python_error", "xorbridge_error"),
    python_type = info$type,
    call = call
  )
}

# The Python exception behind an R error: its type, message and the R classes.
python_error_info <- function(error) {
  exception <- NULL
  if (inherits(error, "python.builtin.BaseException")) {
    exception <- error  # reticulate >= 1.29 signals the exception itself
  } else {
    last <- reticulate::py_last_error()
    message <- conditionMessage(error)
    # The message starts with the exception's (possibly qualified) class name.
    if (is.null(last) || !grepl(paste0(last$type, ": "), message, fixed = TRUE)) {
      return(NULL)
    }
    exception <- attr(last, "exception")
    if (is.null(exception)) {
      return(list(type = last$type, message = last$value,
                  classes = python_class_names(last$type)))
    }
  }
  builtins <- reticulate::import_builtins(convert = FALSE)
  type <- builtins$type(exception)
  classes <- python_classes(type, drop = "Exception")
  list(type = r_value(type$`__name__`), message = r_value(builtins$str(exception)),
       classes = classes)
}

# R classes for a Python exception or warning class and its bases, most
# specific first: CheckpointError -> "xorbridge_checkpoint_error",
# "xorbridge_value_error". `drop` is the generic root left out.
python_classes <- function(type, drop) {
  mro <- reticulate::import_builtins(convert = FALSE)$list(type$`__mro__`)
  names <- vapply(seq_len(reticulate::py_len(mro)) - 1L, function(i) {
    r_value(reticulate::py_get_item(mro, i)$`__name__`)
  }, character(1))
  python_class_names(setdiff(names, c(drop, "Exception", "BaseException", "object")))
}

# "CheckpointError" -> "xorbridge_checkpoint_error", "OSError" ->
# "xorbridge_os_error", "IsADirectoryError" -> "xorbridge_is_a_directory_error"
python_class_names <- function(types) {
  words <- gsub("([A-Z]+)([A-Z][a-z])", "\\1_\\2", types)
  paste0("xorbridge_", tolower(gsub("([a-z0-9])([A-Z])", "\\1_\\2", words)))
}
