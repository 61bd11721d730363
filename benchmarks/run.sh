#!/usr/bin/env bash
# Runs the JMH benchmarks and the peer (@sd-jwt/core 0.19.0) in one go, for a side-by-side reading.
# Usage: benchmarks/run.sh   (from the repository root; needs the Maven build and interop/node_modules)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B -DskipTests -pl benchmarks -am package
(cd interop && npm ci --no-audit --no-fund --loglevel=error)
echo "== Vesper (JMH, one thread, avgt us/op)"
java -jar benchmarks/target/vesper-benchmarks.jar -f 1 -wi 3 -i 5 -w 2s -r 2s -tu us -bm avgt "$@" \
  | grep -E '^(Benchmark|TokenBenchmarks)'
echo "== Peer: @sd-jwt/core 0.19.0 on Node $(node --version)"
node interop/bench-peer.mjs 5
