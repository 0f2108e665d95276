// Package audit is the batch audit of syndicated feeds behind "mtlint feed".
// It reads feeds (RSS, Atom and JSON Feed, from the web or from files, or
// the feeds that a list file names), checks each item's content — or, with
// FetchArticles, the article its link points to — on a bounded number of
// goroutines and with bounded, per-host polite fetching, and ranks the items
// by a score so that the likely machine-translated ones come first:
//
//	rep, err := audit.Run(ctx, []string{"https://example.org/rss.xml"}, audit.Options{Checker: c})
//	if err != nil { ... } // only when ctx is done
//	for _, r := range rep.Records { fmt.Println(r.Score, r.Title, r.Link, r.Error) }
//
// A feed or an item that fails (a network error, a malformed feed, an item
// without content, a page that is not HTML) becomes a record with an Error;
// the audit goes on with the rest.
package audit

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/checker/report"
	"github.com/mtlint/mtlint/checker/source"
	"github.com/mtlint/mtlint/rules"
)

// DefaultFetchJobs is the number of requests under way at once, to all hosts
// together, when Options leave FetchJobs zero.
const DefaultFetchJobs = 8

// defaultMaxBytes bounds a feed file or a body when the Fetcher does not say.
const defaultMaxBytes = 20 << 20

// Options say what to audit and how.
type Options struct {
	// Checker checks each item; it is required.
	Checker *checker.Checker
	// Fetcher gets feeds and pages; nil means a Fetcher with its defaults.
	// Its PerHost, Timeout, Retries and MaxBytes apply to every request,
	// and its MaxBytes (20 MB when zero) bounds feed files as well.
	Fetcher *source.Fetcher
	// Jobs is the number of items checked at once; zero or less means the
	// number of CPUs.
	Jobs int
	// FetchJobs is the number of feeds and pages fetched at once, to all
	// hosts together (the Fetcher's PerHost bounds each host); zero or less
	// means DefaultFetchJobs.
	FetchJobs int
	// FetchArticles fetches each item's link and checks the article
	// extracted from the page, instead of the content the feed carries.
	FetchArticles bool
	// Limit is the most items taken from each feed, in the feed's order
	// (newest first in most feeds); zero or less means all.
	Limit int
	// Since drops the items published (or, without a publication date,
	// updated) before it; items with no date at all are kept. The zero
	// time keeps every item.
	Since time.Time
	// Progress, when set, is called after each step with the counts so
	// far, from one goroutine at a time, for a progress bar.
	Progress func(Progress)
}

// Progress counts what an audit has found and done so far. Feeds and Items
// grow as lists are read and feeds are parsed.
type Progress struct {
	// Feeds is the number of feeds known; FeedsDone of those read or failed.
	Feeds, FeedsDone int
	// Items is the number of items taken from the feeds read so far;
	// ItemsDone of those checked or failed.
	Items, ItemsDone int
	// Failed counts the failed feeds and items.
	Failed int
}

// Kind says what a record is about.
type Kind string

// The kinds of records.
const (
	// KindItem is the record of one item of a feed, checked or failed.
	KindItem Kind = "item"
	// KindFeed is the record of a feed (or a list of feeds) that could not
	// be read or parsed; it stands for all the items it would have given.
	KindFeed Kind = "feed"
)

// Record is the outcome of one item, or of one feed that failed. Findings
// are those of checker.Result, in the same JSON less the explanations; their positions refer to
// the item's content as the feed gives it (in UTF-8, after XML unescaping),
// or, with FetchArticles, to the fetched page or to the article extracted
// from it (a note says so).
type Record struct {
	Kind Kind `json:"kind"`
	// Feed is the feed's URL or path as given (or as a list named it).
	Feed string `json:"feed"`
	// FeedTitle is the feed's title, if it was read.
	FeedTitle string `json:"feed_title"`
	// Title and Link are the item's; Link is absolute when it could be
	// resolved.
	Title string `json:"title"`
	Link  string `json:"link"`
	// Published is the item's publication (else update) date in RFC 3339,
	// empty when it has none.
	Published string `json:"published,omitempty"`
	// Checked says what was checked: "feed" (the item's content in the
	// feed) or "page" (the fetched article).
	Checked string `json:"checked,omitempty"`
	// Language is the ISO 639-1 code of the language of the checked text,
	// or empty when it had too few words to tell; on a text that is not
	// English only the rules that do not depend on the language ran, and a
	// note says so.
	Language string `json:"language,omitempty"`
	// Score is the item's MT-likelihood score, 0 to 100 (see Score).
	Score float64 `json:"score"`
	// Words counts the words of the checked text, as Score counts them.
	Words int `json:"words"`
	// Errors, Warnings and Infos count the findings by severity.
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
	// Categories counts the findings by category; categories without a
	// finding are left out.
	Categories map[rules.Category]int `json:"categories"`
	// Findings are the item's findings, as mtlint check reports them but
	// without the rules' explanations.
	Findings []Finding `json:"findings"`
	// Notes say what else there is to know about the checked text.
	Notes []checker.Note `json:"notes,omitempty"`
	// Error says why the feed or the item could not be checked.
	Error string `json:"error,omitempty"`
	// AlsoIn names the other feeds that gave the same item (the same link,
	// once normalised, or the same GUID); it was checked once, as Feed
	// gave it, the first feed read that had it.
	AlsoIn []string `json:"also_in,omitempty"`

	// key orders records as their sources came: source, list entry, item
	// (-1 for a feed record).
	key [3]int
}

// Finding is a finding of an item as its record gives it: a
// checker.Finding without the rule's explanation, which for a pack rule
// lists the pack's entries and would make a record of a few findings weigh
// kilobytes (more than a spreadsheet cell takes); 'mtlint explain RULE'
// gives it. The empty Explanation here hides the embedded one from JSON.
type Finding struct {
	checker.Finding
	Explanation string `json:"explanation,omitempty"`
}

// recordFindings returns fs as a record gives them.
func recordFindings(fs []checker.Finding) []Finding {
	out := make([]Finding, len(fs))
	for i, f := range fs {
		f.Explanation, f.Context = "", checker.Context{}
		if f.Suggestions == nil {
			f.Suggestions = []string{}
		}
		out[i] = Finding{Finding: f}
	}
	return out
}

// Summary counts what an audit found.
type Summary struct {
	// Feeds counts the feeds read or failed (a list counts as the feeds it
	// names); FeedsFailed those that failed.
	Feeds       int `json:"feeds"`
	FeedsFailed int `json:"feeds_failed"`
	// Items counts the items taken from the feeds; ItemsFailed those that
	// could not be checked.
	Items       int `json:"items"`
	ItemsFailed int `json:"items_failed"`
	// Duplicates counts the items left out because another feed, or the
	// same one, gave them already (see Record.AlsoIn); Items does not
	// count them.
	Duplicates int `json:"duplicates"`
	// Findings and the counts by severity are those of all items.
	Findings int `json:"findings"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// Failed returns the number of feeds and items that failed.
func (s Summary) Failed() int { return s.FeedsFailed + s.ItemsFailed }

// AtLeast returns how many findings have severity sev or a higher one, for
// --fail-on.
func (s Summary) AtLeast(sev rules.Severity) int {
	return report.Summary{Errors: s.Errors, Warnings: s.Warnings, Infos: s.Infos}.AtLeast(sev)
}

// Report is the outcome of an audit.
type Report struct {
	// Records are ranked: the checked items by score, highest first (ties
	// by number of findings, then in feed order), then the failed feeds and
	// items in the order of the sources.
	Records []*Record
	Summary Summary
}

// Run audits the feeds that sources name: each is a feed's URL, a feed file
// (RSS, Atom or JSON Feed, possibly gzipped), or a file (or URL) listing
// feeds, one URL or path a line, with # comments and blank lines; which of
// them it is shows in its bytes. It returns an error only when opt is
// unusable or ctx is done; every failure of a feed or an item is a record.
func Run(ctx context.Context, sources []string, opt Options) (*Report, error) {
	if opt.Checker == nil {
		return nil, errors.New("audit: Options.Checker is nil")
	}
	a := &auditor{opt: opt, fetcher: opt.Fetcher, maxBytes: defaultMaxBytes, seen: map[string]*Record{}}
	if a.fetcher == nil {
		a.fetcher = &source.Fetcher{}
	}
	if a.fetcher.MaxBytes > 0 {
		a.maxBytes = a.fetcher.MaxBytes
	}
	jobs := opt.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	fetchJobs := opt.FetchJobs
	if fetchJobs <= 0 {
		fetchJobs = DefaultFetchJobs
	}
	a.fetchSem = make(chan struct{}, fetchJobs)
	a.feedSem = make(chan struct{}, fetchJobs)
	a.events = make(chan event, 64)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// feeds -> tasks -> (fetched pages ->) checks -> events -> the collector
	tasks := make(chan *task)
	var feeds sync.WaitGroup
	for i, s := range sources {
		feeds.Add(1)
		go a.feed(ctx, &feeds, tasks, [2]int{i, 0}, s, false)
	}
	go func() {
		feeds.Wait()
		close(tasks)
	}()
	toCheck := tasks
	if opt.FetchArticles {
		fetched := make(chan *task)
		var fetchers sync.WaitGroup
		for range fetchJobs {
			fetchers.Go(func() {
				for t := range tasks {
					a.fetchArticle(ctx, t)
					select {
					case fetched <- t:
					case <-ctx.Done():
						return
					}
				}
			})
		}
		go func() {
			fetchers.Wait()
			close(fetched)
		}()
		toCheck = fetched
	}
	var checkers sync.WaitGroup
	for range jobs {
		checkers.Go(func() {
			for t := range toCheck {
				if !a.emit(ctx, event{rec: a.check(t)}) {
					return
				}
			}
		})
	}
	go func() {
		checkers.Wait()
		close(a.events)
	}()

	prog := Progress{Feeds: len(sources)}
	dups := 0
	var recs []*Record
	for ev := range a.events {
		dups += ev.dups
		prog.Feeds += ev.feeds
		prog.Items += ev.items
		if ev.feedDone {
			prog.FeedsDone++
		}
		if r := ev.rec; r != nil {
			recs = append(recs, r)
			if r.Kind == KindItem {
				prog.ItemsDone++
			}
			if r.Error != "" {
				prog.Failed++
			}
		}
		if opt.Progress != nil {
			opt.Progress(prog)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rank(recs)
	sum := Summary{Feeds: prog.Feeds, Duplicates: dups}
	for _, r := range recs {
		switch {
		case r.Kind == KindFeed:
			sum.FeedsFailed++
			continue
		case r.Error != "":
			sum.ItemsFailed++
		}
		sum.Items++
		sum.Errors += r.Errors
		sum.Warnings += r.Warnings
		sum.Infos += r.Infos
		sum.Findings += len(r.Findings)
	}
	return &Report{Records: recs, Summary: sum}, nil
}

// rank orders records as Report says.
func rank(recs []*Record) {
	slices.SortStableFunc(recs, func(a, b *Record) int {
		af, bf := a.Error != "", b.Error != ""
		if af != bf {
			if af {
				return 1
			}
			return -1
		}
		if !af {
			if c := cmp.Compare(b.Score, a.Score); c != 0 {
				return c
			}
			if c := cmp.Compare(len(b.Findings), len(a.Findings)); c != 0 {
				return c
			}
		}
		return slices.Compare(a.key[:], b.key[:])
	})
}

// auditor is one run of Run.
type auditor struct {
	opt      Options
	fetcher  *source.Fetcher
	maxBytes int64
	// fetchSem bounds the requests under way; feedSem the feeds held in
	// memory at once, from their fetching until their last item is handed
	// on.
	fetchSem, feedSem chan struct{}
	events            chan event

	// seen holds the record of each item key (see itemKeys) handed on.
	mu   sync.Mutex
	seen map[string]*Record
}

// event is what the stages tell the collector.
type event struct {
	feeds    int     // feeds added (the entries of a list, less the list)
	feedDone bool    // a feed was parsed, or failed
	items    int     // items taken from a feed
	dups     int     // items of a feed left out as duplicates
	rec      *Record // a checked or failed item, or a failed feed
}

// task is one item on its way through the stages.
type task struct {
	rec         *Record
	content     []byte
	format      markup.Format
	contentType string
	url         string   // the page to fetch, with FetchArticles
	article     bool     // extract the article of a page
	err         error    // why it cannot be checked
	keys        []string // what identifies the item across feeds (itemKeys)
}

// emit hands ev to the collector; it returns false when ctx is done.
func (a *auditor) emit(ctx context.Context, ev event) bool {
	select {
	case a.events <- ev:
		return true
	case <-ctx.Done():
		return false
	}
}

// acquire takes a slot of sem, or returns false when ctx is done first.
func acquire(ctx context.Context, sem chan struct{}) bool {
	select {
	case sem <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

// feed reads the source name, a feed or (unless listed, as lists do not
// nest) a list of feeds, and hands on its items or the feeds it lists.
func (a *auditor) feed(ctx context.Context, wg *sync.WaitGroup, tasks chan<- *task, key [2]int, name string, listed bool) {
	defer wg.Done()
	if !acquire(ctx, a.feedSem) {
		return
	}
	held := true
	release := func() {
		if held {
			<-a.feedSem
			held = false
		}
	}
	defer release()
	fail := func(err error) {
		a.emit(ctx, event{feedDone: true, rec: &Record{
			Kind: KindFeed, Feed: name, Categories: map[rules.Category]int{}, Findings: []Finding{},
			Error: err.Error(), key: [3]int{key[0], key[1], -1},
		}})
	}
	body, base, err := a.load(ctx, name)
	if err != nil {
		if ctx.Err() == nil {
			fail(err)
		}
		return
	}
	k, err := sniff(body)
	if err != nil {
		fail(err)
		return
	}
	if k == kindList {
		if listed {
			fail(errors.New("a list of feeds, named by another list: lists name feeds only"))
			return
		}
		entries, err := listEntries(body, base)
		if err != nil {
			fail(fmt.Errorf("list of feeds: %v", err))
			return
		}
		release()
		if !a.emit(ctx, event{feeds: len(entries) - 1}) {
			return
		}
		for j, e := range entries {
			wg.Add(1)
			go a.feed(ctx, wg, tasks, [2]int{key[0], j + 1}, e, true)
		}
		return
	}
	f, err := parseFeed(body)
	if err != nil {
		fail(err)
		return
	}
	if f.cut != nil {
		// a failure of the feed, reported beside the items it still gave
		if !a.emit(ctx, event{rec: &Record{
			Kind: KindFeed, Feed: name, Categories: map[rules.Category]int{}, Findings: []Finding{},
			Error: fmt.Sprintf("%v; the %d whole items before the break were checked", f.cut, len(f.entries)),
			key:   [3]int{key[0], key[1], -1},
		}}) {
			return
		}
	}
	entries := a.selectEntries(f.entries)
	feedURL := ""
	if source.IsURL(base) {
		feedURL = base
	}
	ts := make([]*task, 0, len(entries))
	for i, e := range entries {
		if t := a.task(name, feedURL, f, e, [3]int{key[0], key[1], i}); !a.duplicate(t) {
			ts = append(ts, t)
		}
	}
	if !a.emit(ctx, event{feedDone: true, items: len(ts), dups: len(entries) - len(ts)}) {
		return
	}
	for _, t := range ts {
		select {
		case tasks <- t:
		case <-ctx.Done():
			return
		}
	}
}

// load reads a source: fetches a URL, reads a file, and decompresses either
// when it is gzip. base is where relative addresses in it are resolved: the
// address after redirects, or the file's path.
func (a *auditor) load(ctx context.Context, name string) (body []byte, base string, err error) {
	if source.IsURL(name) {
		if !acquire(ctx, a.fetchSem) {
			return nil, "", ctx.Err()
		}
		page, err := a.fetcher.Fetch(ctx, name)
		<-a.fetchSem
		if err != nil {
			return nil, "", errors.New(reason(err, name))
		}
		body, err = gunzip(page.Body, a.maxBytes)
		return body, page.URL, err
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, "", errors.New(source.Reason(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, "", errors.New("a directory, not a feed or a list of feeds")
	}
	body, err = io.ReadAll(io.LimitReader(f, a.maxBytes+1))
	if err != nil {
		return nil, "", errors.New(source.Reason(err))
	}
	if int64(len(body)) > a.maxBytes {
		return nil, "", fmt.Errorf("larger than %d bytes", a.maxBytes)
	}
	body, err = gunzip(body, a.maxBytes)
	return body, name, err
}

// reason returns the message of a fetch error without the URL that it
// starts with, for messages that name the URL themselves.
func reason(err error, url string) string {
	return strings.TrimPrefix(err.Error(), url+": ")
}

// selectEntries keeps the entries of --since and --limit.
func (a *auditor) selectEntries(es []entry) []entry {
	out := es[:0]
	for _, e := range es {
		if !a.opt.Since.IsZero() && !e.published.IsZero() && e.published.Before(a.opt.Since) {
			continue
		}
		out = append(out, e)
		if a.opt.Limit > 0 && len(out) == a.opt.Limit {
			break
		}
	}
	return out
}

// duplicate reports whether an item with one of t's keys was handed on
// already, by this feed or another, and then adds t's feed to that item's
// AlsoIn and t's other keys to its keys; otherwise it records t's keys as
// t's.
func (a *auditor) duplicate(t *task) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	var first *Record
	for _, k := range t.keys {
		if r := a.seen[k]; r != nil {
			first = r
			break
		}
	}
	owner := t.rec
	if first != nil {
		owner = first
		if t.rec.Feed != first.Feed && !slices.Contains(first.AlsoIn, t.rec.Feed) {
			first.AlsoIn = append(first.AlsoIn, t.rec.Feed)
		}
	}
	for _, k := range t.keys {
		if a.seen[k] == nil {
			a.seen[k] = owner
		}
	}
	return first != nil
}

// task makes the task of one entry of a feed.
func (a *auditor) task(name, feedURL string, f *feed, e entry, key [3]int) *task {
	rec := &Record{
		Kind: KindItem, Feed: name, FeedTitle: f.title, Title: e.title, Link: e.link,
		Categories: map[rules.Category]int{}, Findings: []Finding{}, key: key,
	}
	if !e.published.IsZero() {
		rec.Published = e.published.Format(time.RFC3339)
	}
	link, linkErr := resolveLink(e.link, feedURL, f.link)
	if linkErr == nil {
		rec.Link = link
	}
	t := &task{rec: rec, keys: itemKeys(link, linkErr == nil, e.guid)}
	switch {
	case a.opt.FetchArticles:
		rec.Checked = "page"
		t.url, t.err = link, linkErr
	case e.content == "":
		rec.Checked = "feed"
		t.err = errors.New("no content in the feed (no content:encoded, description, content or summary); --fetch-articles checks the page it links to")
	default:
		rec.Checked = "feed"
		t.content, t.format = []byte(e.content), e.format
		t.url = link
		if e.format == markup.HTML {
			t.contentType = "text/html; charset=utf-8" // the feed parser gave Unicode text
		}
	}
	return t
}

// fetchArticle fetches the page of t's link.
func (a *auditor) fetchArticle(ctx context.Context, t *task) {
	if t.err != nil {
		return
	}
	if !acquire(ctx, a.fetchSem) {
		t.err = ctx.Err()
		return
	}
	page, err := a.fetcher.Fetch(ctx, t.url)
	<-a.fetchSem
	if err != nil {
		t.err = errors.New(reason(err, t.url))
		return
	}
	body, err := gunzip(page.Body, a.maxBytes)
	if err != nil {
		t.err = err
		return
	}
	ct := page.ContentType
	sniffed := ct
	if strings.TrimSpace(sniffed) == "" {
		sniffed = http.DetectContentType(body)
	}
	mt, _, err := mime.ParseMediaType(sniffed)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(sniffed))
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		t.format, t.article = markup.HTML, true
	case "text/plain":
		t.format = markup.Plain
	default:
		t.err = fmt.Errorf("the page is %s, not HTML or text", mt)
		return
	}
	t.content, t.contentType, t.url = body, ct, page.URL
}

// check checks t and fills its record.
func (a *auditor) check(t *task) *Record {
	rec := t.rec
	if t.err != nil {
		rec.Error = t.err.Error()
		return rec
	}
	format := t.format
	res := a.opt.Checker.CheckInput(t.content, checker.Input{
		Format: &format, ContentType: t.contentType, Article: t.article, URL: t.url,
	})
	if res.Skipped {
		msg := "not checked"
		if len(res.Notes) > 0 {
			msg = res.Notes[0].Message
		}
		rec.Error = msg
		rec.Notes = res.Notes
		return rec
	}
	rec.Findings = recordFindings(res.Findings)
	rec.Notes = res.Notes
	rec.Language = res.Language
	var sum report.Summary
	sum.Add(res)
	rec.Errors, rec.Warnings, rec.Infos = sum.Errors, sum.Warnings, sum.Infos
	for i := range res.Findings {
		rec.Categories[res.Findings[i].Category]++
	}
	rec.Words, rec.Score = res.Words, float64(res.Score) // as mtlint check reports them
	t.content = nil
	return rec
}
