package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/sirlearn/sirlearn/corpus"
)

const maxZipEntries = 10000

// detectZip tells a DOCX from an ODT (or any other zip) by its parts.
func detectZip(data []byte) (corpus.Format, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("%w: corrupt zip container: %v", corpus.ErrMalformed, err)
	}
	for _, f := range zr.File {
		if f.Name == "mimetype" {
			rc, err := f.Open()
			if err != nil {
				return "", fmt.Errorf("%w: corrupt zip container: %v", corpus.ErrMalformed, err)
			}
			b, _ := io.ReadAll(io.LimitReader(rc, 128))
			rc.Close()
			switch strings.TrimSpace(string(b)) {
			case "application/vnd.oasis.opendocument.text":
				return corpus.FormatODT, nil
			default:
				return "", fmt.Errorf("%w: OpenDocument type %q is not a text document", corpus.ErrUnsupportedFormat, strings.TrimSpace(string(b)))
			}
		}
	}
	for _, f := range zr.File {
		if f.Name == "[Content_Types].xml" || strings.HasPrefix(f.Name, "word/") {
			return corpus.FormatDOCX, nil
		}
	}
	for _, f := range zr.File {
		if f.Name == "content.xml" {
			return corpus.FormatODT, nil
		}
	}
	return "", fmt.Errorf("%w: a zip archive that is neither a Word nor an OpenDocument file", corpus.ErrUnsupportedFormat)
}

// zipParts opens a zip container and reads named members within a shared
// decompression budget, so a zip bomb is refused rather than inflated.
type zipParts struct {
	files  map[string]*zip.File
	budget int64
	limit  int64
}

func openZip(data []byte, lim Limits) (*zipParts, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: corrupt zip container: %v", corpus.ErrMalformed, err)
	}
	if len(zr.File) > maxZipEntries {
		return nil, fmt.Errorf("%w: %d zip entries", corpus.ErrTooLarge, len(zr.File))
	}
	z := &zipParts{files: map[string]*zip.File{}, budget: lim.maxDecompressed(), limit: lim.maxDecompressed()}
	for _, f := range zr.File {
		z.files[f.Name] = f
	}
	return z, nil
}

var errNoPart = errors.New("missing part")

// read returns a member's bytes, errNoPart when it is absent.
func (z *zipParts) read(name string) ([]byte, error) {
	f, ok := z.files[name]
	if !ok {
		return nil, errNoPart
	}
	if f.UncompressedSize64 > uint64(z.budget) {
		return nil, fmt.Errorf("%w: %s inflates to %d bytes, over the %d-byte limit", corpus.ErrTooLarge, name, f.UncompressedSize64, z.limit)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", corpus.ErrMalformed, name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, z.budget+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", corpus.ErrMalformed, name, err)
	}
	if int64(len(b)) > z.budget {
		return nil, fmt.Errorf("%w: %s inflates past the %d-byte limit", corpus.ErrTooLarge, name, z.limit)
	}
	z.budget -= int64(len(b))
	return b, nil
}
