package ingest

import (
	"bytes"
	"encoding/xml"
	"fmt"

	"github.com/sirlearn/sirlearn/corpus"
)

// maxXMLDepth bounds element nesting in the XML of DOCX and ODT files:
// real documents nest a few dozen deep, while a crafted file of nested
// spans costs the decoder memory for every open element.
const maxXMLDepth = 256

// xmlDecoder is an encoding/xml decoder that refuses nesting deeper than
// maxXMLDepth.
type xmlDecoder struct {
	*xml.Decoder
	depth int
}

func newXMLDecoder(data []byte) *xmlDecoder {
	return &xmlDecoder{Decoder: xml.NewDecoder(bytes.NewReader(data))}
}

// Token returns the next token, or ErrMalformed past the nesting bound.
func (d *xmlDecoder) Token() (xml.Token, error) {
	tok, err := d.Decoder.Token()
	switch tok.(type) {
	case xml.StartElement:
		if d.depth++; d.depth > maxXMLDepth {
			return nil, fmt.Errorf("%w: XML elements nested deeper than %d", corpus.ErrMalformed, maxXMLDepth)
		}
	case xml.EndElement:
		d.depth--
	}
	return tok, err
}
