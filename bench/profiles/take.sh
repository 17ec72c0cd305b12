#!/usr/bin/env bash
# Takes the CPU profiles of bench/profiles (see README.md there): the built gateway under `node --cpu-prof`,
# CACHE=off COALESCE=off, the bench simulator at 0 ms, 10 connections of autocannon for SECONDS on a page of N jobs.
# Usage: bench/profiles/take.sh <jobs> <name> [extra env, e.g. EXECUTOR=graphql-js]   (after `npm run build`)
set -euo pipefail
cd "$(dirname "$0")/../.."
jobs="$1"; name="$2"; shift 2
seconds="${SECONDS_PER_PROFILE:-8}"
dir="$(mktemp -d)"
taskset -c 0 node dist/bench/sim-process.js 0 >"$dir/sim.out" &
sim=$!
for _ in $(seq 100); do grep -q url "$dir/sim.out" 2>/dev/null && break; sleep 0.1; done
sim_url="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8").split("\n")[0]).url)' "$dir/sim.out")"
env "$@" PORT=0 ATLAS_AUTH_MODE=passthrough MONGODB_ATLAS_BASE_URL="$sim_url" NODE_ENV=production CACHE=off COALESCE=off LOG_LEVEL=warn \
  taskset -c 1 node --cpu-prof --cpu-prof-dir="$dir/prof" dist/src/index.js >"$dir/gw.out" 2>&1 &
gw=$!
for _ in $(seq 100); do grep -q 'GraphQL at' "$dir/gw.out" 2>/dev/null && break; sleep 0.1; done
gw_url="$(grep -o 'GraphQL at http://[^ ]*' "$dir/gw.out" | cut -d' ' -f3)"
body="$(node -e 'const w=require("./dist/bench/workload.js");process.stdout.write(w.pageQuery("walk-cluster",+process.argv[1]).graphql)' "$jobs")"
args=(-m POST -H 'content-type: application/json' -H 'authorization: Bearer bench-caller-token-0' -b "$body" -c 10)
taskset -c 0 npx autocannon "${args[@]}" -d 2 "$gw_url" >/dev/null 2>&1
taskset -c 0 npx autocannon "${args[@]}" -d "$seconds" "$gw_url" 2>&1 | grep -E 'Req/Sec|Latency' | head -3
kill -INT "$gw"; wait "$gw" || true
kill "$sim"; wait "$sim" || true
mv "$dir"/prof/*.cpuprofile "bench/profiles/$name.cpuprofile"
node bench/profiles/analyze.js "bench/profiles/$name.cpuprofile" 30 > "bench/profiles/$name.txt"
rm -rf "$dir"
echo "bench/profiles/$name.cpuprofile, summary in bench/profiles/$name.txt"
