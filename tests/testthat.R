library(testthat)
library(xorbridge)

test_check("xorbridge")
