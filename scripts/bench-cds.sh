#!/usr/bin/env bash
# Cold start with and without class-data sharing, measured in one run: the same distribution, the same command,
# N cold processes per variant, the variants interleaved (run 1 of each, then run 2 of each, ...) so that a
# change in the machine's load falls on all of them alike. Prints each variant's runs, median wall time and
# median peak RSS, the load average before and after, and the first run that writes the archive.
#   scripts/bench-cds.sh [runs] [command...]
# default: 10 runs of 'reproduce guomai-psdf-2024 --format json'.
# Variants (environment of bin/cityeval):
#   no-cds    CITYEVAL_CDS=off, CITYEVAL_JAVA_OPTS=-Xshare:off   no class-data sharing at all
#   jdk-cds   CITYEVAL_CDS=off                                   the JDK's own archive only (JDK classes)
#   app-cds   CITYEVAL_CDS_DIR=<fresh dir>                       the distribution's archive (bin/cityeval's default)
# EXPLORE=1 adds variants of JVM options tried on top of app-cds (see docs/benchmarks.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
runs=${1:-10}
shift || true
[ $# -gt 0 ] || set -- reproduce guomai-psdf-2024 --format json
bin="$root/distribution/archives/target/cityeval-full/cityeval/bin/cityeval"
# builds nothing: measures the distribution as it is
[ -x "$bin" ] || { echo "no distribution; build it: mvn -B -ntp install -DskipTests (or ./cityeval models)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time; Debian package 'time')" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cdsdir="$work/cds"

names=(no-cds jdk-cds app-cds)
# one variant's environment: assignments separated by '|'
envs=("CITYEVAL_CDS=off|CITYEVAL_JAVA_OPTS=-Xshare:off" "CITYEVAL_CDS=off" "CITYEVAL_CDS_DIR=$cdsdir")
if [ "${EXPLORE:-0}" = 1 ]; then
  names+=(app-cds-noperfdata app-cds-c2 app-cds-noverify)
  envs+=("CITYEVAL_CDS_DIR=$cdsdir|CITYEVAL_JAVA_OPTS=-XX:-UsePerfData"
         "CITYEVAL_CDS_DIR=$cdsdir|CITYEVAL_JAVA_OPTS=-XX:TieredStopAtLevel=4"
         "CITYEVAL_CDS_DIR=$cdsdir|CITYEVAL_JAVA_OPTS=-XX:+UnlockDiagnosticVMOptions -XX:-BytecodeVerificationRemote")
fi

echo "command: cityeval $*"
echo "java: $(java -version 2>&1 | head -n 1)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# the first run of app-cds writes the archive: timed once, reported apart
/usr/bin/time -f "%e %M %U %S" -o "$work/t" env CITYEVAL_CDS_DIR="$cdsdir" "$bin" "$@" > "$work/first.out"
read -r wall kb user sys < "$work/t"
printf 'first run (writes the archive): %.2f s, CPU %.2f s, peak RSS %d MiB; archive %s\n' "$wall" \
  "$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" $((kb / 1024)) \
  "$(du -h "$cdsdir"/*.jsa 2>/dev/null | cut -f1 || echo missing)"

declare -A walls rss cpus
for i in $(seq 1 "$runs"); do
  for v in "${!names[@]}"; do
    IFS='|' read -r -a assign <<< "${envs[$v]}"
    /usr/bin/time -f "%e %M %U %S" -o "$work/t" env "${assign[@]}" "$bin" "$@" > "$work/out"
    cmp -s "$work/out" "$work/first.out" || { echo "${names[$v]}: output differs from the first run's" >&2; exit 1; }
    read -r wall kb user sys < "$work/t"
    walls[$v]+="$wall "; rss[$v]+="$((kb / 1024)) "; cpus[$v]+="$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}') "
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf '\n| variant | wall, runs sorted (s) | median wall | median CPU (user+sys) | median peak RSS |\n|---|---|---|---|---|\n'
base=; cbase=
for v in "${!names[@]}"; do
  # shellcheck disable=SC2086
  m=$(median ${walls[$v]}); r=$(median ${rss[$v]}); c=$(median ${cpus[$v]})
  [ -n "$base" ] || base=$m
  [ -n "$cbase" ] || cbase=$c
  sorted=$(printf '%s\n' ${walls[$v]} | sort -n | tr '\n' ' ')
  printf '| %s | %s| %.2f s (%.2f× no-cds) | %.2f s (%.2f×) | %d MiB |\n' "${names[$v]}" "$sorted" "$m" \
    "$(awk -v a="$m" -v b="$base" 'BEGIN {print a / b}')" "$c" "$(awk -v a="$c" -v b="$cbase" 'BEGIN {print a / b}')" "${r%.*}"
done
