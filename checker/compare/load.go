package compare

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/batch"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/checker/source"
)

// LoadOptions say how Load reads an input.
type LoadOptions struct {
	// Format is the markup of every input; nil means by extension for
	// files, by Content-Type for web pages, plain text for standard input.
	Format *markup.Format
	// Encoding names the inputs' character encoding; empty means detect
	// it as the checker does.
	Encoding string
	// Article extracts the main article of HTML files (web pages always
	// have theirs extracted, as mtlint check does).
	Article bool
	// Fetcher gets web pages; nil means one with the defaults.
	Fetcher *source.Fetcher
	// Stdin is read for the argument "-"; nil means os.Stdin.
	Stdin io.Reader
	// Checker, when set, checks the input: its findings go to
	// Doc.Findings.
	Checker interface {
		CheckInput(raw []byte, in checker.Input) *checker.Result
	}
}

// Load reads arg — a file, "-" for standard input, or an http:// or https://
// URL — the way mtlint check reads it: decoded to UTF-8, its prose extracted
// from Markdown or HTML (the main article of a web page), and, with
// opt.Checker, checked. The error names arg.
func Load(ctx context.Context, arg string, opt LoadOptions) (*Doc, error) {
	var (
		raw []byte
		err error
		in  checker.Input
	)
	format := markup.Plain
	switch {
	case source.IsURL(arg):
		f := opt.Fetcher
		if f == nil {
			f = new(source.Fetcher)
		}
		page, err := f.Fetch(ctx, arg)
		if err != nil {
			return nil, fmt.Errorf("%s: %s", arg, source.Reason(err))
		}
		raw = page.Body
		format = batch.PageFormat(page.ContentType, page.Body)
		in = checker.Input{ContentType: page.ContentType, Article: true, URL: page.URL}
	case arg == source.StdinArg:
		r := opt.Stdin
		if r == nil {
			r = os.Stdin
		}
		if raw, err = io.ReadAll(r); err != nil {
			return nil, fmt.Errorf("standard input: %v", err)
		}
		arg = source.StdinPath
	default:
		if raw, err = os.ReadFile(arg); err != nil {
			return nil, err // *PathError names the file
		}
		format = markup.FormatOf(arg)
		in.Article = opt.Article
	}
	if opt.Format != nil {
		format = *opt.Format
	}
	in.Format = &format
	in.Encoding = opt.Encoding
	d := &Doc{Path: arg}

	dec, err := source.Decode(raw, source.DecodeOptions{Encoding: in.Encoding, ContentType: in.ContentType, HTML: format == markup.HTML})
	if err != nil {
		return nil, fmt.Errorf("%s: %v", arg, err)
	}
	d.Source = dec.Text
	if format == markup.Plain {
		d.Text = string(dec.Text)
	} else {
		ex, err := markup.Extract(dec.Text, format, markup.Options{Article: in.Article, URL: in.URL})
		if err != nil && in.Article {
			in.Article = false // the checker falls back so too
			ex, err = markup.Extract(dec.Text, format, markup.Options{URL: in.URL})
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", arg, err)
		}
		d.Text, d.Map = ex.Text, ex.Map
		if ex.Source != nil {
			d.Source = ex.Source
		}
	}
	if opt.Checker != nil {
		// The decoded text, said to be UTF-8, so that the checker reads
		// what was extracted here and its offsets are those of d.Source.
		in.Encoding, in.ContentType = "utf-8", ""
		res := opt.Checker.CheckInput(dec.Text, in)
		d.Findings, d.Notes = res.Findings, res.Notes
	}
	if dec.Transcoded {
		d.Notes = append([]checker.Note{{Kind: "transcoded", Offset: -1, Message: fmt.Sprintf(
			"read as %s and converted to UTF-8: offsets count bytes of the UTF-8 text", dec.Encoding)}}, d.Notes...)
	}
	return d, nil
}
