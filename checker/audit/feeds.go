package audit

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	gfjson "github.com/mmcdole/gofeed/json"

	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/checker/source"
)

// kind is what a SOURCE's bytes turned out to be.
type kind int

const (
	kindFeed kind = iota // XML or JSON: RSS, Atom or JSON Feed
	kindList             // a text file of feed URLs, one a line
)

// gzipMagic starts every gzip stream.
var gzipMagic = []byte{0x1f, 0x8b}

// gunzip returns body decompressed when it is a gzip stream (a feed.xml.gz,
// or a server that sends a gzip file without saying Content-Encoding), and
// body itself otherwise. The decompressed size is bounded by limit, so that a
// small gzip bomb does not fill the memory.
func gunzip(body []byte, limit int64) ([]byte, error) {
	if !bytes.HasPrefix(body, gzipMagic) {
		return body, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("a gzip stream that cannot be decompressed: %v", err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, fmt.Errorf("a gzip stream that cannot be decompressed: %v", err)
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("larger than %d bytes once decompressed", limit)
	}
	return out, nil
}

// sniff tells a feed from a list of feeds by the bytes: a feed is XML or
// JSON (its first character, after a byte order mark and white space, is '<'
// or '{'), a list is UTF-8 text whose every line is blank, a # comment or
// one URL or path. Anything else is an error that says what it looks like.
func sniff(body []byte) (kind, error) {
	b := body
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return kindFeed, nil // UTF-16 XML; the XML parser says whether it is a feed
	}
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 {
		return 0, errors.New("empty: neither a feed nor a list of feed URLs")
	}
	if b[0] == '<' || b[0] == '{' {
		return kindFeed, nil
	}
	if bytes.IndexByte(body, 0) >= 0 || !utf8.Valid(body) {
		return 0, errors.New("not a feed (RSS, Atom or JSON Feed) nor a list of feed URLs: binary or garbled bytes")
	}
	line := 0
	for l := range bytes.Lines(body) {
		line++
		l = bytes.TrimSpace(l)
		if len(l) == 0 || l[0] == '#' {
			continue
		}
		if bytes.ContainsAny(l, " \t") {
			return 0, fmt.Errorf("not a feed (RSS, Atom or JSON Feed) nor a list of feed URLs: line %d holds more than one URL or path", line)
		}
	}
	return kindList, nil
}

// listEntries returns the feeds that a list names, one a line, skipping
// blank lines and # comments. Entries that are not URLs are resolved against
// base: a path next to the list when the list is a file, an address on the
// same site when it came from the web (a list on the web never names a local
// file).
func listEntries(body []byte, base string) ([]string, error) {
	body = bytes.TrimPrefix(body, []byte{0xEF, 0xBB, 0xBF})
	var out []string
	line := 0
	for l := range bytes.Lines(body) {
		line++
		s := strings.TrimSpace(string(l))
		if s == "" || s[0] == '#' {
			continue
		}
		switch {
		case source.IsURL(s):
			out = append(out, s)
		case source.IsURL(base):
			b, err := url.Parse(base)
			if err != nil {
				return nil, fmt.Errorf("line %d: %q: %v", line, s, err)
			}
			ref, err := url.Parse(s)
			if err != nil {
				return nil, fmt.Errorf("line %d: %q is neither a URL nor a path: %v", line, s, err)
			}
			r := b.ResolveReference(ref)
			if r.Scheme != "http" && r.Scheme != "https" || r.Host == "" {
				return nil, fmt.Errorf("line %d: %q is not an http or https URL", line, s)
			}
			out = append(out, r.String())
		case filepath.IsAbs(s):
			out = append(out, s)
		default:
			out = append(out, filepath.Join(filepath.Dir(base), filepath.FromSlash(s)))
		}
	}
	if len(out) == 0 {
		return nil, errors.New("the list names no feed (only blank lines and # comments)")
	}
	return out, nil
}

// entry is one item of a parsed feed, with what is to be checked of it.
type entry struct {
	title, link string
	guid        string    // RSS guid, Atom id, JSON Feed id; may be empty
	published   time.Time // zero when the item has no date
	// content is the item's text in the feed and format its markup (HTML,
	// or plain text for JSON Feed's content_text and Atom's type="text");
	// content is empty when the feed gives none.
	content string
	format  markup.Format
}

// feed is a parsed feed.
type feed struct {
	title   string
	link    string // the site's address, if the feed gives one
	entries []entry
	// cut says the feed was truncated and only the items before the break
	// were read, with why the whole could not be.
	cut error
}

// parseFeed parses an RSS, Atom or JSON Feed document with gofeed, from
// bytes that were fetched or read already, and picks each item's content:
// content:encoded, else description (RSS); content, else summary (Atom);
// content_html, else content_text, else summary (JSON Feed). A panic inside
// the parser on hostile input is returned as an error.
func parseFeed(body []byte) (f *feed, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("the feed parser failed on this input (%v)", p)
		}
	}()
	p := gofeed.NewParser()
	p.KeepOriginalFeed = true // JSON Feed and Atom say which content is plain text
	gf, err := p.Parse(bytes.NewReader(body))
	var cut error
	if err != nil {
		cut = feedError(body, err)
		whole, ok := closeTruncated(body)
		if !ok {
			return nil, cut
		}
		if gf, err = p.Parse(bytes.NewReader(whole)); err != nil || len(gf.Items) == 0 {
			return nil, cut
		}
	}
	f = &feed{title: oneLine(gf.Title), link: gf.Link, entries: make([]entry, 0, len(gf.Items)), cut: cut}
	var (
		jsonItems []*gfjson.Item
		atomItems []*atom.Entry
	)
	switch o := gf.OriginalFeed().(type) {
	case *gfjson.Feed:
		if !strings.Contains(o.Version, "jsonfeed.org/version/") {
			return nil, errors.New(`not a feed: JSON without a JSON Feed "version" (https://jsonfeed.org/version/1.1)`)
		}
		jsonItems = o.Items
	case *atom.Feed:
		atomItems = o.Entries
	}
	for i, it := range gf.Items {
		if it == nil {
			continue
		}
		e := entry{title: oneLine(it.Title), link: strings.TrimSpace(it.Link), guid: strings.TrimSpace(it.GUID), format: markup.HTML}
		switch {
		case it.PublishedParsed != nil:
			e.published = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			e.published = *it.UpdatedParsed
		}
		switch {
		case len(jsonItems) == len(gf.Items) && jsonItems[i] != nil:
			ji := jsonItems[i]
			switch {
			case strings.TrimSpace(ji.ContentHTML) != "":
				e.content = ji.ContentHTML
			case strings.TrimSpace(ji.ContentText) != "":
				e.content, e.format = ji.ContentText, markup.Plain
			case strings.TrimSpace(ji.Summary) != "":
				e.content, e.format = ji.Summary, markup.Plain
			}
		case len(atomItems) == len(gf.Items) && atomItems[i] != nil:
			ae := atomItems[i]
			if c := ae.Content; c != nil && c.Src == "" && strings.TrimSpace(c.Value) != "" {
				e.content = c.Value
				if strings.EqualFold(strings.TrimSpace(c.Type), "text") {
					e.format = markup.Plain
				}
			} else if strings.TrimSpace(ae.Summary) != "" {
				e.content = ae.Summary
			}
		default:
			if strings.TrimSpace(it.Content) != "" {
				e.content = it.Content
			} else if strings.TrimSpace(it.Description) != "" {
				e.content = it.Description
			}
		}
		f.entries = append(f.entries, e)
	}
	return f, nil
}

// feedError turns a parser error into a message that says what is wrong
// with the document.
func feedError(body []byte, err error) error {
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		head := bytes.ToLower(body[:min(len(body), 1024)])
		if bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype html")) {
			return errors.New("not a feed: an HTML page (RSS, Atom or JSON Feed expected)")
		}
		return errors.New("not a feed: no RSS, Atom or JSON Feed root element")
	}
	msg := err.Error()
	if strings.Contains(msg, "unexpected EOF") {
		return fmt.Errorf("truncated or malformed feed: %s", msg)
	}
	return fmt.Errorf("malformed feed: %s", msg)
}

// closeTruncated returns an RSS or Atom document cut off in its middle
// (a download that stopped, a file written in part) up to the end of its
// last whole item, with the elements around the items closed again, so
// that the items before the break can still be checked. ok is false when
// body is not such a document or holds no whole item.
func closeTruncated(body []byte) (whole []byte, ok bool) {
	head := body[:min(len(body), 2048)]
	var end, closing string
	switch {
	case bytes.Contains(head, []byte("<rss")):
		end, closing = "</item>", "\n</channel></rss>\n"
	case bytes.Contains(head, []byte("<rdf:RDF")):
		end, closing = "</item>", "\n</rdf:RDF>\n"
	case bytes.Contains(head, []byte("<feed")):
		end, closing = "</entry>", "\n</feed>\n"
	default:
		return nil, false
	}
	i := bytes.LastIndex(body, []byte(end))
	if i < 0 {
		return nil, false
	}
	i += len(end)
	whole = make([]byte, 0, i+len(closing))
	return append(append(whole, body[:i]...), closing...), true
}

// oneLine collapses the white space of a title or name into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// resolveLink returns the absolute http(s) address of an item's link,
// resolved against the feed's address (or the site's, for a feed read from a
// file), or an error saying why it cannot be fetched.
func resolveLink(link, feedURL, siteURL string) (string, error) {
	if link == "" {
		return "", errors.New("the item has no link to fetch")
	}
	ref, err := url.Parse(link)
	if err != nil {
		return "", fmt.Errorf("the item's link %q is not a URL: %v", link, errors.Unwrap(err))
	}
	if !ref.IsAbs() {
		base := feedURL
		if !source.IsURL(base) {
			base = siteURL
		}
		if !source.IsURL(base) {
			return "", fmt.Errorf("the item's link %q is relative and the feed gives no address to resolve it against", link)
		}
		b, err := url.Parse(base)
		if err != nil {
			return "", fmt.Errorf("the item's link %q is relative and %q is not a URL", link, base)
		}
		ref = b.ResolveReference(ref)
	}
	if ref.Scheme != "http" && ref.Scheme != "https" || ref.Host == "" {
		return "", fmt.Errorf("the item's link %q is not an http or https URL", link)
	}
	return ref.String(), nil
}

// trackingParams are query parameters that say where a reader came from,
// not which page they read; linkKey drops them (and every utm_ one).
var trackingParams = map[string]bool{"fbclid": true, "gclid": true, "mc_cid": true, "mc_eid": true, "ref": true}

// linkKey returns the key under which an item's absolute http(s) link is
// compared with the other items' links, or "" when it is not such a link:
// the address without its scheme (http and https name the same article),
// with the host in lower case and without a default port, without its
// fragment and tracking parameters, the other parameters sorted, and "/"
// for an empty path.
func linkKey(link string) string {
	u, err := url.Parse(link)
	if err != nil || u.Host == "" {
		return ""
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	k := "link://" + host + path
	if u.RawQuery != "" {
		q := u.Query()
		for name := range q {
			if trackingParams[strings.ToLower(name)] || strings.HasPrefix(strings.ToLower(name), "utm_") {
				delete(q, name)
			}
		}
		if len(q) > 0 {
			k += "?" + q.Encode()
		}
	}
	return k
}

// minGUID is the length from which a GUID that is not a URL or a URN-like
// name ("tag:site,2024:id") counts as unique across feeds: a short one, such
// as a post number, is unique only within its site.
const minGUID = 16

// itemKeys returns the keys that identify an item across feeds: its link
// (resolved and normalised, see linkKey) and its GUID, when the GUID is
// unique enough to tell items of different sites apart. Two items sharing a
// key are the same item.
func itemKeys(link string, linkOK bool, guid string) []string {
	var keys []string
	if linkOK {
		if k := linkKey(link); k != "" {
			keys = append(keys, k)
		}
	}
	switch {
	case guid == "":
	case source.IsURL(guid):
		if k := linkKey(guid); k != "" {
			keys = append(keys, k)
		}
	case strings.Contains(guid, ":") || len(guid) >= minGUID:
		keys = append(keys, "guid:"+guid)
	}
	return keys
}
