#!/usr/bin/env bash
# Measures the two-command quick start on a fresh clone of HEAD: `npm ci`, then `npm start` until /api/health answers
# 200 (target: under 3 minutes, no environment variables set), then the clean stop. Optionally `npm test` (--with-tests).
# Usage: bash scripts/bench/fresh-start.sh [--with-tests] [--port N]
set -euo pipefail
with_tests=false
port=3000
while [ $# -gt 0 ]; do
  case "$1" in
    --with-tests) with_tests=true ;;
    --port) port="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$repo" "$work/heimdall"
cd "$work/heimdall"

seconds() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(seconds)" 'BEGIN { printf "%.1f", b - a }'; }

t=$(seconds)
npm ci --no-audit --no-fund >"$work/npm-ci.log" 2>&1
ci_time=$(elapsed "$t")

t=$(seconds)
# `env -i` keeps only what a shell needs: Heimdall gets no configuration at all.
env -i PATH="$PATH" HOME="$HOME" PORT="$port" npm start >"$work/start.log" 2>&1 &
starter=$!
healthy_time=""
for _ in $(seq 1 360); do
  if curl -sf "http://127.0.0.1:$port/api/health" >/dev/null 2>&1; then healthy_time=$(elapsed "$t"); break; fi
  kill -0 "$starter" 2>/dev/null || break
  sleep 0.5
done
t=$(seconds)
pkill -INT -f "tsx scripts/start.ts" || true
wait "$starter" || true
stop_time=$(elapsed "$t")

echo "fresh clone of $(git -C "$repo" rev-parse --short HEAD) on $(nproc) cores"
echo "npm ci:                 ${ci_time} s"
echo "npm start → healthy:    ${healthy_time:-never (see log below)} s  (target < 180 s)"
echo "clean stop after SIGINT: ${stop_time} s"
[ -n "$healthy_time" ] || tail -20 "$work/start.log"

if $with_tests; then
  t=$(seconds)
  npm test >"$work/test.log" 2>&1 && status=passed || status=FAILED
  echo "npm test:               $(elapsed "$t") s ($status)"
  [ "$status" = passed ] || tail -40 "$work/test.log"
fi
