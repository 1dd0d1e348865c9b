#!/usr/bin/env bash
# Exploratory fuzzing with Jazzer (docs/fuzzing.md), never part of the default build: each fuzz target runs for
# DURATION (Jazzer's syntax: 30s, 10m, 1h; default 2m) in a JVM of its own. Four targets at the default take
# about 4 x (2 min + 15-25 s to start, instrument and replay): 10 minutes.
# Usage: scripts/fuzz.sh [DURATION [TARGET...]]     TARGET: csv, xlsx, json, descriptor (default: all four)
# Extra Maven options (say -Dmaven.repo.local=..., -o, -Dfuzz.keep_going=20) go in MVN_OPTS.
# A finding fails the run; the crash file is in bundles/<bundle>/target/jazzer/, the stack trace in
# bundles/<bundle>/target/surefire-reports-fuzz/<Class>.txt.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
duration=${1:-2m}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv xlsx json descriptor)
classes=(); modules=()
for t in "${targets[@]}"; do
  case $t in
    csv) classes+=(org.cityeval.io.internal.CsvImporterFuzzTest); modules+=(bundles/org.cityeval.io) ;;
    xlsx) classes+=(org.cityeval.io.internal.XlsxImporterFuzzTest); modules+=(bundles/org.cityeval.io) ;;
    json) classes+=(org.cityeval.io.internal.JsonImporterFuzzTest); modules+=(bundles/org.cityeval.io) ;;
    descriptor) classes+=(org.cityeval.extender.internal.DescriptorParserFuzzTest); modules+=(bundles/org.cityeval.extender) ;;
    *) echo "unknown target '$t' (csv, xlsx, json, descriptor)" >&2; exit 2 ;;
  esac
done
pl=$(printf '%s\n' "${modules[@]}" | sort -u | paste -sd, -)
tests=$(IFS=,; echo "${classes[*]}")
echo "== fuzzing ${targets[*]} for $duration each"
cd "$root"
# -am builds what the bundles need; -Dtest names the targets (the modules built along have none of them)
# shellcheck disable=SC2086
mvn -B -ntp ${MVN_OPTS:-} -Pfuzz -pl "$pl" -am verify -Dfuzz.duration="$duration" -Dtest="$tests" \
    -Dsurefire.failIfNoSpecifiedTests=false -Dbnd.baseline.skip=true
