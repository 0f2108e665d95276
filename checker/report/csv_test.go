package report_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/report"
)

// readCSV parses out as a spreadsheet or a script would.
func readCSV(t *testing.T, out []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(out))
	r.FieldsPerRecord = len(report.CSVHeader)
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	if len(rows) == 0 || !slices.Equal(rows[0], report.CSVHeader) {
		t.Fatalf("header %v", rows)
	}
	return rows[1:]
}

// formulaSafe is what the report does to a text field: a leading formula
// character gets a quote.
func formulaSafe(s string) string {
	if s != "" && strings.ContainsAny(s[:1], "=+-@\t\r") {
		return "'" + s
	}
	return s
}

// perByte replaces each byte of invalid UTF-8 in s by U+FFFD, as JSON does.
func perByte(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r)
	}
	return b.String()
}

func TestCSVRows(t *testing.T) {
	_, seed := ciSeed(t)
	_, multi := ciMulti(t)
	for name, results := range map[string][]*checker.Result{"seed": seed, "multi": multi, "test rules": results(t), "none": nil} {
		t.Run(name, func(t *testing.T) {
			rows := readCSV(t, render(t, "csv", report.Options{}, results))
			i := 0
			for _, res := range results {
				for _, f := range res.Findings {
					if i >= len(rows) {
						t.Fatalf("only %d rows", len(rows))
					}
					var sugg []string
					for _, s := range f.Suggestions {
						if s == "" {
							s = "(delete)"
						}
						sugg = append(sugg, s)
					}
					want := []string{res.Path, strconv.Itoa(f.Line), strconv.Itoa(f.Column), strconv.Itoa(f.EndLine),
						strconv.Itoa(f.EndColumn), strconv.Itoa(f.Offset), strconv.Itoa(f.Length), f.Severity.String(),
						string(f.Category), f.Rule, formulaSafe(f.Message), formulaSafe(perByte(f.Text)),
						formulaSafe(strings.Join(sugg, " | "))}
					// encoding/csv reads "\r\n" inside a quoted field as "\n".
					for k := range want {
						want[k] = strings.ReplaceAll(want[k], "\r\n", "\n")
					}
					if !slices.Equal(rows[i], want) {
						t.Errorf("row %d:\n%q\nwant\n%q", i+1, rows[i], want)
					}
					i++
				}
			}
			if i != len(rows) {
				t.Errorf("%d rows for %d findings", len(rows), i)
			}
		})
	}
}

// Quotes, commas, line breaks and invalid UTF-8 survive; formulas do not
// reach a spreadsheet.
func TestCSVEscaping(t *testing.T) {
	res := ciHostile()
	out := render(t, "csv", report.Options{}, res)
	rows := readCSV(t, out)
	if len(rows) != 1 {
		t.Fatalf("%d rows", len(rows))
	}
	row := rows[0]
	if row[0] != res[0].Path || row[11] != "a\x1a]]><script>x</script> | `b` %0A \uFFFD\n::error::pwned" {
		t.Errorf("path %q, text %q", row[0], row[11])
	}
	if row[12] != `'=HYPERLINK("x") | (delete)` {
		t.Errorf("suggestion %q", row[12])
	}
	for _, tc := range []struct{ in, want string }{
		{"=1+2", "'=1+2"}, {"+44 20", "'+44 20"}, {"-5", "'-5"}, {"@SUM(A1)", "'@SUM(A1)"}, {"a=b", "a=b"}, {" ,", " ,"},
	} {
		f := res[0].Findings[0]
		f.Text, f.Message, f.Suggestions = tc.in, tc.in, []string{tc.in}
		rows := readCSV(t, render(t, "csv", report.Options{}, []*checker.Result{{Path: "a.txt", Findings: []checker.Finding{f}}}))
		if row := rows[0]; row[10] != tc.want || row[11] != tc.want || row[12] != tc.want {
			t.Errorf("%q: %q %q %q, want %q", tc.in, row[10], row[11], row[12], tc.want)
		}
	}
}
