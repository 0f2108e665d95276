package server

import (
	"runtime/debug"
	"testing"
)

func TestStampOf(t *testing.T) {
	for _, tc := range []struct {
		name         string
		settings     []debug.BuildSetting
		date, commit string
	}{
		{"git build", []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "f0f09b7c1e2d3a4b5c6d7e8f9a0b1c2d3e4f5a6b"}, {Key: "vcs.time", Value: "2026-12-06T11:47:34Z"}, {Key: "vcs.modified", Value: "false"}},
			"2026-12-06 11:47:34 +0000", "f0f09b7"},
		{"dirty tree, offset time", []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.time", Value: "2026-12-06T12:47:34+01:00"}, {Key: "vcs.modified", Value: "true"}},
			"2026-12-06 11:47:34 +0000", "abc-dirty"},
		{"no stamp", []debug.BuildSetting{{Key: "-compiler", Value: "gc"}}, "", ""},
		{"bad time", []debug.BuildSetting{{Key: "vcs.time", Value: "yesterday"}}, "", ""},
	} {
		date, commit := stampOf(tc.settings)
		if date != tc.date || commit != tc.commit {
			t.Errorf("%s: stampOf = %q, %q; want %q, %q", tc.name, date, commit, tc.date, tc.commit)
		}
	}
}
