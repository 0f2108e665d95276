package audit

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/checker/report"
	"github.com/mtlint/mtlint/rules"
)

// Formats are the output formats that Write takes, the default first.
var Formats = []string{"table", "json", "jsonl", "csv"}

// Write writes rep in format: "table" (or "text"), "json", "jsonl" or "csv".
func Write(format string, w io.Writer, rep *Report) error {
	switch format {
	case "table", "text", "":
		return WriteTable(w, rep)
	case "json":
		return WriteJSON(w, rep)
	case "jsonl":
		return WriteJSONL(w, rep)
	case "csv":
		return WriteCSV(w, rep)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// JSONReport is the document of the json format: the records in rank order
// (failed feeds and items last, with kind and error saying what failed) and
// the totals. Its version is that of mtlint check's JSON report, whose
// Finding objects the records carry.
type JSONReport struct {
	Version int       `json:"version"`
	Items   []*Record `json:"items"`
	Summary Summary   `json:"summary"`
}

// WriteJSON writes rep as one indented JSONReport.
func WriteJSON(w io.Writer, rep *Report) error {
	doc := JSONReport{Version: report.Version, Items: rep.Records, Summary: rep.Summary}
	if doc.Items == nil {
		doc.Items = []*Record{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// WriteJSONL writes one compact record a line, in rank order, as the json
// format's items; like mtlint check's JSON Lines, there is no summary line.
func WriteJSONL(w io.Writer, rep *Report) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, r := range rep.Records {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// csvHeader is the first row of the csv format. After the counts by
// severity come the counts by category, in the order of DESIGN.md; "rules"
// lists the rules that fired with their counts ("punctuation.x:2 idiom.y:1"),
// "detected_language" is the checked text's language (the "language"
// column counts the findings of that category), "notes" its notes' messages
// (one a line), and findings_json holds the findings as the json format
// gives them.
var csvHeader = func() []string {
	h := []string{"kind", "feed", "feed_title", "title", "link", "published", "checked", "detected_language", "score", "words",
		"findings", "errors", "warnings", "infos"}
	for _, c := range rules.Categories {
		h = append(h, string(c))
	}
	return append(h, "rules", "error", "notes", "findings_json")
}()

// WriteCSV writes a header row and one row a record, in rank order.
func WriteCSV(w io.Writer, rep *Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	row := make([]string, 0, len(csvHeader))
	for _, r := range rep.Records {
		fj, err := json.Marshal(r.Findings)
		if err != nil {
			return err
		}
		row = append(row[:0], string(r.Kind), r.Feed, r.FeedTitle, r.Title, r.Link, r.Published, r.Checked, r.Language,
			strconv.FormatFloat(r.Score, 'f', 1, 64), strconv.Itoa(r.Words), strconv.Itoa(len(r.Findings)),
			strconv.Itoa(r.Errors), strconv.Itoa(r.Warnings), strconv.Itoa(r.Infos))
		for _, c := range rules.Categories {
			row = append(row, strconv.Itoa(r.Categories[c]))
		}
		row = append(row, ruleCounts(r), r.Error, noteMessages(r), string(fj))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// noteMessages returns the messages of r's notes, one a line; a failed
// item's first note is its error and is left out.
func noteMessages(r *Record) string {
	var b strings.Builder
	for i, n := range r.Notes {
		if i == 0 && r.Error != "" && n.Message == r.Error {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(n.Message)
	}
	return b.String()
}

// ruleCounts lists the rules that fired in r, most frequent first.
func ruleCounts(r *Record) string {
	counts := map[string]int{}
	var ids []string
	for i := range r.Findings {
		id := r.Findings[i].Rule
		if counts[id] == 0 {
			ids = append(ids, id)
		}
		counts[id]++
	}
	slices.SortStableFunc(ids, func(a, b string) int { return counts[b] - counts[a] })
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(id + ":" + strconv.Itoa(counts[id]))
	}
	return b.String()
}

// shortCategory are the table's column heads for the categories.
var shortCategory = map[rules.Category]string{
	rules.Punctuation: "PUNCT", rules.Quotes: "QUOTES", rules.Repetition: "REPEAT", rules.Idiom: "IDIOM",
	rules.Spinning: "SPIN", rules.Typography: "TYPO", rules.Boilerplate: "BOILER", rules.Language: "LANG",
	rules.Grammar: "GRAMMAR",
}

// maxTitle is the most code points of a title the table shows.
const maxTitle = 60

// WriteTable writes the checked items as a table ranked by score, with
// their language and a column for each category that has findings, then the
// notes on the checked items (such as a text not in English, which the
// English rules did not read), then the failed feeds and items, then a
// summary line.
func WriteTable(w io.Writer, rep *Report) error {
	bw := bufio.NewWriter(w)
	var checked, failed []*Record
	for _, r := range rep.Records {
		if r.Error != "" {
			failed = append(failed, r)
		} else {
			checked = append(checked, r)
		}
	}
	if len(checked) > 0 {
		var cats []rules.Category
		for _, c := range rules.Categories {
			for _, r := range checked {
				if r.Categories[c] > 0 {
					cats = append(cats, c)
					break
				}
			}
		}
		tw := tabwriter.NewWriter(bw, 0, 8, 2, ' ', 0)
		fmt.Fprint(tw, "SCORE\tFINDINGS\tLANGUAGE\t")
		for _, c := range cats {
			fmt.Fprint(tw, shortCategory[c], "\t")
		}
		fmt.Fprint(tw, "TITLE\tLINK\n")
		for _, r := range checked {
			lang := r.Language
			if lang == "" {
				lang = "-"
			}
			fmt.Fprintf(tw, "%.1f\t%d\t%s\t", r.Score, len(r.Findings), lang)
			for _, c := range cats {
				if n := r.Categories[c]; n > 0 {
					fmt.Fprintf(tw, "%d\t", n)
				} else {
					fmt.Fprint(tw, "-\t")
				}
			}
			fmt.Fprintf(tw, "%s\t%s\n", cell(r.Title, "(no title)"), linkCell(r.Link))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(bw, "No item was checked.")
	}
	var noted []*Record
	for _, r := range checked {
		if slices.ContainsFunc(r.Notes, tableNote) {
			noted = append(noted, r)
		}
	}
	if len(noted) > 0 {
		fmt.Fprintf(bw, "\nNotes (%d):\n", len(noted))
		for _, r := range noted {
			for _, n := range r.Notes {
				if tableNote(n) {
					fmt.Fprintf(bw, "  %s: %s\n", itemName(r), oneLine(n.Message))
				}
			}
		}
	}
	if len(failed) > 0 {
		fmt.Fprintf(bw, "\nFailed (%d):\n", len(failed))
		for _, r := range failed {
			fmt.Fprintf(bw, "  %s\n", FailureLine(r))
		}
	}
	fmt.Fprintf(bw, "\n%s\n", rep.Summary)
	return bw.Flush()
}

// tableNote reports whether the table gives n: every note but the one
// that each fetched article carries, that its findings' positions refer to
// the extracted article, as the table shows no positions.
func tableNote(n checker.Note) bool {
	return n.Kind != "extraction" || n.Message != markup.ArticleNote
}

// FailureLine describes a failed record on one line: "feed URL: error" or
// "item LINK "Title" (feed URL): error".
func FailureLine(r *Record) string {
	if r.Kind == KindFeed {
		return fmt.Sprintf("feed %s: %s", r.Feed, r.Error)
	}
	return fmt.Sprintf("%s: %s", itemName(r), r.Error)
}

// itemName names an item on one line: "item LINK "Title" (feed URL)".
func itemName(r *Record) string {
	var b strings.Builder
	b.WriteString("item ")
	if r.Link != "" {
		b.WriteString(r.Link + " ")
	}
	if r.Title != "" {
		b.WriteString(strconv.Quote(truncate(r.Title, maxTitle)) + " ")
	}
	fmt.Fprintf(&b, "(feed %s)", r.Feed)
	return b.String()
}

// cell is s for a table cell: on one line, cut to maxTitle code points, or
// empty when s is.
func cell(s, empty string) string {
	s = oneLine(s)
	if s == "" {
		return empty
	}
	return truncate(s, maxTitle)
}

// linkCell is a link for a table cell, in full so that it can be copied.
func linkCell(s string) string {
	if s = oneLine(s); s == "" {
		return "(no link)"
	}
	return s
}

// truncate cuts s to n code points, marking the cut with "…".
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, k := 0, 0
	for i = range s {
		if k == n-1 {
			break
		}
		k++
	}
	return s[:i] + "…"
}

// String is the one-line summary that ends the table, like "12 items from
// 3 feeds: 10 checked, 2 failed; 1 feed failed; 23 findings (2 errors, 15
// warnings, 6 infos)".
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s from %s: %d checked", plural(s.Items, "item", "items"), plural(s.Feeds, "feed", "feeds"), s.Items-s.ItemsFailed)
	if s.ItemsFailed > 0 {
		fmt.Fprintf(&b, ", %d failed", s.ItemsFailed)
	}
	if s.FeedsFailed > 0 {
		fmt.Fprintf(&b, "; %s failed", plural(s.FeedsFailed, "feed", "feeds"))
	}
	if s.Duplicates > 0 {
		fmt.Fprintf(&b, "; %s given by more than one feed left out", plural(s.Duplicates, "duplicate", "duplicates"))
	}
	if s.Findings == 0 {
		b.WriteString("; no findings")
		return b.String()
	}
	fmt.Fprintf(&b, "; %s (%s, %s, %s)", plural(s.Findings, "finding", "findings"),
		plural(s.Errors, "error", "errors"), plural(s.Warnings, "warning", "warnings"), plural(s.Infos, "info", "infos"))
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
