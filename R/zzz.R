# The Python core is reached through `bridge()`: imported on first use, never
# by library(xorbridge), so a user can still choose a Python first.

.xorbridge <- new.env(parent = emptyenv())

.onLoad <- function(libname, pkgname) {
  .xorbridge$module <- NULL
  .xorbridge$started <- FALSE
  if (reticulate::py_available(initialize = FALSE)) {
    python_started()
  } else {
    # A lazy module: nothing starts until the first call. `environment` makes
    # reticulate prefer the "r-xorbridge" virtualenv that install_xorbridge()
    # creates, unless the user chose a Python (RETICULATE_PYTHON, use_python()).
    .xorbridge$proxy <- reticulate::import(
      "xorbridge",
      delay_load = list(priority = 10, environment = "r-xorbridge")
    )
    # Whoever starts Python (a {python} chunk, reticulate::import("torch"), a
    # call of this package), this runs first.
    setHook("reticulate.onPyInit", python_started)
  }
  invisible()
}

# What xorbridge does as soon as Python runs, once: torch will keep its own
# BLAS however it is imported, and numpy arrays convert (R/arrays.R).
python_started <- function() {
  if (isTRUE(.xorbridge$started)) {
    return(invisible())
  }
  .xorbridge$started <- TRUE
  try(protect_torch(), silent = TRUE)
  try(register_numpy_conversion(), silent = TRUE)
  invisible()
}

#' The Python side, imported on first use
#'
#' The one way R reaches Python: the module `xorbridge._bridge` (the public
#' API plus the helpers made for R), imported after torch was protected (see
#' [protect_torch()]), and checked to be the R package's own version. Where
#' torch had been imported unprotected before, the first call warns, once.
#' @noRd
bridge <- function() {
  module <- .xorbridge$module
  if (!is.null(module)) {
    return(module)
  }
  if (!xorbridge_available(initialize = TRUE)) {
    abort_no_python()
  }
  python_started()
  module <- tryCatch(reticulate::import("xorbridge._bridge", convert = TRUE),
                     error = abort_broken_python)
  check_core_version(module)
  .xorbridge$module <- module
  trap <- call_python(module$torch_blas_trap())
  if (!is.null(trap)) {
    cli::cli_warn(c("!" = "{trap$problem}", i = "{trap$fix}"),
                  class = c("xorbridge_blas_warning", "xorbridge_warning"))
  }
  module
}

# Make torch keep its own BLAS inside R, however it is imported: torch,
# imported later by anyone, is loaded with RTLD_DEEPBIND (see
# xorbridge/_deepbind.py), so its matrix products do not run on R's BLAS.
protect_torch <- function() {
  deepbind <- standalone_module("_deepbind")
  if (!is.null(deepbind)) deepbind$protect()
  invisible()
}

# A module of the xorbridge Python package loaded on its own, without
# importing the package (which imports torch); NULL where there is none.
standalone_module <- function(name) {
  spec <- reticulate::import("importlib.util")$find_spec("xorbridge")
  file <- if (is.null(spec)) "" else file.path(dirname(spec$origin), paste0(name, ".py"))
  if (!file.exists(file)) {
    return(NULL)
  }
  reticulate::import_from_path(name, dirname(file))
}

check_core_version <- function(module) {
  python_version <- as.character(module$`__version__`)
  r_version <- as.character(utils::packageVersion("xorbridge"))
  if (!identical(python_version, r_version)) {
    abort_core(paste0("The xorbridge Python package (", python_version, ") does not match the R ",
                      "package (", r_version, ")."), "xorbridge_version_error",
               "to install the matching version,")
  }
  invisible(TRUE)
}

# The Python side is there but does not import (a broken torch or xorbridge):
# Python's own message, classed, with the way out.
abort_broken_python <- function(error) {
  reason <- python_error_info(error)$message %||% conditionMessage(error)
  abort_core(paste("The xorbridge Python core is installed but does not import:", reason),
             "xorbridge_python_broken", "to install it again,")
}

abort_no_python <- function() {
  config <- tryCatch(reticulate::py_config(), error = function(e) NULL)
  where <- if (is.null(config)) "no Python was found" else
    paste0("Python at ", config$python, " has no module 'xorbridge'")
  abort_core(paste0("The xorbridge Python core is not available: ", where, "."),
             "xorbridge_python_missing", "once,", python = FALSE, c(
               i = paste("Or point reticulate at a Python that has it:",
                         "{.code Sys.setenv(RETICULATE_PYTHON = \"/path/to/python\")}",
                         "before the first call.")
             ))
}

# A problem with the Python core itself: the problem, the Python in use, and
# install_xorbridge() (`why`: "to install it again,"), then restart R.
abort_core <- function(problem, class, why, python = TRUE, more = NULL) {
  cli::cli_abort(
    c("{problem}", if (python) c(i = "Python: {.path {reticulate::py_config()$python}}"),
      i = paste("Run {.run xorbridge::install_xorbridge()}", why, "then restart R."), more),
    class = c(class, "xorbridge_error"), call = NULL
  )
}
