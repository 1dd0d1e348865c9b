#!/usr/bin/env bash
# COINr's sensitivity analysis of its ASEM example (N = 1000, five uncertain inputs, 7000 model runs; COINr
# 1.1.14 takes 755 s in-process and 756 s as a whole process on this kind of machine, shared/benchmarks/coinr),
# each part with COINr's choices (min-max or rank, arithmetic or geometric means) and with the model's own
# pipeline in their place (choices=model: its scoring and aggregation rules, as evaluate runs them):
#  1. in-process: JMH (CoinrSensitivityBenchmark), average time of the whole analysis, one thread per core
#     (threads=0) and one thread (threads=1), choices coinr and model;
#  2. whole process: CoinrSensitivityOnce run 5 times under GNU time — read the two CSV files, make the model,
#     run the analysis, print the top of the result — reporting the median wall time and peak RSS.
# Results go to docs/benchmarks.md by hand. Usage: scripts/bench-coinr.sh [runs]; JAVA_OPTS (e.g.
# -XX:TieredStopAtLevel=1) is passed to the whole-process JVMs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
runs=${1:-5}
dir="$root/bundles/org.cityeval.coinr/src/test/resources/coinr-asem"
# extra Maven options (say -Dmaven.repo.local=DIR, -o) in MVN_OPTS
# shellcheck disable=SC2086
(cd "$root" && mvn -q -B -ntp ${MVN_OPTS:-} -Dstyle.color=never -DskipTests install -pl benchmarks -am) >&2
jar="$root/benchmarks/target/benchmarks.jar"
echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -n 1)"
echo "== JMH (in-process), java -jar benchmarks.jar CoinrSensitivityBenchmark"
java -jar "$jar" CoinrSensitivityBenchmark -p dir="$dir" -rf text -rff /dev/null 2>&1 \
  | grep -E "^(Benchmark|CoinrSensitivityBenchmark)" | tail -n 5
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
opts=${JAVA_OPTS:-}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# choices: coinr = the vignette's alternatives; model = the model's own pipeline in place of min-max and
# arithmetic means (its nominal ranking is evaluate's)
for choices in coinr model; do
  echo "== whole process, $runs runs, choices $choices: java ${opts:+$opts }-cp benchmarks.jar org.cityeval.benchmarks.CoinrSensitivityOnce"
  # shellcheck disable=SC2086
  java $opts -cp "$jar" org.cityeval.benchmarks.CoinrSensitivityOnce "$dir" 1000 0 "$choices" | sed 's/^/   /'
  walls=(); rss=()
  for i in $(seq 1 "$runs"); do
    # shellcheck disable=SC2086
    last=$(/usr/bin/time -f "%e %M" -o "$tmp" java $opts -cp "$jar" org.cityeval.benchmarks.CoinrSensitivityOnce "$dir" 1000 0 "$choices" | tail -n 1)
    read -r wall kb < "$tmp"
    echo "run $i: $last; process wall $wall s, peak RSS $((kb / 1024)) MiB"
    walls+=("$wall"); rss+=("$kb")
  done
  printf 'median: process wall %.2f s, peak RSS %d MiB\n' "$(median "${walls[@]}")" $(( $(median "${rss[@]}" | cut -d. -f1) / 1024 ))
done

# 3. whole process through the product: bin/cityeval uncertainty on the same files and choices (OSGi
#    framework start, bundles, the COINr format, the descriptor check, the analysis, the table output).
"$root/cityeval" models >/dev/null   # builds the distribution if needed; not timed
bin="$root/distribution/archives/target/cityeval-full/cityeval/bin/cityeval"
for choices in coinr model; do
  if [ "$choices" = coinr ]; then norm=min-max,rank; agg=arithmetic,geometric; else norm=model,rank; agg=model,geometric; fi
  echo "== whole process, $runs runs: bin/cityeval uncertainty --coinr-meta ... --normalise $norm --aggregate $agg --sobol (N = 1000)"
  walls=(); rss=()
  for i in $(seq 1 "$runs"); do
    /usr/bin/time -f "%e %M" -o "$tmp" "$bin" uncertainty --coinr-meta "$dir/asem_iMeta.csv" --coinr-data "$dir/asem_iData.csv" \
        --replications 1000 --winsorise 1-5 --normalise "$norm" --weight-noise 1:0.25,2:0.25 \
        --aggregate "$agg" --sobol --seed 1 >/dev/null
    read -r wall kb < "$tmp"
    echo "run $i: $wall s, peak RSS $((kb / 1024)) MiB"
    walls+=("$wall"); rss+=("$kb")
  done
  printf 'median: process wall %.2f s, peak RSS %d MiB\n' "$(median "${walls[@]}")" $(( $(median "${rss[@]}" | cut -d. -f1) / 1024 ))
done
