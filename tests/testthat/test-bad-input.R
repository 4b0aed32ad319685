# Every exported function refuses bad input with a classed error and a clear
# message, before doing any work. One table: the call, the condition class
# it must raise (besides "xorbridge_error"), and its message, or the start of
# it. R refuses only what is about R values (NULL, NA, more than one value,
# an R object Python cannot take): `r_bad()`. Every other rule is Python's,
# whose message reaches R word for word, naming values as R does: `py_bad()`.
# The Python side's table is tests/python/test_bad_input.py.

r_bad <- function(call, message) {
  list(call = substitute(call), message = message, class = "xorbridge_argument_error")
}

py_bad <- function(call, message, class = "xorbridge_value_error") {
  list(call = substitute(call), message = message, class = c(class, "xorbridge_python_error"))
}

whole <- function(name, value) {
  paste0("`", name, "` must be a positive whole number, not ", value, ".")
}

device_message <- function(value, name = "device") {
  paste0("`", name, '` must be "auto", "cpu", "cuda", "cuda:N" or "mps", not ', value, ".")
}

model_message <- paste0("`model` must be an xorbridge model from simple_classifier() or ",
                        "load_model(), or a model made in Python, not ")
data_message <- paste0("`data` must be an xorbridge dataset from xor_dataset(), or a dataset ",
                       "made in Python, not ")
points_message <- paste0("`newdata` must be a data frame with columns x1 and x2, a numeric ",
                         "matrix or an xorbridge dataset, not ")

stale <- "no longer exists in Python"

bad_input_cases <- list(
  # xor_dataset()
  py_bad(xor_dataset(0), whole("size", "0")),
  py_bad(xor_dataset(-1), whole("size", "-1")),
  py_bad(xor_dataset(2.5), whole("size", "2.5")),
  r_bad(xor_dataset(NA), "`size` must not be NA."),
  r_bad(xor_dataset(NaN), "`size` must not be NaN."),
  py_bad(xor_dataset(Inf), whole("size", "Inf")),
  py_bad(xor_dataset("100"), whole("size", '"100"'), class = "xorbridge_type_error"),
  r_bad(xor_dataset(NULL), "`size` must not be NULL."),
  r_bad(xor_dataset(c(10, 20)), "`size` must be a single value, not c(10, 20)."),
  py_bad(xor_dataset(TRUE), whole("size", "TRUE"), class = "xorbridge_type_error"),
  py_bad(xor_dataset(1e9), "`size` must be at most 50,000,000, not 1,000,000,000."),
  r_bad(xor_dataset(list(10)), "`size` must be a single value, not list(10)."),
  py_bad(xor_dataset(10, std = -0.1), "`std` must be >= 0 and <= 10, not -0.1."),
  py_bad(xor_dataset(10, std = 11), "`std` must be >= 0 and <= 10, not 11."),
  r_bad(xor_dataset(10, std = NA), "`std` must not be NA."),
  r_bad(xor_dataset(10, std = NA_real_), "`std` must not be NA."),
  py_bad(xor_dataset(10, std = Inf), "`std` must be a finite number, not Inf."),
  py_bad(xor_dataset(10, std = "0.1"), '`std` must be a number, not "0.1".',
         class = "xorbridge_type_error"),
  r_bad(xor_dataset(10, std = c(0.1, 0.2)), "`std` must be a single value, not c(0.1, 0.2)."),
  py_bad(xor_dataset(10, seed = -1), "`seed` must be a whole number >= 0 or NULL, not -1."),
  py_bad(xor_dataset(10, seed = 1.5), "`seed` must be a whole number >= 0 or NULL, not 1.5."),
  r_bad(xor_dataset(10, seed = NA), "`seed` must not be NA."),
  py_bad(xor_dataset(10, seed = "a"), '`seed` must be a whole number >= 0 or NULL, not "a".',
         class = "xorbridge_type_error"),
  py_bad(xor_dataset(10, seed = 2^64),
         "`seed` must be below 2**63, not 18446744073709551616."),
  py_bad(xor_dataset(10, device = "gpu"), device_message('"gpu"')),
  py_bad(xor_dataset(10, device = 1),
         '`device` must be a string such as "auto", "cpu", "cuda", "cuda:0" or "mps", not 1.',
         class = "xorbridge_type_error"),
  r_bad(xor_dataset(10, device = NA_character_), "`device` must not be NA."),
  py_bad(xor_dataset(10, device = "cuda:99"), '`device` is "cuda:99", but this machine has'),
  # simple_classifier()
  py_bad(simple_classifier(num_hidden = 0), whole("num_hidden", "0")),
  py_bad(simple_classifier(num_hidden = 2.5), whole("num_hidden", "2.5")),
  r_bad(simple_classifier(num_hidden = NA), "`num_hidden` must not be NA."),
  py_bad(simple_classifier(num_hidden = "4"), whole("num_hidden", '"4"'),
         class = "xorbridge_type_error"),
  r_bad(simple_classifier(num_hidden = NULL), "`num_hidden` must not be NULL."),
  py_bad(simple_classifier(num_hidden = 1e6),
         "`num_hidden` must be at most 100,000, not 1,000,000."),
  py_bad(simple_classifier(num_inputs = Inf), whole("num_inputs", "Inf")),
  r_bad(simple_classifier(num_outputs = NaN), "`num_outputs` must not be NaN."),
  py_bad(simple_classifier(activation = "softmax"),
         '`activation` must be one of "tanh", "relu", "sigmoid", "gelu", not "softmax".'),
  r_bad(simple_classifier(activation = NA), "`activation` must not be NA."),
  py_bad(simple_classifier(activation = 1), '`activation` must be one of "tanh"',
         class = "xorbridge_type_error"),
  # train_model()
  py_bad(train_model(model, data, epochs = 0), whole("epochs", "0")),
  py_bad(train_model(model, data, epochs = 2.5), whole("epochs", "2.5")),
  r_bad(train_model(model, data, epochs = NA), "`epochs` must not be NA."),
  py_bad(train_model(model, data, epochs = "10"), whole("epochs", '"10"'),
         class = "xorbridge_type_error"),
  py_bad(train_model(model, data, epochs = 2e6), "`epochs` must be at most 1,000,000, not 2,000,000."),
  py_bad(train_model(model, data, batch_size = -1), whole("batch_size", "-1")),
  r_bad(train_model(model, data, batch_size = NULL), "`batch_size` must not be NULL."),
  py_bad(train_model(model, data, lr = 0), "`lr` must be > 0 and <= 100, not 0."),
  py_bad(train_model(model, data, lr = 101), "`lr` must be > 0 and <= 100, not 101."),
  r_bad(train_model(model, data, lr = NaN), "`lr` must not be NaN."),
  py_bad(train_model(model, data, lr = -Inf), "`lr` must be a finite number, not -Inf."),
  py_bad(train_model(model, data, seed = -1), "`seed` must be a whole number >= 0 or NULL, not -1."),
  py_bad(train_model(model, data, device = "gpu"), device_message('"gpu"')),
  r_bad(train_model(model, data, progress = NA), "`progress` must not be NA."),
  py_bad(train_model(model, data, progress = "yes"),
         '`progress` must be TRUE, FALSE or "auto", not "yes".', class = "xorbridge_value_error"),
  r_bad(train_model(model, data, callback = "print"),
        '`callback` must be an R function or NULL, not "print".'),
  py_bad(train_model(model, data, engine = "jit"),
         '`engine` must be one of "auto", "fused", "autograd", not "jit".'),
  r_bad(train_model("model", data), paste0(model_message, '"model".')),
  r_bad(train_model(model, as.data.frame(data)),
        paste0(data_message, "an object of class <data.frame>.")),
  # eval_model()
  r_bad(eval_model(NULL, data), paste0(model_message, "NULL.")),
  r_bad(eval_model(list(py = model$py), data), model_message),
  r_bad(eval_model(data, data), paste0(model_message, "an object of class <xorbridge_dataset>.")),
  r_bad(eval_model(model, model), paste0(data_message, "an object of class <xorbridge_model>.")),
  r_bad(eval_model(model, "data"), paste0(data_message, '"data".')),
  py_bad(eval_model(model, data, batch_size = 0), whole("batch_size", "0")),
  py_bad(eval_model(wide, data),
         "`model` must take 2 inputs (x1, x2) and give 1 output, not 3 inputs and 1 outputs."),
  # predict()
  r_bad(predict(model), "`newdata` is missing"),
  py_bad(predict(model, data.frame(a = 1, b = 2)),
         "`newdata` must have columns x1 and x2; missing: x1, x2 (it has: a, b)."),
  py_bad(predict(model, data.frame(x1 = "a", x2 = "b")),
         "`newdata` columns x1 and x2 must be numeric.", class = "xorbridge_type_error"),
  py_bad(predict(model, data.frame(x1 = factor("a"), x2 = 1)),
         "`newdata` columns x1 and x2 must be numeric.", class = "xorbridge_type_error"),
  py_bad(predict(model, data.frame(x1 = TRUE, x2 = 1)),
         "`newdata` columns x1 and x2 must be numeric.", class = "xorbridge_type_error"),
  py_bad(predict(model, data.frame(x1 = NA_real_, x2 = 1)),
         "`newdata` must hold finite numbers (no NaN or Inf)."),
  py_bad(predict(model, data.frame(x1 = -Inf, x2 = 1)),
         "`newdata` must hold finite numbers (no NaN or Inf)."),
  py_bad(predict(model, data.frame(x1 = 1e7, x2 = 1)),
         "`newdata` must hold numbers between -1e+06 and 1e+06, not 1e+07."),
  py_bad(predict(model, matrix(1:6, ncol = 3)),
         "`newdata` must have shape (N, 2): x1 and x2; got (2, 3)."),
  r_bad(predict(model, matrix(c("a", "b"), ncol = 2)), paste0(points_message, "a character matrix.")),
  r_bad(predict(model, matrix(c(TRUE, FALSE), ncol = 2)), paste0(points_message, "a logical matrix.")),
  py_bad(predict(model, matrix(1:4, ncol = 2, dimnames = list(NULL, c("b", "a")))),
         "`newdata` must have columns x1 and x2; missing: x1, x2 (it has: b, a)."),
  r_bad(predict(model, list(x1 = 1, x2 = 2)), paste0(points_message, "list(x1 = 1, x2 = 2).")),
  r_bad(predict(model, "points"), paste0(points_message, '"points".')),
  r_bad(predict(model, NULL), paste0(points_message, "NULL.")),
  py_bad(predict(model, data.frame(x1 = 0, x2 = 0), type = "response"),
         '`type` must be one of "prob", "class", not "response".'),
  r_bad(predict(model, data.frame(x1 = 0, x2 = 0), type = character()),
        "`type` must be a single value, not character(0)."),
  py_bad(predict(wide, data.frame(x1 = 0, x2 = 0)),
         "`object` must take 2 inputs (x1, x2) and give 1 output"),
  # decision_grid()
  py_bad(decision_grid(model, step = 0), "`step` must be > 0, not 0."),
  py_bad(decision_grid(model, step = -1), "`step` must be > 0, not -1."),
  r_bad(decision_grid(model, step = NA_real_), "`step` must not be NA."),
  py_bad(decision_grid(model, step = "small"), '`step` must be a number, not "small".',
         class = "xorbridge_type_error"),
  py_bad(decision_grid(model, step = 1e-4),
         "`step` = 0.0001 makes a grid of 20,000 x 20,000 = 400,000,000 points; at most 4,000,000"),
  py_bad(decision_grid(model, step = 1e-320), "makes a grid of over 10**15 points"),
  py_bad(decision_grid(model, xlim = c(1, 0)), "`xlim` must be increasing (low < high), not (1, 0)."),
  py_bad(decision_grid(model, xlim = c(0, 0)), "`xlim` must be increasing (low < high), not (0, 0)."),
  py_bad(decision_grid(model, ylim = 1), "`ylim` must be a pair of numbers (low, high), not 1 values."),
  r_bad(decision_grid(model, xlim = c(0, NA)), "`xlim` must not hold NA, not c(0, NA)."),
  py_bad(decision_grid(model, xlim = c("0", "1")), '`xlim[0]` must be a number, not "0".',
         class = "xorbridge_type_error"),
  py_bad(decision_grid(model, xlim = c(-1e7, 0)),
         "`xlim` must lie within [-1e+06, 1e+06], not (-1e+07, 0)."),
  r_bad(decision_grid("model"), paste0(model_message, '"model".')),
  # benchmark_matmul()
  py_bad(benchmark_matmul(size = 0), whole("size", "0")),
  py_bad(benchmark_matmul(size = 2.5), whole("size", "2.5")),
  py_bad(benchmark_matmul(size = 1e6), "`size` must be at most 32,768, not 1,000,000."),
  r_bad(benchmark_matmul(repeats = NA), "`repeats` must not be NA."),
  py_bad(benchmark_matmul(devices = c("cpu", "tpu")), device_message('"tpu"', "devices")),
  r_bad(benchmark_matmul(devices = list("cpu")), '`devices` must be a vector of values, not list("cpu").'),
  r_bad(benchmark_matmul(devices = character()), "`devices` must be a vector of values, not character(0)."),
  py_bad(benchmark_matmul(dtype = "int8"),
         '`dtype` must be one of "float32", "float16", "bfloat16", "float64", not "int8".'),
  py_bad(benchmark_matmul(tf32 = "yes"), '`tf32` must be TRUE or FALSE, not "yes".',
         class = "xorbridge_type_error"),
  # pick_device()
  py_bad(pick_device("gpu"), device_message('"gpu"')),
  py_bad(pick_device(""), device_message('""')),
  py_bad(pick_device(1),
         '`device` must be a string such as "auto", "cpu", "cuda", "cuda:0" or "mps", not 1.',
         class = "xorbridge_type_error"),
  r_bad(pick_device(NULL), "`device` must not be NULL."),
  r_bad(pick_device(c("cpu", "cuda")), '`device` must be a single value, not c("cpu", "cuda").'),
  py_bad(pick_device("cuda:99"), "Available here: cpu"),
  # set_seed()
  py_bad(set_seed(-1), "`seed` must be a whole number >= 0, not -1."),
  py_bad(set_seed(2.5), "`seed` must be a whole number >= 0, not 2.5."),
  r_bad(set_seed(NA), "`seed` must not be NA."),
  py_bad(set_seed("1"), '`seed` must be a whole number >= 0, not "1".', class = "xorbridge_type_error"),
  r_bad(set_seed(NULL), "`seed` must not be NULL."),
  py_bad(set_seed(Inf), "`seed` must be a whole number >= 0, not Inf."),
  r_bad(set_seed(c(1, 2)), "`seed` must be a single value, not c(1, 2)."),
  r_bad(set_seed(1, deterministic = NA), "`deterministic` must not be NA."),
  py_bad(set_seed(1, deterministic = "yes"), '`deterministic` must be TRUE or FALSE, not "yes".',
         class = "xorbridge_type_error"),
  # save_model() and load_model()
  r_bad(save_model("model", "m.pt"), paste0(model_message, '"model".')),
  r_bad(save_model(model, NA_character_), "`path` must not be NA."),
  py_bad(save_model(model, 3), "`path` must be a file path (a non-empty string), not 3.",
         class = "xorbridge_type_error"),
  py_bad(save_model(model, "  "), '`path` must be a file path (a non-empty string), not "  ".',
         class = "xorbridge_type_error"),
  r_bad(save_model(model, c("a.pt", "b.pt")), '`path` must be a single value, not c("a.pt", "b.pt").'),
  py_bad(load_model(""), '`path` must be a file path (a non-empty string), not "".',
         class = "xorbridge_type_error"),
  r_bad(load_model(NULL), "`path` must not be NULL."),
  py_bad(load_model("m.pt", device = "gpu"), device_message('"gpu"')),
  # install_xorbridge(): refused before anything is installed (no Python yet: R's own checks)
  r_bad(install_xorbridge(envname = NA_character_), "`envname` must be a single non-empty string"),
  r_bad(install_xorbridge(torch = 3), "`torch` must be a single non-empty string, not 3."),
  r_bad(install_xorbridge(new_env = "yes"), '`new_env` must be TRUE or FALSE, not "yes".'),
  # train_model()'s test set, TensorBoard directory and figure interval
  r_bad(train_model(model, data, test = "x"),
        '`test` must be an xorbridge dataset from xor_dataset(), or a dataset made in Python, not "x".'),
  py_bad(train_model(model, data, log_dir = 3),
         "`log_dir` must be a directory path (a string) or NULL, not 3.",
         class = "xorbridge_type_error"),
  py_bad(train_model(model, data, figure_every = 0), whole("figure_every", "0")),
  # numbers beyond any bound R could hold exactly, and models changed after they were made
  py_bad(train_model(model, data, batch_size = 2^63),
         "`batch_size` must be at most 9,007,199,254,740,992, not 9,223,372,036,854,775,808."),
  py_bad(eval_model(double_model, data), paste0(
    "`model` must have float32 weights, as the points are float32; linear1.weight is ",
    "torch.float64: convert it with model.float().")),
  py_bad(train_model(replaced_model, data), paste0(
    "`model`.linear1 was replaced: this SimpleClassifier (2 -> 4 -> 1) needs Linear(2, 4) ",
    "with a bias there")),
  py_bad(predict(swapped_model, data.frame(x1 = 0, x2 = 0)),
         "`object`.act_fn is Softmax, not the Tanh its activation 'tanh' says"),
  # objects that are not, or no longer, what they claim
  list(call = quote(predict(stale_model, data.frame(x1 = 0, x2 = 0))), message = stale,
       class = "xorbridge_stale_object"),
  list(call = quote(save_model(stale_model, "m.pt")), message = stale, class = "xorbridge_stale_object"),
  list(call = quote(train_model(stale_model, data)), message = stale, class = "xorbridge_stale_object"),
  list(call = quote(decision_grid(stale_model)), message = stale, class = "xorbridge_stale_object"),
  list(call = quote(coef(stale_model)), message = stale, class = "xorbridge_stale_object"),
  list(call = quote(print(stale_model)), message = stale, class = "xorbridge_stale_object"),
  list(call = quote(summary(stale_model)), message = stale, class = "xorbridge_stale_object"),
  list(call = quote(eval_model(model, stale_data)), message = stale, class = "xorbridge_stale_object"),
  list(call = quote(as.data.frame(stale_data)), message = stale, class = "xorbridge_stale_object"),
  list(call = quote(length(stale_data)), message = stale, class = "xorbridge_stale_object"),
  list(call = quote(predict(structure(1, class = "xorbridge_model"), data.frame(x1 = 0, x2 = 0))),
       message = stale, class = "xorbridge_stale_object"),
  r_bad(predict(structure(list(py = 1), class = "xorbridge_model"), data.frame(x1 = 0, x2 = 0)),
        "This model is not one xorbridge made: it holds 1 where its Python object should be."),
  r_bad(eval_model(structure(list(), class = c("nn_module", "R6")), data),
        paste0(model_message, "an object of class <nn_module>."))
)

test_that("every bad input gets a classed error with a clear message", {
  skip_if_no_xorbridge()
  set_seed(1)
  env <- new.env()
  env$model <- simple_classifier()
  env$wide <- simple_classifier(num_inputs = 3)
  env$data <- xor_dataset(20, seed = 1)
  xb <- reticulate::import("xorbridge", convert = FALSE)
  torch_nn <- reticulate::import("torch.nn", convert = FALSE)
  env$double_model <- xb$SimpleClassifier()$double()
  env$replaced_model <- xb$SimpleClassifier()
  env$replaced_model$linear1 <- torch_nn$Linear(2L, 7L)
  env$swapped_model <- xb$SimpleClassifier()
  env$swapped_model$act_fn <- torch_nn$Softmax(dim = 1L)
  env$stale_model <- unserialize(serialize(env$model, NULL))  # as readRDS() in a new session
  env$stale_data <- unserialize(serialize(env$data, NULL))
  before <- coef(env$model)
  expect_gte(length(bad_input_cases), 137)
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
    python_error <- tryCatch(xorbridge:::call_python(eval(case$python, env)), error = identity)
    expect_s3_class(r_error, "xorbridge_error")
    expect_s3_class(python_error, "xorbridge_python_error")
    expect_identical(conditionMessage(r_error), conditionMessage(python_error),
                     label = paste(deparse(case$r), collapse = " "))
  }
})
