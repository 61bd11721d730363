#!/usr/bin/env bash
# Load test of the holder's call endpoint on loopback (docs/benchmarks.md): starts a holder service on
# SQLite in a temporary directory, seeds a tenant, a key and a token, then runs wrk against
# POST /v1/presentations/call. Needs wrk (Debian package) and python3. Usage: benchmarks/holder-wrk.sh [seconds] [connections]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-30}"
connections="${2:-32}"
work="$(mktemp -d)"
port=18182
export VESPER_ADMIN_KEY="bench-admin-key-$(date +%s)-0123456789"
./vesper keys generate --out "$work/issuer.jwk" --kid bench-issuer 2>/dev/null
VESPER_JAVA_OPTS="${HOLDER_JAVA_OPTS:-}" ./vesper holder serve --port "$port" --data "$work/data" --trust-issuer "$work/issuer.jwk" --rate-per-second 1000000 --burst 1000000 \
  >"$work/holder.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done

api() { curl -fs -X "$1" "http://127.0.0.1:$port$2" -H "Authorization: Bearer $3" -H 'Content-Type: application/json' ${4:+-d "$4"}; }
tenant=$(api POST /v1/tenants "$VESPER_ADMIN_KEY" '{"name":"bench"}')
key=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["api_key"])' <<<"$tenant")
api POST /v1/keys "$key" '{}' | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["jwk"]))' >"$work/holder.pub.jwk"
cat >"$work/claims.json" <<'JSON'
{"name":"Acme Widgets Inc.","entity_type":"organization","address":{"locality":"Washington","country":"US"},
 "kyc":{"level":"substantial","method":"document"},"tn":["+12025550100",{"start":"12025550200","count":100}]}
JSON
token=$(./vesper issue --issuer-key "$work/issuer.jwk" --holder-key "$work/holder.pub.jwk" --claims "$work/claims.json")
api POST /v1/tokens "$key" "{\"token\":\"$token\"}" >/dev/null

iat=$(date +%s)
cat >"$work/call.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
wrk.body = '{"orig":"+12025550100","dest":["+13035550199"],"iat":$iat}'
LUA
echo "== warm-up (10 s)"
wrk -t2 -c"$connections" -d10s -s "$work/call.lua" "http://127.0.0.1:$port/v1/presentations/call" >/dev/null
echo "== POST /v1/presentations/call: wrk -t${WRK_THREADS:-1} -c$connections -d${seconds}s --latency"
wrk -t"${WRK_THREADS:-1}" -c"$connections" -d"${seconds}s" --latency -s "$work/call.lua" "http://127.0.0.1:$port/v1/presentations/call"
grep -c '"status":200' "$work/holder.log" >/dev/null || true
