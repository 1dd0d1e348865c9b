# Reference values from COINr 1.1.14 (R 4.2.2) for group imputation on COINr's ASEM example: every raw indicator
# imputed column by column with the median (i_median_grp) and the mean (i_mean_grp) of the units in the same
# GDP_group (COINr's Impute with use_group). Written as CSV with 17 significant digits next to this script.
# Run from this directory:  Rscript asem-impute-grouped.R      (see README.md)
suppressPackageStartupMessages(library(COINr))
stopifnot(as.character(packageVersion("COINr")) == "1.1.14")
options(warn = 1)
out <- function(df, name) {
  df <- as.data.frame(df)
  for (n in names(df)) if (is.numeric(df[[n]])) df[[n]] <- ifelse(is.na(df[[n]]), NA, sprintf("%.17g", df[[n]]))
  utils::write.csv(df, name, row.names = FALSE, na = "NA", quote = TRUE)
}

coin <- new_coin(ASEM_iData, ASEM_iMeta, quietly = TRUE)
raw <- get_dset(coin, "Raw")
cat("missing raw values:", sum(is.na(raw[-1])), "\n")
for (f in c("median", "mean")) {
  imp <- Impute(coin, dset = "Raw", f_i = paste0("i_", f, "_grp"), use_group = "GDP_group", out2 = "df")
  imp <- data.frame(GDP_group = ASEM_iData$GDP_group[match(imp$uCode, ASEM_iData$uCode)], imp)
  cat(f, ": values still missing after imputation:", sum(is.na(imp[-(1:2)])), "\n")
  out(imp, paste0("asem-imputed-", f, "-GDP_group.csv"))
}
