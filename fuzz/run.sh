#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser of outside input (docs/security-and-privacy.md, "Fuzzing").
#
#   fuzz/run.sh                      every target in turn
#   fuzz/run.sh PassportFuzzTest     only the targets whose name contains one of the arguments
#
# FUZZ_SECONDS (default 120) bounds each target; the network-facing ones (SD-JWT presentation, compact
# JWS, PASSporT, SIP Identity header, TNAuthList DER) get FUZZ_NETWORK_SECONDS (default 600).
# Jazzer fuzzes one target per JVM, so targets run one after another, under `nice -n 10`.
# A finding is saved by Jazzer under the module's src/test/resources/<package>/<Target>Inputs/<method>/
# (commit it with the fix: every `mvn verify` replays it); the growing corpus stays in <module>/.cifuzz-corpus/.
# Coverage feedback covers our classes plus Jackson's tokenizer and BouncyCastle's ASN.1 reader.
# Logs go to fuzz/logs/<Target>.log; the summary (target, seconds, executions, outcome) to fuzz/logs/summary.tsv.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${FUZZ_SECONDS:-120}"
network_seconds="${FUZZ_NETWORK_SECONDS:-600}"

# module  class#method  network-facing?
targets=(
  "presentation-verifier dev.vesper.verifier.fuzz.PresentationFuzzTest#verify network"
  "wallet-core dev.vesper.core.fuzz.CompactJwsFuzzTest#parse network"
  "wallet-core dev.vesper.core.fuzz.PassportFuzzTest#parse network"
  "wallet-core dev.vesper.core.fuzz.IdentityHeaderFuzzTest#parse network"
  "wallet-core dev.vesper.core.fuzz.TnAuthListFuzzTest#decode network"
  "wallet-core dev.vesper.core.fuzz.CpsTokenFuzzTest#verify network"
  "wallet-core dev.vesper.core.fuzz.DelegationFuzzTest#parse network"
  "wallet-core dev.vesper.core.fuzz.RichCallDataFuzzTest#read network"
  "wallet-core dev.vesper.core.fuzz.SdJwtFuzzTest#splitAndProcess -"
  "wallet-core dev.vesper.core.fuzz.JsonFuzzTest#parse -"
  "wallet-core dev.vesper.core.fuzz.Base64UrlFuzzTest#decode -"
  "wallet-core dev.vesper.core.fuzz.TelephoneNumberFuzzTest#parse -"
  "wallet-core dev.vesper.core.fuzz.LogEntryFuzzTest#decode -"
  "wallet-core dev.vesper.core.fuzz.SignedNoteFuzzTest#parse -"
  "wallet-core dev.vesper.core.fuzz.ReceiptFuzzTest#parseAndVerify -"
  "wallet-core dev.vesper.core.fuzz.StatusListFuzzTest#verify -"
  "wallet-core dev.vesper.core.fuzz.DcqlFuzzTest#parse -"
  "wallet-core dev.vesper.core.fuzz.OpenId4vcLinksFuzzTest#parse -"
  "issuer-server dev.vesper.issuer.fuzz.AuthorityTokenFuzzTest#verify -"
  "issuer-server dev.vesper.issuer.fuzz.KycAttestationFuzzTest#verify -"
)

# selected NAME [FILTER...]: true when no filter is given or NAME contains one of them.
selected() {
  local name="$1"; shift
  [ $# -eq 0 ] && return 0
  for want in "$@"; do [[ "$name" == *"$want"* ]] && return 0; done
  return 1
}

mkdir -p fuzz/logs
summary=fuzz/logs/summary.tsv
[ -f "$summary" ] || printf 'target\tseconds\texecutions\toutcome\tfinished\n' > "$summary"
status=0
for t in "${targets[@]}"; do
  read -r module test kind <<<"$t"
  name="${test##*.}"
  selected "$name" "$@" || continue
  budget="$seconds"
  [ "$kind" = network ] && budget="$network_seconds"
  log="fuzz/logs/${name%%#*}.log"
  echo "== fuzzing $name for ${budget}s ($module)"
  JAZZER_FUZZ=1 nice -n 10 mvn -B -ntp -pl "$module" -am test \
    -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.hooks=true -Djazzer.max_duration="${budget}s" \
    -Djazzer.instrument='dev.vesper.**,com.fasterxml.jackson.core.**,org.bouncycastle.asn1.**' \
    -DargLine="-Xmx1536m -XX:+UseSerialGC" >"$log" 2>&1
  rc=$?
  runs="$(grep -aoE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 | awk '{print $2}')"
  outcome=ok
  [ $rc -ne 0 ] && { outcome=FINDING; status=1; }
  grep -aq "Tests run:.*Skipped: [1-9]" "$log" && grep -aq "Tests run: 1, Failures: 0, Errors: 0, Skipped: 1" "$log" && outcome=SKIPPED
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$budget" "${runs:-?}" "$outcome" "$(date -u +%FT%TZ)" | tee -a "$summary"
done
exit $status
