package checker

import (
	"bytes"
	"encoding/json"
)

// MarshalJSON writes r as its fields' tags say, except that a result that
// was not checked (Error or Skipped set) has no "score": such a file has no
// score, and 0 would say it was read and found clean. HTML is not escaped,
// so that the output is the same whether or not the caller's encoder
// escapes it.
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result // without this method
	var v any = plain(r)
	if r.Error != "" || r.Skipped {
		v = struct {
			plain
			Score *int `json:"score,omitempty"` // hides plain's
		}{plain: plain(r)}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'}), nil
}
