# The Python core is reached through `bridge()`: imported on first use, never
# by library(xorbridge), so a user can still choose a Python first.

.xorbridge <- new.env(parent = emptyenv())

.onLoad <- function(libname, pkgname) {
  .xorbridge$module <- NULL
  # A lazy module: nothing starts until the first call. `environment` makes
  # reticulate prefer the "r-xorbridge" virtualenv that install_xorbridge()
  # creates, unless the user chose a Python (RETICULATE_PYTHON, use_python()).
  if (!reticulate::py_available(initialize = FALSE)) {
    .xorbridge$proxy <- reticulate::import(
      "xorbridge",
      delay_load = list(priority = 10, environment = "r-xorbridge")
    )
  }
  invisible()
}

#' The Python side, imported on first use
#'
#' The one way R reaches Python: the module `xorbridge._bridge` (the public
#' API plus the helpers made for R), imported after torch was loaded with
#' `RTLD_DEEPBIND` (see [import_torch()]), and checked to be the R package's
#' own version.
#' @noRd
bridge <- function() {
  module <- .xorbridge$module
  if (!is.null(module)) {
    return(module)
  }
  if (!xorbridge_available(initialize = TRUE)) {
    abort_no_python()
  }
  import_torch()
  module <- reticulate::import("xorbridge._bridge", convert = TRUE)
  check_core_version(module)
  .xorbridge$module <- module
  module
}

#' Import torch so that it keeps its own BLAS inside R
#'
#' On Linux, R has already loaded its own BLAS (often the slow reference
#' one) into the process. A library loaded afterwards that asks for `sgemm_`
#' would get R's, so torch's matrix products ran about 30 times slower from
#' R than from Python. Loading torch with `RTLD_DEEPBIND` makes it look up
#' symbols in its own libraries first.
#' @noRd
import_torch <- function() {
  reticulate::py_run_string(paste(
    "import os, sys",
    "if 'torch' not in sys.modules and hasattr(os, 'RTLD_DEEPBIND'):",
    "    _xorbridge_flags = sys.getdlopenflags()",
    "    sys.setdlopenflags(_xorbridge_flags | os.RTLD_DEEPBIND)",
    "    try:",
    "        import torch",
    "    finally:",
    "        sys.setdlopenflags(_xorbridge_flags)",
    "        del _xorbridge_flags",
    sep = "\n"
  ), local = TRUE, convert = FALSE)
  invisible()
}

check_core_version <- function(module) {
  python_version <- as.character(module$`__version__`)
  r_version <- as.character(utils::packageVersion("xorbridge"))
  if (!identical(python_version, r_version)) {
    cli::cli_abort(
      c(
        paste("The xorbridge Python package ({python_version}) does not match the R package",
              "({r_version})."),
        i = "Python: {.path {reticulate::py_config()$python}}",
        i = paste("Run {.run xorbridge::install_xorbridge()} to install the matching version,",
                  "then restart R.")
      ),
      class = c("xorbridge_version_error", "xorbridge_error"),
      call = NULL
    )
  }
  invisible(TRUE)
}

abort_no_python <- function() {
  config <- tryCatch(reticulate::py_config(), error = function(e) NULL)
  # nolint start: object_usage_linter. cli reads it
  where <- if (is.null(config)) "no Python was found" else
    paste0("Python at ", config$python, " has no module 'xorbridge'")
  # nolint end
  cli::cli_abort(
    c(
      "The xorbridge Python core is not available: {where}.",
      i = "Run {.run xorbridge::install_xorbridge()} once, then restart R.",
      i = paste("Or point reticulate at a Python that has it:",
                "{.code Sys.setenv(RETICULATE_PYTHON = \"/path/to/python\")}",
                "before the first call.")
    ),
    class = c("xorbridge_python_missing", "xorbridge_error"),
    call = NULL
  )
}
