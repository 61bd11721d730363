#!/usr/bin/env bash
# Keeps a sample of each target's long-run corpus as regression inputs (docs/security-and-privacy.md §6).
#
#   fuzz/keep-corpus.sh [N] [DIR]
#
# For every <module>/.cifuzz-corpus/<package>.<Target>/<method>/ under DIR (default: this checkout), copies
# up to N inputs (default 100), spread evenly from the smallest to the largest, into
# <module>/src/test/resources/<package path>/<Target>Inputs/<method>/corpus/ of this checkout (replacing
# what was there), so that every `mvn verify` replays them. Inputs are named by their SHA-1, as Jazzer names them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
keep="${1:-100}"
from="${2:-$root}"
for dir in "$from"/*/.cifuzz-corpus/*/*/; do
  [ -d "$dir" ] || continue
  method="$(basename "$dir")"
  fqcn="$(basename "$(dirname "$dir")")"
  module="$(basename "$(dirname "$(dirname "$(dirname "$dir")")")")"
  target="${fqcn##*.}"
  package="${fqcn%.*}"
  dest="$root/$module/src/test/resources/${package//.//}/${target}Inputs/$method/corpus"
  mapfile -t files < <(find "$dir" -maxdepth 1 -type f -printf '%s %p\n' | sort -n | cut -d' ' -f2-)
  total=${#files[@]}
  [ "$total" -gt 0 ] || continue
  rm -rf "$dest"
  mkdir -p "$dest"
  count=$(( total < keep ? total : keep ))
  for ((i = 0; i < count; i++)); do
    f="${files[$(( i * total / count ))]}"
    cp "$f" "$dest/$(sha1sum "$f" | cut -c1-40)"
  done
  echo "$target#$method: kept $(ls "$dest" | wc -l) of $total"
done
