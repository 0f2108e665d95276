package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/server"
)

// A Server is an http.Handler: a Go program can mount it, or run it with
// Run for a graceful shutdown. Offsets are UTF-16 code units: the emoji
// counts two.
func Example() {
	srv, err := server.New(server.Options{Config: checker.Config{Disable: []string{"boilerplate"}}, Workers: 2, Queue: 16})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	form := url.Values{"language": {"en-US"}, "text": {"🎉 Officials met on Monday , and the talks went on."}}
	req := httptest.NewRequest("POST", "/v2/check", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)

	var answer struct {
		Matches []struct {
			Offset, Length int
			Rule           struct{ ID string }
			Replacements   []struct{ Value string }
		}
	}
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &answer) != nil {
		panic(rec.Body.String())
	}
	for _, m := range answer.Matches {
		fmt.Println(m.Rule.ID, m.Offset, m.Length, m.Replacements[0].Value)
	}
	// Output:
	// punctuation.space-before 26 2 ,
}
