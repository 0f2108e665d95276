package config

import (
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/mtlint/mtlint/internal/suggest"
)

// Serve is the serve: section of a configuration file, the settings of
// mtlint serve. A field left at its zero value (nil for the pointers) is
// not set by the file; flags win over it.
//
//	serve:
//	  listen: 127.0.0.1:8081
//	  max-text-length: 100000   # characters (UTF-16 code units) of one text
//	  max-body: 1MB             # bytes of one request body
//	  workers: 2                # checks run at once
//	  queue: 64                 # checks that wait for a worker; more get 503
//	  timeout: 10s              # longest a request waits for its check
//	  allow-origin: "*"         # CORS for browser clients; unset: none
type Serve struct {
	// Listen is the address to listen on, host:port.
	Listen string
	// MaxTextLength is the most characters (UTF-16 code units, as
	// LanguageTool counts them) of one text.
	MaxTextLength *int
	// MaxBody is the most bytes of one request body.
	MaxBody *int64
	// Workers is the number of checks that run at once.
	Workers *int
	// Queue is the number of checks that may wait for a worker.
	Queue *int
	// Timeout is the longest a request waits for its check.
	Timeout *time.Duration
	// AllowOrigin is the Access-Control-Allow-Origin sent to browsers;
	// nil sends none.
	AllowOrigin *string
	// Pos is where the section starts.
	Pos Pos
}

// serveKeys are the keys of the serve: section.
var serveKeys = []string{"listen", "max-text-length", "max-body", "workers", "queue", "timeout", "allow-origin"}

// ServeSettings returns the serve: settings of files (farthest first), the
// nearest file that sets a key winning for that key.
func ServeSettings(files []*File) Serve {
	var out Serve
	for _, f := range files {
		s := f.Serve
		if s == nil {
			continue
		}
		if s.Listen != "" {
			out.Listen = s.Listen
		}
		if s.MaxTextLength != nil {
			out.MaxTextLength = s.MaxTextLength
		}
		if s.MaxBody != nil {
			out.MaxBody = s.MaxBody
		}
		if s.Workers != nil {
			out.Workers = s.Workers
		}
		if s.Queue != nil {
			out.Queue = s.Queue
		}
		if s.Timeout != nil {
			out.Timeout = s.Timeout
		}
		if s.AllowOrigin != nil {
			out.AllowOrigin = s.AllowOrigin
		}
		out.Pos = s.Pos
	}
	return out
}

// serve reads the serve: section.
func (p *parser) serve(v *yaml.Node) (*Serve, error) {
	s := &Serve{Pos: p.pos(v)}
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return s, nil
	}
	if v.Kind != yaml.MappingNode {
		return nil, p.errorf(v, "serve: {listen: 127.0.0.1:8081, workers: 2}", "serve: want a mapping of settings, got %s", kind(v))
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := p.resolve(v.Content[i]), p.resolve(v.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			return nil, p.errorf(k, "", "serve: a key must be a word such as listen, not %s", kind(k))
		}
		key := k.Value
		if !slices.Contains(serveKeys, key) {
			e := p.errorf(k, "the keys of serve are "+strings.Join(serveKeys, ", "), "serve: unknown key %q", key)
			if close := suggest.Words(key, serveKeys); len(close) > 0 {
				e.Hint = "did you mean " + suggest.Join(close) + "?"
			}
			return nil, e
		}
		if line, ok := seen[key]; ok {
			return nil, p.errorf(k, "", "serve: %s given twice (first on line %d)", key, line)
		}
		seen[key] = k.Line
		str, err := p.scalar(val, "serve: "+key)
		if err != nil {
			return nil, err
		}
		str = strings.TrimSpace(str)
		switch key {
		case "listen":
			if _, _, err := net.SplitHostPort(str); err != nil {
				return nil, p.errorf(val, "such as 127.0.0.1:8081 or :8081", "serve: listen: %q is not host:port", str)
			}
			s.Listen = str
		case "max-text-length", "workers", "queue":
			n, err := strconv.Atoi(str)
			min := 1
			if key == "queue" {
				min = 0
			}
			if err != nil || n < min {
				return nil, p.errorf(val, fmt.Sprintf("want a whole number of at least %d", min), "serve: %s: %q is not a number of at least %d", key, str, min)
			}
			switch key {
			case "max-text-length":
				s.MaxTextLength = &n
			case "workers":
				s.Workers = &n
			default:
				s.Queue = &n
			}
		case "max-body":
			n, err := ParseSize(str)
			if err != nil {
				return nil, p.errorf(val, "such as 1MB, 512KB or 1048576", "serve: max-body: %v", err)
			}
			s.MaxBody = &n
		case "timeout":
			d, err := time.ParseDuration(str)
			if err != nil || d <= 0 {
				return nil, p.errorf(val, "such as 10s or 1m", "serve: timeout: %q is not a positive duration", str)
			}
			s.Timeout = &d
		case "allow-origin":
			s.AllowOrigin = &str
		}
	}
	return s, nil
}

// ParseSize reads a size in bytes: a whole number, optionally followed by
// KB, MB or GB (powers of 1024, case ignored), such as 1MB or 65536.
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 1 || n > (1<<40)/mult {
		return 0, fmt.Errorf("%q is not a size such as 1MB or 65536", s)
	}
	return n * mult, nil
}
