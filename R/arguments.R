# What R checks before a value crosses to Python: only what is about R
# values (NULL, NA, a single value where one is wanted, an R object Python
# cannot take). Every other rule (types, ranges, choices, limits) and its
# message belongs to Python and reaches R word for word (R/conditions.R).

abort_argument <- function(message, call = rlang::caller_env()) {
  rlang::abort(message, class = c("xorbridge_argument_error", "xorbridge_error"), call = call)
}

# The usual one: "`name` must <rule>, not <x, shown>."
abort_must <- function(name, rule, x, call = rlang::caller_env()) {
  abort_argument(paste0("`", name, "` must ", rule, ", not ", show_value(x), "."), call = call)
}

# How a value is shown in an error message (short, one line).
show_value <- function(x) {
  if (is.null(x)) {
    return("NULL")
  }
  if (is.environment(x) || is.function(x)) {
    return(paste0("a ", class(x)[[1]]))
  }
  if (is.matrix(x)) {
    return(paste0("a ", typeof(x), " matrix"))
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

# keras3's way: whole numbers go to Python as ints (R's 100 is a double).
as_integer <- function(x) {
  if (is.numeric(x) && all(is.finite(x)) && all(x == trunc(x)) &&
      all(abs(x) <= .Machine$integer.max)) as.integer(x) else x
}

# One value for a scalar argument: not NULL (unless `null`), a single atomic
# value, not NA or NaN.
py_scalar <- function(x, name, null = FALSE, call = rlang::caller_env()) {
  if (is.null(x)) {
    if (null) {
      return(NULL)
    }
    abort_argument(paste0("`", name, "` must not be NULL."), call = call)
  }
  if (!is.atomic(x) || length(x) != 1 || (is.object(x) && !is.factor(x))) {
    abort_must(name, "be a single value", x, call = call)
  }
  if (is.na(x)) {
    abort_argument(paste0("`", name, "` must not be ", if (is.nan(x)) "NaN" else "NA", "."),
                   call = call)
  }
  as_integer(if (is.factor(x)) as.character(x) else x)
}

# Several values for a list argument: a non-empty atomic vector without NA,
# sent as a Python list.
py_values <- function(x, name, null = FALSE, call = rlang::caller_env()) {
  if (is.null(x) && null) {
    return(NULL)
  }
  if (!is.atomic(x) || length(x) == 0 || is.object(x)) {
    abort_must(name, "be a vector of values", x, call = call)
  }
  if (anyNA(x)) {
    abort_must(name, "not hold NA", x, call = call)
  }
  as.list(unname(as_integer(x)))
}

# A path: a single string, with "~" expanded.
py_path <- function(x, name = "path", call = rlang::caller_env()) {
  x <- py_scalar(x, name, call = call)
  if (is.character(x)) path.expand(x) else x
}

# For the functions that run before Python exists (install_xorbridge(),
# xorbridge_available()) or without it (ggsave_matplotlib()).
check_flag <- function(x, name, call = rlang::caller_env()) {
  if (!is.logical(x) || length(x) != 1 || is.na(x)) {
    abort_must(name, "be TRUE or FALSE", x, call = call)
  }
  x
}

check_string <- function(x, name, call = rlang::caller_env()) {
  if (!is.character(x) || length(x) != 1 || is.na(x) || !nzchar(x)) {
    abort_must(name, "be a single non-empty string", x, call = call)
  }
  x
}
