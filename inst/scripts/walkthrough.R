# The continuous XOR walkthrough from R, start to end, with ggplot2 figures.
#
#   Rscript walkthrough.R [OUT_DIR]
#
# Writes the figures (PNG) and a model checkpoint to OUT_DIR (default
# "out/tutorial-r") and prints what each step found.

library(xorbridge)
library(ggplot2)

out <- commandArgs(trailingOnly = TRUE)[1]
if (is.na(out)) out <- file.path("out", "tutorial-r")
dir.create(out, recursive = TRUE, showWarnings = FALSE)
save_figure <- function(plot, name, width = 4, height = 4) {
  ggsave(file.path(out, name), plot, width = width, height = height, dpi = 100)
}
started <- Sys.time()

# 1. Devices, and the CPU-vs-GPU matrix product
print(device_info())
print(benchmark_matmul(size = 2000, repeats = 3)[, c("device", "median_s", "gflops",
                                                     "fraction_of_peak")])

# 2. The data
set_seed(42)
train <- xor_dataset(2500, seed = 42)
test <- xor_dataset(500, seed = 43)      # a fresh test set: another seed
figure_data <- xor_dataset(200, seed = 44)
save_figure(autoplot(figure_data), "samples.png")

# 3. The model and its training
model <- simple_classifier(num_hidden = 4)
print(summary(model))
history <- train_model(model, train, seed = 42)
print(history)
save_figure(autoplot(history), "history.png", width = 8, height = 3.5)

# 4. Saving and loading
path <- file.path(out, "model.pt")
save_model(model, path)
reloaded <- load_model(path)
cat("Reloaded model gives identical predictions:",
    identical(predict(model, test), predict(reloaded, test)), "\n")

# 5. Evaluation and the decision boundary
cat(sprintf("Test accuracy: %.2f%%\n", 100 * eval_model(model, test)))
save_figure(autoplot(model, data = figure_data), "boundary.png")

# 6. One, two or four hidden neurons, over ten seeds each
sweep <- sweep_hidden(sizes = c(1, 2, 4), seeds = 0:9, train = train, test = test)
print(sweep)
save_figure(autoplot(sweep), "sweep_accuracy.png", width = 5, height = 4)
save_figure(autoplot(sweep, type = "boundaries"), "sweep_boundaries.png", width = 7, height = 7)

cat(sprintf("Done in %.1f s; figures in %s\n",
            as.numeric(difftime(Sys.time(), started, units = "secs")), out))
