package report

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/mtlint/mtlint/checker"
)

// resultEncoder writes a result as encoding/json would (the same bytes,
// indented or compact) but one finding at a time, so that a file with a
// hundred thousand findings never has all of their JSON in memory at once:
// the result is encoded with no findings, and the findings are written
// into the empty array it leaves, each as it is encoded.
type resultEncoder struct {
	buf bytes.Buffer
	enc *json.Encoder
	// prefix and indent are those of the result's indentation; both are
	// empty for compact output.
	prefix, indent string
}

func newResultEncoder(prefix, indent string) *resultEncoder {
	e := &resultEncoder{prefix: prefix, indent: indent}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	return e
}

// flushAt is how much encoded output is held before it is written.
const flushAt = 64 << 10

// encode writes res to w without Encode's final newline.
func (e *resultEncoder) encode(w io.Writer, res *checker.Result) error {
	res = normalized(res)
	shell := *res
	shell.Findings = []checker.Finding{}
	e.buf.Reset()
	e.enc.SetIndent(e.prefix, e.indent)
	if err := e.enc.Encode(&shell); err != nil {
		return err
	}
	out := bytes.TrimSuffix(e.buf.Bytes(), []byte{'\n'})
	// The empty array of the first-level "findings" key: a key at that
	// depth is preceded by a newline and the indentation (no string can
	// hold a raw newline), and in compact form its quotes are not escaped
	// (inside a string they would be).
	marker := []byte(`"findings":[]`)
	if e.indent != "" {
		marker = []byte("\n" + e.prefix + e.indent + `"findings": []`)
	}
	at := bytes.Index(out, marker)
	if at < 0 || len(res.Findings) == 0 {
		_, err := w.Write(out)
		return err
	}
	head, tail := out[:at+len(marker)-1], append([]byte(nil), out[at+len(marker)-1:]...) // tail starts at "]"
	if _, err := w.Write(head); err != nil {
		return err
	}
	inner := e.prefix + e.indent + e.indent // the findings' own indentation
	e.buf.Reset()
	for i := range res.Findings {
		if i > 0 {
			e.buf.WriteByte(',')
		}
		if e.indent != "" {
			e.buf.WriteString("\n" + inner)
		}
		e.enc.SetIndent(inner, e.indent)
		if err := e.enc.Encode(&res.Findings[i]); err != nil {
			return err
		}
		e.buf.Truncate(e.buf.Len() - 1) // Encode's newline
		if e.buf.Len() >= flushAt {
			if _, err := w.Write(e.buf.Bytes()); err != nil {
				return err
			}
			e.buf.Reset()
		}
	}
	if e.indent != "" {
		e.buf.WriteString("\n" + e.prefix + e.indent)
	}
	e.buf.Write(tail)
	_, err := w.Write(e.buf.Bytes())
	return err
}
