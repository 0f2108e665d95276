package suggest

import (
	"strings"
	"testing"

	"github.com/mtlint/mtlint/internal/testrules"
)

func TestRules(t *testing.T) {
	tests := []struct {
		name, want string
	}{
		{"test-doubld", "repetition.test-doubled"},
		{"punctuation.test-space-coma", "punctuation.test-space-comma"},
		{"doubled", "repetition.test-doubled"},
		{"punctuaton", "punctuation"},
		{"quote", "quotes"},
		{"spining.test-bosom-peril", "spinning.test-bosom-peril"},
		{"boilerplat", "boilerplate"},
		{"zzzzzzzz", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(Rules(testrules.All, tt.name), " "); got != tt.want {
			t.Errorf("Rules(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestWords(t *testing.T) {
	keys := []string{"root", "disable", "enable", "severity", "ignore", "packs", "accept", "fail-on", "format", "overrides"}
	tests := []struct {
		name, want string
	}{
		{"disabel", "disable"},
		{"disabled", "disable"},
		{"fail_on", "fail-on"},
		{"failOn", "fail-on"},
		{"pack", "packs"},
		{"override", "overrides"},
		{"Severity", "severity"},
		{"exclude", ""},
		{"rules", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(Words(tt.name, keys), " "); got != tt.want {
			t.Errorf("Words(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestJoin(t *testing.T) {
	for _, tt := range []struct {
		in   []string
		want string
	}{{nil, ""}, {[]string{"a"}, "a"}, {[]string{"a", "b"}, "a or b"}, {[]string{"a", "b", "c"}, "a, b or c"}} {
		if got := Join(tt.in); got != tt.want {
			t.Errorf("Join(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"abc", "", 3}, {"kitten", "sitting", 3}, {"quotes", "qoutes", 2}} {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
