#!/usr/bin/env bash
# Counts the instructions that the 1 MB check of BenchmarkCheck1MB (default
# rules, language rules aside) executes, for the work tree and for a base
# revision, under valgrind's callgrind: unlike MB/s on a shared machine, the
# count is the same from run to run, so a change of a per cent shows.
#
#   scripts/instructions.sh [BASE_REV]     (BASE_REV defaults to main)
#
# For each tree it prints:
#   check     the instructions of one check of 1 MB, the garbage collector
#             off (GOGC=off): the difference between runs of 2 and 8 timed
#             checks, divided by 6. Both runs prepare the text, build the
#             checker and collect garbage as often (testing runs the
#             benchmark once with one check, then with the count asked),
#             and the first check, which builds what rules build lazily,
#             is in both: the difference is six checks and nothing else.
#   one GC    the instructions of one full collection, which testing forces
#             before each timed loop: those of the collector's files
#             (runtime/mgc*.go, mbitmap.go, mwbbuf.go) in the run of 2
#             checks, halved. It grows with the live heap: the packs, the
#             models and what rules keep.
# Needs valgrind and ../shared/corpora/bbc-news-dev (or MTLINT_CORPORA).
# Takes about four minutes. The count still varies by some 0.5% from run to
# run (the runtime seeds its map hashes at random), so a change smaller
# than that needs several runs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
base=${1:-main}
corpora=$(cd "${MTLINT_CORPORA:-../shared/corpora}" && pwd)
command -v valgrind > /dev/null || { echo "instructions: valgrind not found" >&2; exit 2; }
[ -d "$corpora/bbc-news-dev" ] || { echo "instructions: $corpora/bbc-news-dev not found (set MTLINT_CORPORA)" >&2; exit 2; }

work=$(mktemp -d)
cleanup() {
	git -C "$root" worktree remove --force "$work/base" 2> /dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
git worktree add --quiet --detach "$work/base" "$base"
go test -c -o "$work/head.test" ./checker
(cd "$work/base" && go test -c -o "$work/base.test" ./checker)

# run BIN TREE N: the instructions of the benchmark run with N timed checks
# and of those the collector's, in millions. Go's asynchronous preemption
# signals upset callgrind, so they are off; one P keeps the count from
# depending on the scheduler.
run() {
	local bin=$1 tree=$2 n=$3 out
	out="$work/cg.$(basename "$bin").$n"
	(cd "$tree/checker" && env MTLINT_CORPORA="$corpora" GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 GOGC=off \
		valgrind --tool=callgrind --callgrind-out-file="$out" \
		"$bin" -test.run '^$' -test.bench 'Check1MB$' -test.benchtime "${n}x" -test.cpu 1 > "$out.log" 2>&1) ||
		{ cat "$out.log" >&2; exit 1; }
	# callgrind_annotate lists each function's own cost with its file.
	callgrind_annotate --auto=no --threshold=100 "$out" | awk '
		/^ *[0-9,]+ \( *[0-9.]+%\) +[^ ]+:/ {
			v = $1; gsub(",", "", v)
			f = $0; sub(/^ *[0-9,]+ \( *[0-9.]+%\) +/, "", f); sub(/:.*/, "", f)
			n = split(f, p, "/")
			all += v
			if (p[n] ~ /^(mgc|mbitmap|mwbbuf)/) gc += v
		}
		END { printf "%.2f %.2f\n", all / 1e6, gc / 1e6 }'
}

printf '%-24s %12s %12s\n' "instructions" "check 1 MB" "one GC"
for which in base head; do
	bin="$work/$which.test"
	tree=$root
	label=$base
	if [ "$which" = head ]; then label="work tree"; else tree="$work/base"; fi
	read -r t2 gc2 < <(run "$bin" "$tree" 2)
	read -r t8 _ < <(run "$bin" "$tree" 8)
	awk -v l="$label" -v t2="$t2" -v t8="$t8" -v gc2="$gc2" \
		'BEGIN { printf "%-24s %11.1fM %11.1fM\n", l, (t8 - t2) / 6, gc2 / 2 }'
done
