#!/usr/bin/env bash
# Bounded memory for uploads (issue 16): starts 'cityeval serve' from the assembled full distribution with its
# own configuration (conf/jvm/serve.options: the heap limit; the cache of read uploads at its default), makes a
# long-format CSV of about 20 MB from the shipped pack china-cities (its variables and, to reach the size,
# copies of them named <variable>_c<k>, all years), and per run:
#   1. uploads it N times (default 50), one at a time or C at once (default: both, 1 and 10);
#   2. records the heap in use after a full GC (jcmd GC.run, then jstat), RSS and peak RSS (/proc/PID/status);
#   3. evaluates every upload by its token (model guomai-psdf-2024... see MODEL) and checks each answers 200;
#   4. records the heap after GC again.
# Each run starts a new server on an empty store. Prints a table and the medians per mode.
#   scripts/bench-uploads.sh [runs] [uploads] [modes]        (default 3 runs, 50 uploads, modes "1 10")
# Environment: UPLOAD_MB (default 20), MODEL (default: the first model that evaluates the CSV),
#   CITYEVAL_DIST (default: the full distribution under distribution/archives), CITYEVAL_JAVA_OPTS (added).
# Builds nothing. Exits 1 when an upload or an evaluation failed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
runs=${1:-3}
uploads=${2:-50}
modes=${3:-"1 10"}
mb=${UPLOAD_MB:-20}
dist=${CITYEVAL_DIST:-$root/distribution/archives/target/cityeval-full/cityeval}
pack_csv="$root/bundles/org.cityeval.data.china/src/main/resources/OSGI-INF/cityeval/data/china-cities.csv"
if [ ! -x "$dist/bin/cityeval" ]; then
  echo "bench-uploads: needs the full distribution ($dist); build it with" >&2
  echo "  (cd $root && mvn -B -ntp -DskipTests package -pl distribution/archives -am)" >&2
  exit 1
fi
for tool in jcmd jstat curl python3; do
  command -v "$tool" >/dev/null || { echo "bench-uploads: needs $tool" >&2; exit 1; }
done

work=$(mktemp -d)
pid=
stop() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  pid=
}
trap 'stop; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# the long CSV: adcode,year,variable,value,source; copies of the variables until it is about $mb MB
csv="$work/long.csv"
python3 - "$pack_csv" "$csv" "$mb" <<'PY'
import csv, sys
src, out, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
rows = list(csv.reader(open(src, encoding="utf-8")))
head, body = rows[0], rows[1:]
variables = [c for c in head if c not in ("adcode", "year")]
ia, iy = head.index("adcode"), head.index("year")
def lines(copy):
    for r in body:
        for v in variables:
            x = r[head.index(v)]
            if x != "":
                name = v if copy == 0 else f"{v}_c{copy}"
                yield f"{r[ia]},{r[iy]},{name},{x},pack china-cities\n"
one = sum(len(l.encode()) for l in lines(0))
copies = max(1, round(mb * 1e6 / one))
with open(out, "w", encoding="utf-8") as f:
    f.write("adcode,year,variable,value,source\n")
    for c in range(copies):
        f.writelines(lines(c))
PY
size=$(stat -c %s "$csv")
values=$(($(wc -l <"$csv") - 1))

heap_after_gc() {   # KiB in use in all heap spaces after a full GC
  jcmd "$pid" GC.run >/dev/null
  jstat -gc "$pid" | awk 'NR == 2 {printf "%d", $3 + $4 + $6 + $8}'
}
status() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$pid/status"; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

start() {
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  rm -rf "$work/store" "$work/tmp"; mkdir -p "$work/tmp"
  # MarkSweepDeadRatio=0: the serial collector's full GC then leaves no dead filler (see bench-load.sh)
  CITYEVAL_JAVA_OPTS="-XX:MarkSweepDeadRatio=0 -Dcityeval.store=$work/store -Djava.io.tmpdir=$work/tmp ${CITYEVAL_JAVA_OPTS:-}" \
    "$dist/bin/cityeval" serve --port "$port" >"$work/server.log" 2>&1 </dev/null &
  pid=$!
  for _ in $(seq 1 1200); do
    grep -q "cityeval serving on" "$work/server.log" && return 0
    kill -0 "$pid" 2>/dev/null || { echo "bench-uploads: the server stopped:" >&2; cat "$work/server.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "bench-uploads: no server after 120 s" >&2; cat "$work/server.log" >&2; exit 1
}

upload() {   # prints the token; fails on an answer other than 200
  local out
  out=$(curl -sS -o "$work/up.$1.json" -w '%{http_code}' --data-binary "@$csv" -H 'Content-Type: text/csv' \
    "http://127.0.0.1:$port/api/upload?name=long$1.csv")
  [ "$out" = 200 ] || { echo "upload $1: HTTP $out: $(head -c 300 "$work/up.$1.json")" >&2; return 1; }
}
export -f upload
evaluate() {   # $1 token, $2 model
  curl -sS -o "$work/ev.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data "{\"model\": \"$2\", \"dataset\": \"$1\", \"year\": 2020, \"missing\": \"renormalise\"}" \
    "http://127.0.0.1:$port/api/evaluate"
}

echo "CSV: $csv, $((size / 1000000)) MB, $values values (long format), uploaded $uploads times per run"
echo "server: $dist/bin/cityeval serve, $(grep -h '^-X' "$dist/conf/jvm/serve.options" | tr '\n' ' ')${CITYEVAL_JAVA_OPTS:-}"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%4s %3s  %8s  %12s  %12s  %8s  %9s  %9s  %6s  %s\n' mode run 'upload s' 'heap MiB up' 'heap MiB ev' 'RSS MiB' \
  'peak RSS' 'evaluated' 'failed' 'load'
failed_all=0
summary=()
for mode in $modes; do
  h1=(); h2=(); r1=(); pk=(); secs=()
  for r in $(seq 1 "$runs"); do
    start
    model=${MODEL:-}
    t0=$(date +%s.%N)
    failed=0
    seq 1 "$uploads" | WORK="$work" CSV="$csv" xargs -P "$mode" -I{} bash -c 'work=$WORK csv=$CSV port='"$port"' upload {}' \
      || failed=1
    t1=$(date +%s.%N)
    kib=$(heap_after_gc); rss=$(($(status VmRSS) / 1024))
    tokens=$(cat "$work"/up.*.json | python3 -c 'import sys, json, re
for m in re.finditer(r"\"dataset\"\s*:\s*\"([0-9a-f]{32})\"", sys.stdin.read()): print(m.group(1))')
    if [ -z "$model" ]; then   # the first model that evaluates the CSV
      first=$(head -n 1 <<<"$tokens")
      for m in $(curl -sS "http://127.0.0.1:$port/api/models" | python3 -c 'import sys, json
for m in json.load(sys.stdin)["models"]: print(m["id"])'); do
        [ "$(evaluate "$first" "$m")" = 200 ] && { model=$m; break; }
      done
      [ -n "$model" ] || { echo "bench-uploads: no model evaluates the CSV" >&2; exit 1; }
    fi
    ok=0
    for t in $tokens; do
      code=$(evaluate "$t" "$model")
      if [ "$code" = 200 ]; then ok=$((ok + 1)); else failed=1; echo "evaluate $t: HTTP $code: $(head -c 300 "$work/ev.json")" >&2; fi
    done
    kib2=$(heap_after_gc); peak=$(($(status VmHWM) / 1024))
    [ "$ok" -eq "$uploads" ] || failed=1
    [ $failed -eq 0 ] || failed_all=1
    secs+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')")
    h1+=("$kib"); h2+=("$kib2"); r1+=("$rss"); pk+=("$peak")
    printf '%4s %3d  %8s  %12d  %12d  %8d  %9d  %9s  %6s  %s\n' "$mode" "$r" "${secs[-1]}" $((kib / 1024)) $((kib2 / 1024)) "$rss" \
      "$peak" "$ok/$uploads" "$failed" "$(cut -d' ' -f1 /proc/loadavg)"
    [ $failed -eq 0 ] || { echo "server log:"; tail -n 20 "$work/server.log"; }
    stop
    rm -f "$work"/up.*.json
  done
  summary+=("$(printf 'median, %2s at once: uploads %s s, heap after GC %d MiB after the uploads and %d MiB after evaluating each, RSS %d MiB, peak RSS %d MiB (model %s)' \
    "$mode" "$(median "${secs[@]}")" $(( $(median "${h1[@]}" | cut -d. -f1) / 1024 )) $(( $(median "${h2[@]}" | cut -d. -f1) / 1024 )) \
    "$(median "${r1[@]}" | cut -d. -f1)" "$(median "${pk[@]}" | cut -d. -f1)" "$model")")
done
printf '%s\n' "${summary[@]}"
[ $failed_all -eq 0 ] || { echo "bench-uploads: some uploads or evaluations failed" >&2; exit 1; }
