#' xorbridge: learn PyTorch from R with the continuous XOR tutorial
#'
#' xorbridge drives a small PyTorch library through reticulate. It follows the
#' continuous XOR example of the University of Amsterdam deep learning
#' course's introduction to PyTorch: devices and a CPU-versus-GPU benchmark
#' ([device_info()], [benchmark_matmul()]), a noisy XOR dataset
#' ([xor_dataset()]), a small classifier ([simple_classifier()]), training
#' ([train_model()]), saving and loading ([save_model()], [load_model()]),
#' evaluation ([eval_model()], [predict.xorbridge_model()]) and decision
#' boundaries ([decision_grid()], [autoplot.xorbridge_model()]).
#'
#' The numbers are all computed by the Python package `xorbridge`, so R and
#' Python give the same results for the same seed. Set it up once with
#' [install_xorbridge()].
#'
#' @keywords internal
#' @importFrom rlang %||% .data
#' @importFrom ggplot2 %+replace%
"_PACKAGE"
