#!/usr/bin/env bash
# What per-value provenance and merging cost a whole run: `cityeval quality` (reads the data once, checks every
# value) of the shipped pack alone and of a filled form merged before it (form.csv+pack:china-cities: every value
# of the pack gets its input, file, row and column in the merged dataset's ValueSources, and each form value that
# differs from the pack's is a conflict). A run is the launcher as a user starts it (framework start included);
# medians of several runs of wall time and peak RSS, printed as a table. The form is 100 pack cities in 2023 with
# two variables and their V:source columns, written by this script.
# Results go to docs/benchmarks.md by hand. Usage: scripts/bench-provenance.sh [runs] (after mvn install).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
runs=${1:-5}
dist=${CITYEVAL_HOME:-$root/itests/target/dist-full/cityeval}
[ -x "$dist/bin/cityeval" ] || [ -f "$dist/bin/cityeval" ] || { echo "no distribution at $dist (mvn verify -pl itests)" >&2; exit 2; }
pack="$root/bundles/org.cityeval.data.china/src/main/resources/OSGI-INF/cityeval/data/china-cities.csv"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
form="$work/form.csv"
{
  echo "adcode,year,usage_depth,usage_depth:source,it_development,it_development:source"
  # no pipe into head: under pipefail a writer cut short by SIGPIPE would end the script
  awk -F, '$2 == 2023 && n < 100 {n++; printf "%s,2023,%.2f,市统计局填报 表%d,%.2f,市经信局\n", $1, $13 * 1.1, n, 2 + (n % 20) / 10}' "$pack"
} > "$form"
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -n 1)"
printf '%-32s %6s %12s %14s\n' "data" "runs" "median wall" "median RSS"
for data in "pack:china-cities" "$form+pack:china-cities"; do
  walls=(); rss=()
  for i in $(seq 1 "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" sh "$dist/bin/cityeval" quality --data "$data" > "$work/out" 2>&1 \
      || { cat "$work/out" >&2; exit 1; }
    read -r wall kb < "$work/time"
    walls+=("$wall"); rss+=("$kb")
  done
  label=${data/$work\//}
  printf '%-32s %6d %10.2f s %10d MiB\n' "$label" "$runs" "$(median "${walls[@]}")" \
    $(( $(median "${rss[@]}" | cut -d. -f1) / 1024 ))
done
grep -c '^conflict' "$work/out" | sed 's/^/conflicts listed by the merged run: /'
