package checker

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"
	"unsafe"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/checker/source"
)

// streamHead is how much of a stream CheckReader reads before it decides
// how to check it: a stream that ends within it is checked as bytes; a
// longer one of plain UTF-8 text is checked window by window as it is read,
// its language told by its first detectBytes.
const streamHead = source.UTF8Head

// streamRead is how much a stream is read at a time.
const streamRead = 256 << 10

// CheckReader reads r and checks what it read. A long stream of plain UTF-8
// text (standard input, a pipe) is checked window by window as it is read,
// so that memory stays bounded by a few windows and the findings however
// long it is; its findings are those of the same text checked as a file.
// Other input (Markdown, HTML, another encoding, or when the Config keeps
// the source) is read whole first.
func (c *Checker) CheckReader(r io.Reader) (*Result, error) {
	return c.checkReader(r, c.input)
}

// streamFileMin is the size from which a plain UTF-8 text file is read as a
// stream instead of being mapped: a mapped file's pages count in the
// process's memory as they are read. (A variable for the tests.)
var streamFileMin int64 = 64 << 20

// streamFile checks the large file f, named path, as a stream when it can
// (ok), and otherwise rewinds it for the caller to read another way.
func (c *Checker) streamFile(f *os.File, path string) (res *Result, ok bool, err error) {
	in := c.inputFor(path)
	head := make([]byte, streamHead)
	n, err := io.ReadFull(f, head)
	if err != nil {
		return nil, false, &os.PathError{Op: "read", Path: path, Err: err}
	}
	if !c.streamable(head[:n], in) {
		_, err := f.Seek(0, io.SeekStart)
		return nil, false, err
	}
	res, err = c.checkStream(head[:n], f)
	if err != nil {
		return nil, true, &os.PathError{Op: "read", Path: path, Err: err}
	}
	res.Path = path
	return res, true, nil
}

// checkReader is CheckReader with the input read as in says.
func (c *Checker) checkReader(r io.Reader, in Input) (*Result, error) {
	head := make([]byte, streamHead)
	n, err := io.ReadFull(r, head)
	head = head[:n]
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return c.CheckInput(head, in), nil
	case err != nil:
		return nil, err
	}
	if !c.streamable(head, in) {
		rest, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		return c.CheckInput(append(head, rest...), in), nil
	}
	return c.checkStream(head, r)
}

// streamable reports whether a stream that starts with head, read as in
// says, can be checked as it is read: plain text that is read as UTF-8
// whatever follows head (source.ReadAsUTF8), with nothing asked of it that
// needs the whole text.
func (c *Checker) streamable(head []byte, in Input) bool {
	if in.Format != nil && *in.Format != markup.Plain || in.Encoding != "" || in.ContentType != "" || in.Article || c.keep {
		return false
	}
	return source.ReadAsUTF8(head)
}

// testHookStreamed, when a test sets it, is called when a stream is checked
// as it is read.
var testHookStreamed func()

// stream reads a plain UTF-8 text and cuts it into windows as
// document.Windows would cut the whole.
type stream struct {
	r     io.Reader
	err   error
	eof   bool
	bom   int    // 3 when the text starts with a UTF-8 byte order mark
	text  []byte // the text from offset base on, invalid bytes substituted
	base  int
	valid int // text[:valid] is decoded
	// bad holds the input bytes that text substitutes, by text offset.
	bad []badByte
}

// badByte is an input byte that is not valid UTF-8, replaced in the text
// by document.Substitute.
type badByte struct {
	at int
	b  byte
}

// fill reads until the text holds at least need bytes from base, or the
// stream ends, and decodes what it read.
func (s *stream) fill(need int) {
	for !s.eof && len(s.text) < need {
		if cap(s.text)-len(s.text) < streamRead {
			s.text = append(s.text, make([]byte, streamRead)...)[:len(s.text)]
		}
		n, err := s.r.Read(s.text[len(s.text):cap(s.text)])
		s.text = s.text[:len(s.text)+n]
		if err == io.EOF {
			s.eof = true
		} else if err != nil {
			s.err, s.eof = err, true
		}
	}
	// Decode rune by rune as the whole text would be: the last bytes wait
	// for the rest of their rune unless the stream has ended.
	end := len(s.text)
	if !s.eof {
		end -= utf8.UTFMax - 1
		for end > s.valid && !utf8.RuneStart(s.text[end]) {
			end-- // whole runes: valid text then passes the test below
		}
	}
	if s.valid < end && utf8.Valid(s.text[s.valid:end]) {
		s.valid = end // the common case, eight bytes at a time
	}
	for s.valid < end {
		if b := s.text[s.valid]; b < utf8.RuneSelf {
			s.valid++
			continue
		}
		r, size := utf8.DecodeRune(s.text[s.valid:])
		if r == utf8.RuneError && size == 1 {
			s.bad = append(s.bad, badByte{at: s.base + s.valid, b: s.text[s.valid]})
			s.text[s.valid] = document.Substitute
		}
		s.valid += size
	}
}

// decoded returns the decoded text, sharing the buffer's memory: it is
// valid until the next fill or drop.
func (s *stream) decoded() string { return unsafe.String(unsafe.SliceData(s.text), s.valid) }

// drop forgets the text before offset to, once that frees a read's worth.
func (s *stream) drop(to int) {
	n := to - s.base
	if n < streamRead {
		return
	}
	s.text = s.text[:copy(s.text, s.text[n:])]
	s.valid -= n
	s.base = to
	i := 0
	for i < len(s.bad) && s.bad[i].at < to {
		i++
	}
	s.bad = s.bad[i:]
}

// checkStream checks the plain UTF-8 text that head starts and r goes on
// with, window by window as it reads it.
func (c *Checker) checkStream(head []byte, r io.Reader) (*Result, error) {
	if testHookStreamed != nil {
		testHookStreamed()
	}
	if i := bytes.IndexByte(head[:min(len(head), binarySniff)], 0); i >= 0 {
		return skipped("binary", i, fmt.Sprintf("binary file (NUL byte at offset %d); skipped", i)), nil
	}
	s := &stream{r: r}
	if len(head) >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF {
		s.bom = 3
	}
	s.text = append(make([]byte, 0, len(head)+streamRead), head[s.bom:]...)
	s.fill(len(s.text))
	m, run := c.begin(s.decoded())
	window := c.windowSize()
	windows := func(yield func(windowJob) bool) {
		pos := 0
		for {
			s.fill(pos - s.base + window + document.Lookahead + utf8.UTFMax)
			if s.err != nil {
				return
			}
			local := pos - s.base
			text := s.decoded()
			end := document.WindowEnd(text, local, window)
			absEnd := s.base + end
			// the part: the window and what follows it, as far as a
			// rule, a context line or the next window's start may read
			partEnd := min(s.valid, end+document.Lookahead)
			for partEnd < s.valid && !utf8.RuneStart(s.text[partEnd]) {
				partEnd--
			}
			prefix := 0 // the byte order mark, kept in the first part
			if pos == 0 {
				prefix = s.bom
			}
			part := make([]byte, 0, prefix+partEnd-local)
			part = append(part, head[:prefix]...)
			part = append(part, s.text[local:partEnd]...)
			j := windowJob{raw: part, base: pos, end: end - local, rawBase: pos + s.bom - prefix, rawEnd: absEnd + s.bom, invalidAt: -1}
			for _, b := range s.bad {
				if b.at >= s.base+partEnd {
					break
				}
				if b.at >= pos {
					part[prefix+b.at-pos] = b.b // the input's byte
					if b.at < absEnd {
						if j.invalidAt < 0 {
							j.invalidAt = b.at + s.bom
						}
						j.invalid++
					}
				}
			}
			if !yield(j) {
				return
			}
			if end >= len(text) && s.eof || end <= local {
				return
			}
			pos = absEnd
			s.drop(pos)
		}
	}
	c.runWindows(windows, nil, true, run, nil, m)
	if s.err != nil {
		return nil, s.err
	}
	return m.finish(), nil
}
