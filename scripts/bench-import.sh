#!/usr/bin/env bash
# Importing 10,000 cities x 100 variables x 5 years from a wide CSV (50,000 rows, 5 million cells):
#  1. in-process: JMH (ImportBenchmark), single-shot runs in a fork limited to a 256 MB heap;
#  2. whole process: ImportOnce run 5 times under GNU time, in a JVM limited to -Xmx256m, reporting the
#     import time, the peak heap, the heap the dataset keeps, and the process's peak RSS; medians.
# Results go to docs/benchmarks.md by hand. Usage: scripts/bench-import.sh [runs]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
runs=${1:-5}
# extra Maven options (say -Dmaven.repo.local=DIR, -o) in MVN_OPTS
# shellcheck disable=SC2086
(cd "$root" && mvn -q -B -ntp ${MVN_OPTS:-} -Dstyle.color=never -DskipTests install -pl benchmarks -am) >&2
jar="$root/benchmarks/target/benchmarks.jar"
echo "== JMH (in-process), java -jar benchmarks.jar ImportBenchmark"
java -jar "$jar" ImportBenchmark -rf text -rff /dev/null 2>&1 | grep -E "^(Benchmark|ImportBenchmark)|Result|±" | tail -n 3
csv=$(mktemp --suffix=.csv)
tmp=$(mktemp)
trap 'rm -f "$csv" "$tmp"' EXIT
java -cp "$jar" -Dunits=10000 org.cityeval.benchmarks.WriteInput "$csv" 10000 100 5
echo "== whole process, $runs runs: $(du -h "$csv" | cut -f1) CSV, java -Xmx256m"
walls=(); rss=()
for i in $(seq 1 "$runs"); do
  line=$(/usr/bin/time -f "%e %M" -o "$tmp" java -Xmx256m -XX:+UseSerialGC -cp "$jar" org.cityeval.benchmarks.ImportOnce "$csv" 10000)
  read -r wall kb < "$tmp"
  echo "run $i: $line; process wall $wall s, peak RSS $((kb / 1024)) MiB"
  walls+=("$wall"); rss+=("$kb")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf 'median: process wall %.2f s, peak RSS %d MiB\n' "$(median "${walls[@]}")" $(( $(median "${rss[@]}" | cut -d. -f1) / 1024 ))
