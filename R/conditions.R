# Python exceptions and warnings as classed R conditions carrying the Python
# message word for word.
#
# Every error has class "xorbridge_error". Python exceptions add
# "xorbridge_python_error" and one class per Python exception class, as
# xorbridge/_conditions_for_r.py names them: a CheckpointError (a ValueError)
# gives "xorbridge_checkpoint_error" and "xorbridge_value_error". Python
# warnings become R warnings of class "xorbridge_warning",
# "xorbridge_python_warning" and one class per Python warning class.

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
  warnings <- if (reticulate::py_len(caught) > 0) python_conditions()$warning_infos(caught)
  for (warning in warnings) {
    rlang::warn(warning$message, class = c(unlist(warning$classes), "xorbridge_python_warning",
                                           "xorbridge_warning"))
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
    class = c(unlist(info$classes), "xorbridge_python_error", "xorbridge_error"),
    python_type = info$type,
    call = call
  )
}

# The Python exception behind an R error: its type, message and R classes
# (xorbridge/_conditions_for_r.py), or NULL for an error that is not Python's.
python_error_info <- function(error) {
  exception <- error  # reticulate >= 1.29 signals the exception itself
  message <- ""
  if (!inherits(error, "python.builtin.BaseException")) {
    last <- reticulate::py_last_error()
    # The message starts with the exception's (possibly qualified) class name.
    if (is.null(last) || !grepl(paste0(last$type, ": "), conditionMessage(error), fixed = TRUE)) {
      return(NULL)
    }
    exception <- attr(last, "exception") %||% last$type
    message <- last$value
  }
  conditions <- python_conditions()
  if (is.null(conditions)) {  # a Python core without the module: R's message alone
    return(list(message = conditionMessage(error)))
  }
  conditions$exception_info(exception, message = message)
}

# The module that names Python's conditions for R, loaded on its own: it
# works even when the xorbridge package fails to import.
python_conditions <- function() {
  .xorbridge$conditions <- .xorbridge$conditions %||% standalone_module("_conditions_for_r")
  .xorbridge$conditions
}
