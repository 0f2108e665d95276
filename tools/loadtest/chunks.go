package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"

	"github.com/mtlint/mtlint/internal/corpora"
)

// Chunk bounds: the issue asks for news paragraphs of 1 to 5 KB.
const (
	minChunk = 1024
	maxChunk = 5120
)

// chunk is one request's text, built at run time from the corpus (nothing
// of it is stored in the repository).
type chunk struct {
	text string
}

// loadChunks reads the BBC articles of dir (bbc-news-dev) and cuts them
// into texts of 1 to 5 KB: whole paragraphs of one article, joined as they
// stand, up to a length drawn for each chunk between minChunk and
// maxChunk. What is left of an article below minChunk is dropped, and so
// is a single paragraph longer than maxChunk.
func loadChunks(dir string, seed uint64) ([]chunk, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("corpus %s not found: the load test needs bbc-news-dev (../shared/corpora/bbc-news-dev from the repository root, or -corpus DIR)", dir)
	}
	paths, err := corpora.BBCArticles(dir)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var chunks []chunk
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		chunks = cutArticle(chunks, string(data), rng)
	}
	if len(chunks) == 0 {
		return nil, fmt.Errorf("%s: no paragraphs of 1 to 5 KB could be built", dir)
	}
	return chunks, nil
}

// cutArticle appends the chunks of one article to dst.
func cutArticle(dst []chunk, article string, rng *rand.Rand) []chunk {
	var b strings.Builder
	target := minChunk + rng.IntN(maxChunk-minChunk+1)
	flush := func() {
		if b.Len() >= minChunk && b.Len() <= maxChunk {
			dst = append(dst, chunk{text: b.String()})
		}
		b.Reset()
		target = minChunk + rng.IntN(maxChunk-minChunk+1)
	}
	for para := range strings.SplitSeq(strings.ReplaceAll(article, "\r\n", "\n"), "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		if b.Len() > 0 && b.Len()+2+len(para) > maxChunk {
			flush()
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(para)
		if b.Len() >= target {
			flush()
		}
	}
	flush()
	return dst
}
