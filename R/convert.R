# Moving numbers between Python and R without relying on reticulate's numpy
# conversion: reticulate releases before 1.36 cannot read numpy 2 arrays (they
# arrive as Python objects) and cannot send R matrices to numpy 2. Python lists
# work everywhere, and float32 values arrive as the exact doubles they are.

# A numeric vector as an unnamed R list, which reticulate sends as a Python list.
r_list <- function(x) {
  as.list(unname(as.double(x)))
}

# Python's columns, {name: list}, as a data frame: Python's ints as integers,
# floats as doubles, None as NA; an empty column of `types` (R's type names,
# one per column) where Python gives them, else logical.
columns_frame <- function(columns, types = NULL) {
  as.data.frame(Map(function(column, type) {
    values <- unlist(column)
    if (length(values) != length(column)) {  # a None among them: NA in its place
      values <- unlist(lapply(column, function(value) value %||% NA))
    }
    values %||% vector(type)
  }, columns, types %||% rep("logical", length(columns))),
  stringsAsFactors = FALSE, optional = TRUE)
}
