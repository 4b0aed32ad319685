# Render every vignette in vignettes/ to HTML, each in a fresh R process, and
# print how long each took. Fails (exit status 1) if any vignette fails to knit.
#
#   Rscript tools/render-vignettes.R [OUTPUT_DIR] [NAME ...]
#
# OUTPUT_DIR defaults to out/vignettes; NAMEs (e.g. xor-tutorial) choose
# vignettes, all of them by default. The installed xorbridge package is used,
# so install it first (make does).

args <- commandArgs(trailingOnly = TRUE)
out_dir <- if (length(args) >= 1) args[[1]] else "out/vignettes"
chosen <- if (length(args) >= 2) args[-1] else character()

inputs <- sort(list.files("vignettes", pattern = "[.]Rmd$", full.names = TRUE))
if (length(chosen) > 0) {
  inputs <- inputs[tools::file_path_sans_ext(basename(inputs)) %in% chosen]
}
if (length(inputs) == 0) {
  stop("No vignettes to render in vignettes/", call. = FALSE)
}
# Without the Python core the vignettes knit without running their code; in
# CI (CI=true) that would hide a broken set-up, so it is an error there.
if (tolower(Sys.getenv("CI")) %in% c("1", "true", "yes") && !xorbridge::xorbridge_available()) {
  stop("The xorbridge Python core is not available in CI (RETICULATE_PYTHON=",
       Sys.getenv("RETICULATE_PYTHON"), "), so the vignettes would not run their code.",
       call. = FALSE)
}
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)
out_dir <- normalizePath(out_dir)
rscript <- file.path(R.home("bin"), "Rscript")

render_one <- function(input) {
  name <- tools::file_path_sans_ext(basename(input))
  scratch <- tempfile(paste0("vignette-", name, "-"))
  dir.create(scratch)
  log <- file.path(out_dir, paste0(name, ".log"))
  code <- sprintf(
    paste0("rmarkdown::render(%s, output_dir = %s, intermediates_dir = %s, ",
           "envir = new.env(), quiet = TRUE)"),
    deparse(normalizePath(input)), deparse(out_dir), deparse(scratch)
  )
  started <- proc.time()
  status <- system2(rscript, c("--no-save", "--no-restore", "-e", shQuote(code)),
                    stdout = log, stderr = log)
  used <- proc.time() - started
  seconds <- used[["elapsed"]]
  # CPU time of the R process and its children (Python runs inside it): a
  # busy machine stretches the wall-clock time much more than the CPU time.
  cpu <- sum(used[c("user.child", "sys.child")], na.rm = TRUE)
  unlink(scratch, recursive = TRUE)
  html <- file.path(out_dir, paste0(name, ".html"))
  ok <- identical(status, 0L) && file.exists(html)
  if (ok) unlink(log) else cat(readLines(log), sep = "\n")
  cat(sprintf("%-24s %6.1f s (CPU %5.1f s)  %s\n", name, seconds, cpu,
              if (ok) html else paste("FAILED, log:", log)))
  data.frame(vignette = name, seconds = seconds, cpu = cpu, ok = ok)
}

cat(sprintf("Rendering %d vignette%s into %s\n", length(inputs),
            if (length(inputs) == 1) "" else "s", out_dir))
results <- do.call(rbind, lapply(inputs, render_one))
cat(sprintf("%-24s %6.1f s (CPU %5.1f s)\n", "total", sum(results$seconds), sum(results$cpu)))
if (!all(results$ok)) {
  cat("Failed:", paste(results$vignette[!results$ok], collapse = ", "), "\n")
  quit(status = 1)
}
