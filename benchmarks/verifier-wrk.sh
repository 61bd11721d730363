#!/usr/bin/env bash
# Load test of the verifier's POST /v1/presentations/verify on loopback (docs/benchmarks.md), two cases:
#   one-token    2,000 distinct call presentations of ONE token: the issuer signature is a cache hit,
#                each request pays the KB-JWT signature and the pipeline;
#   many-tokens  every request a presentation of a DIFFERENT token (its own holder key), each sent once:
#                two signature checks per request, nothing cached.
# Starts `vesper verifier serve` trusting the bench issuer's metadata document, builds each load set just
# before its case (KB-JWTs are fresh for 5 minutes) with dev.vesper.benchmarks.VerifierLoadSet, warms up,
# measures with wrk, then replays part of the set through a checking script: every answer must be valid.
# Needs wrk (Debian package). Usage: benchmarks/verifier-wrk.sh [seconds] [connections] [many-tokens count]
# Env: VERIFIER_WRK_PORT (default 18184), VERIFIER_JAVA_OPTS (server JVM), WRK_THREADS (default 1).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-20}"
connections="${2:-8}"
distinct="${3:-150000}"
port="${VERIFIER_WRK_PORT:-18184}"
threads="${WRK_THREADS:-1}"
jar=benchmarks/target/vesper-benchmarks.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml ./*/pom.xml ./*/src/main -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
  mvn -q -B -DskipTests -pl benchmarks -am package
fi
work="$(mktemp -d)"
url="http://127.0.0.1:$port"
./vesper keys generate --out "$work/issuer.jwk" --kid bench-issuer 2>/dev/null
loadset() { java -cp "$jar" dev.vesper.benchmarks.VerifierLoadSet "$work/issuer.jwk" "$work/$1.jsonl" "$2" "$3"; }
loadset one-token 1 2000

VESPER_JAVA_OPTS="${VERIFIER_JAVA_OPTS:-}" ./vesper verifier serve --port "$port" --trust-issuer "$work/issuer-metadata.json" \
  >"$work/verifier.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -fs "$url/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done

# Sends the lines of a bodies file in order from line OFFSET+1, wrapping around at the end (and saying
# so), and writes the number sent to OUT. check.lua also counts answers that are not {"valid":true,...}.
cat >"$work/verify.lua" <<'LUA'
bodies, sent, invalid, threads = {}, 0, 0, {}
local headers = {["Content-Type"] = "application/json"}
setup = function(thread) table.insert(threads, thread) end
init = function(args)
  offset, out = tonumber(args[2]), args[3]
  for line in io.lines(args[1]) do bodies[#bodies + 1] = line end
  count = #bodies
end
request = function()
  sent = sent + 1
  return wrk.format("POST", "/v1/presentations/verify", headers, bodies[(offset + sent - 1) % count + 1])
end
done = function(summary, latency, requests)
  local total, bad, distinct, out = 0, 0, 0, nil
  for _, t in ipairs(threads) do
    total, bad, distinct, out = total + t:get("sent"), bad + t:get("invalid"), t:get("count"), t:get("out")
  end
  if total > distinct then
    io.write(string.format("NOTE: %d requests over %d distinct bodies: the set wrapped around\n", total, distinct))
  end
  if checking then io.write(string.format("checked: %d answers, %d not valid\n", total, bad)) end
  local f = io.open(out, "w"); f:write(tostring(total)); f:close()
end
LUA
{ cat "$work/verify.lua"; cat <<'LUA'
checking = true
response = function(status, headers, body)
  if status ~= 200 or string.sub(body, 1, 13) ~= '{"valid":true' then invalid = invalid + 1 end
end
LUA
} >"$work/check.lua"
run() { # run SET DURATION OFFSET SCRIPT [--latency]
  wrk -t"$threads" -c"$connections" -d"$2" ${5:-} -s "$work/$4.lua" "$url/v1/presentations/verify" -- "$work/$1.jsonl" "$3" "$work/sent"
}
sent() { cat "$work/sent"; }

echo "== server: $(head -c 300 "$work/verifier.log" | tr '\n' ' ')"
echo "== one-token: warm-up (10 s)"
run one-token 10s 0 verify >/dev/null
echo "== one-token: 2,000 presentations of one token, wrk -t$threads -c$connections -d${seconds}s --latency"
run one-token "${seconds}s" 0 verify --latency
echo "== one-token: check (3 s, every answer must be valid)"
run one-token 3s 0 check | grep -E '^(checked|NOTE)'

loadset many-tokens "$distinct" 1
echo "== many-tokens: warm-up (3 s, first part of the set)"
run many-tokens 3s 0 verify >/dev/null
offset=$(sent)
echo "== many-tokens: presentations of distinct tokens from line $((offset + 1)), each once, wrk -t$threads -c$connections -d${seconds}s --latency"
run many-tokens "${seconds}s" "$offset" verify --latency
offset=$((offset + $(sent)))
echo "== many-tokens: check (2 s, the next unsent bodies; every answer must be valid)"
run many-tokens 2s "$offset" check | grep -E '^(checked|NOTE)'
