# Every exported function refuses bad input with a classed error and a clear
# message, before doing any work. One table: the call, the condition class
# it must raise (besides "xorbridge_error"), and its message, or the start of
# it. The Python side's table is tests/python/test_bad_input.py.

bad <- function(call, message, class = "xorbridge_argument_error") {
  list(call = substitute(call), message = message, class = class)
}

whole <- function(name, value) {
  paste0("`", name, "` must be a positive whole number, not ", value, ".")
}

device_message <- function(value, name = "device") {
  paste0("`", name, '` must be "auto", "cpu", "cuda", "cuda:N" or "mps", not ', value, ".")
}

stale <- "no longer exists in Python"

bad_input_cases <- list(
  # xor_dataset()
  bad(xor_dataset(0), whole("size", "0")),
  bad(xor_dataset(-1), whole("size", "-1")),
  bad(xor_dataset(2.5), whole("size", "2.5")),
  bad(xor_dataset(NA), whole("size", "NA")),
  bad(xor_dataset(NaN), whole("size", "NaN")),
  bad(xor_dataset(Inf), whole("size", "Inf")),
  bad(xor_dataset("100"), whole("size", '"100"')),
  bad(xor_dataset(NULL), whole("size", "NULL")),
  bad(xor_dataset(c(10, 20)), whole("size", "c(10, 20)")),
  bad(xor_dataset(TRUE), whole("size", "TRUE")),
  bad(xor_dataset(1e9), "`size` must be at most 50,000,000, not 1,000,000,000."),
  bad(xor_dataset(), "`size` is missing: how many points?"),
  bad(xor_dataset(10, std = -0.1), "`std` must be >= 0 and <= 10, not -0.1."),
  bad(xor_dataset(10, std = 11), "`std` must be >= 0 and <= 10, not 11."),
  bad(xor_dataset(10, std = NA), "`std` must be a number, not NA."),
  bad(xor_dataset(10, std = NA_real_), "`std` must be a finite number, not NA."),
  bad(xor_dataset(10, std = Inf), "`std` must be a finite number, not Inf."),
  bad(xor_dataset(10, std = "0.1"), '`std` must be a number, not "0.1".'),
  bad(xor_dataset(10, std = c(0.1, 0.2)), "`std` must be a number, not c(0.1, 0.2)."),
  bad(xor_dataset(10, seed = -1), "`seed` must be a whole number >= 0 or NULL, not -1."),
  bad(xor_dataset(10, seed = 1.5), "`seed` must be a whole number >= 0 or NULL, not 1.5."),
  bad(xor_dataset(10, seed = NA), "`seed` must be a whole number >= 0 or NULL, not NA."),
  bad(xor_dataset(10, seed = "a"), '`seed` must be a whole number >= 0 or NULL, not "a".'),
  bad(xor_dataset(10, seed = 2^60), "`seed` must be below 2^53, not 1.152922e+18."),
  bad(xor_dataset(10, device = "gpu"), device_message('"gpu"')),
  bad(xor_dataset(10, device = 1), device_message("1")),
  bad(xor_dataset(10, device = NA_character_), device_message("NA")),
  bad(xor_dataset(10, device = "cuda:99"), '`device` is "cuda:99", but this machine has',
      class = "xorbridge_value_error"),
  # simple_classifier()
  bad(simple_classifier(num_hidden = 0), whole("num_hidden", "0")),
  bad(simple_classifier(num_hidden = 2.5), whole("num_hidden", "2.5")),
  bad(simple_classifier(num_hidden = NA), whole("num_hidden", "NA")),
  bad(simple_classifier(num_hidden = "4"), whole("num_hidden", '"4"')),
  bad(simple_classifier(num_hidden = NULL), whole("num_hidden", "NULL")),
  bad(simple_classifier(num_hidden = 1e6), "`num_hidden` must be at most 100,000, not 1,000,000."),
  bad(simple_classifier(num_inputs = Inf), whole("num_inputs", "Inf")),
  bad(simple_classifier(num_outputs = NaN), whole("num_outputs", "NaN")),
  bad(simple_classifier(activation = "softmax"),
      '`activation` must be one of "tanh", "relu", "sigmoid", "gelu", not "softmax".'),
  bad(simple_classifier(activation = NA), '`activation` must be one of "tanh"'),
  # train_model()
  bad(train_model(model, data, epochs = 0), whole("epochs", "0")),
  bad(train_model(model, data, epochs = 2.5), whole("epochs", "2.5")),
  bad(train_model(model, data, epochs = NA), whole("epochs", "NA")),
  bad(train_model(model, data, epochs = "10"), whole("epochs", '"10"')),
  bad(train_model(model, data, batch_size = -1), whole("batch_size", "-1")),
  bad(train_model(model, data, batch_size = NULL), whole("batch_size", "NULL")),
  bad(train_model(model, data, lr = 0), "`lr` must be > 0 and <= 100, not 0."),
  bad(train_model(model, data, lr = 101), "`lr` must be > 0 and <= 100, not 101."),
  bad(train_model(model, data, lr = NaN), "`lr` must be a finite number, not NaN."),
  bad(train_model(model, data, seed = -1), "`seed` must be a whole number >= 0 or NULL"),
  bad(train_model(model, data, device = "gpu"), device_message('"gpu"')),
  bad(train_model(model, data, progress = NA), "`progress` must be TRUE or FALSE, not NA."),
  bad(train_model(model, data, callback = "print"),
      '`callback` must be a function or NULL, not "print".'),
  bad(train_model(model, data, engine = "jit"), '`engine` must be one of "auto", "fused"'),
  bad(train_model("model", data), "`model` must be an xorbridge model from simple_classifier()"),
  bad(train_model(model, as.data.frame(data)),
      "`data` must be an xorbridge dataset from xor_dataset(), not an object of class <data.frame>."),
  # eval_model()
  bad(eval_model(NULL, data), "`model` must be an xorbridge model from simple_classifier() or load_model(), not NULL."),
  bad(eval_model(list(py = model$py), data), "`model` must be an xorbridge model"),
  bad(eval_model(data, data), "not an object of class <xorbridge_dataset>."),
  bad(eval_model(model, model), "`data` must be an xorbridge dataset from xor_dataset(), not an object of class <xorbridge_model>."),
  bad(eval_model(model, "data"), '`data` must be an xorbridge dataset from xor_dataset(), not "data".'),
  bad(eval_model(model, data, batch_size = 0), whole("batch_size", "0")),
  bad(eval_model(wide, data),
      "`model` must take 2 inputs (x1, x2) and give 1 output, not 3 inputs and 1 outputs.",
      class = "xorbridge_value_error"),
  # predict()
  bad(predict(model), "`newdata` is missing"),
  bad(predict(model, data.frame(a = 1, b = 2)),
      "`newdata` must have columns x1 and x2; missing: x1, x2 (it has: a, b)."),
  bad(predict(model, data.frame(x1 = "a", x2 = "b")), "`newdata` columns x1 and x2 must be numeric."),
  bad(predict(model, data.frame(x1 = factor("a"), x2 = 1)),
      "`newdata` columns x1 and x2 must be numeric."),
  bad(predict(model, data.frame(x1 = TRUE, x2 = 1)), "`newdata` columns x1 and x2 must be numeric."),
  bad(predict(model, data.frame(x1 = NA_real_, x2 = 1)),
      "`newdata` must hold finite numbers (no NA, NaN or Inf)."),
  bad(predict(model, data.frame(x1 = -Inf, x2 = 1)),
      "`newdata` must hold finite numbers (no NA, NaN or Inf)."),
  bad(predict(model, data.frame(x1 = 1e7, x2 = 1)),
      "`newdata` must hold numbers between -1e+06 and 1e+06, not 1e+07."),
  bad(predict(model, data.frame(x1 = numeric(), x2 = numeric())), "`newdata` has no rows."),
  bad(predict(model, matrix(1:6, ncol = 3)), "`newdata` must have 2 columns (x1, x2), not 3."),
  bad(predict(model, matrix(c("a", "b"), ncol = 2)),
      "`newdata` must be a numeric matrix, not a character matrix."),
  bad(predict(model, matrix(c(TRUE, FALSE), ncol = 2)),
      "`newdata` must be a numeric matrix, not a logical matrix."),
  bad(predict(model, matrix(1:4, ncol = 2, dimnames = list(NULL, c("b", "a")))),
      "`newdata` columns must be x1 and x2 (in that order), not b, a."),
  bad(predict(model, list(x1 = 1, x2 = 2)), "`newdata` must be a data frame with columns x1 and x2"),
  bad(predict(model, "points"), "two-column matrix or an xorbridge dataset, not \"points\"."),
  bad(predict(model, NULL), "two-column matrix or an xorbridge dataset, not NULL."),
  bad(predict(model, data.frame(x1 = 0, x2 = 0), type = "response"),
      '`type` must be one of "prob", "class", not "response".'),
  bad(predict(model, data.frame(x1 = 0, x2 = 0), type = character()),
      '`type` must be one of "prob", "class", not character(0).'),
  bad(predict(wide, data.frame(x1 = 0, x2 = 0)), "`model` must take 2 inputs (x1, x2)",
      class = "xorbridge_value_error"),
  # decision_grid()
  bad(decision_grid(model, step = 0), "`step` must be > 0, not 0."),
  bad(decision_grid(model, step = -1), "`step` must be > 0, not -1."),
  bad(decision_grid(model, step = NA_real_), "`step` must be a finite number, not NA."),
  bad(decision_grid(model, step = "small"), '`step` must be a number, not "small".'),
  bad(decision_grid(model, step = 1e-4),
      "`step` = 0.0001 makes a grid of 20,000 x 20,000 = 400,000,000 points; at most 4,000,000",
      class = "xorbridge_value_error"),
  bad(decision_grid(model, step = 1e-320), "makes a grid of over 10**15 points",
      class = "xorbridge_value_error"),
  bad(decision_grid(model, xlim = c(1, 0)), "`xlim` must be increasing (low < high), not (1, 0)."),
  bad(decision_grid(model, xlim = c(0, 0)), "`xlim` must be increasing (low < high), not (0, 0)."),
  bad(decision_grid(model, ylim = 1), "`ylim` must be a pair of finite numbers c(low, high), not 1."),
  bad(decision_grid(model, xlim = c(0, NA)), "`xlim` must be a pair of finite numbers"),
  bad(decision_grid(model, xlim = c("0", "1")), "`xlim` must be a pair of finite numbers"),
  bad(decision_grid(model, xlim = c(-1e7, 0)),
      "`xlim` must lie within [-1e+06, 1e+06], not (-1e+07, 0)."),
  bad(decision_grid("model"), "`model` must be an xorbridge model"),
  # benchmark_matmul()
  bad(benchmark_matmul(size = 0), whole("size", "0")),
  bad(benchmark_matmul(size = 2.5), whole("size", "2.5")),
  bad(benchmark_matmul(size = 1e6), "`size` must be at most 32,768, not 1,000,000."),
  bad(benchmark_matmul(repeats = NA), whole("repeats", "NA")),
  bad(benchmark_matmul(devices = c("cpu", "tpu")), device_message('"tpu"', "devices")),
  bad(benchmark_matmul(devices = list("cpu")), '`devices` must be NULL or device names such as "cpu"'),
  bad(benchmark_matmul(devices = character()), "`devices` must be NULL or device names"),
  bad(benchmark_matmul(dtype = "int8"), '`dtype` must be one of "float32", "float16"'),
  bad(benchmark_matmul(tf32 = "yes"), '`tf32` must be TRUE or FALSE, not "yes".'),
  # pick_device()
  bad(pick_device("gpu"), device_message('"gpu"')),
  bad(pick_device(""), device_message('""')),
  bad(pick_device(1), device_message("1")),
  bad(pick_device(NULL), device_message("NULL")),
  bad(pick_device(c("cpu", "cuda")), device_message('c("cpu", "cuda")')),
  bad(pick_device("cuda:99"), "Available here: cpu", class = "xorbridge_value_error"),
  # set_seed()
  bad(set_seed(-1), "`seed` must be a whole number >= 0, not -1."),
  bad(set_seed(2.5), "`seed` must be a whole number >= 0, not 2.5."),
  bad(set_seed(NA), "`seed` must be a whole number >= 0, not NA."),
  bad(set_seed("1"), '`seed` must be a whole number >= 0, not "1".'),
  bad(set_seed(NULL), "`seed` must be a whole number >= 0, not NULL."),
  bad(set_seed(Inf), "`seed` must be a whole number >= 0, not Inf."),
  bad(set_seed(c(1, 2)), "`seed` must be a whole number >= 0, not c(1, 2)."),
  bad(set_seed(1, deterministic = NA), "`deterministic` must be TRUE or FALSE, not NA."),
  # save_model() and load_model()
  bad(save_model("model", "m.pt"), "`model` must be an xorbridge model"),
  bad(save_model(model, NA_character_), "`path` must be a single non-empty string, not NA."),
  bad(save_model(model, 3), "`path` must be a single non-empty string, not 3."),
  bad(save_model(model, "  "), '`path` must be a file path (a non-empty string), not "  ".',
      class = "xorbridge_type_error"),
  bad(save_model(model, c("a.pt", "b.pt")), "`path` must be a single non-empty string"),
  bad(load_model(""), '`path` must be a single non-empty string, not "".'),
  bad(load_model(NULL), "`path` must be a single non-empty string, not NULL."),
  bad(load_model("m.pt", device = "gpu"), device_message('"gpu"')),
  # install_xorbridge(): refused before anything is installed
  bad(install_xorbridge(envname = NA_character_), "`envname` must be a single non-empty string"),
  bad(install_xorbridge(torch = 3), "`torch` must be a single non-empty string, not 3."),
  bad(install_xorbridge(new_env = "yes"), '`new_env` must be TRUE or FALSE, not "yes".'),
  # objects that are not, or no longer, what they claim
  bad(predict(stale_model, data.frame(x1 = 0, x2 = 0)), stale, class = "xorbridge_stale_object"),
  bad(save_model(stale_model, "m.pt"), stale, class = "xorbridge_stale_object"),
  bad(train_model(stale_model, data), stale, class = "xorbridge_stale_object"),
  bad(decision_grid(stale_model), stale, class = "xorbridge_stale_object"),
  bad(coef(stale_model), stale, class = "xorbridge_stale_object"),
  bad(print(stale_model), stale, class = "xorbridge_stale_object"),
  bad(summary(stale_model), stale, class = "xorbridge_stale_object"),
  bad(eval_model(model, stale_data), stale, class = "xorbridge_stale_object"),
  bad(as.data.frame(stale_data), stale, class = "xorbridge_stale_object"),
  bad(length(stale_data), stale, class = "xorbridge_stale_object"),
  bad(predict(structure(1, class = "xorbridge_model"), data.frame(x1 = 0, x2 = 0)), stale,
      class = "xorbridge_stale_object"),
  bad(predict(structure(list(py = 1), class = "xorbridge_model"), data.frame(x1 = 0, x2 = 0)),
      "This model is not one xorbridge made: it holds 1 where its Python object should be."),
  bad(eval_model(structure(list(), class = c("nn_module", "R6")), data),
      "`model` must be an xorbridge model from simple_classifier() or load_model(), not an object of class <nn_module>.")
)

test_that("every bad input gets a classed error with a clear message", {
  skip_if_no_xorbridge()
  set_seed(1)
  env <- new.env()
  env$model <- simple_classifier()
  env$wide <- simple_classifier(num_inputs = 3)
  env$data <- xor_dataset(20, seed = 1)
  env$stale_model <- unserialize(serialize(env$model, NULL))  # as readRDS() in a new session
  env$stale_data <- unserialize(serialize(env$data, NULL))
  before <- coef(env$model)
  expect_gte(length(bad_input_cases), 60)
  for (case in bad_input_cases) {
    label <- paste(deparse(case$call), collapse = " ")
    error <- tryCatch(eval(case$call, env), error = identity)
    expect_s3_class(error, case$class, exact = FALSE)
    expect_s3_class(error, "xorbridge_error")
    expect_true(grepl(case$message, conditionMessage(error), fixed = TRUE),
                label = paste0(label, " says '", conditionMessage(error), "'"))
  }
  expect_identical(coef(env$model), before)  # no refused call changed the model
  expect_false(file.exists("m.pt"))  # nor wrote anything
})

test_that("a model read back in a new R session says it is stale", {
  skip_if_no_xorbridge()
  path <- withr::local_tempfile(fileext = ".rds")
  saveRDS(simple_classifier(), path)
  out <- run_r(paste0(
    "library(xorbridge); m <- readRDS('", path, "'); ",
    "e <- tryCatch(predict(m, data.frame(x1 = 0, x2 = 0)), error = function(e) e); ",
    "cat(class(e)[1], conditionMessage(e))"
  ))
  expect_match(out, "xorbridge_stale_object This model no longer exists")
})

# The same bad value gets the same message from R's own check and from Python.
same <- function(r_call, python_call) {
  list(r = substitute(r_call), python = substitute(python_call))
}

parity_cases <- list(
  same(xor_dataset(2.5), xb$XORDataset(2.5)),
  same(xor_dataset(-1), xb$XORDataset(-1L)),
  same(xor_dataset("100"), xb$XORDataset("100")),
  same(xor_dataset(1e9), xb$XORDataset(1000000000L)),
  same(xor_dataset(10, std = -0.1), xb$XORDataset(10L, std = -0.1)),
  same(xor_dataset(10, std = "0.1"), xb$XORDataset(10L, std = "0.1")),
  same(xor_dataset(10, std = 11), xb$XORDataset(10L, std = 11L)),
  same(set_seed(-1), xb$set_seed(-1L)),
  same(simple_classifier(num_hidden = 0), xb$SimpleClassifier(num_hidden = 0L)),
  same(simple_classifier(num_hidden = 1e6), xb$SimpleClassifier(num_hidden = 1000000L)),
  same(simple_classifier(activation = "softmax"), xb$SimpleClassifier(activation = "softmax")),
  same(train_model(model, data, lr = 0), xb$train_model(model$py, data$py, lr = 0L)),
  same(decision_grid(model, step = 0), xb$decision_grid(model$py, step = 0L)),
  same(decision_grid(model, xlim = c(1, 0)), xb$decision_grid(model$py, xlim = c(1, 0))),
  same(decision_grid(model, xlim = c(-1e7, 0)), xb$decision_grid(model$py, xlim = c(-1e7, 0))),
  same(benchmark_matmul(size = 1e6), xb$benchmark_matmul(size = 1000000L)),
  same(load_model(notes), xb$load_model(notes))
)

test_that("R's messages are Python's, word for word, for the same bad value", {
  skip_if_no_xorbridge()
  env <- new.env()
  env$xb <- reticulate::import("xorbridge", convert = FALSE)
  env$model <- simple_classifier()
  env$data <- xor_dataset(10, seed = 1)
  env$notes <- withr::local_tempfile(fileext = ".pt", lines = "not a checkpoint")
  for (case in parity_cases) {
    r_error <- tryCatch(eval(case$r, env), error = identity)
    python_error <- tryCatch(xorbridge:::py_call(eval(case$python, env)), error = identity)
    expect_s3_class(r_error, "xorbridge_error")
    expect_s3_class(python_error, "xorbridge_python_error")
    expect_identical(conditionMessage(r_error), conditionMessage(python_error),
                     label = paste(deparse(case$r), collapse = " "))
  }
})
