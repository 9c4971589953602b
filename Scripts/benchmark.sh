#!/usr/bin/env bash
# Measures OpModel against references run side by side on the same machine, in the same run:
#   generate : peak memory of `opmodel generate` for 1M and 4M responses (bounded memory)
#   import   : release `opmodel import` of 1M generated responses vs `sqlite3 .import` of the
#              same file into a plain table; medians of RUNS runs each, their ratio, peak memory
#              of the import, and the store's size.
# Usage: Scripts/benchmark.sh [RUNS] [RESPONSES]      (defaults: 3 runs, 1,000,000 responses)
# Set SKIP_4M=1 to skip the 4M-response memory check. Set BASELINE=/path/to/an/older/opmodel to
# time that build's import and batch too, interleaved in the same runs, and print new/old ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
responses=${2:-1000000}
work=$(mktemp -d "${TMPDIR:-/tmp}/opmodel-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }
command -v sqlite3 >/dev/null || { echo "needs sqlite3 (apt-get install sqlite3)"; exit 1; }

swift build -c release --product opmodel >/dev/null
bin=$(swift build -c release --show-bin-path)/opmodel

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# Runs a command under /usr/bin/time; prints "seconds peak_kB".
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || { cat "$work/stderr.txt"; exit 1; }
  cat "$work/time.txt"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(swift --version 2>&1 | head -1); sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
echo
echo "== generate (streaming, peak memory)"
read -r gen_s gen_kb < <(measure "$bin" generate --responses "$responses" --orgs 3 --waves 2026-Q1 --seed 1 --out "$work/export.csv")
size_mb=$(du -m "$work/export.csv" | cut -f1)
printf "generate %d responses: %.1f s, peak %.1f MB, file %d MB\n" "$responses" "$gen_s" "$(echo "$gen_kb/1024" | bc -l)" "$size_mb"
if [ "${SKIP_4M:-0}" != 1 ]; then
  read -r gen4_s gen4_kb < <(measure "$bin" generate --responses $((responses * 4)) --orgs 3 --waves 2026-Q1 --seed 1 --out "$work/export4.csv")
  printf "generate %d responses: %.1f s, peak %.1f MB (difference to 1x: %.1f MB)\n" $((responses * 4)) "$gen4_s" \
    "$(echo "$gen4_kb/1024" | bc -l)" "$(echo "($gen4_kb-$gen_kb)/1024" | bc -l)"
fi

echo
echo "== import: opmodel import vs sqlite3 .import of the same file ($runs runs each, interleaved)"
: >"$work/ours.txt"; : >"$work/ref.txt"; : >"$work/ours_mem.txt"; : >"$work/base.txt"; : >"$work/base_mem.txt"
baseline=${BASELINE:-}
for run in $(seq "$runs"); do
  rm -f "$work/ref.sqlite"
  read -r s kb < <(measure sqlite3 "$work/ref.sqlite" -cmd ".mode csv" ".import $work/export.csv responses")
  echo "$s" >>"$work/ref.txt"
  rm -f "$work/store.sqlite"*
  read -r s kb < <(measure "$bin" import "$work/export.csv" --db "$work/store.sqlite")
  echo "$s" >>"$work/ours.txt"; echo "$kb" >>"$work/ours_mem.txt"
  echo "run $run: sqlite3 .import $(tail -1 "$work/ref.txt") s, opmodel import $s s ($((kb / 1024)) MB)"
  if [ -n "$baseline" ]; then
    rm -f "$work/base.sqlite"*
    read -r s kb < <(measure "$baseline" import "$work/export.csv" --db "$work/base.sqlite")
    echo "$s" >>"$work/base.txt"; echo "$kb" >>"$work/base_mem.txt"
    echo "run $run: baseline import $s s ($((kb / 1024)) MB)"
  fi
done
ours=$(median <"$work/ours.txt"); ref=$(median <"$work/ref.txt"); mem=$(median <"$work/ours_mem.txt")
printf "median: opmodel import %.2f s, sqlite3 .import %.2f s, ratio %.2f; import peak memory %.1f MB; store %d MB (sqlite3 table %d MB)\n" \
  "$ours" "$ref" "$(echo "$ours/$ref" | bc -l)" "$(echo "$mem/1024" | bc -l)" \
  "$(du -m "$work/store.sqlite" | cut -f1)" "$(du -m "$work/ref.sqlite" | cut -f1)"
if [ -n "$baseline" ]; then
  base=$(median <"$work/base.txt"); base_mem=$(median <"$work/base_mem.txt")
  printf "median: baseline import %.2f s (%.1f MB); this build / baseline %.2f\n" "$base" "$(echo "$base_mem/1024" | bc -l)" "$(echo "$ours/$base" | bc -l)"
fi

echo
echo "== 4x responses: import peak memory (one run)"
if [ "${SKIP_4M:-0}" != 1 ]; then
  rm -f "$work/store4.sqlite"*
  read -r s4 kb4 < <(measure "$bin" import "$work/export4.csv" --db "$work/store4.sqlite")
  printf "import %d responses: %.1f s, peak %.1f MB (difference to 1x: %.1f MB)\n" $((responses * 4)) "$s4" \
    "$(echo "$kb4/1024" | bc -l)" "$(echo "($kb4-$mem)/1024" | bc -l)"
  rm -f "$work/store4.sqlite"* "$work/export4.csv"
fi

echo
echo "== batch: opmodel batch (every organisation, every format) vs sqlite3 aggregation ($runs runs each)"
# The reference: for every organisation, division and agreement item, the mean and the
# favourable count, computed by sqlite3 over the same responses as imported by .import (text
# labels mapped to scale values in SQL). Built from the export's own header.
python3 - "$work/export.csv" >"$work/aggregate.sql" <<'PY'
import csv, sys
labels = {"Strongly disagree": 1, "Disagree": 2, "Neither agree nor disagree": 3, "Agree": 4, "Strongly agree": 5}
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    sample = [row for _, row in zip(range(2000), reader)]
items = [name for i, name in enumerate(header)
         if any(row[i] in labels for row in sample) and all(row[i] in labels or row[i] in ("", "N/A", "Don't know", "Not applicable") for row in sample)]
case = lambda c: "CASE \"%s\" %s END" % (c, " ".join("WHEN '%s' THEN %d" % (k, v) for k, v in labels.items()))
# One scan: per organisation and division, every item's mean and favourable count as columns.
columns = []
for item in items:
    columns.append("avg(%s)" % case(item))
    columns.append("sum(\"%s\" IN ('Agree', 'Strongly agree'))" % item)
print("SELECT count(*) FROM (SELECT organisation, division, " + ", ".join(columns) + " FROM responses GROUP BY organisation, division);")
PY
: >"$work/batch.txt"; : >"$work/query.txt"; : >"$work/batch_mem.txt"; : >"$work/base_batch.txt"
for run in $(seq "$runs"); do
  read -r s kb < <(measure sqlite3 "$work/ref.sqlite" ".read $work/aggregate.sql")
  echo "$s" >>"$work/query.txt"
  rm -rf "$work/reports"
  read -r s kb < <(measure "$bin" batch --wave 2026-Q1 --db "$work/store.sqlite" --out "$work/reports")
  echo "$s" >>"$work/batch.txt"; echo "$kb" >>"$work/batch_mem.txt"
  echo "run $run: sqlite3 aggregation $(tail -1 "$work/query.txt") s, opmodel batch $s s ($((kb / 1024)) MB)"
  if [ -n "$baseline" ]; then
    rm -rf "$work/base-reports"
    read -r s kb < <(measure "$baseline" batch --wave 2026-Q1 --db "$work/base.sqlite" --out "$work/base-reports")
    echo "$s" >>"$work/base_batch.txt"
    echo "run $run: baseline batch $s s ($((kb / 1024)) MB)"
  fi
done
batch=$(median <"$work/batch.txt"); query=$(median <"$work/query.txt"); bmem=$(median <"$work/batch_mem.txt")
printf "median: opmodel batch %.2f s, sqlite3 aggregation %.2f s, ratio %.2f; batch peak memory %.1f MB; %d report files\n" \
  "$batch" "$query" "$(echo "$batch/$query" | bc -l)" "$(echo "$bmem/1024" | bc -l)" "$(ls "$work/reports" | wc -l)"
if [ -n "$baseline" ]; then
  base_batch=$(median <"$work/base_batch.txt")
  printf "median: baseline batch %.2f s; this build / baseline %.2f\n" "$base_batch" "$(echo "$batch/$base_batch" | bc -l)"
  # The same store, the same reports: what changed is how fast, never what they say.
  if diff -rq "$work/reports" "$work/base-reports" >/dev/null; then echo "reports: identical to the baseline's"; else echo "reports: DIFFER from the baseline's"; fi
fi

echo
echo "== compare: opmodel compare --by division for every organisation vs the same sqlite3 aggregation ($runs runs)"
orgs=$(sqlite3 "$work/store.sqlite" "SELECT name FROM unit WHERE level = 'organisation' ORDER BY name")
: >"$work/compare.txt"
for run in $(seq "$runs"); do
  read -r s kb < <(measure bash -c 'while IFS= read -r org; do "$0" compare --wave 2026-Q1 --org "$org" --by division --format json --db "$1" >/dev/null || exit 1; done <<<"$2"' "$bin" "$work/store.sqlite" "$orgs")
  echo "$s" >>"$work/compare.txt"
  echo "run $run: opmodel compare (all organisations) $s s ($((kb / 1024)) MB)"
done
compare=$(median <"$work/compare.txt")
printf "median: opmodel compare %.2f s, sqlite3 aggregation %.2f s, ratio %.2f (target <= 2)\n" "$compare" "$query" "$(echo "$compare/$query" | bc -l)"
