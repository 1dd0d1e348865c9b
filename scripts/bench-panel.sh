#!/usr/bin/env bash
# Panels: the five seed models, each over 2,800 synthetic units x 5 years (issue 14), in-process and as a process:
#  1. JMH PanelBenchmark (normalise panel and year), with -prof gc: time and bytes allocated per invocation;
#  2. PanelOnce under GNU time with a heap limit: per-invocation wall times, peak heap, what the results keep
#     after a full GC, and the process's peak RSS.
# Prints `uptime` first: the load average decides whether the figures are valid. Results go to
# docs/benchmarks.md by hand. Usage: scripts/bench-panel.sh [iterations] [heap]   (defaults: 5, 256m)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
iterations=${1:-5}
heap=${2:-256m}
# extra Maven options (say -Dmaven.repo.local=DIR, -o) in MVN_OPTS
# shellcheck disable=SC2086
(cd "$root" && mvn -q -B -ntp ${MVN_OPTS:-} -Dstyle.color=never -DskipTests install -pl benchmarks -am) >&2
jar="$root/benchmarks/target/benchmarks.jar"
echo "== $(date -u +%FT%TZ) load: $(uptime)"
echo "== JMH: java -jar benchmarks.jar PanelBenchmark -wi 3 -i $iterations -f 1 -prof gc"
java -jar "$jar" PanelBenchmark -wi 3 -i "$iterations" -f 1 -prof gc -rf text -rff /dev/null 2>&1 \
  | grep -E "^Iteration|^Benchmark|fiveModelPanels( |:gc.alloc.rate.norm|:gc.count|:gc.time)"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for normalise in panel year; do
  echo "== whole process: java -Xmx$heap -cp benchmarks.jar org.cityeval.benchmarks.PanelOnce $iterations $normalise"
  /usr/bin/time -f "%e %M" -o "$tmp" java "-Xmx$heap" -cp "$jar" org.cityeval.benchmarks.PanelOnce "$iterations" "$normalise"
  read -r wall kb < "$tmp"
  echo "process wall $wall s, peak RSS $((kb / 1024)) MiB"
done
echo "== load at the end: $(uptime)"
