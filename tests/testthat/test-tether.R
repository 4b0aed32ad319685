# The signature tether: every R function that mirrors a Python function of
# xorbridge takes the same arguments, in the same order, with the same
# defaults, as Python's inspect.signature() shows them. Python owns the
# signature; drift on either side fails here, naming the function, the
# argument and both values.

# ---------------------------------------------------------------------------
# The tethered pairs: R function (exported function or S3 method, looked up
# in the installed namespace) -> Python object of the `xorbridge` module
# ("Class.__init__" for a class, whose `self` is dropped).
tether_pairs <- data.frame(
  r = c(
    "set_seed", "pick_device", "device_info", "xor_dataset", "simple_classifier",
    "train_model", "eval_model", "predict.xorbridge_model", "decision_grid",
    "save_model", "load_model", "benchmark_matmul", "sweep_hidden",
    "autoplot.xorbridge_dataset", "autoplot.xorbridge_model",
    "autoplot.xorbridge_history", "autoplot.xorbridge_sweep", "training_snapshots",
    "autoplot.xorbridge_snapshots"
  ),
  python = c(
    "set_seed", "pick_device", "device_info", "XORDataset.__init__",
    "SimpleClassifier.__init__", "train_model", "eval_model", "predict_proba",
    "decision_grid", "save_model", "load_model", "benchmark_matmul", "sweep_hidden",
    "plot_samples", "plot_boundary", "plot_history", "plot_sweep", "training_snapshots",
    "plot_snapshots"
  ),
  stringsAsFactors = FALSE
)

# ---------------------------------------------------------------------------
# The differences that are there on purpose, one row each with its reason.
# A row pairs R argument `r_arg` with Python argument `py_arg`:
# * both given and different: a deliberate rename (position and default are
#   still compared);
# * `py_arg = NA`: an argument only R has; `r_arg = NA`: only Python has it;
# * `default = "choices"`: R's default is the vector of choices, whose first
#   element must be Python's default; `default = "differs"`: the defaults
#   differ on purpose and are not compared.
# A row that no longer describes the code (the argument is gone, Python now
# has the R-only argument, the defaults now agree) fails too: the table stays
# as small as the differences.
tether_row <- function(r, r_arg, py_arg, default = "compare", reason) {
  data.frame(r = r, r_arg = r_arg, py_arg = py_arg, default = default, reason = reason,
             stringsAsFactors = FALSE)
}
generic_first <- "R generic's required first argument name"
dots <- "R generic's dots, passed between S3 methods"
saved_size <- "R sets figure size and DPI when saving, with ggsave_matplotlib()"
tether_deliberate <- rbind(
  tether_row("benchmark_matmul", NA, "callback",
             reason = "R feeds its cli progress bar and Esc through it; R users pass no callback"),
  tether_row("train_model", "progress", "progress", "differs",
             paste("R shows its cli bar in an interactive session, not in knitr or testthat",
                   "(rlang::is_interactive()); Python's \"auto\" asks for a terminal or Jupyter")),

  tether_row("predict.xorbridge_model", "object", "model", reason = generic_first),
  tether_row("predict.xorbridge_model", "newdata", "x",
             reason = "R's predict() generic calls the points `newdata`"),
  tether_row("predict.xorbridge_model", "type", NA,
             reason = "R's predict() idiom: one method gives probabilities or classes"),
  tether_row("predict.xorbridge_model", "...", NA, reason = dots),
  tether_row("predict.xorbridge_model", NA, "batch_size",
             reason = "a memory knob of the Python loop; the predictions do not depend on it"),

  tether_row("autoplot.xorbridge_dataset", "object", "data", reason = generic_first),
  tether_row("autoplot.xorbridge_dataset", "...", NA, reason = dots),
  tether_row("autoplot.xorbridge_dataset", NA, "ax", reason = "a matplotlib Axes to draw into"),
  tether_row("autoplot.xorbridge_dataset", NA, "figsize", reason = saved_size),
  tether_row("autoplot.xorbridge_dataset", NA, "dpi", reason = saved_size),

  tether_row("autoplot.xorbridge_model", "object", "model", reason = generic_first),
  tether_row("autoplot.xorbridge_model", "type", NA,
             reason = "R's autoplot() idiom: type = \"neurons\" draws plot_neurons()'s figure"),
  tether_row("autoplot.xorbridge_model", "...", NA, reason = dots),
  tether_row("autoplot.xorbridge_model", NA, "ax", reason = "a matplotlib Axes to draw into"),
  tether_row("autoplot.xorbridge_model", NA, "figsize", reason = saved_size),
  tether_row("autoplot.xorbridge_model", NA, "dpi", reason = saved_size),

  tether_row("autoplot.xorbridge_history", "object", "history", reason = generic_first),
  tether_row("autoplot.xorbridge_history", "...", NA, reason = dots),
  tether_row("autoplot.xorbridge_history", NA, "dpi", reason = saved_size),

  tether_row("autoplot.xorbridge_sweep", "object", "sweep", reason = generic_first),
  tether_row("autoplot.xorbridge_sweep", "...", NA, reason = dots),
  tether_row("autoplot.xorbridge_sweep", NA, "dpi", reason = saved_size),

  tether_row("autoplot.xorbridge_snapshots", "object", "snapshots", reason = generic_first),
  tether_row("autoplot.xorbridge_snapshots", "...", NA, reason = dots),
  tether_row("autoplot.xorbridge_snapshots", NA, "dpi", reason = saved_size)
)

# S3 methods of the mirrored generics that are not tethered, with why.
tether_generics <- c("autoplot", "predict")
forwards_to <- function(method) paste("wraps the Python object, passes ... on to", method)
tether_untethered <- c(
  autoplot.torch.utils.data.dataset.Dataset = forwards_to("autoplot.xorbridge_dataset"),
  autoplot.torch.nn.modules.module.Module = forwards_to("autoplot.xorbridge_model"),
  autoplot.xorbridge.train.History = forwards_to("autoplot.xorbridge_history"),
  autoplot.xorbridge.sweep.Sweep = forwards_to("autoplot.xorbridge_sweep"),
  predict.torch.nn.modules.module.Module = forwards_to("predict.xorbridge_model")
)

# ---------------------------------------------------------------------------
# Reading signatures.

# A signature is a named list, in argument order, of
# list(has_default, ok, value, text): `ok` says `value` is a plain R value
# (else `text` shows what the default is).
tether_no_default <- function() list(has_default = FALSE, ok = TRUE, value = NULL, text = "(none)")

tether_show <- function(value) {
  if (is.null(value)) "NULL" else paste(deparse(value, width.cutoff = 500L), collapse = " ")
}

# An R default expression as a value: constants, NULL, and c(), `:`, `-`,
# `+` of those (c(-0.5, 1.5), 0:9). Anything else (interactive(), a symbol)
# is not a value.
tether_r_value <- function(expr) {
  if (is.null(expr) || (is.atomic(expr) && length(expr) == 1L)) {
    return(list(ok = TRUE, value = expr))
  }
  if (is.call(expr) && is.symbol(expr[[1L]]) &&
      as.character(expr[[1L]]) %in% c("c", ":", "-", "+")) {
    parts <- lapply(as.list(expr)[-1L], tether_r_value)
    if (all(vapply(parts, function(part) part$ok, logical(1)))) {
      fun <- get(as.character(expr[[1L]]), envir = baseenv())
      return(list(ok = TRUE, value = do.call(fun, lapply(parts, function(part) part$value))))
    }
  }
  list(ok = FALSE, value = NULL)
}

tether_r_signature <- function(fun) {
  arguments <- as.list(formals(fun))
  signature <- lapply(arguments, function(expr) {
    if (is.symbol(expr) && identical(as.character(expr), "")) {
      return(tether_no_default())
    }
    value <- tether_r_value(expr)
    text <- paste(deparse(expr, width.cutoff = 500L), collapse = " ")
    list(has_default = TRUE, ok = value$ok, value = value$value, text = text)
  })
  names(signature) <- names(arguments)
  signature
}

# A Python default as an R value: None -> NULL, bool -> logical, int/float ->
# number, str -> string, tuple/list/range of those -> vector.
tether_py_value <- function(x) {
  builtins <- reticulate::import_builtins(convert = FALSE)
  scalar <- c("python.builtin.bool", "python.builtin.int", "python.builtin.float",
              "python.builtin.str")
  if (inherits(x, "python.builtin.NoneType")) {
    return(list(ok = TRUE, value = NULL))
  }
  if (inherits(x, scalar)) {
    return(list(ok = TRUE, value = reticulate::py_to_r(x)))
  }
  if (inherits(x, c("python.builtin.tuple", "python.builtin.list", "python.builtin.range"))) {
    items <- builtins$list(x)
    parts <- lapply(seq_len(reticulate::py_len(items)) - 1L, function(i) {
      reticulate::py_get_item(items, i)
    })
    if (all(vapply(parts, inherits, logical(1), scalar))) {
      return(list(ok = TRUE, value = unlist(lapply(parts, reticulate::py_to_r))))
    }
  }
  list(ok = FALSE, value = NULL)
}

tether_py_signature <- function(fun, drop_self = FALSE) {
  inspect <- reticulate::import("inspect", convert = FALSE)
  builtins <- reticulate::import_builtins(convert = FALSE)
  empty <- inspect$Parameter$empty
  parameters <- builtins$list(inspect$signature(fun)$parameters$values())
  signature <- list()
  for (i in seq_len(reticulate::py_len(parameters)) - 1L) {
    parameter <- reticulate::py_get_item(parameters, i)
    name <- reticulate::py_to_r(parameter$name)
    kind <- reticulate::py_to_r(builtins$str(parameter$kind))
    if (drop_self && i == 0L && name == "self") next
    name <- switch(kind, VAR_POSITIONAL = paste0("*", name), VAR_KEYWORD = paste0("**", name),
                   name)
    default <- parameter$default
    is_empty <- reticulate::py_to_r(builtins$id(default)) == reticulate::py_to_r(builtins$id(empty))
    signature[[name]] <- if (is_empty) {
      tether_no_default()
    } else {
      value <- tether_py_value(default)
      text <- reticulate::py_to_r(builtins$repr(default))
      list(has_default = TRUE, ok = value$ok, value = value$value,
           text = if (value$ok) tether_show(value$value) else text)
    }
  }
  signature
}

# "train_model", "XORDataset.__init__" -> the Python object, or NULL.
tether_py_object <- function(module, path) {
  object <- module
  for (part in strsplit(path, ".", fixed = TRUE)[[1]]) {
    if (!reticulate::py_has_attr(object, part)) return(NULL)
    object <- reticulate::py_get_attr(object, part)
  }
  object
}

# ---------------------------------------------------------------------------
# Comparing two signatures.

tether_same_value <- function(r, py) {
  if (is.null(r) || is.null(py)) return(is.null(r) && is.null(py))
  r <- as.vector(unname(r))
  py <- as.vector(unname(py))
  if (is.numeric(r) && is.numeric(py)) return(identical(as.double(r), as.double(py)))
  identical(r, py)
}

tether_default_text <- function(argument) {
  if (!argument$has_default) "(no default)" else argument$text
}

# Every difference between R's `r_sig` and Python's `py_sig` that `rows`
# (this pair's rows of the deliberate table) does not explain, and every row
# that explains nothing; "" when there is none.
tether_compare <- function(r_sig, py_sig, rows, label) {
  problems <- character()
  problem <- function(...) problems <<- c(problems, paste0(label, ": ", ...))
  r_names <- names(r_sig)
  py_names <- names(py_sig)

  # the rows must still describe the code
  for (i in seq_len(nrow(rows))) {
    row <- rows[i, ]
    what <- paste0("deliberate row (", tether_show(row$r_arg), " ~ ", tether_show(row$py_arg),
                   ") ")
    if (!is.na(row$r_arg) && !row$r_arg %in% r_names) {
      problem(what, "names R argument `", row$r_arg, "`, which R no longer has.")
    }
    if (!is.na(row$py_arg) && !row$py_arg %in% py_names) {
      problem(what, "names Python argument `", row$py_arg, "`, which Python no longer has.")
    }
    if (is.na(row$py_arg) && row$r_arg %in% py_names) {
      problem(what, "says `", row$r_arg, "` is R-only, but Python has it too (default ",
              tether_default_text(py_sig[[row$r_arg]]), ").")
    }
    if (is.na(row$r_arg) && row$py_arg %in% r_names) {
      problem(what, "says `", row$py_arg, "` is Python-only, but R has it too (default ",
              tether_default_text(r_sig[[row$py_arg]]), ").")
    }
    if (!is.na(row$r_arg) && !is.na(row$py_arg) && row$r_arg == row$py_arg &&
        row$default == "compare") {
      problem(what, "describes no difference.")
    }
  }
  paired <- rows[!is.na(rows$r_arg) & !is.na(rows$py_arg), ]
  r_only <- rows$r_arg[is.na(rows$py_arg)]
  py_only <- rows$py_arg[is.na(rows$r_arg)]

  # names: R's arguments, renamed to Python's names where a row says so
  r_kept <- setdiff(r_names, r_only)
  py_kept <- setdiff(py_names, py_only)
  as_python <- r_kept
  renamed <- match(r_kept, paired$r_arg)
  as_python[!is.na(renamed)] <- paired$py_arg[renamed[!is.na(renamed)]]
  r_name_of <- stats::setNames(r_kept, as_python)
  for (name in setdiff(as_python, py_kept)) {
    problem("argument `", r_name_of[[name]], "`: R has it (default ",
            tether_default_text(r_sig[[r_name_of[[name]]]]), "), Python has no `", name, "`.")
  }
  for (name in setdiff(py_kept, as_python)) {
    problem("argument `", name, "`: Python has it (default ",
            tether_default_text(py_sig[[name]]), "), R has no `", name, "`.")
  }

  # order of the arguments both sides have
  common <- intersect(as_python, py_kept)
  r_order <- as_python[as_python %in% common]
  py_order <- py_kept[py_kept %in% common]
  if (!identical(r_order, py_order)) {
    problem("argument order differs: R (", paste(r_name_of[r_order], collapse = ", "),
            "), Python (", paste(py_order, collapse = ", "), ").")
  }

  # defaults
  for (name in common) {
    r_name <- r_name_of[[name]]
    r_arg <- r_sig[[r_name]]
    py_arg <- py_sig[[name]]
    row <- paired[paired$r_arg == r_name & paired$py_arg == name, ]
    how <- if (nrow(row) == 1L) row$default else "compare"
    where <- paste0("argument `", r_name, "`",
                    if (r_name != name) paste0(" (Python `", name, "`)") else "", ": ")
    both <- paste0("R default ", tether_default_text(r_arg), ", Python default ",
                   tether_default_text(py_arg), ".")
    if (how == "differs") {
      if (r_arg$has_default == py_arg$has_default && r_arg$ok && py_arg$ok &&
          tether_same_value(r_arg$value, py_arg$value)) {
        problem(where, "the deliberate row says the defaults differ, but they agree: ", both)
      }
      next
    }
    if (how == "choices") {
      choices_ok <- r_arg$has_default && r_arg$ok && is.character(r_arg$value) &&
        length(r_arg$value) > 1L
      if (!choices_ok) {
        problem(where, "the deliberate row says R's default is a choice vector, but it is not: ",
                both)
      } else if (!(py_arg$has_default && py_arg$ok &&
                   tether_same_value(r_arg$value[[1L]], py_arg$value))) {
        problem(where, "R's first choice is not Python's default: ", both)
      }
      next
    }
    if (r_arg$has_default != py_arg$has_default) {
      problem(where, "only one side has a default: ", both)
    } else if (r_arg$has_default && !r_arg$ok) {
      problem(where, "R's default is an expression, not a value: ", both)
    } else if (r_arg$has_default && !py_arg$ok) {
      problem(where, "Python's default has no R value to compare with: ", both)
    } else if (r_arg$has_default && !tether_same_value(r_arg$value, py_arg$value)) {
      looks_like_choices <- is.character(r_arg$value) && length(r_arg$value) > 1L &&
        tether_same_value(r_arg$value[[1L]], py_arg$value)
      problem(where, "defaults differ: ", both, if (looks_like_choices) paste0(
        " (R's is a choice vector led by Python's default: if on purpose, give it a row with ",
        "default = \"choices\" in tether_deliberate.)"))
    }
  }
  problems
}

# ---------------------------------------------------------------------------

tether_start_python <- function() {
  ns <- asNamespace("xorbridge")
  # torch must be imported the package's way (with its own BLAS) before we
  # import anything ourselves.
  if (exists("bridge", envir = ns, inherits = FALSE)) {
    get("bridge", envir = ns)()
  } else {
    pick_device("cpu")
  }
  reticulate::import("xorbridge", convert = FALSE)
}

tether_r_function <- function(name) {
  ns <- asNamespace("xorbridge")
  if (exists(name, envir = ns, inherits = FALSE)) get(name, envir = ns) else NULL
}

test_that("the tether tables are well formed", {
  expect_false(anyDuplicated(tether_pairs$r) > 0)
  expect_true(all(tether_deliberate$r %in% tether_pairs$r))
  expect_true(all(tether_deliberate$default %in% c("compare", "choices", "differs")))
  expect_true(all(!is.na(tether_deliberate$r_arg) | !is.na(tether_deliberate$py_arg)))
  expect_true(all(nzchar(tether_deliberate$reason)))
  expect_false(anyDuplicated(tether_deliberate[, c("r", "r_arg", "py_arg")]) > 0)
  expect_false(any(names(tether_untethered) %in% tether_pairs$r))
})

test_that("every mirrored function has Python's arguments, order and defaults", {
  skip_if_no_xorbridge()
  xb <- tether_start_python()
  for (i in seq_len(nrow(tether_pairs))) {
    r_name <- tether_pairs$r[[i]]
    py_name <- tether_pairs$python[[i]]
    label <- paste0(r_name, "() ~ xorbridge.", py_name)
    r_fun <- tether_r_function(r_name)
    py_fun <- tether_py_object(xb, py_name)
    if (is.null(r_fun) || is.null(py_fun)) {
      expect(FALSE, paste0(label, ": ", if (is.null(r_fun)) "R has no such function" else
        "Python has no such object", " (renamed? update the tether table)."))
      next
    }
    problems <- tether_compare(
      tether_r_signature(r_fun),
      tether_py_signature(py_fun, drop_self = grepl(".", py_name, fixed = TRUE)),
      tether_deliberate[tether_deliberate$r == r_name, ],
      label
    )
    expect(length(problems) == 0L, paste(problems, collapse = "\n"))
  }
})

test_that("every R export named like a Python function of xorbridge.__all__ is tethered", {
  skip_if_no_xorbridge()
  xb <- tether_start_python()
  python_names <- reticulate::py_to_r(xb$`__all__`)
  # Python's classes appear in R in snake case: XORDataset -> xor_dataset
  snake <- tolower(gsub("([A-Z]+)([A-Z][a-z])", "\\1_\\2",
                        gsub("([a-z0-9])([A-Z])", "\\1_\\2", python_names)))
  exports <- getNamespaceExports("xorbridge")
  mirrored <- intersect(exports, union(python_names, snake))
  untethered <- setdiff(mirrored, tether_pairs$r)
  expect(length(untethered) == 0L, paste0(
    "R exports named like Python functions of xorbridge.__all__ but missing from the tether ",
    "table: ", paste(untethered, collapse = ", ")))

  # and every S3 method of the mirrored generics is tethered or says why not
  registered <- getNamespaceInfo("xorbridge", "S3methods")
  registered <- registered[registered[, 1] %in% tether_generics, , drop = FALSE]
  methods <- paste(registered[, 1], registered[, 2], sep = ".")
  loose <- setdiff(methods, c(tether_pairs$r, names(tether_untethered)))
  expect(length(loose) == 0L, paste0(
    "S3 methods of ", paste(tether_generics, collapse = "/"), " neither tethered nor listed as ",
    "untethered: ", paste(loose, collapse = ", ")))
  gone <- setdiff(names(tether_untethered), methods)
  expect(length(gone) == 0L, paste0("untethered methods that no longer exist: ",
                                    paste(gone, collapse = ", ")))
  for (name in tether_pairs$python) {
    expect(!is.null(tether_py_object(xb, name)),
           paste0("xorbridge.", name, " does not exist in Python"))
  }
})

test_that("the tether catches drift", {
  skip_if_no_xorbridge()
  tether_start_python()
  probe <- reticulate::py_run_string(paste(
    "def probe(a, b=2, c=(1.5, 2), d=None, *, e=True, **rest):",
    "    pass",
    "def pick(kind='accuracy'):",
    "    pass",
    "class Probe:",
    "    def __init__(self, n, flag=False):",
    "        pass",
    sep = "\n"
  ), local = TRUE, convert = FALSE)
  py_sig <- tether_py_signature(reticulate::py_get_item(probe, "probe"))
  expect_named(py_sig, c("a", "b", "c", "d", "e", "**rest"))
  expect_equal(py_sig$c$value, c(1.5, 2))
  expect_null(py_sig$d$value)
  expect_true(py_sig$e$value)
  init <- tether_py_signature(reticulate::py_get_attr(reticulate::py_get_item(probe, "Probe"),
                                                      "__init__"), drop_self = TRUE)
  expect_named(init, c("n", "flag"))
  expect_false(init$n$has_default)
  expect_false(init$flag$value)

  no_rows <- tether_deliberate[0, ]
  same <- function(a, b = 2L, c = c(1.5, 2), d = NULL, e = TRUE, ...) NULL
  rest <- tether_row("probe", "...", "**rest", reason = "test")
  expect_length(tether_compare(tether_r_signature(same), py_sig, rest, "probe"), 0)

  drifted <- function(a, c = c(1.5, 3), b = 2, e = 1, f = interactive(), ...) NULL
  problems <- tether_compare(tether_r_signature(drifted), py_sig, rest, "probe")
  expect_match(problems, "argument order differs: R (a, c, b, e, ...), Python (a, b, c, e, **rest)",
               fixed = TRUE, all = FALSE)
  expect_match(problems,
               "argument `c`: defaults differ: R default c(1.5, 3), Python default c(1.5, 2)",
               fixed = TRUE, all = FALSE)
  expect_match(problems, "argument `e`: defaults differ: R default 1, Python default TRUE",
               fixed = TRUE, all = FALSE)
  expect_match(problems, "argument `f`: R has it", fixed = TRUE, all = FALSE)
  expect_match(problems, "argument `d`: Python has it (default NULL), R has no `d`",
               fixed = TRUE, all = FALSE)

  # a call as default fails unless a row says so; stale rows fail
  called <- function(a, b = interactive(), c = c(1.5, 2), d = NULL, e = TRUE, ...) NULL
  problems <- tether_compare(tether_r_signature(called), py_sig, rest, "probe")
  expect_match(problems, "argument `b`: R's default is an expression", fixed = TRUE)
  ok <- rbind(rest, tether_row("probe", "b", "b", "differs", "test"))
  expect_length(tether_compare(tether_r_signature(called), py_sig, ok, "probe"), 0)
  expect_match(tether_compare(tether_r_signature(same), py_sig, ok, "probe"),
               "the deliberate row says the defaults differ, but they agree", fixed = TRUE)
  # a choice vector passes only with its row, and only when led by Python's default
  pick_sig <- tether_py_signature(reticulate::py_get_item(probe, "pick"))
  chooses <- function(kind = c("accuracy", "boundaries")) NULL
  expect_match(tether_compare(tether_r_signature(chooses), pick_sig, no_rows, "pick"),
               "give it a row with default = \"choices\"", fixed = TRUE)
  choices <- tether_row("pick", "kind", "kind", "choices", "test")
  expect_length(tether_compare(tether_r_signature(chooses), pick_sig, choices, "pick"), 0)
  expect_match(tether_compare(tether_r_signature(function(kind = "accuracy") NULL), pick_sig,
                              choices, "pick"),
               "R's default is a choice vector, but it is not", fixed = TRUE)
  wrong_first <- function(kind = c("boundaries", "accuracy")) NULL
  expect_match(tether_compare(tether_r_signature(wrong_first), pick_sig, choices, "pick"),
               "R's first choice is not Python's default", fixed = TRUE)
  stale <- rbind(rest, tether_row("probe", "z", NA, reason = "test"))
  expect_match(tether_compare(tether_r_signature(same), py_sig, stale, "probe"),
               "which R no longer has", fixed = TRUE)
})
