package ingest

import (
	"encoding/binary"
	"errors"
	"math"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
)

// The worker protocol's messages in a compact binary form: varint
// numbers, length-prefixed strings. gob would compile its codecs afresh for
// every message on a new encoder, which cost more than the read of a small
// document.

var errWire = errors.New("malformed worker message")

type wireWriter struct{ b []byte }

func (w *wireWriter) uint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }
func (w *wireWriter) int(v int64)   { w.b = binary.AppendVarint(w.b, v) }
func (w *wireWriter) str(s string) {
	w.uint(uint64(len(s)))
	w.b = append(w.b, s...)
}
func (w *wireWriter) bytes(p []byte) {
	w.uint(uint64(len(p)))
	w.b = append(w.b, p...)
}
func (w *wireWriter) float(f float64) { w.uint(math.Float64bits(f)) }
func (w *wireWriter) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

type wireReader struct {
	b   []byte
	err error
}

func (r *wireReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errWire
		return 0
	}
	r.b = r.b[n:]
	return v
}

// int reads a signed varint, as binary.PutVarint wrote it (zig-zag).
func (r *wireReader) int() int64 {
	u := r.uint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

func (r *wireReader) raw() []byte {
	n := r.uint()
	if r.err != nil || n > uint64(len(r.b)) {
		r.err = errWire
		return nil
	}
	p := r.b[:n:n]
	r.b = r.b[n:]
	return p
}

func (r *wireReader) str() string    { return string(r.raw()) }
func (r *wireReader) float() float64 { return math.Float64frombits(r.uint()) }
func (r *wireReader) count() int {
	n := r.uint()
	// Every element takes at least one byte.
	if n > uint64(len(r.b)) {
		r.err = errWire
		return 0
	}
	return int(n)
}
func (r *wireReader) bool() bool {
	if r.err != nil || len(r.b) == 0 {
		r.err = errWire
		return false
	}
	v := r.b[0] != 0
	r.b = r.b[1:]
	return v
}

func encodeRequest(name string, data []byte, lim Limits) []byte {
	w := wireWriter{b: make([]byte, 0, len(data)+len(name)+64)}
	w.str(name)
	w.int(lim.MaxBytes)
	w.int(lim.MaxDecompressed)
	w.int(int64(lim.Timeout))
	w.int(int64(lim.MaxPages))
	w.str(string(lim.OCR))
	w.bytes(data)
	return w.b
}

func decodeRequest(b []byte) (name string, data []byte, lim Limits, err error) {
	r := wireReader{b: b}
	name = r.str()
	lim.MaxBytes = r.int()
	lim.MaxDecompressed = r.int()
	lim.Timeout = time.Duration(r.int())
	lim.MaxPages = int(r.int())
	lim.OCR = OCRMode(r.str())
	data = r.raw()
	return name, data, lim, r.err
}

// encodeReply writes a document, or an error's message and the index of
// the sentinel it wraps (see sentinels; 0 for none).
func encodeReply(doc *corpus.Document, errMsg string, kind int) []byte {
	var w wireWriter
	if doc == nil {
		w.bool(false)
		w.str(errMsg)
		w.int(int64(kind))
		return w.b
	}
	w.bool(true)
	w.str(doc.Source)
	w.str(doc.ID)
	w.str(string(doc.Format))
	w.int(int64(doc.Pages))
	w.str(doc.Title)
	w.float(doc.BodyFontSize)
	w.uint(uint64(len(doc.Warnings)))
	for _, s := range doc.Warnings {
		w.str(s)
	}
	for _, ps := range [][]int{doc.ScannedPages, doc.OCRPages} {
		w.uint(uint64(len(ps)))
		for _, p := range ps {
			w.int(int64(p))
		}
	}
	w.uint(uint64(len(doc.Blocks)))
	for _, bl := range doc.Blocks {
		w.str(string(bl.Type))
		w.str(bl.Text)
		w.int(int64(bl.Page))
		w.int(int64(bl.Level))
		w.str(bl.Style)
		w.float(bl.FontSize)
		w.bool(bl.Bold)
		w.bool(bl.OCR)
		w.uint(uint64(len(bl.Cells)))
		for _, c := range bl.Cells {
			w.str(c)
		}
	}
	return w.b
}

func decodeReply(b []byte) (doc *corpus.Document, errMsg string, kind int, err error) {
	r := wireReader{b: b}
	if !r.bool() {
		errMsg = r.str()
		kind = int(r.int())
		return nil, errMsg, kind, r.err
	}
	doc = &corpus.Document{}
	doc.Source = r.str()
	doc.ID = r.str()
	doc.Format = corpus.Format(r.str())
	doc.Pages = int(r.int())
	doc.Title = r.str()
	doc.BodyFontSize = r.float()
	if n := r.count(); n > 0 {
		doc.Warnings = make([]string, n)
		for i := range doc.Warnings {
			doc.Warnings[i] = r.str()
		}
	}
	for _, ps := range []*[]int{&doc.ScannedPages, &doc.OCRPages} {
		if n := r.count(); n > 0 {
			*ps = make([]int, n)
			for i := range *ps {
				(*ps)[i] = int(r.int())
			}
		}
	}
	doc.Blocks = make([]corpus.Block, r.count())
	for i := range doc.Blocks {
		bl := &doc.Blocks[i]
		bl.Type = corpus.BlockType(r.str())
		bl.Text = r.str()
		bl.Page = int(r.int())
		bl.Level = int(r.int())
		bl.Style = r.str()
		bl.FontSize = r.float()
		bl.Bold = r.bool()
		bl.OCR = r.bool()
		if n := r.count(); n > 0 {
			bl.Cells = make([]string, n)
			for j := range bl.Cells {
				bl.Cells[j] = r.str()
			}
		}
	}
	if r.err == nil && len(r.b) != 0 {
		r.err = errWire
	}
	return doc, "", 0, r.err
}
