package markup

// extractHTML returns the prose of an HTML document.
// TEMPORARY placeholder: the HTML extractor replaces this file.
func extractHTML(raw []byte) *Extracted {
	b := NewBuilder(raw)
	b.Copy(0, len(raw))
	return b.Finish()
}

// extractArticle returns the prose of the main article of a web page.
// TEMPORARY placeholder: the HTML extractor replaces this.
func extractArticle(raw []byte, pageURL string) (*Extracted, error) {
	return extractHTML(raw), nil
}
