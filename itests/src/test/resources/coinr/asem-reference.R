# Reference values from COINr 1.1.14 (R 4.2.2) for COINr's ASEM example, written as CSV with 17 significant
# digits next to this script. Run from this directory:  Rscript asem-reference.R
# See README.md for what each file holds. Data: COINr's ASEM_iData / ASEM_iMeta (identical to
# bundles/org.cityeval.coinr/src/test/resources/coinr-asem/*.csv).
suppressPackageStartupMessages(library(COINr))
stopifnot(as.character(packageVersion("COINr")) == "1.1.14")
options(warn = 1)
out <- function(df, name) {
  df <- as.data.frame(df)
  for (n in names(df)) if (is.numeric(df[[n]])) df[[n]] <- ifelse(is.na(df[[n]]), NA, sprintf("%.17g", df[[n]]))
  utils::write.csv(df, name, row.names = FALSE, na = "NA", quote = TRUE)
}

# The coin: raw indicators (no denomination, as cityeval's COINr format does), then COINr's default
# normalisation (min-max onto [0, 100], directions applied) -> dset "Normalised".
coin <- new_coin(ASEM_iData, ASEM_iMeta, quietly = TRUE)
coin <- Normalise(coin, dset = "Raw")
lin <- coin$Meta$Lineage              # columns Indicator, Pillar (level 2), Sub-index (3), Index (4)
groups <- unique(lin[[2]])

# a) Pearson correlations of the indicators within each level-2 group, no p-value filter
cr <- get_corr(coin, dset = "Normalised", Levels = 1, grouplev = 2, cortype = "pearson", pval = 0, make_long = TRUE)
cr <- cr[cr$Var1 != cr$Var2 & !is.na(cr$Correlation), ]
cr <- data.frame(Group = lin[[2]][match(cr$Var1, lin[[1]])], cr)
out(cr, "asem-corr-pearson-L1-within-L2.csv")
cs <- get_corr(coin, dset = "Normalised", Levels = 1, grouplev = 2, cortype = "spearman", pval = 0, make_long = TRUE)
cs <- cs[cs$Var1 != cs$Var2 & !is.na(cs$Correlation), ]
cs <- data.frame(Group = lin[[2]][match(cs$Var1, lin[[1]])], cs)
out(cs, "asem-corr-spearman-L1-within-L2.csv")
# COINr's correlation flags: high (> 0.9, collinearity) and low (< -0.4, negative), its documented thresholds
fh <- get_corr_flags(coin, dset = "Normalised", cor_thresh = 0.9, thresh_type = "high", grouplev = 2, roundto = NULL)
fl <- get_corr_flags(coin, dset = "Normalised", cor_thresh = -0.4, thresh_type = "low", grouplev = 2, roundto = NULL)
fh$Flag <- rep("high", nrow(fh)); fh$Threshold <- rep(0.9, nrow(fh))
fl$Flag <- rep("low", nrow(fl)); fl$Threshold <- rep(-0.4, nrow(fl))
out(rbind(fh, fl), "asem-corr-flags.csv")

# b) Cronbach's alpha of the indicators of each level-2 group
alpha <- sapply(groups, function(g) get_cronbach(coin, dset = "Normalised", iCodes = g, Level = 1))
out(data.frame(Group = groups, Alpha = as.numeric(alpha)), "asem-cronbach-L2.csv")

# c) COINr's default treatment of the RAW indicators: qTreat (winmax 5, |skew| > 2 and kurtosis > 3.5,
#    else log fallback log_CT)
coin <- qTreat(coin, dset = "Raw", winmax = 5, skew_thresh = 2, kurt_thresh = 3.5, f2 = "log_CT")
out(coin$Data$Treated, "asem-treated-values.csv")
out(coin$Analysis$Treated$Dets_Table, "asem-treatment-details.csv")
# which unit of which indicator was winsorised ("winhi"/"winlo"; empty = untouched), one row per unit
out(data.frame(uCode = coin$Data$Raw$uCode, coin$Analysis$Treated$Treated_Points), "asem-treatment-points.csv")
# Box-Cox with fixed lambda (COINr's boxcox, makepos = TRUE) on a few raw indicators
bc <- data.frame(uCode = ASEM_iData$uCode)
for (ic in c("Goods", "Services", "FDI")) for (lam in c(0, 0.5, 2)) {
  bc[[paste0(ic, "_lambda", lam)]] <- boxcox(ASEM_iData[[ic]], lambda = lam, makepos = TRUE, na.rm = TRUE)
}
out(bc, "asem-boxcox.csv")

# d) Level-2 aggregates of the normalised indicators by generalised mean (p = 0.5 and p = -1, equal weights
#    within the group, NAs dropped) and by Copeland (a_copeland). Because p < 0 needs positive values, the
#    data here are min-max normalised onto [1, 100] (dset "Norm1to100"), not [0, 100].
c2 <- Normalise(coin, dset = "Raw", global_specs = list(f_n = "n_minmax", f_n_para = list(l_u = c(1, 100))),
                write_to = "Norm1to100")
n1 <- get_dset(c2, "Norm1to100")
out(n1, "asem-normalised-1to100.csv")
agg <- data.frame(uCode = n1$uCode)
for (g in groups) {
  ics <- lin[[1]][lin[[2]] == g]
  X <- n1[ics]
  agg[[paste0(g, "_genmean_p0.5")]] <- apply(X, 1, function(r) a_genmean(r, w = rep(1, length(r)), p = 0.5))
  agg[[paste0(g, "_genmean_p-1")]] <- apply(X, 1, function(r) a_genmean(r, w = rep(1, length(r)), p = -1))
  agg[[paste0(g, "_copeland")]] <- a_copeland(X, w = rep(1, length(ics)))
}
out(agg, "asem-aggregates-L2.csv")

# e) strengths and weaknesses, and unit summaries, of DEU, CHN, GBR (default index: arithmetic means)
coin <- Aggregate(coin, dset = "Normalised")
sw <- do.call(rbind, lapply(c("DEU", "CHN", "GBR"), function(u) {
  s <- get_str_weak(coin, dset = "Raw", usel = u, topN = 5, bottomN = 5, with_units = FALSE)
  rbind(data.frame(uCode = u, Kind = "strength", s$Strengths), data.frame(uCode = u, Kind = "weakness", s$Weaknesses))
}))
out(sw, "asem-str-weak.csv")
us <- do.call(rbind, lapply(c("DEU", "CHN", "GBR"), function(u)
  data.frame(uCode = u, get_unit_summary(coin, usel = u, Levels = c(4, 3, 2), dset = "Aggregated", nround = 17))))
out(us, "asem-unit-summary.csv")

# f) PCA of the normalised indicators of each level-2 group (prcomp centred and scaled, complete rows only)
pca <- get_PCA(coin, dset = "Normalised", Level = 1, by_groups = TRUE, nowarnings = TRUE)
ve <- do.call(rbind, lapply(names(pca$PCAresults), function(g) {
  s <- pca$PCAresults[[g]]$PCAres$sdev^2
  data.frame(Group = g, Component = seq_along(s), Variance = s, Proportion = s / sum(s),
             Rows = nrow(pca$PCAresults[[g]]$PCAres$x))
}))
out(ve, "asem-pca-variance-L2.csv")
ld <- do.call(rbind, lapply(names(pca$PCAresults), function(g) {
  r <- pca$PCAresults[[g]]$PCAres$rotation[, 1]
  data.frame(Group = g, iCode = names(r), PC1 = as.numeric(r))
}))
out(ld, "asem-pca-pc1-loadings-L2.csv")
