#!/usr/bin/env bash
# Whole-process benchmark of one CLI command: N cold runs (a new JVM and a new framework each time),
# reporting every run's wall time and peak RSS, and their medians. Used for docs/benchmarks.md.
#   scripts/bench-startup.sh [runs] [command...]
# default: 5 runs of 'reproduce guomai-psdf-2024 --format json'
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
runs=${1:-5}
shift || true
[ $# -gt 0 ] || set -- reproduce guomai-psdf-2024 --format json
"$root/cityeval" models >/dev/null   # builds the distribution if needed; not timed
bin="$root/distribution/archives/target/cityeval-full/cityeval/bin/cityeval"
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time; Debian package 'time')" >&2; exit 1; }
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
echo "command: cityeval $*"
echo "java: $(java -version 2>&1 | head -n 1)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"
walls=(); rss=()
for i in $(seq 1 "$runs"); do
  /usr/bin/time -f "%e %M" -o "$tmp" "$bin" "$@" >/dev/null
  read -r wall kb < "$tmp"
  walls+=("$wall"); rss+=("$kb")
  printf 'run %d: %.2f s, peak RSS %d MiB\n' "$i" "$wall" $((kb / 1024))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf 'median: %.2f s wall, peak RSS %d MiB\n' "$(median "${walls[@]}")" $(( $(median "${rss[@]}" | cut -d. -f1) / 1024 ))
