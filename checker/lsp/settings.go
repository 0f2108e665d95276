package lsp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/rules"
)

// Settings are what an editor's configuration says under the "mtlint" key,
// in initializationOptions or workspace/didChangeConfiguration:
//
//	{"mtlint": {"minSeverity": "warning",
//	            "enable": ["spinning.generated"], "disable": ["boilerplate"],
//	            "languages": ["fr", "de"],
//	            "documentLanguages": {"asciidoc": "text", "xhtml": "html"},
//	            "scoreThreshold": 60, "debounce": 250}}
//
// Every key is optional; so is the "mtlint" key itself, and null stands for
// nothing said. The settings win over .mtlint.yml files, as the command
// line's flags do.
type Settings struct {
	// MinSeverity drops findings below it ("info", "warning", "error");
	// zero keeps all.
	MinSeverity rules.Severity
	// Enable and Disable turn rules on and off by ID or category.
	Enable, Disable []string
	// Languages are the ISO 639-1 codes told apart from English, as
	// languages in .mtlint.yml and --languages; nil means the
	// configuration file's, else the default set.
	Languages []string
	// DocumentLanguages maps LSP language IDs beyond plaintext, markdown
	// and html to the markup their documents are read as.
	DocumentLanguages map[string]markup.Format
	// ScoreThreshold is the MT-likelihood score from which a
	// document-level diagnostic shows the score; 0 means
	// DefaultScoreThreshold, over 100 never.
	ScoreThreshold int
	// Debounce is how long after the last change a document is checked;
	// 0 means DefaultDebounce.
	Debounce time.Duration
}

// DefaultScoreThreshold is the score from which the document-level
// diagnostic is shown when the settings do not say.
const DefaultScoreThreshold = 50

// DefaultDebounce is the wait after the last change before a check when the
// settings do not say: long enough that a check does not run for each key
// typed, short enough to feel live.
const DefaultDebounce = 200 * time.Millisecond

// parseSettings reads raw (initializationOptions or the settings of
// didChangeConfiguration) over prev: a key it gives replaces prev's, and a
// value of the wrong type is reported in problems and left as prev had it, so
// that one mistake does not lose the rest. ok is false when raw says nothing
// about mtlint (missing, null, or an object without the key nor any of the
// settings' keys).
func parseSettings(raw json.RawMessage, prev Settings) (s Settings, ok bool, problems []string) {
	s = prev
	obj := objectOf(raw)
	if obj == nil {
		return s, false, nil
	}
	if inner, has := obj["mtlint"]; has {
		if obj = objectOf(inner); obj == nil {
			return s, false, nil
		}
	} else if !anyKnown(obj) {
		return s, false, nil
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := obj[k]
		if isNull(v) {
			continue
		}
		var err error
		switch k {
		case "minSeverity":
			var name string
			if err = json.Unmarshal(v, &name); err == nil {
				var sev rules.Severity
				if sev, err = rules.ParseSeverity(name); err == nil {
					s.MinSeverity = sev
				}
			}
		case "enable":
			err = json.Unmarshal(v, &s.Enable)
		case "disable":
			err = json.Unmarshal(v, &s.Disable)
		case "languages":
			err = json.Unmarshal(v, &s.Languages)
		case "documentLanguages":
			var m map[string]string
			if err = json.Unmarshal(v, &m); err == nil {
				dl := make(map[string]markup.Format, len(m))
				for id, name := range m {
					f, e := markup.ParseFormat(name)
					if e != nil {
						problems = append(problems, fmt.Sprintf("documentLanguages.%s: %v", id, e))
						continue
					}
					dl[id] = f
				}
				s.DocumentLanguages = dl
			}
		case "scoreThreshold":
			err = json.Unmarshal(v, &s.ScoreThreshold)
		case "debounce":
			var ms int
			if err = json.Unmarshal(v, &ms); err == nil && ms >= 0 {
				s.Debounce = time.Duration(ms) * time.Millisecond
			}
		default:
			problems = append(problems, fmt.Sprintf("unknown setting %q (want one of %s)", k, strings.Join(settingKeys, ", ")))
			continue
		}
		if err != nil {
			problems = append(problems, fmt.Sprintf("setting %s: %v", k, err))
		}
	}
	return s, true, problems
}

var settingKeys = []string{"minSeverity", "enable", "disable", "languages", "documentLanguages", "scoreThreshold", "debounce"}

func anyKnown(obj map[string]json.RawMessage) bool {
	for _, k := range settingKeys {
		if _, ok := obj[k]; ok {
			return true
		}
	}
	return false
}

// objectOf decodes raw as a JSON object, or returns nil for anything else.
func objectOf(raw json.RawMessage) map[string]json.RawMessage {
	if len(raw) == 0 || isNull(raw) {
		return nil
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return nil
	}
	return obj
}

func isNull(raw json.RawMessage) bool {
	return bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

// formatOf returns the markup of a document of LSP language ID id, and false
// when the server does not check such documents.
func (s *Settings) formatOf(id string) (markup.Format, bool) {
	switch id {
	case "plaintext", "text":
		return markup.Plain, true
	case "markdown":
		return markup.Markdown, true
	case "html":
		return markup.HTML, true
	}
	f, ok := s.DocumentLanguages[id]
	return f, ok
}

func (s *Settings) scoreThreshold() int {
	if s.ScoreThreshold <= 0 {
		return DefaultScoreThreshold
	}
	return s.ScoreThreshold
}

func (s *Settings) debounce() time.Duration {
	if s.Debounce <= 0 {
		return DefaultDebounce
	}
	return s.Debounce
}
