package report

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker"
)

// This file holds what several of the CI formats (SARIF, GitHub, JUnit,
// checkstyle, CSV, Markdown) share.

// suggestionText says what a finding suggests the way the text report does:
// the replacements quoted and joined by "or", or `delete "…"` when a
// suggestion is to delete the flagged text. It is empty when there is no
// suggestion.
func suggestionText(f *checker.Finding) string {
	var b strings.Builder
	for i, s := range f.Suggestions {
		if i > 0 {
			b.WriteString(" or ")
		}
		if s == "" {
			b.WriteString("delete ")
			b.WriteString(strconv.Quote(f.Text))
		} else {
			b.WriteString(strconv.Quote(s))
		}
	}
	return b.String()
}

// messageWithSuggestion is the finding's message followed by its
// suggestion, for formats that have a single message field and no other
// place for a fix: "space before a comma; suggestion: \",\"".
// ArticleMark is what reports put before the line and column of a finding
// whose position refers to the article extracted from a web page, not to
// the page's bytes (checker.Finding.InArticle): path:(article)3:12:.
const ArticleMark = "(article)"

// articleMark returns ArticleMark for a finding positioned in an extracted
// article, and "" for any other.
func articleMark(f *checker.Finding) string {
	if f.InArticle {
		return ArticleMark
	}
	return ""
}

// articleMessage returns msg, preceded for a finding positioned in an
// extracted article by a word that says so, for formats whose line and
// column are numbers only.
func articleMessage(f *checker.Finding, msg string) string {
	if f.InArticle {
		return "(line and column in the extracted article, not the page) " + msg
	}
	return msg
}

func messageWithSuggestion(f *checker.Finding) string {
	s := suggestionText(f)
	if s == "" {
		return f.Message
	}
	return f.Message + "; suggestion: " + s
}

// isURL reports whether a result's path is a URL that was fetched rather
// than a file.
func isURL(path string) bool {
	return strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://")
}

// paragraphs splits a rule's explanation, hard-wrapped in the source, into
// paragraphs at blank lines and joins the lines of each with spaces.
func paragraphs(s string) []string {
	var out []string
	for p := range strings.SplitSeq(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		p = strings.Join(strings.Fields(p), " ")
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// rejected reports whether the result says why its input was not checked:
// it could not be read (Error) or was skipped (binary, say). It returns the
// reason.
func rejected(res *checker.Result) (why string, unreadable, skipped bool) {
	if res.Error != "" {
		return res.Error, true, false
	}
	if res.Skipped {
		var msgs []string
		for _, n := range res.Notes {
			msgs = append(msgs, n.Message)
		}
		if len(msgs) == 0 {
			msgs = append(msgs, "not checked")
		}
		return strings.Join(msgs, "; "), false, true
	}
	return "", false, false
}

// validUTF8 returns s with each byte of invalid UTF-8 replaced by U+FFFD,
// one for one, as encoding/json does.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		b.WriteRune(r)
	}
	return b.String()
}
