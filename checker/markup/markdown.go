package markup

// extractMarkdown returns the prose of a Markdown document.
// TEMPORARY placeholder: the Markdown extractor replaces this file.
func extractMarkdown(raw []byte) *Extracted {
	b := NewBuilder(raw)
	b.Copy(0, len(raw))
	return b.Finish()
}
