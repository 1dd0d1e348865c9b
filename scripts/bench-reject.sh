#!/usr/bin/env bash
# How fast and how lean a too-large data file is refused: `cityeval evaluate` on a ~100 MB long-format CSV made from
# the shipped pack (china-cities: every value of the wide pack as one row `adcode,year,variable,value,source`,
# repeated with the variables renamed gdp_100m_yuan_2, ... so that no row repeats another), whole process under
# GNU time, several runs; medians of wall time and peak RSS. Two rows:
#   1. refused: the default limits (cityeval.data.maxBytes 64 MiB): refused before its first byte is parsed;
#   2. read whole: the same file with -Dcityeval.data.maxBytes=1g, as before the limits: parsed and pivoted whole,
#      then refused by the evaluation (no city can be ranked without --missing renormalise): what issue 16 saw.
#   0. start-up: a 3-line file whose second row is bad, refused at that row: the JVM's and the framework's start
#      and nothing else, the floor under the other rows.
# CPU time (user + sys) is printed beside the wall time: on a shared machine the load stretches wall time, while
# the CPU time says how much work each case is. Also the machine's load average.
# Usage: scripts/bench-reject.sh [runs]   (DIST=<unpacked distribution>, default the repository's full profile)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
runs=${1:-5}
dist=${DIST:-$root/distribution/archives/target/cityeval-full/cityeval}
[ -x "$dist/bin/cityeval" ] || { echo "no distribution at $dist: build it (mvn install -DskipTests)" >&2; exit 1; }
pack="$root/bundles/org.cityeval.data.china/src/main/resources/OSGI-INF/cityeval/data/china-cities.csv"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
csv="$work/long.csv"
awk -F, -v K=70 'NR == 1 { n = NF; for (i = 1; i <= NF; i++) h[i] = $i; print "adcode,year,variable,value,source"; next }
  { for (i = 1; i <= NF; i++) cell[NR, i] = $i; last = NR }
  END { for (k = 1; k <= K; k++) for (r = 2; r <= last; r++) for (i = 3; i <= n; i++) if (cell[r, i] != "")
        print cell[r, 1] "," cell[r, 2] "," h[i] (k > 1 ? "_" k : "") "," cell[r, i] ",pack china-cities" }' "$pack" > "$csv"
echo "file: $(du -m "$csv" | cut -f1) MB, $(($(wc -l < "$csv") - 1)) rows; $runs runs each; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf 'adcode,year,variable,value\n110000,2019,gdp_100m_yuan,lots\n110000,2019,va2_share,0.16\n' > "$work/bad.csv"
measure() { # label, file, CITYEVAL_JAVA_OPTS
  local walls=() cpus=() rss=() code msg
  for _ in $(seq 1 "$runs"); do
    set +e
    CITYEVAL_JAVA_OPTS="$3" /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$dist/bin/cityeval" evaluate \
      --model guomai-psdf-2024 --data "$2" --format json > /dev/null 2> "$work/err"
    code=$?
    set -e
    read -r wall user sys kb < <(tail -n 1 "$work/time")
    walls+=("$wall"); cpus+=("$(echo "$user + $sys" | bc)"); rss+=("$kb")
  done
  msg=$(grep -m1 '^cityeval:' "$work/err" | sed "s#$work/##" | cut -c1-100)
  printf '| %-10s | %6.2f s | %6.2f s | %5d MiB | %d | %s |\n' "$1" "$(median "${walls[@]}")" "$(median "${cpus[@]}")" \
    $(( $(median "${rss[@]}" | cut -d. -f1) / 1024 )) "$code" "$msg"
}
echo "| case       | wall (median) | CPU user+sys (median) | peak RSS (median) | exit | first line on stderr |"
echo "|---|---|---|---|---|---|"
measure start-up "$work/bad.csv" ""
measure refused "$csv" ""
measure "read whole" "$csv" "-Dcityeval.data.maxBytes=1g"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
