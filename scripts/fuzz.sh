#!/usr/bin/env bash
# Runs every Go fuzz target of the module for FUZZTIME (default 5s).
#
# A target fails only when the fuzzer reports a failing input. With short
# fuzz times, go test sometimes ends a clean run with "context deadline
# exceeded" because the time ran out while it was minimizing a new
# coverage input; such a run found no failure, so it is retried once and
# then reported as a warning.
set -uo pipefail
fuzztime=${FUZZTIME:-5s}
go=${GO:-go}
status=0
for pkg in $($go list ./...); do
  dir=$($go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //'); do
    for attempt in 1 2; do
      echo "fuzz $pkg $target"
      out=$($go test -run='^$' -fuzz="^${target}\$" -fuzztime="$fuzztime" "$pkg" 2>&1)
      rc=$?
      printf '%s\n' "$out"
      if [ $rc -eq 0 ]; then
        break
      fi
      if grep -q "Failing input written" <<<"$out" || ! grep -q "context deadline exceeded" <<<"$out"; then
        status=1
        break
      fi
      if [ $attempt -eq 2 ]; then
        echo "fuzz: warning: $target ran out of time while minimizing twice; no failing input was found"
      fi
    done
  done
done
exit $status
