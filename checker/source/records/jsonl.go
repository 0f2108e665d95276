package records

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/markup"
)

// JSONLReader reads JSON Lines: one object a line. Empty and blank lines are
// skipped. A gzip-compressed stream (.jsonl.gz) is decompressed.
type JSONLReader struct {
	opt  Options
	r    *bufio.Reader
	line int
	off  int64 // offset of the next line
	buf  []byte
	err  error // a read error, returned once the lines before it are done
	// Skipped counts the blank lines skipped.
	Skipped int
}

// NewJSONLReader returns a reader of the JSON Lines in r, decompressing them
// when r starts with the gzip magic number.
func NewJSONLReader(r io.Reader, opt Options) *JSONLReader {
	br := bufio.NewReaderSize(r, 64<<10)
	j := &JSONLReader{opt: opt, r: br}
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			j.err = err
			return j
		}
		j.r = bufio.NewReaderSize(gz, 64<<10)
	}
	return j
}

// Next returns the next record; io.EOF at the end; a *Rejected error for a
// line that is not a record (call Next again for the next one); any other
// error when the stream could not be read (stop).
func (j *JSONLReader) Next() (*Record, error) {
	for {
		if j.err != nil {
			return nil, j.err
		}
		line, start, tooLong, err := j.readLine()
		if err != nil {
			j.err = err
			if len(line) == 0 && !tooLong {
				return nil, err
			}
		}
		if tooLong {
			return nil, rejectf(j.opt.Source, j.line, start, "line longer than %d bytes", j.opt.maxBytes())
		}
		if len(bytes.TrimSpace(line)) == 0 {
			if len(line) > 0 || err == nil {
				j.Skipped++
			}
			continue
		}
		return ParseJSONLine(line, j.line, start, j.opt.Source)
	}
}

// readLine reads the next line without its line break into j.buf, keeping at
// most the limit of bytes: a longer line is read to its end but not kept.
func (j *JSONLReader) readLine() (line []byte, start int64, tooLong bool, err error) {
	j.buf = j.buf[:0]
	start = j.off
	j.line++
	limit := j.opt.maxBytes()
	for {
		chunk, e := j.r.ReadSlice('\n')
		j.off += int64(len(chunk))
		if !tooLong {
			if len(j.buf)+len(chunk) > limit+2 { // +2: the line break
				tooLong = true
				j.buf = j.buf[:0]
			} else {
				j.buf = append(j.buf, chunk...)
			}
		}
		if e == bufio.ErrBufferFull {
			continue
		}
		if e != nil && e != io.EOF {
			return nil, start, tooLong, e
		}
		line = bytes.TrimSuffix(j.buf, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		if !tooLong && len(line) > limit {
			tooLong = true
		}
		if e == io.EOF {
			if len(chunk) == 0 && len(j.buf) == 0 && !tooLong {
				j.line--
			}
			return line, start, tooLong, io.EOF
		}
		return line, start, tooLong, nil
	}
}

// ParseJSONLine reads one JSON Lines record: line is the line without its
// line break, number its 1-based line number (the id of last resort), offset
// where it starts and source the name of its input. It returns a *Rejected
// error when the line is not valid UTF-8, not one JSON object, or has no
// text, markdown or html string.
//
// When a record has several bodies, text is checked before markdown, and
// markdown before html; the others are dropped, not passed through. When a
// key comes twice, the last one counts (as encoding/json decodes it).
func ParseJSONLine(line []byte, number int, offset int64, source string) (*Record, error) {
	reject := func(format string, args ...any) (*Record, error) {
		return nil, rejectf(source, number, offset, format, args...)
	}
	if !utf8.Valid(line) {
		at := 0
		for at < len(line) {
			r, n := utf8.DecodeRune(line[at:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			at += n
		}
		return reject("invalid UTF-8 at byte %d of the line", at)
	}
	var stack [8]member
	ms, ok := scanObject(line, stack[:0])
	if !ok {
		var why string
		if ms, why = decodeMembers(line); why != "" {
			return reject("%s", why)
		}
	}
	rec := &Record{Source: source, Line: number, Offset: offset}
	var bodies [3][]byte // text, markdown, html; nil when absent
	var extra []byte
	for _, m := range ms {
		raw := m.raw
		null := string(raw) == "null"
		var dst *string
		switch m.key {
		case "id":
			id, ok := idValue(raw)
			if !ok {
				return reject(`"id" is not a string or a number`)
			}
			rec.ID = id
			continue
		case "url":
			dst = &rec.URL
		case "title":
			dst = &rec.Title
		case "text", "markdown", "html":
			var s []byte
			if !null {
				if raw[0] != '"' {
					return reject("%q is not a string", m.key)
				}
				s = appendUnquoted(make([]byte, 0, len(raw)-2), raw)
			}
			switch m.key {
			case "text":
				bodies[0] = s
			case "markdown":
				bodies[1] = s
			default:
				bodies[2] = s
			}
			continue
		default:
			if extra == nil {
				extra = append(extra, '{')
			} else {
				extra = append(extra, ',')
			}
			k, _ := json.Marshal(m.key)
			extra = append(extra, k...)
			extra = append(extra, ':')
			extra = append(extra, raw...)
			continue
		}
		if !null {
			if raw[0] != '"' {
				return reject("%q is not a string", m.key)
			}
			*dst = unquote(raw)
		}
	}
	if extra != nil {
		rec.Extra = json.RawMessage(append(extra, '}'))
	}
	formats := [3]markup.Format{markup.Plain, markup.Markdown, markup.HTML}
	found := false
	for i, b := range bodies {
		if b != nil {
			rec.Body, rec.Format, found = b, formats[i], true
			break
		}
	}
	switch {
	case rec.ID != "":
	case rec.URL != "":
		rec.ID = rec.URL
	default:
		rec.ID = strconv.Itoa(number)
	}
	if !found {
		r := rejectf(source, number, offset, `no "text", "markdown" or "html" string`)
		r.ID = rec.ID
		return nil, r
	}
	return rec, nil
}

// decodeMembers reads the members of the JSON object in line with
// encoding/json, for the lines that scanObject leaves to it; why says what
// is wrong with a line that is not one JSON object.
func decodeMembers(line []byte) (ms []member, why string) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil {
		return nil, "invalid JSON: " + jsonReason(err, dec)
	} else if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, "not a JSON object"
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, "invalid JSON: " + jsonReason(err, dec)
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, "invalid JSON: " + jsonReason(err, dec)
		}
		ms = append(ms, member{key: key, raw: raw})
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, "invalid JSON: " + jsonReason(err, dec)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, "invalid JSON: more after the object"
	}
	return ms, ""
}

// idValue reads an id: a string, or a number as written; null and "" are no
// id.
func idValue(raw json.RawMessage) (string, bool) {
	switch {
	case string(raw) == "null":
		return "", true
	case len(raw) > 0 && raw[0] == '"':
		return unquote(raw), true
	case len(raw) > 0 && (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9'):
		return string(raw), true
	}
	return "", false
}

// jsonReason is the message of a decoding error, with the byte of the line
// where it happened.
func jsonReason(err error, dec *json.Decoder) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return se.Error() + " at byte " + strconv.FormatInt(se.Offset, 10)
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of the line at byte " + strconv.FormatInt(dec.InputOffset(), 10)
	}
	return err.Error()
}
