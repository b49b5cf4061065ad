package ingest

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Path is a file name as the file system gave it: any bytes. In JSON it is
// a string when it is valid UTF-8, else {"base64": ...}, so no name is
// lost or changed on the way through a ledger.
type Path string

// MarshalJSON writes the name as a string, or as base64 when it is not
// UTF-8.
func (p Path) MarshalJSON() ([]byte, error) {
	if utf8.ValidString(string(p)) {
		return json.Marshal(string(p))
	}
	return json.Marshal(struct {
		Base64 string `json:"base64"`
	}{base64.StdEncoding.EncodeToString([]byte(p))})
}

// UnmarshalJSON reads either form.
func (p *Path) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*p = Path(s)
		return nil
	}
	var o struct {
		Base64 string `json:"base64"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		return err
	}
	raw, err := base64.StdEncoding.DecodeString(o.Base64)
	if err != nil {
		return err
	}
	*p = Path(raw)
	return nil
}

// Quote returns s for a terminal or a log line: as it is when it is
// printable UTF-8, else Go-quoted, so a newline or an escape sequence in a
// file name cannot forge a line or recolour the screen.
func Quote(s string) string {
	if !utf8.ValidString(s) {
		return strconv.Quote(s)
	}
	for _, r := range s {
		if !unicode.IsPrint(r) && r != ' ' {
			return strconv.Quote(s)
		}
	}
	return s
}
