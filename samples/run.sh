#!/usr/bin/env bash
# Runs one sample against a fresh local stack: samples/run.sh ConsumerRevealsOnlyTheName
# Samples: ConsumerRevealsOnlyTheName EnterpriseTwoAudiences ContactCentreUnderGrant VerifierSeesAForgedCall
#          RevokedTokenIsRefused RegistryProofsOffline WalletReceivesByOffer
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
name="${1:?usage: samples/run.sh SampleName (see the list at the top of this script)}"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
# One reactor build, nothing installed into ~/.m2: the samples' classpath names the sibling modules' jars
# under their target/ folders (every module writes the file in turn; samples, built last, writes it last).
mvn -q -B -Dstyle.color=never -DskipTests -pl samples -am package dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
exec java -cp "samples/target/classes:$(cat "$cp_file")" "dev.vesper.samples.$name" 2> >(grep -v 'vesper.access\|INFO' >&2)
