package document

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// Kind classifies a token.
type Kind uint8

// The kinds of token. Tokens never cross a line break, and white space is not a
// token: Flags say whether white space or a line break came before one.
const (
	// Word is a run of letters, digits and marks, with internal apostrophes
	// (O’Brien, can't), hyphens (Baden-Baden) and ampersands between capitals
	// (AT&T); an initialism with its periods (U.S., e.g., a.m.) is one Word
	// with the Abbrev flag.
	Word Kind = iota + 1
	// Number is a word that starts with a digit: 1997, 3.5, 100,000, 10:30,
	// 2.30pm, 90s.
	Number
	// Punct is one punctuation mark: . , ; : ! ? quotes, brackets, dashes.
	Punct
	// Ellipsis is "...", "…" or the spaced ". . .".
	Ellipsis
	// Symbol is any other single character: / & % $ € and the like.
	Symbol
	// URL is a web address, a domain or a file name (bbc.co.uk, report.pdf):
	// text that is not prose.
	URL
	// Email is an e-mail address.
	Email
)

var kindNames = [...]string{"?", "word", "number", "punct", "ellipsis", "symbol", "url", "email"}

// String returns the kind's name.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "?"
}

// Flag records facts about a token that rules need and should not recompute.
type Flag uint8

const (
	// SpaceBefore: white space separates the token from the previous token
	// of its paragraph.
	SpaceBefore Flag = 1 << iota
	// LineBefore: a line break separates the token from the previous token of
	// its paragraph.
	LineBefore
	// Abbrev: a Word that is an initialism written with periods (U.S.,
	// e.g.), or one followed by a period that belongs to it (Mr., Inc., J.).
	Abbrev
	// AbbrevDot: a "." that belongs to the preceding abbreviation or initial
	// and so is not, by itself, a sentence end.
	AbbrevDot
)

// Token is one token of Document.Text. Its offsets are 32-bit so that a
// token takes 12 bytes: every rule reads every token of every document, and
// fewer bytes to read is less time. A document's text is therefore at most
// MaxText bytes. S and E give the offsets as ints.
type Token struct {
	Start, End int32
	Kind       Kind
	Flags      Flag
}

// NoPrefix is the PrefixDigest of a text whose first bytes are not all
// ASCII.
const NoPrefix = 0

// PrefixDigest returns a 16-bit digest of the first four bytes of
// s[start:end] (fewer for a shorter text), lower-cased, never NoPrefix; or
// NoPrefix when those bytes are not all ASCII, since a curly apostrophe or an
// accent folds to other bytes. Rules that look tokens up in word lists
// filter on it before they hash a token.
func PrefixDigest(s string, start, end int) uint16 {
	if start+4 > len(s) {
		return prefixDigestTail(s, start, end)
	}
	b := s[start : start+4]
	w := uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
	if n := end - start; n < 4 {
		w &= 1<<(8*uint(n)) - 1 // mask the bytes past a short token
	}
	return digest4(w)
}

// appendPrefixes appends to dst the PrefixDigest of each of toks, tokens of
// text. Segmentation runs it on every token: the digest is computed in the
// loop, not through a call a token.
func appendPrefixes(dst []uint16, text string, toks []Token) []uint16 {
	n := len(dst)
	dst = slices.Grow(dst, len(toks))[:n+len(toks)]
	out := dst[n:]
	out = out[:len(toks)]
	for k := range toks {
		start, end := int(toks[k].Start), int(toks[k].End)
		if start+4 > len(text) {
			out[k] = prefixDigestTail(text, start, end)
			continue
		}
		b := text[start : start+4]
		w := uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
		if l := end - start; l < 4 {
			w &= 1<<(8*uint(l)) - 1 // mask the bytes past a short token
		}
		out[k] = digest4(w)
	}
	return dst
}

// DigestSet is a set of PrefixDigest values, for rules that filter tokens
// on their digests before they hash them or look them up.
//
// PrefixDigest sets the low bit of every digest but NoPrefix, so a set keeps
// one bit per digest>>1: 4 KB, small enough to share the fastest cache with
// a rule's other filters. NoPrefix shares its bit with digest 1, which lets
// a few more tokens through a filter, never fewer.
type DigestSet [1 << 15 / 64]uint64

// Add puts digest k in the set.
func (d *DigestSet) Add(k uint16) { k >>= 1; d[k/64] |= 1 << (k % 64) }

// Has reports whether digest k is in the set.
func (d *DigestSet) Has(k uint16) bool { k >>= 1; return d[k/64]&(1<<(k%64)) != 0 }

// prefixDigestTail is PrefixDigest for a token within four bytes of the
// end of the text.
func prefixDigestTail(s string, start, end int) uint16 {
	var w uint32
	for k := min(end-start, 4) - 1; k >= 0; k-- {
		w = w<<8 | uint32(s[start+k])
	}
	return digest4(w)
}

// digest4 digests four bytes (little-endian in w), lower-casing ASCII
// letters.
func digest4(w uint32) uint16 {
	if w&0x80808080 != 0 {
		return NoPrefix
	}
	const ones = 0x01010101
	w |= (w + ones*(0x80-'A')) &^ (w + ones*(0x80-'Z'-1)) & 0x80808080 >> 2
	return uint16((w*0x9E3779B1)>>16) | 1
}

// MaxText is the largest text a Document segments: token offsets are
// 32-bit.
const MaxText = 1<<31 - 1

// Span returns the token's span.
func (t Token) Span() Span { return Span{int(t.Start), int(t.End)} }

// S returns the token's start offset as an int.
func (t Token) S() int { return int(t.Start) }

// E returns the token's end offset as an int.
func (t Token) E() int { return int(t.End) }

// Has reports whether all of the flags f are set.
func (t Token) Has(f Flag) bool { return t.Flags&f == f }

// character classes of ASCII bytes
const (
	cOther uint8 = iota
	cSpace
	cLower
	cUpper
	cDigit
	cPunct
)

var asciiClass [128]uint8

// asciiAlnum is true for the ASCII letters and digits, indexed by any byte.
var asciiAlnum [256]bool

// wordStop holds the ASCII bytes that end a word and need no further look:
// white space and the punctuation that never joins two parts of a word nor
// starts an initialism, a dotted name or an e-mail address after it.
var wordStop = func() (t [256]bool) {
	for _, c := range []byte(" \t\n\r\v\f\"!#$%()*;<=>?[\\]^`{|}~") {
		t[c] = true
	}
	return t
}()

func init() {
	for c := 0; c < 128; c++ {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			asciiClass[c] = cSpace
		case c >= 'a' && c <= 'z', c == Substitute:
			// Substitute stands for a byte that was not valid UTF-8,
			// most often a letter of a legacy encoding ("caf\xe9"): read
			// as a letter, it keeps the word whole, so that what follows
			// the word is seen as following a word.
			asciiClass[c] = cLower
			asciiAlnum[c] = true
		case c >= 'A' && c <= 'Z':
			asciiClass[c] = cUpper
			asciiAlnum[c] = true
		case c >= '0' && c <= '9':
			asciiClass[c] = cDigit
			asciiAlnum[c] = true
		case c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '"' ||
			c == '\'' || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == '-':
			asciiClass[c] = cPunct
		}
	}
}

// IsSpace reports whether r is white space, including the no-break and
// narrow no-break spaces that French typography leaves behind.
func IsSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r] == cSpace
	}
	switch r {
	case 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// isJoiner reports invisible characters that may sit inside a word without
// ending it: zero-width space and joiners, word joiner, soft hyphen, BOM.
func isJoiner(r rune) bool {
	switch r {
	case 0x200B, 0x200C, 0x200D, 0x2060, 0x00AD, 0xFEFF:
		return true
	}
	return false
}

// IsWordRune reports whether r can be part of a word.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		c := asciiClass[r]
		return c == cLower || c == cUpper || c == cDigit
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || isJoiner(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// isWordStart reports whether a word can begin with r: a letter or a digit,
// not a mark or an invisible joiner, which only continue one.
func isWordStart(r rune) bool {
	if r < utf8.RuneSelf {
		c := asciiClass[r]
		return c == cLower || c == cUpper || c == cDigit
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		c := asciiClass[r]
		return c == cLower || c == cUpper
	}
	return unicode.IsLetter(r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// runeAt decodes the rune at i, or returns (0, 0) at the end of s.
func runeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// tokenizeLine appends the tokens of text[start:end], a line without line
// breaks, to out, and the indexes in out of those that are marks (see
// Document.marks) to *marks. Only the slow part of the loop makes marks; the
// fast one, for the words and numbers that are most tokens, never reads
// marks, which is passed by pointer so as not to take its registers.
func tokenizeLine(text string, start, end int, out []Token, marks *[]int32) []Token {
	s := text[:end]
	space := true // start of a line counts as white space for SpaceBefore
	i := start
	// Every token takes a byte at least: with room for the line's tokens
	// made up front, the fast loop below stores them without a call.
	out = slices.Grow(out, end-start)
	for i < end {
		// The fast loop: white space and the commonest token, a run of
		// ASCII letters and digits that a stop ends (scanWord's common
		// case). It makes no call, so its state stays in registers;
		// anything else is left to the rest of the loop, one token at a
		// time. Such a run is no web address either, which goes on with
		// "://" or "." after its first letters.
		n := len(out)
		buf := out[:cap(out)]
		for i < end {
			c := s[i]
			if c >= utf8.RuneSelf {
				break
			}
			if asciiClass[c] == cSpace {
				space = true
				i++
				continue
			}
			if !asciiAlnum[c] {
				break
			}
			k := i + 1
			for k < end && asciiAlnum[s[k]] {
				k++
			}
			if k < end && !wordStop[s[k]] && (s[k] != ',' || isDigit(rune(s[k-1]))) {
				// "said.", "2019,", "note:" before a space or the line's
				// end: scanWord ends the word there too, for nothing it
				// reads on with (a number such as 3.5, an initialism, a
				// dotted name, an e-mail address) goes on so, but an
				// initial ("J. Smith").
				m := s[k]
				if m != '.' && m != ',' && m != ':' || k+1 < end && s[k+1] != ' ' || m == '.' && k-i < 2 && !isDigit(rune(c)) {
					break
				}
			}
			t := Token{Start: int32(i), End: int32(k), Kind: Word}
			if isDigit(rune(c)) {
				t.Kind = Number
			}
			if space {
				t.Flags = SpaceBefore
			}
			buf[n] = t
			n++
			space = false
			i = k
		}
		out = buf[:n]
		if i >= end {
			break
		}
		c := s[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			if asciiClass[c] == cSpace {
				space = true
				i++
				continue
			}
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
			if IsSpace(r) {
				space = true
				i += size
				continue
			}
		}
		var t Token
		switch {
		case asciiAlnum[c]:
			if l := c | 0x20; l == 'h' || l == 'w' || l == 'f' {
				if n := urlLen(s, i); n > 0 {
					t = Token{Start: int32(i), End: int32(i + n), Kind: URL}
					break
				}
			}
			t = scanWord(s, i)
		case c >= utf8.RuneSelf && isWordStart(r):
			t = scanWord(s, i)
		case c == '.':
			t = scanDot(s, i, space)
		case r == '…':
			t = Token{Start: int32(i), End: int32(i + size), Kind: Ellipsis}
		default:
			k := Symbol
			if c < utf8.RuneSelf {
				if asciiClass[c] == cPunct {
					k = Punct
				}
			} else if unicode.IsPunct(r) {
				k = Punct
			}
			// marks, joiners and variation selectors belong to the
			// character before them (❤️ is a heart and U+FE0F)
			e := i + size
			for e < end {
				m, msize := runeAt(s, e)
				if m < utf8.RuneSelf || !(unicode.IsMark(m) || isJoiner(m)) {
					break
				}
				e += msize
			}
			t = Token{Start: int32(i), End: int32(e), Kind: k}
		}
		if space {
			t.Flags |= SpaceBefore
		}
		space = false
		if t.Kind > Number || t.Flags&Abbrev != 0 {
			*marks = append(*marks, int32(len(out)))
		}
		out = append(out, t)
		i = int(t.End)
	}
	return out
}

// scanDot reads a token that starts with '.': an ellipsis, a decimal written
// without its leading zero, or a period.
func scanDot(s string, i int, space bool) Token {
	j := i
	for j < len(s) && s[j] == '.' {
		j++
	}
	if j-i >= 3 {
		return Token{Start: int32(i), End: int32(j), Kind: Ellipsis}
	}
	if j-i == 1 && i+4 < len(s) && s[i+1] == ' ' && s[i+2] == '.' && s[i+3] == ' ' && s[i+4] == '.' {
		return Token{Start: int32(i), End: int32(i + 5), Kind: Ellipsis}
	}
	if space && i+1 < len(s) && isDigit(rune(s[i+1])) {
		t := scanWord(s, i+1)
		t.Start = int32(i)
		return t
	}
	return Token{Start: int32(i), End: int32(i + 1), Kind: Punct}
}

// scanWord reads a word or number starting at i.
func scanWord(s string, i int) Token {
	kind := Word
	if isDigit(rune(s[i])) {
		kind = Number
	}
	j := i
	var prev rune
	for j < len(s) {
		// fast path: a run of ASCII letters and digits
		if k := j; asciiAlnum[s[k]] {
			for k++; k < len(s) && asciiAlnum[s[k]]; k++ {
			}
			prev = rune(s[k-1])
			j = k
			if k < len(s) && (wordStop[s[k]] || s[k] == ',' && !isDigit(prev)) {
				return Token{Start: int32(i), End: int32(j), Kind: kind}
			}
			continue
		}
		r, size := runeAt(s, j)
		if IsWordRune(r) {
			prev = r
			j += size
			continue
		}
		next, _ := runeAt(s, j+size)
		switch {
		case isApostrophe(r) && isLetter(next) && prev != 0 && isLetter(prev):
		case isHyphen(r) && IsWordRune(next):
		case r == '&' && prev >= 'A' && prev <= 'Z' && next >= 'A' && next <= 'Z':
		case (r == '.' || r == ',' || r == ':' || r == '/') && isDigit(prev) && isDigit(next):
		default:
			goto done
		}
		prev = r
		j += size
	}
done:
	if j < len(s) {
		switch s[j] {
		case '.':
			if kind == Word {
				if e := initialismEnd(s, i, j); e > j {
					return Token{Start: int32(i), End: int32(e), Kind: Word, Flags: Abbrev}
				}
			}
			if e := dottedNameEnd(s, j); e > j {
				return Token{Start: int32(i), End: int32(e), Kind: URL}
			}
			if e := emailEnd(s, i); e > 0 {
				return Token{Start: int32(i), End: int32(e), Kind: Email}
			}
		case '@', '_', '+':
			if e := emailEnd(s, i); e > 0 {
				return Token{Start: int32(i), End: int32(e), Kind: Email}
			}
		}
	}
	return Token{Start: int32(i), End: int32(j), Kind: kind}
}

// initialismEnd returns the end of an initialism such as U.S., U.K., e.g.,
// a.m. or Ph.D. whose first letters are s[i:j], or j if there is none:
// single letters each followed by a period, at least twice (the last period
// may be missing), or Ph.D. Two short words joined by a lost space ("is.It")
// are not an initialism.
func initialismEnd(s string, i, j int) int {
	if hasPrefixFold(s[i:], "ph.d") && j == i+2 && (i+4 == len(s) || !isAlnum(s[i+4])) {
		if i+4 < len(s) && s[i+4] == '.' {
			return i + 5
		}
		return i + 4
	}
	if j != i+1 || lettersLen(s, i) != 1 {
		return j
	}
	segs := 1
	k := j // at a '.'
	for k < len(s) && s[k] == '.' && lettersLen(s, k+1) == 1 {
		segs++
		k += 2
	}
	if segs < 2 {
		return j
	}
	if k < len(s) && s[k] == '.' {
		k++
	}
	return k
}

// lettersLen returns the length in bytes of the run of ASCII letters at i.
func lettersLen(s string, i int) int {
	j := i
	for j < len(s) {
		c := s[j]
		if c >= utf8.RuneSelf || (asciiClass[c] != cLower && asciiClass[c] != cUpper) {
			break
		}
		j++
	}
	return j - i
}

// knownSuffixes are the top-level domains and file extensions that make
// "name.suffix" a domain or a file name rather than two sentences.
var knownSuffixes = map[string]bool{
	"com": true, "org": true, "net": true, "gov": true, "edu": true, "mil": true, "int": true,
	"uk": true, "co": true, "io": true, "eu": true, "de": true, "fr": true, "es": true, "it": true,
	"ru": true, "cn": true, "jp": true, "au": true, "ca": true, "us": true, "in": true, "ie": true,
	"nz": true, "za": true, "ch": true, "nl": true, "be": true, "se": true, "no": true, "info": true,
	"biz": true, "tv": true, "me": true, "ly": true, "fm": true, "ac": true, "gv": true,
	"txt": true, "md": true, "html": true, "htm": true, "pdf": true, "doc": true, "docx": true,
	"xls": true, "xlsx": true, "csv": true, "json": true, "xml": true, "yaml": true, "yml": true,
	"jpg": true, "jpeg": true, "png": true, "gif": true, "svg": true, "mp3": true, "mp4": true,
	"zip": true, "exe": true, "js": true, "ts": true, "go": true, "py": true, "php": true,
	"asp": true, "aspx": true, "ppt": true, "pptx": true, "wav": true, "avi": true, "mov": true,
}

// dottedNameEnd returns the end of a domain or file name whose first dot is
// at j (bbc.co.uk, report.pdf, Amazon.com), or j if the text after the dot
// is not one: the last dotted part must be a known suffix in lower case.
func dottedNameEnd(s string, j int) int {
	end := j
	k := j
	for k < len(s) && s[k] == '.' {
		n := 0
		for k+1+n < len(s) {
			c := s[k+1+n]
			if c >= utf8.RuneSelf || (asciiClass[c] != cLower && asciiClass[c] != cDigit && c != '-') {
				break
			}
			n++
		}
		if n == 0 {
			break
		}
		part := s[k+1 : k+1+n]
		k += 1 + n
		if k < len(s) && s[k] < utf8.RuneSelf && asciiClass[s[k]] == cUpper {
			break // "bbc.coM" is not a name
		}
		if knownSuffixes[part] {
			end = k
		}
	}
	if end > j {
		if r, _ := runeAt(s, end); IsWordRune(r) {
			return j
		}
	}
	return end
}

// emailEnd returns the end of an e-mail address starting at i, or 0.
func emailEnd(s string, i int) int {
	j := i
	for j < len(s) && isEmailLocal(s[j]) {
		j++
	}
	if j == i || j >= len(s) || s[j] != '@' {
		return 0
	}
	k := j + 1
	dots := 0
	for k < len(s) {
		c := s[k]
		if c == '.' {
			if k+1 >= len(s) || !isAlnum(s[k+1]) {
				break
			}
			dots++
		} else if !isAlnum(c) && c != '-' {
			break
		}
		k++
	}
	if dots == 0 || k == j+1 {
		return 0
	}
	return k
}

func isAlnum(c byte) bool {
	if c >= utf8.RuneSelf {
		return false
	}
	cl := asciiClass[c]
	return cl == cLower || cl == cUpper || cl == cDigit
}

func isEmailLocal(c byte) bool {
	return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

// urlLen returns the length of a URL starting at i (http://, https://, ftp://
// or www.), or 0. The URL runs to the next white space, less trailing
// punctuation; a closing bracket stays when the URL opened one.
func urlLen(s string, i int) int {
	rest := s[i:]
	if len(rest) < 5 || rest[1]|0x20 != 't' && rest[1]|0x20 != 'w' {
		return 0 // not "http", "ftp:" nor "www.": the common case, decided at once
	}
	var n int
	switch {
	case hasPrefixFold(rest, "http://"):
		n = 7
	case hasPrefixFold(rest, "https://"):
		n = 8
	case hasPrefixFold(rest, "ftp://"):
		n = 6
	case hasPrefixFold(rest, "www.") && len(rest) > 4 && isAlnum(rest[4]):
		n = 4
	default:
		return 0
	}
	j := i + n
	for j < len(s) {
		r, size := runeAt(s, j)
		if IsSpace(r) || r == '"' || r == '“' || r == '”' || r == '<' || r == '>' || r == '«' || r == '»' {
			break
		}
		j += size
	}
	opened := 0
	for k := i; k < j; k++ {
		switch s[k] {
		case '(':
			opened++
		case ')':
			opened--
		}
	}
	for j > i+n {
		r, size := utf8.DecodeLastRuneInString(s[i:j])
		if r == ')' && opened >= 0 {
			break
		}
		if r == ')' {
			opened++
		} else if r != '.' && r != ',' && r != ';' && r != ':' && r != '!' && r != '?' && r != '\'' && r != '’' && r != ']' && r != '}' {
			break
		}
		j -= size
	}
	if j == i+n {
		return 0
	}
	return j - i
}

func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for k := 0; k < len(prefix); k++ {
		c := s[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[k] {
			return false
		}
	}
	return true
}
