#!/usr/bin/env bash
# Measures mtlint's speed and memory, as the quality bars of DESIGN.md ask:
#   1. go test benchmarks on 1 MB and 100 MB of news text, one core, in MB/s;
#   2. peak resident memory (/usr/bin/time -v) of `mtlint check` on files of
#      1 MB, 100 MB and 200 MB built from the BBC dev corpus and the seed;
#   3. ratios measured in the same run: mtlint against gzip -1 on one core
#      (the 1,438 BBC articles four times, 12 MB), with language
#      identification on and off, -j 1 against -j N on the 100 MB file (and
#      whether their outputs are the same), and the start-up time of a
#      one-line file;
#   4. peak resident memory of a 2 GB stream piped through standard input.
# Needs ../shared/corpora/bbc-news-dev (or MTLINT_CORPORA). Takes ten minutes or so.
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
grep -v '^#' rules/language/testdata/heldout-embedded.tsv | cut -f2- | sed 's/⟦//g; s/⟧//g' > "$frag"
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

# Issue 15's ratios, each measured in this run against its reference:
# gzip -1 on one core, -j 1, language identification off, a one-line file.
echo "== ratios (one core: taskset -c 0; medians of several runs)"
# wall seconds of a command, the median of $1 runs
median() {
	local runs=$1
	shift
	for _ in $(seq "$runs"); do
		/usr/bin/time -f %e -o "$work/t.txt" "$@" > /dev/null 2>&1 || true
		tail -n 1 "$work/t.txt"
	done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
news12="$work/news-12MB.txt"
for f in "$bbc"/*/*.txt; do cat "$f"; printf '\n\n'; done > "$work/bbc.txt"
cat "$work/bbc.txt" "$work/bbc.txt" "$work/bbc.txt" "$work/bbc.txt" > "$news12"
one="taskset -c 0"
command -v taskset > /dev/null || one=""
gz=$(median 5 $one gzip -1 -c "$news12")
nolang=$(median 5 $one "$work/mtlint" check --format json --fail-on none -j 1 --disable language "$news12")
# the first run with language identification builds the language tables
# cache (MTLINT_CACHE_DIR): once, before timing
cold=$(median 1 env MTLINT_CACHE_DIR="$work/langid-cache" $one "$work/mtlint" check --format json --fail-on none -j 1 "$news12")
export MTLINT_CACHE_DIR="$work/langid-cache"
lang=$(median 5 $one "$work/mtlint" check --format json --fail-on none -j 1 "$news12")
awk -v g="$gz" -v n="$nolang" -v l="$lang" -v c="$cold" 'BEGIN {
	printf "12 MB, one core: gzip -1 %.2f s; mtlint without language id %.2f s (%.2f× gzip); with it %.2f s (%.2f× gzip, %.2f× without; %.2f s on the first run, which builds the language tables)\n", g, n, n / g, l, l / g, l / n, c }'
cores=$(nproc)
j1=$(median 3 "$work/mtlint" check --format json --fail-on none -j 1 "$work/news-100MB.txt")
jn=$(median 3 "$work/mtlint" check --format json --fail-on none -j "$cores" "$work/news-100MB.txt")
"$work/mtlint" check --format json --fail-on none -j 1 "$work/news-100MB.txt" > "$work/j1.json" || true
"$work/mtlint" check --format json --fail-on none -j "$cores" "$work/news-100MB.txt" > "$work/jn.json" || true
same="identical output"
cmp -s "$work/j1.json" "$work/jn.json" || same="OUTPUT DIFFERS"
awk -v a="$j1" -v b="$jn" -v n="$cores" -v s="$same" 'BEGIN {
	printf "100 MB file: -j 1 %.2f s, -j %d %.2f s: %.2f× faster, %s\n", a, n, b, a / b, s }'
printf 'A one-line file.\n' > "$work/one.txt"
start=$(median 21 "$work/mtlint" check "$work/one.txt")
printf 'start-up: check of a one-line file %.0f ms (median of 21 runs)\n' "$(awk -v s="$start" 'BEGIN { print s * 1000 }')"

echo "== a stream of 2 GB through standard input"
big="$work/news-2GB.txt"
for _ in $(seq 10); do cat "$file" "$work/news-200MB.txt"; done > "$big"
/usr/bin/time -v "$work/mtlint" check --format json --fail-on none - < "$big" > "$work/stream.json" 2> "$work/time.txt" || true
secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
printf '%d MB through standard input: wall %s, peak RSS %d MB\n' $(($(stat -c %s "$big") >> 20)) "$secs" $((rss / 1024))
rm -f "$big"
