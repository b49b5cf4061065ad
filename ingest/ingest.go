// Package ingest turns submitted review files into clean, ordered text
// blocks: it detects the format from the bytes, reads PDF, DOCX, ODT, HTML,
// plain text and Markdown within size, memory and time limits, and runs
// batches of files through extraction into an Indexer.
//
// Every failure is an error that names the file and wraps one of the
// corpus sentinel errors; no reader panics past its entry point.
package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sirlearn/sirlearn/corpus"
)

// Limits bound what one document may cost. Zero fields take the defaults.
type Limits struct {
	// MaxBytes is the largest file accepted (default 50 MiB).
	MaxBytes int64
	// MaxDecompressed bounds the bytes inflated from one file: zip members
	// of a DOCX or ODT, content streams of a PDF (default 256 MiB).
	MaxDecompressed int64
	// Timeout bounds the time to read one document (default 30 s).
	Timeout time.Duration
	// MaxPages bounds the pages of a PDF (default 5000).
	MaxPages int
	// OCR says whether scanned PDF pages are read by OCR (default auto).
	OCR OCRMode
}

// Defaults for Limits.
const (
	DefaultMaxBytes        = 50 << 20
	DefaultMaxDecompressed = 256 << 20
	DefaultTimeout         = 30 * time.Second
	DefaultMaxPages        = 5000
)

func (l Limits) maxBytes() int64 {
	if l.MaxBytes > 0 {
		return l.MaxBytes
	}
	return DefaultMaxBytes
}

func (l Limits) maxDecompressed() int64 {
	if l.MaxDecompressed > 0 {
		return l.MaxDecompressed
	}
	return DefaultMaxDecompressed
}

func (l Limits) timeout() time.Duration {
	if l.Timeout > 0 {
		return l.Timeout
	}
	return DefaultTimeout
}

func (l Limits) maxPages() int {
	if l.MaxPages > 0 {
		return l.MaxPages
	}
	return DefaultMaxPages
}

// maxGlyphs bounds the glyphs kept for one PDF page.
func (l Limits) maxGlyphs() int { return 1 << 20 }

// Detect returns the format of data from its bytes. name is used only to
// tell Markdown from plain text, which share their bytes.
func Detect(name string, data []byte) (corpus.Format, error) {
	if len(data) == 0 {
		return "", corpus.ErrEmpty
	}
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return corpus.FormatPDF, nil
	case bytes.Contains(head, []byte("%PDF-")):
		return corpus.FormatPDF, nil // junk before the header; the reader will say if it cannot cope
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return detectZip(data)
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")):
		return "", fmt.Errorf("%w: legacy Word .doc (OLE2); save it as .docx", corpus.ErrUnsupportedFormat)
	case bytes.HasPrefix(data, []byte("{\\rtf")):
		return "", fmt.Errorf("%w: RTF; save it as .docx", corpus.ErrUnsupportedFormat)
	}
	if u, ok := fromUTF16(data); ok {
		data, head = u, u
		if len(head) > 1024 {
			head = head[:1024]
		}
	}
	sample := data
	if len(sample) > 64<<10 {
		sample = sample[:64<<10]
	}
	if !looksLikeText(sample) {
		return "", fmt.Errorf("%w: binary data of an unknown kind", corpus.ErrUnsupportedFormat)
	}
	t := strings.ToLower(strings.TrimSpace(string(head)))
	t = strings.TrimPrefix(t, "\ufeff")
	lname := strings.ToLower(name)
	if strings.HasPrefix(t, "<!doctype html") || strings.HasPrefix(t, "<html") ||
		(strings.HasPrefix(t, "<") && strings.Contains(t, "<body")) {
		return corpus.FormatHTML, nil
	}
	// A fragment of HTML, saved from a web page or a mail: it opens with
	// a tag the standard sniffer knows ("<div>", "<p>", "<table>"), or
	// with any tag in a file named .html.
	if strings.HasPrefix(t, "<") && (strings.HasPrefix(http.DetectContentType([]byte(t)), "text/html") ||
		(strings.HasSuffix(lname, ".html") || strings.HasSuffix(lname, ".htm")) && !strings.HasPrefix(t, "<?xml")) {
		return corpus.FormatHTML, nil
	}
	if strings.HasSuffix(lname, ".md") || strings.HasSuffix(lname, ".markdown") || looksLikeMarkdown(sample) {
		return corpus.FormatMarkdown, nil
	}
	return corpus.FormatText, nil
}

func looksLikeText(b []byte) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return false
	}
	// Trim a rune cut off at the end of the sample.
	for i := 0; i < 3 && len(b) > 0 && !utf8.Valid(b); i++ {
		b = b[:len(b)-1]
	}
	if utf8.Valid(b) {
		return true
	}
	// Windows-1252 text is common in old exports; accept it when nearly all
	// bytes are printable ASCII.
	ascii := 0
	for _, c := range b {
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\r' || c == '\t' {
			ascii++
		}
	}
	return ascii*10 >= len(b)*9
}

// Read reads one document from its bytes. name is used in errors and as the
// document's source.
func Read(ctx context.Context, name string, data []byte, lim Limits) (*corpus.Document, error) {
	doc, err := read(ctx, name, data, lim)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return doc, nil
}

func read(ctx context.Context, name string, data []byte, lim Limits) (*corpus.Document, error) {
	format, err := precheck(name, data, lim)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, lim.timeout())
	defer cancel()

	type result struct {
		doc *corpus.Document
		err error
	}
	ch := make(chan result, 1)
	go func() {
		defer func() {
			if x := recover(); x != nil {
				ch <- result{nil, fmt.Errorf("%w: reader failed: %v", corpus.ErrMalformed, x)}
			}
		}()
		var d *corpus.Document
		var err error
		switch format {
		case corpus.FormatPDF:
			d, err = readPDF(ctx, data, lim)
			d, err = withOCR(ctx, data, d, err, lim)
		case corpus.FormatDOCX:
			d, err = readDOCX(ctx, data, lim)
		case corpus.FormatODT:
			d, err = readODT(ctx, data, lim)
		case corpus.FormatHTML:
			d, err = readHTML(data)
		case corpus.FormatMarkdown, corpus.FormatText:
			d, err = readText(data, format)
		default:
			err = fmt.Errorf("%w: %s", corpus.ErrUnsupportedFormat, format)
		}
		ch <- result{d, err}
	}()
	var res result
	select {
	case res = <-ch:
	case <-ctx.Done():
		// A reader stuck inside a library call is abandoned; it holds only
		// its own copy of the data and stops at its next check.
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("%w: reading took longer than %s (ingest.timeout)", corpus.ErrTimeout, lim.timeout())
		}
		return nil, ctx.Err()
	}
	if res.err != nil {
		if errors.Is(res.err, corpus.ErrTimeout) {
			return nil, fmt.Errorf("%w: reading took longer than %s (ingest.timeout)", corpus.ErrTimeout, lim.timeout())
		}
		return nil, res.err
	}
	d := res.doc
	d.Blocks = cleanBlocks(d.Blocks)
	if len(d.Blocks) == 0 {
		return nil, fmt.Errorf("%w: no text found", corpus.ErrEmpty)
	}
	d.Format = format
	d.ID = HashBytes(data)
	d.Source = name
	return d, nil
}

// cleanBlocks trims text, folds inner white space and drops empty blocks.
func cleanBlocks(in []corpus.Block) []corpus.Block {
	out := in[:0]
	for _, b := range in {
		b.Text = strings.Join(strings.Fields(b.Text), " ")
		if b.Text == "" {
			continue
		}
		out = append(out, b)
	}
	return out
}

// HashBytes returns the hex SHA-256 of data: a document's id.
func HashBytes(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// ReadFile reads the file at path within the limits, refusing an oversized
// file before loading it.
func ReadFile(ctx context.Context, path string, lim Limits) (*corpus.Document, error) {
	data, err := LoadFile(path, lim)
	if err != nil {
		return nil, err
	}
	return Read(ctx, path, data, lim)
}

// LoadFile returns the bytes of the file at path, or an error naming it when
// it cannot be read or is over the size limit.
func LoadFile(path string, lim Limits) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%s: is a directory", path)
	}
	if fi.Size() > lim.maxBytes() {
		return nil, fmt.Errorf("%s: %w: %d bytes is over the %d-byte limit (ingest.max_bytes)", path, corpus.ErrTooLarge, fi.Size(), lim.maxBytes())
	}
	data, err := io.ReadAll(io.LimitReader(f, lim.maxBytes()+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(data)) > lim.maxBytes() {
		return nil, fmt.Errorf("%s: %w: over the %d-byte limit (ingest.max_bytes)", path, corpus.ErrTooLarge, lim.maxBytes())
	}
	return data, nil
}

// IsInputError reports whether err is the fault of the input file (empty,
// corrupt, encrypted, unsupported, too large, no text, too slow to read)
// rather than of the system.
func IsInputError(err error) bool {
	for _, s := range []error{corpus.ErrEmpty, corpus.ErrMalformed, corpus.ErrUnsupportedFormat, corpus.ErrTooLarge,
		corpus.ErrEncrypted, corpus.ErrNoTextLayer, corpus.ErrTimeout} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}
