test_that("simple_classifier() prints like the tutorial, with parameters and device", {
  skip_if_no_xorbridge()
  set_seed(1)
  model <- simple_classifier(num_hidden = 4)
  expect_s3_class(model, "xorbridge_model")
  expect_output(print(model), "(linear1): Linear(in_features=2, out_features=4, bias=True)",
                fixed = TRUE)
  expect_output(print(model), "17 parameters, on cpu")
})

test_that("coef() gives the weights as R arrays shaped like PyTorch's", {
  skip_if_no_xorbridge()
  set_seed(1)
  weights <- coef(simple_classifier(num_hidden = 3))
  expect_named(weights, c("linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias"))
  expect_equal(dim(weights$linear1.weight), c(3L, 2L))
  expect_length(weights$linear1.bias, 3)
  expect_equal(dim(weights$linear2.weight), c(1L, 3L))
  # the same numbers as the tensor, element by element (row-major in torch)
  xb <- reticulate::import("xorbridge", convert = FALSE)
  set_seed(1)
  python <- xb$SimpleClassifier(num_hidden = 3L)
  first_row <- unlist(reticulate::py_to_r(python$linear1$weight[0L]$tolist()))
  expect_identical(weights$linear1.weight[1, ], first_row)
})

test_that("summary() lists every parameter", {
  skip_if_no_xorbridge()
  s <- summary(simple_classifier(num_hidden = 2))
  expect_s3_class(s, "summary.xorbridge_model")
  expect_equal(s$parameters$count, c(4L, 2L, 2L, 1L))
  expect_equal(s$parameters$shape[[1]], "[2, 2]")
  expect_output(print(s), "linear1.weight")
})

test_that("bad arguments are refused", {
  for (bad in list(0, -2, 2.5, NA, "4", NULL)) {
    expect_error(simple_classifier(num_hidden = bad), class = "xorbridge_error")
  }
  expect_error(simple_classifier(activation = "softmax"), class = "xorbridge_error")
  expect_error(simple_classifier(num_inputs = Inf), class = "xorbridge_error")
})
