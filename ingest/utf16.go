package ingest

import (
	"bytes"

	"golang.org/x/text/encoding/unicode"
)

// fromUTF16 returns text that starts with a UTF-16 byte-order mark as
// UTF-8 (Windows tools save "Unicode" text that way), and ok false for any
// other bytes.
func fromUTF16(data []byte) ([]byte, bool) {
	if !bytes.HasPrefix(data, []byte{0xff, 0xfe}) && !bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return nil, false
	}
	dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
	out, err := dec.Bytes(data)
	if err != nil {
		return nil, false
	}
	return out, true
}
