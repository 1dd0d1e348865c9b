#!/usr/bin/env bash
# How fast a second `cityeval serve` that cannot run says so: one server is started on a free port with its own
# store; then, several times each, `serve` again on the same port (exit 5) and on the same store (exit 6), whole
# process under GNU time. Prints the median wall time of each, the exit codes and the one line on standard error,
# and the load average (on a shared machine the JVM's and the framework's start dominate these figures), with
# `serve --help` as the baseline: the same start of the JVM and the framework, and nothing else.
# Usage: scripts/bench-serve-fail.sh [runs]   (DIST=<unpacked distribution>, default the repository's full profile)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
runs=${1:-5}
dist=${DIST:-$root/distribution/archives/target/cityeval-full/cityeval}
[ -x "$dist/bin/cityeval" ] || { echo "no distribution at $dist: build it (mvn install -DskipTests)" >&2; exit 1; }
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
CITYEVAL_JAVA_OPTS="-Dcityeval.store=$work/store" "$dist/bin/cityeval" serve --port "$port" > "$work/first.log" 2>&1 &
first=$!
trap 'kill "$first" 2>/dev/null; wait "$first" 2>/dev/null; rm -rf "$work"' EXIT
until grep -q "cityeval serving on" "$work/first.log"; do
  kill -0 "$first" 2>/dev/null || { cat "$work/first.log" >&2; exit 1; }
  sleep 0.2
done
echo "first server on port $port; $runs runs each; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure() { # label, store, port[, more arguments]
  local walls=() cpus=() code
  for _ in $(seq 1 "$runs"); do
    set +e
    CITYEVAL_JAVA_OPTS="-Dcityeval.store=$2" /usr/bin/time -f "%e %U %S" -o "$work/time" "$dist/bin/cityeval" serve \
      --port "$3" "${@:4}" > /dev/null 2> "$work/err"
    code=$?
    set -e
    read -r wall user sys < <(tail -n 1 "$work/time")
    walls+=("$wall"); cpus+=("$(echo "$user + $sys" | bc)")
  done
  printf '| %-12s | %5.2f s | %5.2f s | %d | %d | %s |\n' "$1" "$(median "${walls[@]}")" "$(median "${cpus[@]}")" \
    "$code" "$(wc -l < "$work/err")" "$(sed "s#$work/##" "$work/err" | head -n 1 | cut -c1-110)"
}
echo "| case         | wall (median) | CPU user+sys (median) | exit | lines on stderr | stderr |"
echo "|---|---|---|---|---|---|"
measure "serve --help" "$work/other-store" 0 --help
measure "port in use" "$work/other-store" "$port"
measure "store locked" "$work/store" 0
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
