# Spearman correlations from COINr 1.1.14 (R 4.2.2) on the ASEM example AS READ FROM cityeval's CSV copy
# (bundles/org.cityeval.coinr/src/test/resources/coinr-asem/), not from COINr's built-in ASEM_iData. The CSV writes
# numbers to 15 significant digits, so GRC's TolMin, 5.1000000000000005 in ASEM_iData, is 5.1 there, tied with
# BGR's and CZE's (5.0999999999999996 in ASEM_iData, also 5.1): the ranks, hence Spearman's rho, of TolMin differ
# between the two inputs (Pearson's r by ~1e-16 only). Run from this directory:  Rscript asem-csv-input-reference.R
suppressPackageStartupMessages(library(COINr))
stopifnot(as.character(packageVersion("COINr")) == "1.1.14")
options(warn = 1)
out <- function(df, name) {
  df <- as.data.frame(df)
  for (n in names(df)) if (is.numeric(df[[n]])) df[[n]] <- ifelse(is.na(df[[n]]), NA, sprintf("%.17g", df[[n]]))
  utils::write.csv(df, name, row.names = FALSE, na = "NA", quote = TRUE)
}
dir <- "../../../../../bundles/org.cityeval.coinr/src/test/resources/coinr-asem"
iData <- utils::read.csv(file.path(dir, "asem_iData.csv"), check.names = FALSE, stringsAsFactors = FALSE)
iMeta <- utils::read.csv(file.path(dir, "asem_iMeta.csv"), check.names = FALSE, stringsAsFactors = FALSE)
stopifnot(isTRUE(all.equal(iData, as.data.frame(ASEM_iData), check.attributes = FALSE)))  # equal to 1.5e-8, not bit for bit
coin <- new_coin(iData, iMeta, quietly = TRUE)
coin <- Normalise(coin, dset = "Raw")
lin <- coin$Meta$Lineage
cs <- get_corr(coin, dset = "Normalised", Levels = 1, grouplev = 2, cortype = "spearman", pval = 0, make_long = TRUE)
cs <- cs[cs$Var1 != cs$Var2 & !is.na(cs$Correlation), ]
cs <- data.frame(Group = lin[[2]][match(cs$Var1, lin[[1]])], cs)
out(cs, "asem-corr-spearman-L1-within-L2-csv-input.csv")
