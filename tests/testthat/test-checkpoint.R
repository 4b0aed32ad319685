test_that("save_model() and load_model() round-trip without repeating the architecture", {
  skip_if_no_xorbridge()
  set_seed(3)
  model <- simple_classifier(num_hidden = 3, activation = "relu")
  path <- withr::local_tempfile(fileext = ".pt")
  expect_identical(save_model(model, path), path)
  loaded <- load_model(path)
  expect_identical(coef(loaded), coef(model))
  expect_output(print(loaded), "2 -> 3 \\(relu\\) -> 1")
  points <- as.data.frame(xor_dataset(30, seed = 1))
  expect_identical(predict(loaded, points), predict(model, points))
})

test_that("a model saved from R loads in Python, and the other way round", {
  skip_if_no_xorbridge()
  xb <- reticulate::import("xorbridge", convert = FALSE)
  set_seed(4)
  model <- simple_classifier()
  path <- withr::local_tempfile(fileext = ".pt")
  save_model(model, path)
  python_model <- xb$load_model(path)
  expect_identical(coef(structure(list(py = python_model), class = "xorbridge_model")),
                   coef(model))
  other <- withr::local_tempfile(fileext = ".pt")
  xb$save_model(xb$SimpleClassifier(num_hidden = 2L), other)
  expect_equal(nrow(summary(load_model(other))$parameters), 4)
})

test_that("a failed save keeps the old file", {
  skip_if_no_xorbridge()
  dir <- withr::local_tempdir()
  path <- file.path(dir, "model.pt")
  save_model(simple_classifier(), path)
  before <- readBin(path, "raw", file.size(path))
  error <- expect_error(save_model(simple_classifier(), file.path(dir, "missing", "m.pt")),
                        class = "xorbridge_file_not_found_error")
  expect_match(conditionMessage(error), "does not exist")
  expect_identical(readBin(path, "raw", file.size(path)), before)
})

test_that("missing, truncated and foreign files give clear errors", {
  skip_if_no_xorbridge()
  dir <- withr::local_tempdir()
  expect_error(load_model(file.path(dir, "nope.pt")), class = "xorbridge_file_not_found_error")
  text <- file.path(dir, "notes.pt")
  writeLines("hello", text)
  error <- expect_error(load_model(text), class = "xorbridge_checkpoint_error")
  expect_match(conditionMessage(error), "notes.pt")
  expect_s3_class(error, "xorbridge_value_error")
  path <- file.path(dir, "model.pt")
  save_model(simple_classifier(), path)
  bytes <- readBin(path, "raw", file.size(path))
  writeBin(bytes[seq_len(length(bytes) %/% 2)], path)
  expect_error(load_model(path), class = "xorbridge_checkpoint_error")
})

test_that("bad arguments are refused", {
  skip_if_no_xorbridge()
  expect_error(save_model(simple_classifier(), NA_character_), class = "xorbridge_error")
  expect_error(save_model(simple_classifier(), 3), class = "xorbridge_error")
  expect_error(save_model("model", "m.pt"), class = "xorbridge_error")
  expect_error(load_model(""), class = "xorbridge_error")
  expect_error(load_model("m.pt", device = "gpu"), class = "xorbridge_error")
})

# Python helpers that write hostile or broken files, run in this session's Python.
checkpoint_attacks <- function() {
  # (local = TRUE: each function imports what it needs)
  reticulate::py_run_string(paste(
    "def write_exploit(path, marker):",
    "    import os, torch",
    "    class Exploit:",
    "        def __reduce__(self):",
    "            return (os.system, (f'touch {marker}',))",
    "    torch.save({'format': 'xorbridge-checkpoint', 'state_dict': Exploit()}, path)",
    "def write_zip(path):",
    "    import zipfile",
    "    with zipfile.ZipFile(path, 'w') as archive:",
    "        archive.writestr('photo.txt', 'not a tensor')",
    "def write_mismatch(source, path):",
    "    import torch",
    "    payload = torch.load(source, weights_only=True)",
    "    payload['architecture']['num_hidden'] = 7",
    "    torch.save(payload, path)",
    sep = "\n"
  ), local = TRUE, convert = FALSE)
}

test_that("a crafted file is refused and runs nothing", {
  skip_if_no_xorbridge()
  attacks <- checkpoint_attacks()
  dir <- withr::local_tempdir()
  marker <- file.path(dir, "pwned")
  evil <- file.path(dir, "evil.pt")
  attacks$write_exploit(evil, marker)
  error <- expect_error(load_model(evil), class = "xorbridge_checkpoint_error")
  expect_match(conditionMessage(error), "^Refused to load '.*evil\\.pt'.*could run code")
  expect_false(file.exists(marker))
})

test_that("corrupted files, other programs' files and mismatched weights name the file", {
  skip_if_no_xorbridge()
  attacks <- checkpoint_attacks()
  dir <- withr::local_tempdir()
  good <- file.path(dir, "good.pt")
  save_model(simple_classifier(num_hidden = 3), good)
  corrupted <- file.path(dir, "corrupted.pt")
  bytes <- readBin(good, "raw", file.size(good))
  start <- grepRaw("data.pkl", bytes, fixed = TRUE) + 40
  bytes[start:(start + 63)] <- as.raw(0)
  writeBin(bytes, corrupted)
  photos <- file.path(dir, "photos.pt")
  attacks$write_zip(photos)
  mismatch <- file.path(dir, "mismatch.pt")
  attacks$write_mismatch(good, mismatch)
  expected <- list(
    list(corrupted, "corrupted.pt': it is damaged, or holds objects other than tensors"),
    list(photos, "photos.pt' is not an xorbridge checkpoint: it is a zip archive"),
    list(mismatch, "mismatch.pt' does not describe a valid SimpleClassifier")
  )
  for (case in expected) {
    error <- expect_error(load_model(case[[1]]), class = "xorbridge_checkpoint_error")
    expect_match(conditionMessage(error), case[[2]], fixed = TRUE)
  }
})

test_that("a save killed half-way leaves the previous file intact and loadable", {
  skip_if_no_xorbridge()
  dir <- withr::local_tempdir()
  path <- file.path(dir, "model.pt")
  set_seed(7)
  original <- simple_classifier()
  save_model(original, path)
  before <- readBin(path, "raw", file.size(path))
  rscript <- file.path(R.home("bin"), "Rscript")
  status <- system2(rscript, c("-e", shQuote(paste0(
    "library(xorbridge); model <- simple_classifier(num_hidden = 50); ",
    "reticulate::py_run_string(paste(",
    "'import os, signal, torch', 'real_save = torch.save',",
    "'def save_then_die(obj, f, *args, **kwargs):',",
    "'    real_save(obj, f, *args, **kwargs)', '    f.flush()',",
    "'    os.kill(os.getpid(), signal.SIGKILL)',",
    "'torch.save = save_then_die', sep = '\\n')); ",
    "save_model(model, '", path, "')"
  ))), stdout = FALSE, stderr = FALSE)
  expect_equal(status, 128 + 9)  # killed by SIGKILL
  expect_identical(readBin(path, "raw", file.size(path)), before)
  expect_identical(coef(load_model(path)), coef(original))
})

test_that("saving where no file can be written gives a clear error", {
  skip_if_no_xorbridge()
  dir <- withr::local_tempdir()
  blocker <- file.path(dir, "results")
  writeLines("a file, not a directory", blocker)
  error <- expect_error(save_model(simple_classifier(), file.path(blocker, "m.pt")),
                        class = "xorbridge_not_a_directory_error")
  expect_match(conditionMessage(error), "results' is a file, not a directory.", fixed = TRUE)
  expect_s3_class(error, "xorbridge_os_error")
  skip_if_not(dir.exists("/sys"), "no /sys here")
  # sysfs refuses new files even to root, for whom file permissions do not count
  error <- expect_error(save_model(simple_classifier(), "/sys/xorbridge-test.pt"),
                        class = "xorbridge_permission_error")
  expect_match(conditionMessage(error), "^Cannot save to '/sys/xorbridge-test.pt'")
})
