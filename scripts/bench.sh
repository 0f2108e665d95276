#!/usr/bin/env bash
# Measures mtlint's speed and memory, as the quality bars of DESIGN.md ask:
#   1. go test benchmarks on 1 MB and 100 MB of news text, one core, in MB/s;
#   2. peak resident memory (/usr/bin/time -v) of `mtlint check` on files of
#      1 MB, 100 MB and 200 MB built from the BBC dev corpus and the seed.
# Needs ../shared/corpora/bbc-news-dev (or MTLINT_CORPORA). Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
corpora=${MTLINT_CORPORA:-../shared/corpora}
bbc="$corpora/bbc-news-dev"
[ -d "$bbc" ] || { echo "bench: $bbc not found (set MTLINT_CORPORA)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== go test -bench (one core)"
# enough runs of the 1 MB check that the first, with cold caches and empty
# pools, does not weigh on the mean
go test ./checker -run '^$' -bench 'Check1MB$' -cpu 1 -benchtime 30x -benchmem | tee "$work/bench.txt"
go test ./checker -run '^$' -bench 'Check100MB$' -cpu 1 -benchtime 2x -benchmem | tee -a "$work/bench.txt"
awk '/^BenchmarkCheck/ { for (i = 1; i <= NF; i++) if ($i == "MB/s") { printf "%-22s %8.1f MB/s\n", $1, $(i-1); ns[$1] = $3 } }
	END { if (ns["BenchmarkCheck1MB"] > 0) printf "100 MB / 1 MB time ratio: %.1f\n", ns["BenchmarkCheck100MB"] / ns["BenchmarkCheck1MB"] }' "$work/bench.txt"

echo "== peak memory of mtlint check"
go build -o "$work/mtlint" ./cmd/mtlint
unit="$work/unit.txt"
for f in "$bbc"/*/*.txt testdata/mt-article.txt; do cat "$f"; printf '\n\n'; done > "$unit"
for mb in 1 100 200; do
	file="$work/news-${mb}MB.txt"
	: > "$file"
	while [ "$(stat -c %s "$file")" -lt $((mb << 20)) ]; do cat "$unit" >> "$file"; done
	truncate -s $((mb << 20)) "$file"
	/usr/bin/time -v "$work/mtlint" check --format json --fail-on none -j 1 "$file" > /dev/null 2> "$work/time.txt" || true
	secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
	rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
	printf '%4d MB file: wall %s, peak RSS %d MB\n' "$mb" "$secs" $((rss / 1024))
done

echo "== peak memory with the language models (fragments in every default language)"
# 10 MB of BBC articles, each followed by one held-out sentence with a
# fragment in another language (rules/language/testdata), so that every
# model of the default set is loaded; the language rules' bar is 300 MB.
frag="$work/fragments.txt"
grep -v '^#' rules/language/testdata/heldout-embedded.tsv | cut -f2- | tr -d '⟦⟧' > "$frag"
file="$work/fragments-10MB.txt"
: > "$file"
n=$(wc -l < "$frag")
i=0
for f in "$bbc"/*/*.txt; do
	cat "$f" >> "$file"
	sed -n "$((i % n + 1))p" "$frag" >> "$file"
	printf '\n' >> "$file"
	i=$((i + 1))
done
while [ "$(stat -c %s "$file")" -lt $((10 << 20)) ]; do cat "$file" "$file" > "$file.2" && mv "$file.2" "$file"; done
truncate -s $((10 << 20)) "$file"
/usr/bin/time -v "$work/mtlint" check --format json --fail-on none -j 1 "$file" > /dev/null 2> "$work/time.txt" || true
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
printf '  10 MB with fragments: peak RSS %d MB\n' $((rss / 1024))
