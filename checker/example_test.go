package checker_test

import (
	"fmt"
	"strings"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/rules"
)

// Check an article with the built-in rules and print what was found.
func Example() {
	c, err := checker.New(checker.Config{})
	if err != nil {
		panic(err)
	}
	res := c.CheckString("The talks ended this week , with no deal.\n\nThey will resume in Geneva. which is neutral.\n")
	for _, f := range res.Findings {
		fmt.Printf("%d:%d %s [%s] %q -> %q\n", f.Line, f.Column, f.Severity, f.Rule, f.Text, f.Suggestions)
	}
	// Output:
	// 1:26 error [punctuation.space-before] " ," -> [","]
	// 3:27 error [punctuation.stray-period] "." -> [""]
}

// Turn off a category but keep one of its rules, and report only findings of
// at least warning severity.
func ExampleConfig() {
	c, err := checker.New(checker.Config{
		Disable:     []string{"punctuation"},
		Enable:      []string{"punctuation.doubled"},
		MinSeverity: rules.Warning,
	})
	if err != nil {
		panic(err)
	}
	res := c.CheckString("Home › World › Europe\n\nHe said the the talks were over , said Ryabkov. .\n")
	for _, f := range res.Findings {
		fmt.Println(f.Rule, f.Line)
	}
	// Output:
	// boilerplate.breadcrumb 1
	// repetition.doubled-word 3
	// punctuation.doubled 3
}

// A program can bring rules of its own: a rule is a value with a run
// function over the document's tokens, reporting spans it takes from them.
func ExampleNew_customRule() {
	houseStyle := &rules.Rule{
		ID:          "idiom.house-style",
		Category:    rules.Idiom,
		Severity:    rules.Warning,
		Doc:         `"towards" is written "toward" in this house`,
		Explanation: "House style prefers the American spelling.",
		Run: func(pass *rules.Pass) {
			for i, t := range pass.Doc.Tokens {
				if strings.EqualFold(pass.Doc.TokenText(i), "towards") {
					pass.Reportf(t.Span(), []string{"toward"}, "house style: toward")
				}
			}
		},
	}
	c, err := checker.New(checker.Config{Rules: []*rules.Rule{houseStyle}})
	if err != nil {
		panic(err)
	}
	res := c.CheckString("A first step towards dialogue.")
	f := res.Findings[0]
	fmt.Println(f.Rule, f.Offset, f.Length, f.Suggestions)
	// Output:
	// idiom.house-style 13 7 [toward]
}

// Bad input does not stop the check: invalid UTF-8 is noted with its byte
// offset, and the rest of the text is still checked at its own offsets.
// (Text that windows-1252 explains byte for byte, "Caf\xe9 owners", is read
// in windows-1252 instead, with a note.)
func ExampleChecker_CheckBytes() {
	c, _ := checker.New(checker.Config{})
	res := c.CheckBytes([]byte("Café owners in Z\xfcrich met the the mayor."))
	for _, n := range res.Notes {
		fmt.Println(n.Kind, n.Offset)
	}
	for _, f := range res.Findings {
		fmt.Println(f.Rule, f.Offset, f.Text)
	}
	// Output:
	// invalid-utf8 17
	// repetition.doubled-word 27 the the
}
