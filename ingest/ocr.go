package ingest

// OCR of scanned PDF pages through Debian's tesseract-ocr, with pages
// rasterised by poppler's pdftoppm. Both run as child processes under the
// read's deadline (ingest.timeout), one page at a time.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"

	"github.com/sirlearn/sirlearn/corpus"
)

// OCRMode says whether scanned pages are read by OCR (ingest.ocr).
type OCRMode string

// OCR modes.
const (
	// OCRAuto reads scanned pages by OCR when tesseract and pdftoppm are
	// installed, and otherwise refuses a scan with a clear error and warns
	// of the pages a part-scanned file lacks. The default.
	OCRAuto OCRMode = "auto"
	// OCROff never runs OCR.
	OCROff OCRMode = "off"
	// OCRRequire runs OCR and fails a scanned file when it cannot.
	OCRRequire OCRMode = "require"
)

// ParseOCRMode reads an ingest.ocr value.
func ParseOCRMode(s string) (OCRMode, error) {
	switch m := OCRMode(strings.ToLower(strings.TrimSpace(s))); m {
	case "", OCRAuto:
		return OCRAuto, nil
	case OCROff, OCRRequire:
		return m, nil
	}
	return "", fmt.Errorf("%w: ingest.ocr %q: want auto, off or require", corpus.ErrInvalid, s)
}

func (l Limits) ocr() OCRMode {
	if l.OCR == "" {
		return OCRAuto
	}
	return l.OCR
}

// ocrDPI is the resolution pages are rasterised at: tesseract reads body
// text best at 300 dots per inch.
const ocrDPI = 300

// scanError is a PDF whose pages carry no text at all.
type scanError struct {
	pages   int
	scanned []int
}

func (e *scanError) Error() string {
	return fmt.Sprintf("%v (%d pages, no text)", corpus.ErrNoTextLayer, e.pages)
}

func (e *scanError) Unwrap() error { return corpus.ErrNoTextLayer }

// ocrTools finds pdftoppm and tesseract on the PATH.
func ocrTools() (pdftoppm, tesseract string, err error) {
	if pdftoppm, err = exec.LookPath("pdftoppm"); err != nil {
		return "", "", fmt.Errorf("pdftoppm not found (install poppler-utils)")
	}
	if tesseract, err = exec.LookPath("tesseract"); err != nil {
		return "", "", fmt.Errorf("tesseract not found (install tesseract-ocr)")
	}
	return pdftoppm, tesseract, nil
}

// OCRAvailable reports whether OCR can run here, and if not, why.
func OCRAvailable() (bool, string) {
	if _, _, err := ocrTools(); err != nil {
		return false, err.Error()
	}
	return true, ""
}

// withOCR completes a PDF read: the scanned pages of a document, or of a
// document with no text layer at all (readErr a *scanError), are read by
// OCR as the mode allows; otherwise a scan is refused and a part-scan
// warns of its missing pages.
func withOCR(ctx context.Context, data []byte, doc *corpus.Document, readErr error, lim Limits) (*corpus.Document, error) {
	var se *scanError
	var scanned []int
	switch {
	case readErr == nil:
		scanned = doc.ScannedPages
	case errors.As(readErr, &se):
		scanned = se.scanned
		if len(scanned) == 0 { // no text, and no images either
			return nil, readErr
		}
	default:
		return nil, readErr
	}
	if len(scanned) == 0 {
		return doc, nil
	}
	mode := lim.ocr()
	var why string
	if mode == OCROff {
		why = "ingest.ocr is off"
	} else if _, _, err := ocrTools(); err != nil {
		why = err.Error()
		if mode == OCRRequire {
			return nil, fmt.Errorf("%w: pages %s are scanned and ingest.ocr is require, but %s", corpus.ErrNoTextLayer, pageList(scanned), why)
		}
		why += ", or set ingest.ocr"
	}
	if why != "" {
		if doc == nil {
			return nil, fmt.Errorf("%w: all %d pages are scanned images (%s)", corpus.ErrNoTextLayer, se.pages, why)
		}
		doc.Warnings = append(doc.Warnings, fmt.Sprintf("pages %s are scanned images with no text and were not read (%s)", pageList(scanned), why))
		return doc, nil
	}
	texts, err := ocrPages(ctx, data, scanned)
	if err != nil {
		return nil, fmt.Errorf("OCR of scanned pages %s: %w", pageList(scanned), err)
	}
	if doc == nil {
		doc = &corpus.Document{Format: corpus.FormatPDF, Pages: se.pages, ScannedPages: scanned}
	}
	var ocr []corpus.Block
	for _, p := range scanned {
		for _, para := range strings.Split(texts[p], "\n\n") {
			if t := strings.Join(strings.Fields(para), " "); t != "" {
				ocr = append(ocr, ocrBlock(t, p))
			}
		}
		if strings.TrimSpace(texts[p]) != "" {
			doc.OCRPages = append(doc.OCRPages, p)
		}
	}
	// In page order among the text pages' blocks.
	doc.Blocks = append(doc.Blocks, ocr...)
	sort.SliceStable(doc.Blocks, func(i, j int) bool { return doc.Blocks[i].Page < doc.Blocks[j].Page })
	if len(doc.OCRPages) < len(scanned) {
		doc.Warnings = append(doc.Warnings, fmt.Sprintf("OCR found no text on scanned pages %s", pageList(missing(scanned, doc.OCRPages))))
	}
	return doc, nil
}

// ocrBlock makes a block of OCR text, a heading when it reads as one.
func ocrBlock(text string, page int) corpus.Block {
	b := corpus.Block{Type: classifyText(text, 1, false, 0, 0), Text: text, Page: page, OCR: true}
	return b
}

// ocrPages rasterises and reads each page, within ctx's deadline.
func ocrPages(ctx context.Context, data []byte, pages []int) (map[int]string, error) {
	pdftoppm, tesseract, err := ocrTools()
	if err != nil {
		return nil, err
	}
	f, err := os.CreateTemp("", "sirlearn-ocr-*.pdf")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	out := map[int]string{}
	for i, p := range pages {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%w after %d of %d scanned pages", corpus.ErrTimeout, i, len(pages))
		}
		n := strconv.Itoa(p)
		png, err := run(ctx, nil, pdftoppm, "-f", n, "-l", n, "-r", strconv.Itoa(ocrDPI), "-gray", "-png", f.Name())
		if err != nil {
			return nil, fmt.Errorf("page %d: pdftoppm: %w", p, err)
		}
		// One thread: tesseract's OpenMP threads fight each other and the
		// other readers (measured 10 s a page with them, 1.9 s without).
		txt, err := run(ctx, png, tesseract, "stdin", "stdout", "-l", "eng", "--psm", "3")
		if err != nil {
			return nil, fmt.Errorf("page %d: tesseract: %w", p, err)
		}
		out[p] = string(txt)
	}
	return out, nil
}

// run runs a command with stdin, returning its stdout; a deadline is a
// timeout, a failure carries the command's last words.
func run(ctx context.Context, stdin []byte, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%w", corpus.ErrTimeout)
		}
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 200 {
			msg = msg[len(msg)-200:]
		}
		return nil, fmt.Errorf("%v: %s", err, msg)
	}
	return stdout.Bytes(), nil
}

func pageList(ps []int) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = strconv.Itoa(p)
	}
	return strings.Join(s, ", ")
}

func missing(all, got []int) []int {
	have := map[int]bool{}
	for _, p := range got {
		have[p] = true
	}
	var out []int
	for _, p := range all {
		if !have[p] {
			out = append(out, p)
		}
	}
	return out
}
