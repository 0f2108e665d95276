package server

import (
	"runtime/debug"
	"sync"
	"time"
)

// buildStamp returns the build date and commit that /v2/check and /v2/info
// report in their software section, from what go build stamps into the
// binary when it is built in a git checkout; both are empty otherwise (go
// run and test binaries carry no stamp).
var buildStamp = sync.OnceValues(func() (date, commit string) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "", ""
	}
	return stampOf(bi.Settings)
})

// stampOf reads the stamp from build settings: the commit's time in
// LanguageTool's format ("2006-01-02 15:04:05 +0000") and its abbreviated
// hash, as LanguageTool's builds give them, with "-dirty" after a hash built
// from a tree with uncommitted changes.
func stampOf(settings []debug.BuildSetting) (date, commit string) {
	dirty := false
	for _, s := range settings {
		switch s.Key {
		case "vcs.time":
			if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
				date = t.UTC().Format("2006-01-02 15:04:05 -0700")
			}
		case "vcs.revision":
			commit = s.Value[:min(len(s.Value), 7)]
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if dirty && commit != "" {
		commit += "-dirty"
	}
	return date, commit
}
