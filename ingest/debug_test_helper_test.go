package ingest

import (
	"bytes"
	"context"

	"github.com/ledongthuc/pdf"
)

func debugGlyphs(data []byte) ([]glyph, error) {
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	pages, _ := collectPages(r, 100)
	budget := int64(1 << 30)
	pi := &pageInterp{ctx: context.Background(), fonts: map[string]*pdfFont{}, budget: &budget}
	pi.run(pages[0].Key("Contents"), inherited(pages[0], "Resources"), gState{ctm: identity, ts: textState{th: 1}}, 0)
	return pi.glyphs, nil
}
