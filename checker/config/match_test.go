package config

import "testing"

func TestMatch(t *testing.T) {
	tests := []struct {
		glob, rel string
		want      bool
	}{
		// No slash: the name of the file or of a folder, at any depth.
		{"*.min.html", "x.min.html", true},
		{"*.min.html", "world/2024/x.min.html", true},
		{"*.min.html", "world/x.html", false},
		{"drafts", "drafts/summit.md", true},
		{"drafts", "world/drafts/summit.md", true},
		{"drafts", "drafts-old/summit.md", false},
		{"draft?", "drafts/a.md", true},
		// A slash anchors the pattern at the configuration's folder.
		{"drafts/**", "drafts/summit.md", true},
		{"drafts/**", "drafts/2024/05/summit.md", true},
		{"drafts/**", "world/drafts/summit.md", false},
		{"/drafts", "drafts/summit.md", true},
		{"/drafts", "world/drafts/summit.md", false},
		{"drafts/*.md", "drafts/summit.md", true},
		{"drafts/*.md", "drafts/2024/summit.md", false},
		{"**/vendor/**", "vendor/lib/readme.md", true},
		{"**/vendor/**", "site/vendor/lib/readme.md", true},
		{"wire/{afp,ap}/*.md", "wire/ap/a.md", true},
		{"wire/{afp,ap}/*.md", "wire/reuters/a.md", false},
		{"world/[a-m]*.md", "world/kyiv.md", true},
		{"world/[a-m]*.md", "world/paris.md", false},
		// A trailing slash: folders only.
		{"drafts/", "drafts/summit.md", true},
		{"summit.md/", "summit.md", false},
		{"summit.md", "summit.md", true},
		// Case matters, as in Git on Linux.
		{"Drafts", "drafts/a.md", false},
		// Outside the folder nothing matches.
		{"*.md", "../a.md", false},
		{"**", "../a.md", false},
		{"**", "a.md", true},
		{"a.md", "", false},
		{"a.md", ".", false},
	}
	for _, tt := range tests {
		if got := Match(tt.glob, tt.rel); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.glob, tt.rel, got, tt.want)
		}
	}
}

// FuzzMatch checks that no pattern or path makes Match panic, that "**"
// matches every path below the folder, and that nothing outside it matches.
func FuzzMatch(f *testing.F) {
	f.Add("drafts/**", "drafts/a.md")
	f.Add("*.min.html", "a/b/x.min.html")
	f.Add("{a,b}/[", "a/[")
	f.Add("/", "a")
	f.Fuzz(func(t *testing.T, glob, rel string) {
		got := Match(glob, rel)
		outside := rel == "" || rel == "." || rel == ".." || len(rel) >= 3 && rel[:3] == "../" || rel[0] == '/'
		if outside && got {
			t.Fatalf("Match(%q, %q) outside the folder", glob, rel)
		}
		if !outside && !Match("**", rel) {
			t.Fatalf("** does not match %q", rel)
		}
	})
}
