package records_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/source/records"
)

// Read a JSON Lines dump and write the line of each record, as mtlint check
// --input-format jsonl --format jsonl does; rejected lines say where they
// are.
func Example() {
	dump := `{"id":"a1","url":"https://example.org/a1","text":"The talks ended on Tuesday.","desk":"world"}
{"id":"a2","text":
`
	c, err := checker.New(checker.Config{})
	if err != nil {
		panic(err)
	}
	r := records.NewJSONLReader(strings.NewReader(dump), records.Options{Source: "dump.jsonl"})
	for {
		rec, err := r.Next()
		var rej *records.Rejected
		switch {
		case errors.Is(err, io.EOF):
			return
		case errors.As(err, &rej):
			fmt.Println("rejected:", rej)
			continue
		case err != nil:
			panic(err)
		}
		line, err := records.Check(c, rec, records.CheckOptions{}).AppendJSONL(nil)
		if err != nil {
			panic(err)
		}
		os.Stdout.Write(line)
	}
	// Output:
	// {"id":"a1","url":"https://example.org/a1","score":0,"source_language_hint":null,"language":"","words":5,"findings":[],"extra":{"desk":"world"}}
	// rejected: dump.jsonl:2: invalid JSON: unexpected end of the line at byte 18
}
