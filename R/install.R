#' Install the Python side of xorbridge
#'
#' Creates a Python virtual environment (by default `"r-xorbridge"`, which
#' xorbridge looks for first) and installs into it PyTorch, numpy, pandas,
#' matplotlib and the xorbridge Python package. The Python package is
#' installed from the copy bundled with this R package, so the two always
#' have the same version.
#'
#' After installing, restart R: reticulate can bind to only one Python per
#' session.
#'
#' @param envname Name of, or path to, the virtual environment.
#' @param python The Python to create the environment with; `NULL` lets
#'   reticulate find one (Python 3.10 or newer).
#' @param torch The requirement for PyTorch, e.g. `"torch"`, `"torch==2.5.1"`.
#'   Set it to `NULL` to leave torch as it is in an existing environment.
#' @param new_env If `TRUE`, an existing environment of that name is removed
#'   first.
#' @param pip_options Further options for `pip install`, e.g.
#'   `"--index-url https://download.pytorch.org/whl/cpu"` for a CPU-only torch.
#' @returns The path of the environment's Python, invisibly.
#' @family setup
#' @export
#' @examples
#' \dontrun{
#' install_xorbridge()
#' # a CPU-only torch, much smaller to download:
#' install_xorbridge(pip_options = "--index-url https://download.pytorch.org/whl/cpu")
#' }
install_xorbridge <- function(envname = "r-xorbridge", python = NULL, torch = "torch",
                              new_env = identical(envname, "r-xorbridge"),
                              pip_options = character()) {
  check_string(envname, "envname")
  if (!is.null(python)) check_string(python, "python")
  if (!is.null(torch)) check_string(torch, "torch")
  check_flag(new_env, "new_env")
  if (!is.character(pip_options) || anyNA(pip_options)) {
    abort_must("pip_options", "be a character vector", pip_options)
  }
  source <- bundled_python_source()
  if (isTRUE(new_env) && reticulate::virtualenv_exists(envname)) {
    cli::cli_inform("Removing the existing environment {.val {envname}}.")
    reticulate::virtualenv_remove(envname, confirm = FALSE)
  }
  if (!reticulate::virtualenv_exists(envname)) {
    reticulate::virtualenv_create(envname, python = python)
  }
  cli::cli_inform("Installing {.pkg torch} and the xorbridge Python core into {.val {envname}}.")
  reticulate::virtualenv_install(envname, packages = c(torch, source),
                                 ignore_installed = FALSE, pip_options = pip_options)
  python_path <- reticulate::virtualenv_python(envname)
  cli::cli_inform(c(v = "Installed. Restart R, then {.code library(xorbridge)}."))
  invisible(python_path)
}

#' The bundled copy of the Python core (a directory pip can install)
#' @noRd
bundled_python_source <- function() {
  source <- system.file("pysrc", package = "xorbridge")
  if (!nzchar(source) || !file.exists(file.path(source, "pyproject.toml"))) {
    cli::cli_abort(
      paste("This installation of xorbridge lacks its bundled Python core (inst/pysrc);",
            "reinstall the R package."),
      class = c("xorbridge_install_error", "xorbridge_error")
    )
  }
  source
}

#' Is the Python side of xorbridge available?
#'
#' `TRUE` when reticulate finds a Python that has the xorbridge Python
#' package. This starts Python if it is not running yet (it does not import
#' torch).
#'
#' @param initialize Start Python if it is not running yet. With `FALSE`,
#'   the answer is `FALSE` until Python has been started.
#' @returns `TRUE` or `FALSE`.
#' @family setup
#' @export
#' @examples
#' xorbridge_available()
xorbridge_available <- function(initialize = TRUE) {
  check_flag(initialize, "initialize")
  if (!is.null(.xorbridge$module)) {
    return(TRUE)
  }
  if (!reticulate::py_available(initialize = initialize)) {
    return(FALSE)
  }
  util <- reticulate::import("importlib.util", convert = TRUE)
  !is.null(util$find_spec("xorbridge"))
}
