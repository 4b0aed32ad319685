# Python exceptions and warnings as classed R conditions carrying the Python
# message word for word.
#
# Every error has class "xorbridge_error". Python exceptions add
# "xorbridge_python_error" and one class per Python exception class, e.g. a
# CheckpointError (a ValueError) gives "xorbridge_checkpoint_error" and
# "xorbridge_value_error". Python warnings become R warnings of class
# "xorbridge_warning", "xorbridge_python_warning" and one class per Python
# warning class.

# Call Python through bridge(): warnings become R warnings, an exception a
# classed R error, each with the Python message.
call_python <- function(expr, call = rlang::caller_env()) {
  # Python's messages name values as R does (NULL, TRUE, Inf) during the call
  previous <- bridge()$speak_r(TRUE)
  on.exit(bridge()$speak_r(previous), add = TRUE)
  warnings <- reticulate::import("warnings", convert = FALSE)
  recorder <- warnings$catch_warnings(record = TRUE)
  caught <- recorder$`__enter__`()
  result <- tryCatch(expr, error = function(error) rethrow_python(error, call),
                     finally = recorder$`__exit__`(NULL, NULL, NULL))
  rewarn_python(caught)
  result
}

rewarn_python <- function(caught) {
  builtins <- reticulate::import_builtins(convert = FALSE)
  for (i in seq_len(reticulate::py_len(caught)) - 1L) {
    record <- reticulate::py_get_item(caught, i)
    classes <- python_classes(record$category, drop = "Warning")
    rlang::warn(r_value(builtins$str(record$message)),
                class = c(classes, "xorbridge_python_warning", "xorbridge_warning"))
  }
}

# rlang::abort() rather than cli::cli_abort(): the message must stay exactly
# the Python one, and cli would re-wrap it to the console's width.
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
