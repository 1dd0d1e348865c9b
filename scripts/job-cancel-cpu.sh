#!/bin/sh
# Measures what JobsApiTest cannot assert without a clock: that the server stops computing within about 1 s of
# cancelling a 100,000-replication uncertainty job (issue 15), and how soon the first progress shows. Starts `cityeval serve` of a distribution on a free
# port, submits the job, samples the server process's CPU time (utime + stime from /proc/PID/stat) once per
# second while it runs and after DELETE /api/jobs/{id}, prints the CPU share per second, and stops the server it
# started. Linux only; needs curl. Not part of the build (its numbers depend on the machine).
#
# usage: scripts/job-cancel-cpu.sh [HOME]   (HOME: an unpacked distribution, default
#        distribution/archives/target/cityeval-full/cityeval)
set -eu
home=${1:-distribution/archives/target/cityeval-full/cityeval}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)
sh "$home/bin/cityeval" serve --port "$port" >"$log" 2>&1 &
pid=$!                       # bin/cityeval execs java: this is the server's JVM
trap 'kill "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
until grep -q "cityeval serving on" "$log"; do
  kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.5
done
base="http://127.0.0.1:$port"
hz=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
sample() { # $1: label; prints the CPU share of one core over the next second
  a=$(cpu); sleep 1; b=$(cpu)
  echo "$1: $(( (b - a) * 100 / hz ))% of one core"
}
job=$(curl -s -H 'Content-Type: application/json' -d '{"model": "guomai-psdf-2024", "pack": "china-cities",
  "missing": "renormalise", "replications": 100000, "weightNoise": {"1": 0.25, "2": 0.25}}' "$base/api/jobs/uncertainty")
id=$(echo "$job" | sed -n 's/.*"id":"\([0-9a-f]*\)".*/\1/p')
[ -n "$id" ] || { echo "no job: $job"; exit 1; }
# the first progress the dashboard can show: poll as the dashboard does (it polls every 250 ms) until done > 0
t0=$(date +%s%N)
until curl -s "$base/api/jobs/$id" | grep -q '"done":[1-9]'; do sleep 0.05; done
t1=$(date +%s%N)
echo "first progress (done > 0) after $(( (t1 - t0) / 1000000 )) ms"
sleep 1
sample "running, second 1"
sample "running, second 2"
curl -s "$base/api/jobs/$id"; echo
t2=$(date +%s%N)
curl -s -X DELETE "$base/api/jobs/$id"; echo
# the job's end as the server reports it (state cancelled: its thread no longer computes)
until curl -s "$base/api/jobs/$id" | grep -q '"state":"CANCELLED"'; do sleep 0.05; done
t3=$(date +%s%N)
echo "cancelled (state CANCELLED) $(( (t3 - t2) / 1000000 )) ms after DELETE"
sample "first second after cancel"
sample "second second after cancel"
curl -s "$base/api/jobs/$id"; echo
