# Reference values from COINr 1.1.14 (R 4.2.2) for optimised weights (get_opt_weights) on COINr's ASEM example,
# written as CSV with 17 significant digits next to this script. Run from this directory:
#   Rscript opt-weights-reference.R
# See README.md. The coin is asem-reference.R's: raw indicators, COINr's default normalisation (min-max onto
# [0, 100], directions applied), then COINr's default aggregation (arithmetic means, missing data renormalised).
suppressPackageStartupMessages(library(COINr))
stopifnot(as.character(packageVersion("COINr")) == "1.1.14")
options(warn = 1)
out <- function(df, name) {
  df <- as.data.frame(df)
  for (n in names(df)) if (is.numeric(df[[n]])) df[[n]] <- ifelse(is.na(df[[n]]), NA, sprintf("%.17g", df[[n]]))
  utils::write.csv(df, name, row.names = FALSE, na = "NA", quote = TRUE)
}

coin <- new_coin(ASEM_iData, ASEM_iMeta, quietly = TRUE)
coin <- Normalise(coin, dset = "Raw")
coin <- Aggregate(coin, dset = "Normalised")

# Level 3 = Conn and Sust, the children of the Index (level 4): get_opt_weights correlates each level-3
# aggregate with the Index (Levels = c(Level, maxlev)), i.e. each child with its parent. Pearson, optype
# "balance", objective log(mean((itarg - crs / sum(crs))^2)), stats::optim Nelder-Mead from par = itarg with
# control = list(reltol = toler, maxit = maxiter); COINr's defaults are toler = 0.1, maxiter = 500.
runs <- list(
  list(case = "equal", itarg = "equal", toler = NULL, maxiter = NULL),
  list(case = "equal-tight", itarg = "equal", toler = 1e-10, maxiter = 1000),
  list(case = "targets-1-2", itarg = c(1, 2), toler = NULL, maxiter = NULL)
)
rows <- NULL
for (r in runs) {
  l <- suppressMessages(get_opt_weights(coin, itarg = r$itarg, dset = "Aggregated", Level = 3,
                                        cortype = "pearson", optype = "balance",
                                        toler = r$toler, maxiter = r$maxiter, out2 = "list"))
  w <- l$WeightsOpt
  codes <- w$iCode[w$Level == 3]
  # the correlations the optimised weights give, recomputed (CorrResultsNorm$Obtained is the last evaluated
  # point's, which need not be the best vertex)
  wl <- coin$Meta$Weights$Original
  wl$Weight[wl$Level == 3] <- l$CorrResultsNorm$OptWeight
  c2 <- coin
  c2$Log$Aggregate$w <- wl
  c2 <- Regen(c2, from = "Aggregate", quietly = TRUE)
  agg <- get_dset(c2, "Aggregated")
  corr <- sapply(codes, function(ic) stats::cor(agg[[ic]], agg[["Index"]], use = "pairwise.complete.obs"))
  rows <- rbind(rows, data.frame(
    Case = r$case, iCode = codes, Desired = l$CorrResultsNorm$Desired,
    OptWeight = l$CorrResultsNorm$OptWeight, Correlation = as.numeric(corr),
    CorrelationNorm = as.numeric(corr) / sum(corr),
    Value = l$OptResults$value, Evaluations = as.numeric(l$OptResults$counts[1]),
    Convergence = l$OptResults$convergence))
}
out(rows, "asem-opt-weights-L3.csv")
