// Package boilerplate holds the rules of the boilerplate family: page chrome
// that a scraper kept with the article it copied. A web page wraps its story in
// navigation, picture captions and prompts to the reader; a scraper that takes
// the text of the page rather than the story keeps some of it, and a machine
// translation pass then turns it into ordinary-looking lines. Three kinds are
// found:
//
//   - a breadcrumb trail ("Home › World › Europe", or "Home Somerset business"
//     glued before the headline once the separators are lost);
//   - a photo credit or caption ("(Chris J Ratcliffe / PA)", "Photo: AFP",
//     "Image source, Getty Images");
//   - a call to action ("Read more:", "Share this article", "Advertisement",
//     a line of social network names).
//
// Every finding is a whole line or a fragment that trails (or, for a glued
// breadcrumb, leads) the text of a line, and each suggests deleting it: the
// span takes in the white space that joins it to the text it trails, so that
// deleting it leaves clean text.
//
// The rules look at line starts, at the starts of sentences inside a line and
// at line ends, and match phrases over tokens with lexicons built once at
// package initialisation; the words of running prose are never looked up.
package boilerplate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/internal/nonword"
)

// Rules lists the family's rules in their fixed run order.
var Rules = []*rules.Rule{Breadcrumb, PhotoCredit, CallToAction}

// Breadcrumb flags a breadcrumb trail, the "you are here" navigation of a web
// page, kept as a line ("Home › World › Europe") or glued, without its
// separators, before the headline ("Home Somerset business Russian diplomat
// predicts …").
var Breadcrumb = &rules.Rule{
	ID:       "boilerplate.breadcrumb",
	Category: rules.Boilerplate,
	Severity: rules.Warning,
	Doc:      "breadcrumb navigation of the web page (\"Home › World › Europe\") kept with the article",
	Explanation: `News sites show above each story a breadcrumb trail: the sections the page sits in,
such as "Home › World › Europe" or "News / UK / Politics". A scraper that copies the
text of the page instead of the story alone keeps the trail, and when the separators
were images or styled links it loses them, so that the section names run straight
into the headline: "Home Somerset business Russian diplomat predicts week of talks".
Translation engines, which see each link as a separate segment, make this worse.

The trail is not part of the article. Delete it, keeping the headline:
"Russian diplomat predicts week of talks".

A line is taken as a breadcrumb when it is made of at least three short parts joined
by the same separator (› > » / | · •), with no final period, and either one part is a
section name (Home, News, World, Sport, Business…) or the separator is › or ». Such a
line is looked for in the first three lines of the document, where the last part may
be the headline itself, and in any line that stands alone as a paragraph. The form
without separators is looked for only in the first two lines: "Home", then one to four
section or place names ending with a lower-case section word (business, news,
politics…), or two to four capitalised section names ("Home News World"), then the
headline. "Home Office", "Home Secretary", "Home loan" and the like are not
breadcrumbs, nor are "and/or" or "24/7".`,
	Flagged:   "Home Somerset business Russian diplomat predicts week of talks with US over Ukraine\n\nThe talks begin on Monday.",
	Unflagged: "Home Office business plan criticised by MPs\n\nThe plan was published on Monday.",
	SafeFix:   false,
	Run:       runBreadcrumb,
}

// PhotoCredit flags a photo credit ("(Chris J Ratcliffe / PA)", "Photo: AFP",
// "AFP via Getty Images") or a picture caption line ("Image caption, …") kept
// from the web page, usually on the line that was the picture's caption.
var PhotoCredit = &rules.Rule{
	ID:       "boilerplate.photo-credit",
	Category: rules.Boilerplate,
	Severity: rules.Warning,
	Doc:      "photo credit or picture caption of the web page (\"(Chris J Ratcliffe / PA)\") kept with the article",
	Explanation: `Pictures on a news page carry a caption and a credit naming the photographer and
the agency: "Antony Blinken has said he doesn't expect a breakthrough (Chris J
Ratcliffe / PA)", "Photograph: Jane Doe/Reuters", "AFP via Getty Images", or on the BBC
"Image source, Getty Images" and "Image caption, …". A scraper that copies the page
text keeps them, and the caption then reads as a paragraph of the story, often a
repeat of one nearby, with the credit hanging off its end.

Delete the credit; the line it ends is usually a picture caption that should go too
unless it says something the story needs. For example, in "US Secretary of State
Antony Blinken has said he doesn't expect a breakthrough (Chris J Ratcliffe / PA)"
the credit " (Chris J Ratcliffe / PA)" is flagged, and the whole line is a caption.

A credit is recognised by an agency (PA, PA Wire, AP, AFP, Reuters, EPA, Getty Images,
Shutterstock, Alamy, Bloomberg, dpa, Xinhua and others) with a photographer's name and a
slash, by "via Getty Images", by a lead such as "Photo:", "Picture:", "Photo by",
"Credit:", "Image source," or "©", or by an agency alone in brackets at the very end of
a line that has no final period. Caption labels ("Image caption,", "Photo caption,",
and "Caption for the photo," as translation renders them) flag their whole line. An
agency named in running prose is not a credit: "(AFP) reported", "the Press Association
(PA)." and "Reuters reported" are left alone, and so are wire datelines such as
"WASHINGTON (AP) —" and sign-offs such as "(Reporting by Jane Doe; Editing by John
Smith)". Agencies whose name is also an ordinary word or name (Pool, Handout, Rex,
Bloomberg, BBC) need a photographer, a slash or a lead to count as a credit.`,
	Flagged:   "US Secretary of State Antony Blinken has said he doesn't expect a breakthrough (Chris J Ratcliffe / PA)",
	Unflagged: "Riots also flared up near the border, Agence France Presse (AFP) reported.",
	SafeFix:   false,
	Run:       runPhotoCredit,
}

// CallToAction flags the prompts a web page puts around its story — "Read
// more:", "Share this article", "Sign up for our newsletter",
// "Advertisement", a line of social network names — kept as a line or
// trailing the last sentence of one.
var CallToAction = &rules.Rule{
	ID:       "boilerplate.call-to-action",
	Category: rules.Boilerplate,
	Severity: rules.Warning,
	Doc:      "call to action or page furniture of the web page (\"Read more:\", \"Share this article\") kept with the article",
	Explanation: `Web pages surround a story with prompts to the reader: links to other stories
("Read more: Russia warns Nato", "See also", "Related articles", "READ ALSO"), sharing
buttons ("Share this article", "Facebook Twitter WhatsApp Email", "Copy link"),
newsletter and social media prompts ("Sign up for our newsletter", "Follow us on
Twitter"), and markers such as "Advertisement", "Continue reading", "Most read" or
"Reading time: 3 min". A scraper that copies the page text keeps them between the
paragraphs, and a translation pass turns the foreign ones into English chrome ("To read
also" from French "A lire aussi").

They are not part of the article. Delete the line, or the fragment at the end of a
line: in "Talks resume on Monday. Click here to read more." delete " Click here to read
more.".

The phrase must start a line or follow the end of a sentence, and must run to the end
of the line or be followed by a colon and a link title, so that the same words in
running prose ("asked readers to click here", "Most read it twice") are left alone.`,
	Flagged:   "The talks resume in Geneva on Monday.\n\nRead more: Russia warns Nato over expansion",
	Unflagged: "The charity asked readers to click here and there on its site to read more about the appeal.",
	SafeFix:   false,
	Run:       runCallToAction,
}

// ---------------------------------------------------------------------------
// Token helpers

func tokText(d *document.Document, i int) string {
	t := d.Tokens[i]
	return d.Text[t.Start:t.End]
}

// isMark reports whether token i is the punctuation mark or symbol s.
func isMark(d *document.Document, i int, s string) bool {
	t := d.Tokens[i]
	return (t.Kind == document.Punct || t.Kind == document.Symbol) && d.Text[t.Start:t.End] == s
}

func isWord(d *document.Document, i int) bool { return d.Tokens[i].Kind == document.Word }

// upperFirst reports whether s starts with an upper-case letter.
func upperFirst(s string) bool {
	if s == "" {
		return false
	}
	if c := s[0]; c < utf8.RuneSelf {
		return c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

// lowerFirst reports whether s starts with a lower-case letter.
func lowerFirst(s string) bool {
	if s == "" {
		return false
	}
	if c := s[0]; c < utf8.RuneSelf {
		return c >= 'a' && c <= 'z'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// allCaps reports whether s has letters and none of them is lower case.
func allCaps(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters = true
		}
	}
	return letters
}

// foldSet is a set of lower-case ASCII words looked up case-insensitively
// without allocating. Besides the words it keeps a wordFilter, so that most
// words of running prose are turned away before they are hashed.
type foldSet struct {
	words  map[string]bool
	filter wordFilter
}

func newFoldSet(words ...string) *foldSet {
	m := &foldSet{words: make(map[string]bool, len(words))}
	for _, w := range words {
		m.add(w)
	}
	return m
}

// add puts w, in lower case, in the set.
func (m *foldSet) add(w string) {
	w = strings.ToLower(w)
	m.words[w] = true
	m.filter.add(w)
}

// has reports whether s, folded to lower case (ASCII letters only), is in
// the set.
func (m *foldSet) has(s string) bool {
	if !m.filter.mayHold(s) {
		return false
	}
	var buf [maxFolded]byte
	return m.words[foldASCII(&buf, s)]
}

// maxFolded is the longest word that foldASCII folds.
const maxFolded = 24

// foldASCII returns s with its ASCII capitals in lower case, written into
// buf; s must be at most maxFolded bytes long.
func foldASCII(buf *[maxFolded]byte, s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return string(buf[:len(s)])
}

// wordFilter is a quick test that a word may be in a set of lower-case
// words compared without regard to ASCII case: it must be no longer than
// the longest member, and its first two letters, folded, must begin a
// member. Most words of prose fail it ("the", "in", "said" begin no
// phrase of the call-to-action lexicon), and testing it costs less than
// hashing the word.
type wordFilter struct {
	prefixes [27 * 27]bool // by prefixIndex
	maxLen   int
}

// add records the lower-case word w.
func (f *wordFilter) add(w string) {
	if w == "" {
		return
	}
	f.prefixes[prefixIndex(w)] = true
	f.maxLen = max(f.maxLen, min(len(w), maxFolded))
}

// mayHold reports whether s passes the filter; a word that does not is
// not in the set.
func (f *wordFilter) mayHold(s string) bool {
	return s != "" && len(s) <= f.maxLen && f.prefixes[prefixIndex(s)]
}

// prefixIndex numbers the first two bytes of the non-empty s, each folded
// to 1-26 when it is an ASCII letter and to 0 otherwise (or when s has a
// single byte).
func prefixIndex(s string) int {
	i := int(letterIndex[s[0]]) * 27
	if len(s) > 1 {
		i += int(letterIndex[s[1]])
	}
	return i
}

// letterIndex is 1-26 for the ASCII letters in either case, else 0.
var letterIndex = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = uint8(c-'a') + 1
		t[c-'a'+'A'] = uint8(c-'a') + 1
	}
	return t
}()

// isCloser reports whether token i closes a quotation or bracket.
func isCloser(d *document.Document, i int) bool {
	t := d.Tokens[i]
	if t.Kind != document.Punct {
		return false
	}
	switch d.Text[t.Start:t.End] {
	case "”", "’", ")", "]", "\"", "'", "»":
		return true
	}
	return false
}

// afterSentenceEnd reports whether token i, inside the line whose first token
// is first, follows the end of a sentence: white space, then closing quotes or
// brackets, then ". ! ? …" (not an abbreviation's period).
func afterSentenceEnd(d *document.Document, first, i int) bool {
	if i <= first || !spacedAfterMark(d.Tokens, i) {
		return false // the common case, checked first
	}
	j := i - 1
	for j > first && isCloser(d, j) && !d.Tokens[j].Has(document.SpaceBefore) {
		j--
	}
	return d.IsTerminal(j)
}

// spacedAfterMark reports whether token i (not the first of the document)
// has white space before it and a punctuation mark or an ellipsis before
// that, the quick test that most tokens fail before afterSentenceEnd looks
// further. The kind of the token before and the flag are tested together:
// both comparisons are rarely true, so the branches are well predicted.
func spacedAfterMark(toks []document.Token, i int) bool {
	k := uint16(toks[i-1].Kind)<<8 | uint16(toks[i].Flags&document.SpaceBefore)
	return k == uint16(document.Punct)<<8|uint16(document.SpaceBefore) ||
		k == uint16(document.Ellipsis)<<8|uint16(document.SpaceBefore)
}

// trailSpan returns the span from the end of the token before i (so that the
// white space joining the fragment to the text it trails is included) to end;
// when i starts the line it is the span from token i.
func trailSpan(d *document.Document, first, i, end int) document.Span {
	if i > first {
		return document.Span{Start: int(d.Tokens[i-1].End), End: end}
	}
	return document.Span{Start: int(d.Tokens[i].Start), End: end}
}

// ---------------------------------------------------------------------------
// boilerplate.breadcrumb

// sections are the section names of news sites' navigation.
var sections = newFoldSet(
	"home", "news", "world", "uk", "us", "usa", "europe", "business", "politics", "sport", "sports",
	"health", "science", "technology", "tech", "entertainment", "opinion", "local", "culture",
	"arts", "lifestyle", "life", "style", "travel", "money", "economy", "markets", "finance",
	"education", "environment", "climate", "football", "cricket", "rugby", "tennis", "golf",
	"weather", "video", "videos", "live", "latest", "regions", "region", "england", "scotland",
	"wales", "ireland", "africa", "asia", "americas", "australia", "india", "china", "canada",
	"crime", "society", "family", "fashion", "food", "motoring", "cars", "property", "comment",
	"features", "analysis", "blogs", "magazine", "tv", "film", "music", "books", "games", "gaming",
	"celebrity", "royals", "obituaries", "national", "international", "regional", "metro", "nation",
	"world-news", "uk-news", "us-news", "global", "middle-east", "asia-pacific", "media",
	"religion", "sci-tech", "showbiz", "newsbeat", "wellness", "investigations", "elections",
	"coronavirus", "ukraine", "russia", "war", "conflict", "diplomacy", "defence", "defense",
	"economics", "companies", "industry", "energy", "transport", "jobs", "housing", "agriculture",
	"farming", "communities", "community", "stories", "topics", "articles", "press", "releases",
)

// notAfterHome are capitalised words that make "Home …" a name or a title
// rather than a breadcrumb: Home Office, Home Secretary, Home Counties.
var notAfterHome = newFoldSet(
	"office", "secretary", "affairs", "guard", "counties", "depot", "front", "rule", "nations",
	"team", "fleet", "grown", "made", "alone", "bargains", "improvement", "improvements",
	"sweet", "truths", "run", "runs", "page", "ground", "stretch", "straight", "side",
	"owners", "buyers", "loan", "loans", "sales", "prices", "help", "care", "minister",
	"ministry", "department", "service", "services", "builders", "builder", "insurance",
)

// isSeparator reports whether token i is a breadcrumb separator.
func isSeparator(d *document.Document, i int) bool {
	t := d.Tokens[i]
	if t.Kind != document.Punct && t.Kind != document.Symbol {
		return false
	}
	switch d.Text[t.Start:t.End] {
	case "›", ">", "»", "/", "|", "·", "•", "→":
		return true
	}
	return false
}

func runBreadcrumb(pass *rules.Pass) {
	d := pass.Doc
	top := d.FirstWindow()
	for _, p := range d.Paragraphs {
		standalone := p.Lines.Len() == 1
		for li := p.Lines.First; li < p.Lines.Last; li++ {
			l := d.Lines[li]
			if l.Tokens.Len() == 0 {
				continue
			}
			if top && li < 2 {
				if sp, ok := gluedBreadcrumb(d, l); ok {
					pass.Reportf(sp, rules.Delete, "breadcrumb navigation %q glued before the headline", strings.TrimSpace(d.SpanText(sp)))
					continue
				}
			}
			if (top && li < 3) || standalone {
				if sp, whole, ok := separatorBreadcrumb(d, l, top && li < 3); ok {
					if whole {
						pass.Reportf(sp, rules.Delete, "breadcrumb navigation line kept from the web page")
					} else {
						pass.Reportf(sp, rules.Delete, "breadcrumb navigation %q before the headline", strings.TrimSpace(d.SpanText(sp)))
					}
				}
			}
		}
	}
}

// gluedBreadcrumb finds a breadcrumb that lost its separators at the start of
// line l: "Home", one to four section or place names ending with a lower-case
// section word, then a capitalised headline (or the end of the line); or
// "Home" and two to four capitalised section names, then a headline whose
// first word is not one. The span runs to the start of the headline.
func gluedBreadcrumb(d *document.Document, l document.Line) (document.Span, bool) {
	i, last := l.Tokens.First, l.Tokens.Last
	if w := tokText(d, i); w != "Home" && w != "HOME" {
		return document.Span{}, false
	}
	allSections := true
	for j := i + 1; j < last && j <= i+4; j++ {
		if !isWord(d, j) {
			return document.Span{}, false
		}
		w := tokText(d, j)
		section := sections.has(w)
		if j == i+1 && notAfterHome.has(w) {
			return document.Span{}, false
		}
		allSections = allSections && section
		if allSections && j >= i+2 && j+1 < last && isWord(d, j+1) {
			// "Home News World Russian diplomat …": capitalised section
			// names, then a headline that does not start with one
			if n := tokText(d, j+1); upperFirst(n) && !sections.has(n) {
				return document.Span{Start: int(d.Tokens[i].Start), End: int(d.Tokens[j+1].Start)}, true
			}
		}
		if section && lowerFirst(w) {
			if j+1 == last {
				return document.Span{Start: int(d.Tokens[i].Start), End: int(d.Tokens[j].End)}, true
			}
			n := d.Tokens[j+1]
			if n.Kind == document.Number || n.Kind == document.Word && upperFirst(tokText(d, j+1)) {
				return document.Span{Start: int(d.Tokens[i].Start), End: int(n.Start)}, true
			}
			continue
		}
		if !section && !upperFirst(w) {
			return document.Span{}, false
		}
	}
	return document.Span{}, false
}

// youAreHere is the label some sites put before the trail.
var youAreHere = []string{"you", "are", "here"}

// maxSegment is the longest a breadcrumb part may be, in tokens.
const maxSegment = 4

// separatorBreadcrumb finds a breadcrumb line with separators: at least three
// parts joined by one kind of separator, short parts, no final period. When
// the line is at the top of the document the last part may be the headline;
// the span then stops before it and whole is false.
func separatorBreadcrumb(d *document.Document, l document.Line, top bool) (sp document.Span, whole, ok bool) {
	first, last := l.Tokens.First, l.Tokens.Last
	if e := matchWords(d, first, last, youAreHere); e > 0 {
		first = e // "You are here: Home > News > UK"
		if first < last && isMark(d, first, ":") {
			first++
		}
	}
	var sep string
	nsep := 0
	segStart := first
	lastSep := -1
	vocab := false
	for i := first; i < last; i++ {
		if isSeparator(d, i) {
			s := tokText(d, i)
			switch {
			case sep == "":
				sep = s
			case s != sep:
				return sp, false, false
			}
			n := i - segStart
			if n == 0 || n > maxSegment {
				return sp, false, false
			}
			if s == "/" && (!d.Tokens[i].Has(document.SpaceBefore) || i+1 >= last || !d.Tokens[i+1].Has(document.SpaceBefore)) {
				return sp, false, false // and/or, 24/7
			}
			if !segmentOK(d, segStart, i) {
				return sp, false, false
			}
			if sections.has(tokText(d, segStart)) {
				vocab = true
			}
			nsep++
			lastSep = i
			segStart = i + 1
			continue
		}
		if nsep < 2 {
			// the first parts are a few plain words; a mark there, or a long
			// run of words, is prose
			if k := d.Tokens[i].Kind; k != document.Word && k != document.Number && !isMark(d, i, "&") || i-segStart >= maxSegment {
				return sp, false, false
			}
		}
	}
	if segStart < last && sections.has(tokText(d, segStart)) {
		vocab = true
	}
	if nsep < 2 || segStart >= last || !(vocab || sep == "›" || sep == "»") {
		return sp, false, false
	}
	if last-segStart <= maxSegment && segmentOK(d, segStart, last) {
		return l.Span, true, true
	}
	// a long last part: the headline after the trail, at the top only
	if !top || d.IsTerminal(last-1) || !upperFirst(tokText(d, segStart)) {
		return sp, false, false
	}
	return document.Span{Start: l.Start, End: int(d.Tokens[lastSep+1].Start)}, false, true
}

// BreadcrumbLine reports whether line l is, whole, a breadcrumb trail with
// separators ("Home > News > World"), as boilerplate.breadcrumb judges it:
// the repetition rules use it to find the headline that follows the trail.
func BreadcrumbLine(d *document.Document, l document.Line) bool {
	_, whole, ok := separatorBreadcrumb(d, l, false)
	return ok && whole
}

// segmentOK reports whether tokens [i, j) make a breadcrumb part: words,
// numbers and ampersands, starting with a capital or a section name.
func segmentOK(d *document.Document, i, j int) bool {
	for k := i; k < j; k++ {
		switch d.Tokens[k].Kind {
		case document.Word, document.Number:
		default:
			if !isMark(d, k, "&") {
				return false
			}
		}
	}
	w := tokText(d, i)
	return upperFirst(w) || sections.has(w)
}

// ---------------------------------------------------------------------------
// boilerplate.photo-credit

// agencyList holds the photo agencies and picture desks that credits name, as
// written; each phrase also matches in capitals.
var agencyList = []string{
	"PA", "PA Wire", "PA Media", "PA Archive", "PA Images", "PA Photos", "Press Association",
	"AP", "AP Photo", "Associated Press", "AFP", "Agence France-Presse", "Reuters", "Thomson Reuters",
	"EPA", "EPA-EFE", "EFE", "Getty", "Getty Images", "Shutterstock", "Rex", "Rex Features",
	"Alamy", "Alamy Stock Photo", "Alamy Live News", "Bloomberg", "dpa", "picture alliance",
	"picture-alliance", "ANSA", "TASS", "Tass", "Xinhua", "Anadolu", "Anadolu Agency",
	"SOPA Images", "LightRocket", "NurPhoto", "Sipa", "Sipa USA", "Corbis", "iStock",
	"iStockphoto", "Universal Images Group", "ZUMA", "ZUMA Press", "Zuma Press", "ZUMA Wire",
	"Kyodo", "Kyodo News", "Yonhap", "Imago", "Ukrinform", "Sputnik", "RIA Novosti", "UPI",
	"WireImage", "FilmMagic", "Bloomberg via Getty Images", "Handout", "Pool", "Pool Photo",
	"AAP", "AAP Image", "CP", "Canadian Press", "The Canadian Press", "PAP", "Ritzau Scanpix",
	"NTB", "Scanpix", "TT", "Belga", "ANP", "Keystone", "Lusa", "Agencia Brasil", "Reuters TV",
	"Reuters Connect", "AP Images", "Pixabay", "Unsplash", "Wikimedia Commons", "Wikimedia",
	"BBC", "Mirrorpix", "Camera Press", "Avalon", "Splash News", "Backgrid", "Pexels",
}

// weakAgencies are agencies whose name is also an ordinary word or name
// (Pool, Handout, Rex, Bloomberg, BBC): alone, with no photographer, slash or
// lead, they are not taken as a credit.
var weakAgencies = newFoldSet("pool", "handout", "rex", "avalon", "keystone", "tt", "cp", "imago",
	"sipa", "lusa", "belga", "bbc", "wikimedia", "sputnik", "bloomberg", "corbis", "upi", "pap",
	"ntb", "anp")

// agencies maps the first word of each agency (as written, and in capitals)
// to the phrases starting with it, longest first.
var agencies = map[string][][]string{}

// agencyEnds holds the last word of each agency (as written and in
// capitals), to rule out at once a line that cannot end with a credit;
// agencyEndFilter turns away most other words before they are hashed.
// agencyWords holds every word of every agency, in lower case.
var (
	agencyEnds      = map[string]bool{}
	agencyEndFilter wordFilter
	agencyWords     = newFoldSet()
)

// isAgencyEnd reports whether w is in agencyEnds.
func isAgencyEnd(w string) bool {
	return agencyEndFilter.mayHold(w) && agencyEnds[w]
}

// leads are the words that introduce a credit ("Photo: AFP", "Image
// source, Getty Images"), leadSecond the second words of two-word leads,
// photoLeads the leads that name a picture.
var (
	leads = newFoldSet("photo", "photos", "photograph", "photographs", "picture", "pictures", "pic",
		"pics", "image", "images", "credit", "credits", "copyright", "video", "foto")
	leadSecond = newFoldSet("credit", "credits", "source", "sources", "courtesy", "by", "author", "copyright")
	photoLeads = newFoldSet("photo", "photos", "photograph", "photographs", "picture", "pictures", "pic",
		"pics", "image", "images", "video", "foto")
)

// captionLeads are the labels that open a picture caption line on news
// sites ("Image caption, …"), with the garbled forms translation gives them
// ("Caption for the photo,", "Signature to the photo,").
var captionLeads = [][]string{
	{"image", "caption"}, {"media", "caption"}, {"video", "caption"}, {"photo", "caption"},
	{"picture", "caption"}, {"caption"}, {"caption", "for", "the", "photo"},
	{"caption", "to", "the", "photo"}, {"caption", "of", "the", "photo"},
	{"signature", "of", "the", "photo"}, {"signature", "to", "the", "photo"},
	{"signature", "under", "the", "photo"}, {"photo", "signature"},
}

// captionFirst holds the first words of captionLeads.
var captionFirst = newFoldSet("image", "media", "video", "photo", "picture", "caption", "signature")

// signOffs are the first words of wire sign-offs, which are not credits:
// "(Reporting by Jane Doe; Editing by John Smith)".
var signOffs = newFoldSet("reporting", "editing", "writing", "additional", "compiled", "edited",
	"produced", "translated", "reported", "written", "graphic", "graphics", "sources", "source")

// nameParticles may sit inside a photographer's name (Ludovic Marin, Jean
// de la Croix, Fabrizio van der Berg).
var nameParticles = newFoldSet("de", "del", "della", "der", "den", "van", "von", "da", "di", "du",
	"la", "le", "al", "el", "bin", "ben", "dos", "das", "do", "ter", "ten", "y", "zu")

func init() {
	seen := map[string]bool{}
	add := func(phrase string) {
		if seen[phrase] {
			return
		}
		seen[phrase] = true
		words := strings.Fields(phrase)
		agencies[words[0]] = append(agencies[words[0]], words)
		last := words[len(words)-1]
		agencyEnds[last] = true
		agencyEndFilter.add(strings.ToLower(last))
		for _, w := range words {
			agencyWords.add(w)
		}
	}
	for _, a := range agencyList {
		add(a)
		add(strings.ToUpper(a))
	}
	for k, ps := range agencies {
		// longest first, so that "PA Wire" wins over "PA"
		for i := 1; i < len(ps); i++ {
			for j := i; j > 0 && len(ps[j]) > len(ps[j-1]); j-- {
				ps[j], ps[j-1] = ps[j-1], ps[j]
			}
		}
		agencies[k] = ps
	}
}

// matchAgency returns how many tokens from i (before last) spell an agency,
// or 0.
func matchAgency(d *document.Document, i, last int) int {
	ps := agencies[tokText(d, i)]
	for _, p := range ps {
		if i+len(p) > last {
			continue
		}
		ok := true
		for k := 1; k < len(p); k++ {
			if !strings.EqualFold(tokText(d, i+k), p[k]) {
				ok = false
				break
			}
		}
		if ok {
			return len(p)
		}
	}
	return 0
}

// credit describes a run of tokens parsed as the body of a photo credit.
type credit struct {
	names      int  // name tokens (words and initials)
	nameWords  int  // name tokens that are words, not initials
	agencies   int  // agencies named
	strong     int  // agencies named that are not weakAgencies
	slashes    int  // "/" marks
	vias       int  // "via"
	endsAgency bool // the run ends with an agency
	agencyLast bool // an agency, a slash, then names ("AP Photo/Evan Vucci")
}

// parseCredit parses tokens [i, last) as a credit body: photographers'
// names, agencies, "/", "via", "," "&" and "and", and numbers (years) when
// allowNum is set. It fails on anything else or on more than maxCredit
// tokens.
func parseCredit(d *document.Document, i, last int, allowNum bool) (c credit, ok bool) {
	if last-i > maxCredit || i >= last {
		return c, false
	}
	sawAgencySlash := false
	for i < last {
		if n := matchAgency(d, i, last); n > 0 {
			c.agencies++
			if n > 1 || !weakAgencies.has(tokText(d, i)) {
				c.strong++
			}
			i += n
			c.endsAgency = true
			if i < last && isMark(d, i, "/") {
				sawAgencySlash = true
			}
			continue
		}
		c.endsAgency = false
		t := d.Tokens[i]
		w := d.Text[t.Start:t.End]
		switch {
		case w == "/":
			c.slashes++
		case w == "," || w == "&" || w == "and":
		case w == "via":
			c.vias++
		case t.Kind == document.Number && allowNum:
		case t.Kind == document.Word && len(w) == 1 && upperFirst(w):
			c.names++ // an initial, perhaps with its period
			if i+1 < last && d.Tokens[i+1].Has(document.AbbrevDot) {
				i++
			}
		case t.Kind == document.Word && upperFirst(w):
			c.names++
			c.nameWords++
		case t.Kind == document.Word && nameParticles.has(w) && i+1 < last && upperFirst(tokText(d, i+1)):
		default:
			return c, false
		}
		i++
	}
	c.agencyLast = sawAgencySlash && !c.endsAgency && c.names > 0
	return c, true
}

// maxCredit is the longest credit body, in tokens.
const maxCredit = 14

// maxLead is the most tokens that parseLead reads before the credit:
// "Image source ,".
const maxLead = 3

// mayStartLead reports whether token i may start a credit lead, "©" or a
// word that passes the filter of leads: the cheap test before parseLead.
func mayStartLead(d *document.Document, i int) bool {
	w := tokText(d, i)
	return w == "©" || leads.filter.mayHold(w)
}

// creditStart returns where the longest run of tokens before end (and
// from first on) that may all belong to a credit body begins, the run
// being at most maxCredit tokens long. parseCredit accepts no body that
// begins earlier, so a credit that runs to end starts there or later: in a
// line of prose ("… a day earlier.") the run is empty and creditStart
// returns end.
func creditStart(d *document.Document, first, end int) int {
	k := end
	for k > first && end-k < maxCredit && mayBeCredit(d, k-1) {
		k--
	}
	return k
}

// mayBeCredit reports whether token k may be part of a credit body that
// parseCredit accepts: a capitalised word, a number, an initial's period,
// "/ , & and via", a name particle or a word of an agency.
func mayBeCredit(d *document.Document, k int) bool {
	t := d.Tokens[k]
	w := d.Text[t.Start:t.End]
	switch {
	case t.Kind == document.Number, t.Kind == document.Word && upperFirst(w), t.Has(document.AbbrevDot):
		return true
	case w == "/" || w == "," || w == "&" || w == "and" || w == "via":
		return true
	}
	// matchAgency compares the words after an agency's first with
	// strings.EqualFold, which takes the Kelvin sign for k and the long s
	// for s: a word with either is not decided by agencyWords.
	if strings.ContainsRune(w, '\u212A') || strings.ContainsRune(w, '\u017F') {
		return true
	}
	return agencyWords.has(w) || nameParticles.has(w)
}

// parseLead reads a credit lead at token i ("Photo:", "Image source,",
// "Picture credit:", "Photo by", "©", "Copyright") and returns the index of
// the first token after it.
func parseLead(d *document.Document, i, last int) (next int, ok bool) {
	w := tokText(d, i)
	if w == "©" {
		return i + 1, true
	}
	if !isWord(d, i) || !leads.has(w) {
		return 0, false
	}
	j := i + 1
	second := ""
	if j < last && isWord(d, j) && leadSecond.has(tokText(d, j)) {
		second = tokText(d, j)
		j++
	}
	if j >= last {
		return 0, false
	}
	if isMark(d, j, ":") || isMark(d, j, ",") || d.Tokens[j].Kind == document.Ellipsis {
		return j + 1, true // "Photo: AFP", "Image source, Getty Images", "Credit...Jane Doe/Reuters"
	}
	// "Copyright Reuters", "Image copyright Getty Images", "Photo by Jane Doe/AP"
	if k := d.Tokens[j].Kind; (k == document.Word || k == document.Number) &&
		(strings.EqualFold(w, "copyright") || strings.EqualFold(second, "copyright") || strings.EqualFold(second, "by")) {
		return j, true
	}
	return 0, false
}

// captionLine reports whether line l opens with a caption label followed by
// a comma, a colon or the end of the line, or, for the two-word labels of the
// BBC ("Image caption The talks …"), directly by a capitalised word.
func captionLine(d *document.Document, l document.Line) bool {
	first, last := l.Tokens.First, l.Tokens.Last
	if !captionFirst.has(tokText(d, first)) {
		return false
	}
	for _, c := range captionLeads {
		e := matchWords(d, first, last, c)
		if e < 0 {
			continue
		}
		if e == last || isMark(d, e, ",") || isMark(d, e, ":") {
			return true
		}
		if len(c) == 2 && c[1] == "caption" && isWord(d, e) && upperFirst(tokText(d, e)) {
			return true
		}
	}
	return false
}

func runPhotoCredit(pass *rules.Pass) {
	d := pass.Doc
	for _, l := range d.Lines {
		if l.Tokens.Len() == 0 {
			continue
		}
		photoCreditLine(pass, l)
	}
}

// photoCreditLine checks one line: credits in brackets, caption labels,
// credits after a lead, and credits without a lead at the end of the line.
// It stops at the first finding that reaches the end of the line.
func photoCreditLine(pass *rules.Pass, l document.Line) {
	d := pass.Doc
	first, last := l.Tokens.First, l.Tokens.Last
	// credits in brackets: "(Chris J Ratcliffe / PA)", "(Photo: AFP)", "(PA Wire)"
	// Only a line that holds a "(" can hold one; most do not.
	hasParen := strings.IndexByte(d.Text[l.Start:l.End], '(') >= 0
	for i := first; hasParen && i < last; i++ {
		if t := d.Tokens[i]; t.Kind != document.Punct || d.Text[t.Start] != '(' {
			continue
		}
		j := i + 1
		for j < last && j-i <= maxCredit+3 && !isMark(d, j, ")") && !isMark(d, j, "(") {
			j++
		}
		if j >= last || !isMark(d, j, ")") {
			continue
		}
		if bracketCredit(d, i+1, j, j == last-1) {
			sp := trailSpan(d, first, i, int(d.Tokens[j].End))
			if i == first && j == last-1 {
				pass.Reportf(sp, rules.Delete, "photo credit line kept from the web page")
				return
			}
			if j == last-1 && i > first && !d.IsTerminal(i-1) {
				pass.Reportf(sp, rules.Delete, "photo credit %q kept from the web page: the line is probably a photo caption", d.Text[d.Tokens[i].Start:d.Tokens[j].End])
			} else {
				pass.Reportf(sp, rules.Delete, "photo credit %q kept from the web page", d.Text[d.Tokens[i].Start:d.Tokens[j].End])
			}
			if j == last-1 {
				return
			}
		}
		i = j
	}
	if captionLine(d, l) {
		pass.Reportf(l.Span, rules.Delete, "picture caption kept from the web page")
		return
	}
	// a lead at the start of the line or of a sentence: "Photo: AFP",
	// "Image source, Getty Images", "© Reuters". The credit after the lead
	// runs to the end of the line, so the lead stands just before the
	// tokens at the end of the line that may belong to a credit.
	end := last
	if d.IsTerminal(end-1) && !d.Tokens[end-1].Has(document.AbbrevDot) {
		end-- // "Picture: PA."
	}
	from := last // a line of prose: no credit ends it
	if start := creditStart(d, first, end); start < end {
		from = max(first, start-maxLead)
	}
	for i := from; i < last; i++ {
		if !mayStartLead(d, i) {
			continue
		}
		glued := false // "… in Geneva Photo: AFP", after a caption without a period
		if i > first && !afterSentenceEnd(d, first, i) {
			if c := d.Text[d.Tokens[i].Start]; c != 'P' && c != 'I' && c != 'C' && c != 'V' && c != 'F' {
				continue
			}
			glued = true
		}
		next, ok := parseLead(d, i, last)
		if !ok || next >= last {
			continue
		}
		c, ok := parseCredit(d, next, end, true)
		if !ok || c.agencies == 0 && (glued || c.nameWords == 0 || c.slashes == 0 && !photoLeads.has(tokText(d, i))) {
			continue // a name alone needs a photo word or a slash: not "Credit: Moody's"
		}
		sp := trailSpan(d, first, i, l.End)
		if i == first {
			pass.Reportf(sp, rules.Delete, "photo credit line kept from the web page")
		} else {
			pass.Reportf(sp, rules.Delete, "photo credit %q kept from the web page", d.Text[d.Tokens[i].Start:l.End])
		}
		return
	}
	// a credit without a lead at the end of the line: "Jane Doe/Reuters",
	// "AFP via Getty Images"
	if !isWord(d, last-1) && !isAgencyEnd(tokText(d, last-1)) {
		return
	}
	start := tailCredit(d, first, last)
	if start < 0 {
		return
	}
	sp := trailSpan(d, first, start, l.End)
	switch {
	case start == first:
		pass.Reportf(sp, rules.Delete, "photo credit line kept from the web page")
	case d.IsTerminal(start - 1):
		pass.Reportf(sp, rules.Delete, "photo credit %q kept from the web page", d.Text[d.Tokens[start].Start:l.End])
	default:
		pass.Reportf(sp, rules.Delete, "photo credit %q kept from the web page: the line is probably a photo caption", d.Text[d.Tokens[start].Start:l.End])
	}
}

// bracketCredit reports whether tokens [i, j), the inside of a pair of
// brackets, are a photo credit. A lead ("Photo: …") or a name with a slash
// and an agency makes a credit anywhere; an agency alone ("PA Wire", "Getty
// Images") only when the brackets end the line.
func bracketCredit(d *document.Document, i, j int, atEnd bool) bool {
	if i >= j || signOffs.has(tokText(d, i)) {
		return false
	}
	if next, ok := parseLead(d, i, j); ok {
		if next >= j {
			return false
		}
		c, ok := parseCredit(d, next, j, true)
		return ok && (c.agencies > 0 || c.nameWords > 0)
	}
	c, ok := parseCredit(d, i, j, false)
	if !ok || c.agencies == 0 {
		return false
	}
	if c.slashes > 0 && c.names >= 2 {
		return true // a photographer's name: "(Chris J Ratcliffe / PA)"
	}
	return atEnd && (c.names == 0 && c.strong > 0 || c.slashes > 0)
}

// tailCredit finds a credit without a lead that ends the line [first,
// last): "Jane Doe/Reuters", "AFP via Getty Images", "AP Photo/Evan Vucci", a
// line of agencies alone. It returns the index of its first token, or -1.
//
// Where the credit starts is plain after a sentence end, a comma, a colon or
// a dash. After the words of a caption that has no final period it is not:
// "… in Geneva Denis Balibouse/Reuters" could credit "Geneva Denis
// Balibouse", so the photographer's name is taken as its last two words and
// their initials.
func tailCredit(d *document.Document, first, last int) int {
	if !isWord(d, last-1) && !isAgencyEnd(tokText(d, last-1)) {
		return -1
	}
	// no credit body begins before lo
	lo := creditStart(d, first, last)
	named, initials := -1, -1 // latest start with two name words, with two names
	for s := lo; s < last; s++ {
		if s > first && d.Tokens[s].Flags&document.SpaceBefore == 0 {
			continue // not "Coffrini/[AFP via Getty Images]"
		}
		c, ok := parseCredit(d, s, last, false)
		if !ok || c.agencies == 0 || c.nameWords > 4 {
			continue
		}
		bare := c.endsAgency && c.names == 0 && (c.slashes+c.vias > 0 || s == first && c.strong > 0) && matchAgency(d, s, last) > 0
		byName := c.endsAgency && c.slashes > 0 && c.names >= 2 || c.agencyLast && c.slashes == 1 && c.names >= 2
		if !bare && !byName {
			continue
		}
		if s > first && strings.EqualFold(tokText(d, s-1), "by") && s-2 >= first && signOffs.has(tokText(d, s-2)) {
			return -1 // "Reporting by Jane Doe/Reuters"
		}
		if bare && named >= 0 {
			return named // "… Fabrice Coffrini/AFP via Getty Images"
		}
		if bare && initials >= 0 {
			return initials
		}
		if bare || s == first || delimited(d, s) {
			return s
		}
		if c.nameWords >= 2 {
			named = s
		} else if initials < 0 {
			initials = s
		}
	}
	if named >= 0 {
		return named
	}
	return initials
}

// delimited reports whether token s follows a sentence end, a closing quote
// or bracket, a comma, a colon or a dash.
func delimited(d *document.Document, s int) bool {
	p := s - 1
	switch d.Tokens[p].Kind {
	case document.Punct, document.Ellipsis:
		w := tokText(d, p)
		return d.IsTerminal(p) || isCloser(d, p) || w == "," || w == ":" || w == ";" || w == "–" || w == "—" || w == "-"
	}
	return false
}

// ---------------------------------------------------------------------------
// boilerplate.call-to-action

// ctaMode says what may follow a call-to-action phrase on its line.
type ctaMode uint8

const (
	// ctaLine: nothing, or one closing mark (":" "." "»" "›" ">" "→").
	ctaLine ctaMode = iota
	// ctaLink: as ctaLine, or a colon or dash then a link title, or a link
	// title after the phrase in capitals ("READ MORE Russia warns Nato").
	ctaLink
	// ctaTail: the rest of one short sentence to the end of the line,
	// without quotation marks ("Click here to read more.", "Follow us on
	// Twitter").
	ctaTail
	// ctaColon: a colon, then a link title or nothing ("More:", "Watch:"):
	// words too common to stand alone.
	ctaColon
	// ctaSocial: social network names or @handles to the end of the line
	// ("Follow us on Twitter and Facebook").
	ctaSocial
)

// maxTail is the longest text after a ctaTail phrase, in tokens.
const maxTail = 16

// ctaPhrase is one call-to-action phrase: lower-case words, "*" standing
// for up to two words.
type ctaPhrase struct {
	words []string
	mode  ctaMode
}

// ctaSource lists the phrases, by mode.
var ctaSource = map[ctaMode][]string{
	ctaLink: {
		"read more", "read more here", "also read", "read also", "to read also", "see also",
		"related", "related articles", "related article", "related stories", "related story",
		"related content", "related news", "related coverage", "related links", "related topics",
		"related reading", "more on this story", "more on this", "read next", "you may also like",
		"you might also like", "you may be interested in", "recommended reading",
		"recommended for you", "don't miss", "don’t miss", "further reading", "more stories",
		"more news", "top stories", "also see", "more from", "read the full story",
		"read the full article", "read the original article",
	},
	ctaColon: {"more", "watch", "listen", "recommended", "video", "pictures", "in pictures", "gallery"},
	ctaLine: {
		"advertisement", "sponsored", "sponsored content", "promoted content",
		"most read", "most popular", "most viewed", "most shared", "most watched", "trending",
		"trending now", "share", "share this", "share this article", "share this story",
		"share this page", "share this post", "share article", "share story", "copy link",
		"copy link to clipboard", "link copied", "print", "print this article", "print this page",
		"email this article", "email this story", "comments", "leave a comment", "show comments",
		"view comments", "continue reading", "continue reading below", "continue reading the main story",
		"story continues below", "article continues below", "story continues below advertisement",
		"article continues after advertisement", "skip advertisement", "back to top", "top of page", "skip to content",
		"skip to main content", "listen to this article", "subscribe", "subscribe now", "sign up",
		"sign in", "log in", "load more", "show more", "view more", "next article",
		"previous article", "next story", "previous story", "jump to",
	},
	ctaTail: {
		"click here", "tap here", "sign up for our * newsletter",
		"sign up for our * newsletters", "sign up to our * newsletter", "sign up to our * newsletters",
		"subscribe to our * newsletter", "subscribe to our * newsletters", "subscribe to our * channel",
		"join our * newsletter", "get our * newsletter", "download our * app", "download the * app",
		"reading time :", "estimated reading time :", "all rights reserved",
	},
	ctaSocial: {"follow us on", "follow us at", "follow us", "like us on", "find us on", "join us on",
		"connect with us on", "share on", "share via"},
}

// ctaIndex maps the first word of each phrase, in lower case, to the phrases
// starting with it, longest first: the token n-gram map of the rule.
// ctaFilter turns away at once most words that start no phrase.
var (
	ctaIndex  = map[string][]ctaPhrase{}
	ctaFilter wordFilter
)

// socialNames are the names on sharing buttons; strongSocial are those that
// are nothing but a network.
var (
	socialNames = newFoldSet("facebook", "twitter", "x", "whatsapp", "email", "e-mail", "mail",
		"linkedin", "pinterest", "reddit", "telegram", "messenger", "print", "tumblr", "flipboard",
		"instagram", "youtube", "tiktok", "vk", "viber", "sms", "share", "tweet", "bluesky", "threads",
		"copy", "link", "pocket", "mastodon", "weibo", "wechat", "line", "skype")
	strongSocial = newFoldSet("facebook", "twitter", "whatsapp", "linkedin", "pinterest", "reddit",
		"telegram", "messenger", "tumblr", "flipboard", "instagram", "youtube", "tiktok", "vk", "viber",
		"bluesky", "mastodon", "weibo", "wechat")
)

func init() {
	for mode, list := range ctaSource {
		for _, s := range list {
			words := strings.Fields(strings.ReplaceAll(s, ":", " : "))
			ctaIndex[words[0]] = append(ctaIndex[words[0]], ctaPhrase{words: words, mode: mode})
			ctaFilter.add(words[0])
		}
	}
	for k, ps := range ctaIndex {
		for i := 1; i < len(ps); i++ {
			for j := i; j > 0 && len(ps[j].words) > len(ps[j-1].words); j-- {
				ps[j], ps[j-1] = ps[j-1], ps[j]
			}
		}
		ctaIndex[k] = ps
	}
}

// ctaCandidates returns the phrases that may start with word w, looked up in
// lower case without allocating.
func ctaCandidates(w string) []ctaPhrase {
	if !ctaFilter.mayHold(w) {
		return nil
	}
	var buf [maxFolded]byte
	return ctaIndex[foldASCII(&buf, w)]
}

// matchWords matches words from token i, before last, and returns the index
// after the match or -1. "*" matches up to two words.
func matchWords(d *document.Document, i, last int, words []string) int {
	for k, w := range words {
		if w == "*" {
			for skip := 0; skip <= 2 && i+skip <= last; skip++ {
				if skip > 0 && !isWord(d, i+skip-1) {
					break
				}
				if e := matchWords(d, i+skip, last, words[k+1:]); e >= 0 {
					return e
				}
			}
			return -1
		}
		if i >= last || !strings.EqualFold(tokText(d, i), w) {
			return -1
		}
		i++
	}
	return i
}

// lineCloser reports whether token i may close a call-to-action line on its
// own: "Read more:", "See also ›".
func lineCloser(d *document.Document, i int) bool {
	t := d.Tokens[i]
	if t.Kind != document.Punct && t.Kind != document.Symbol && t.Kind != document.Ellipsis {
		return false
	}
	switch d.Text[t.Start:t.End] {
	case ":", ".", "»", "›", ">", "→", "…", "...", "!":
		return true
	}
	return false
}

// ctaEnd checks what follows a phrase matched on tokens [i, e) of a line
// ending at last.
func ctaEnd(d *document.Document, i, e, last int, mode ctaMode) bool {
	rest := last - e
	if mode == ctaColon {
		return rest > 0 && isMark(d, e, ":")
	}
	if rest == 0 || rest == 1 && lineCloser(d, e) {
		return true
	}
	switch mode {
	case ctaLink:
		if isMark(d, e, ":") || isMark(d, e, "–") || isMark(d, e, "—") || isMark(d, e, "|") || isMark(d, e, "»") || isMark(d, e, "›") {
			return true
		}
		for k := i; k < e; k++ {
			if isWord(d, k) && !allCaps(tokText(d, k)) {
				return false
			}
		}
		return upperFirst(tokText(d, e)) // "READ MORE Russia warns Nato"
	case ctaSocial:
		return socialTail(d, e, last)
	case ctaTail:
		if rest > maxTail {
			return false
		}
		for k := e; k < last; k++ {
			switch tokText(d, k) {
			case "\"", "“", "”", "‘":
				return false
			}
			// one sentence only: "Like us on Facebook, etc. Good for …"
			t := d.Tokens[k]
			if k < last-1 && (d.IsTerminal(k) || t.Has(document.AbbrevDot) || t.Has(document.Abbrev) && d.Text[t.End-1] == '.') &&
				!isCloser(d, k+1) && !d.IsTerminal(k+1) {
				return false
			}
		}
		return true
	}
	return false
}

func runCallToAction(pass *rules.Pass) {
	d := pass.Doc
	cur := nonword.NewCursor(nonword.Index(d))
	for _, l := range d.Lines {
		first, last := l.Tokens.First, l.Tokens.Last
		if first == last {
			continue
		}
		if socialLine(d, first, last) {
			pass.Reportf(l.Span, rules.Delete, "sharing buttons kept from the web page")
			continue
		}
		// A phrase starts the line or follows a mark (spacedAfterMark):
		// the tokens after the line's marks are the only others to try.
		marks := cur.In(document.Range{First: first, Last: last - 1})
	tokens:
		for k := -1; k < len(marks); k++ {
			i := first
			if k >= 0 {
				if i = int(marks[k]) + 1; !spacedAfterMark(d.Tokens, i) {
					continue // the quick part of afterSentenceEnd
				}
			}
			w := tokText(d, i)
			if !ctaFilter.mayHold(w) {
				continue // no phrase starts with w
			}
			if (i > first || d.Tokens[i].Has(document.LineBefore)) && !upperFirst(w) {
				continue // inside a paragraph a phrase starts with a capital
			}
			if i > first && !afterSentenceEnd(d, first, i) {
				continue
			}
			for _, p := range ctaCandidates(w) {
				e := matchWords(d, i, last, p.words)
				if e < 0 || !ctaEnd(d, i, e, last, p.mode) {
					continue
				}
				phrase := d.Text[d.Tokens[i].Start:d.Tokens[e-1].End]
				if i == first {
					pass.Reportf(l.Span, rules.Delete, "%q kept from the web page", phrase)
				} else {
					pass.Reportf(trailSpan(d, first, i, l.End), rules.Delete, "%q kept from the web page after the last sentence", phrase)
				}
				break tokens
			}
		}
	}
}

// socialTail reports whether tokens [i, last) are social network names or
// handles joined by commas, "and", "or" and separators, with an optional
// final period: "Twitter, Facebook and Instagram", "@BBCNews".
func socialTail(d *document.Document, i, last int) bool {
	if last > i && d.IsTerminal(last-1) {
		last--
	}
	names := 0
	for k := i; k < last; k++ {
		w := tokText(d, k)
		switch {
		case isWord(d, k) && socialNames.has(w):
			names++
		case w == "@" && k+1 < last && !d.Tokens[k+1].Has(document.SpaceBefore):
			k++ // @handle
			names++
		case w == "X" || w == "," || w == "and" || w == "or" || w == "|" || w == "/" || w == "&":
		default:
			return false
		}
	}
	return names > 0
}

// socialLine reports whether tokens [first, last) are only the names on
// sharing buttons ("Facebook Twitter WhatsApp Email"), at least two of them,
// one a social network.
func socialLine(d *document.Document, first, last int) bool {
	if last-first < 2 || last-first > 24 {
		return false
	}
	names, strong := 0, 0
	for i := first; i < last; i++ {
		t := d.Tokens[i]
		w := d.Text[t.Start:t.End]
		switch t.Kind {
		case document.Word:
			if !socialNames.has(w) {
				return false
			}
			names++
			if strongSocial.has(w) {
				strong++
			}
		case document.Punct, document.Symbol:
			switch w {
			case ",", "|", "·", "•", "/", "-", "–":
			default:
				return false
			}
		default:
			return false
		}
	}
	return names >= 2 && strong >= 1
}
