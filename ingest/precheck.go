package ingest

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"

	"github.com/sirlearn/sirlearn/corpus"
)

// precheck refuses, in the calling process and before any reader runs, a
// file over the size limit and a PDF whose cross-reference structure is
// impossible for its size: the library would allocate a table as large as
// the object numbers claim, or follow a /Prev chain for ever.
// It returns the detected format.
func precheck(name string, data []byte, lim Limits) (corpus.Format, error) {
	if len(data) == 0 {
		return "", fmt.Errorf("%w: file has no bytes", corpus.ErrEmpty)
	}
	if int64(len(data)) > lim.maxBytes() {
		return "", fmt.Errorf("%w: %d bytes is over the %d-byte limit (ingest.max_bytes)", corpus.ErrTooLarge, len(data), lim.maxBytes())
	}
	format, err := Detect(name, data)
	if err != nil {
		return "", err
	}
	if format == corpus.FormatPDF {
		if err := checkXref(pdfBody(data)); err != nil {
			return "", err
		}
	}
	return format, nil
}

// pdfBody returns the PDF from its "%PDF-" header on: junk before the
// header (within the first 1024 bytes) is dropped, as poppler does, and
// offsets count from the header.
func pdfBody(data []byte) []byte {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	if i := bytes.Index(head, []byte("%PDF-")); i > 0 {
		return data[i:]
	}
	return data
}

var (
	reStartXref = regexp.MustCompile(`startxref\s+(\d{1,20})`)
	reSize      = regexp.MustCompile(`/Size\s+(\d{1,20})`)
	rePrev      = regexp.MustCompile(`/Prev\s+(\d{1,20})`)
	reIndex     = regexp.MustCompile(`/Index\s*\[([\d\s]*)\]`)
	reSubsect   = regexp.MustCompile(`^\s*(\d{1,20})\s+(\d{1,20})\s`)
	reObjHeader = regexp.MustCompile(`^\s*\d{1,10}\s+\d{1,5}\s+obj\b`)
)

// maxXrefSections bounds the /Prev chain a PDF may have.
const maxXrefSections = 1000

// checkXref walks the cross-reference sections from the last startxref
// along /Prev, refusing offsets past the end, a chain that loops, and
// object numbers or a /Size beyond what a file of this size can hold (each
// object takes several bytes). A file whose structure it cannot find is
// left to the reader, which has its own error for that.
func checkXref(data []byte) error {
	size := int64(len(data))
	tail := data
	if len(tail) > 2048 {
		tail = tail[len(tail)-2048:]
	}
	ms := reStartXref.FindAllSubmatch(tail, -1)
	if len(ms) == 0 {
		return nil
	}
	off, err := strconv.ParseInt(string(ms[len(ms)-1][1]), 10, 64)
	if err != nil || off >= size {
		return fmt.Errorf("%w: startxref points past the end of the file", corpus.ErrMalformed)
	}
	seen := map[int64]bool{}
	for n := 0; ; n++ {
		if seen[off] {
			return fmt.Errorf("%w: the cross-reference /Prev chain loops back to offset %d", corpus.ErrMalformed, off)
		}
		if n >= maxXrefSections {
			return fmt.Errorf("%w: more than %d cross-reference sections", corpus.ErrMalformed, maxXrefSections)
		}
		seen[off] = true
		prev, ok, err := checkXrefSection(data[off:], size)
		if err != nil || !ok {
			return err
		}
		if prev < 0 {
			return nil
		}
		if prev >= size {
			return fmt.Errorf("%w: cross-reference /Prev points past the end of the file", corpus.ErrMalformed)
		}
		off = prev
	}
}

// checkXrefSection checks one section (a classic table with its trailer,
// or an xref stream's dictionary) at the start of b. It returns the /Prev
// offset (-1 for none), and ok false when b holds no section it knows.
func checkXrefSection(b []byte, size int64) (prev int64, ok bool, err error) {
	tooMany := func(what string, n int64) error {
		return fmt.Errorf("%w: cross-reference %s of %d objects, more than a file of %d bytes can hold", corpus.ErrMalformed, what, n, size)
	}
	var dict []byte
	rest := bytes.TrimLeft(b, " \t\r\n\f\x00")
	switch {
	case bytes.HasPrefix(rest, []byte("xref")):
		rest = rest[4:]
		for {
			m := reSubsect.FindSubmatch(rest)
			if m == nil {
				break
			}
			start, err1 := strconv.ParseInt(string(m[1]), 10, 64)
			count, err2 := strconv.ParseInt(string(m[2]), 10, 64)
			if err1 != nil || err2 != nil || start+count > size || start > size || count > size {
				return 0, false, tooMany("section numbering", start+count)
			}
			rest = rest[len(m[0]):]
			// Each entry is three tokens: offset, generation, n or f.
			for i := int64(0); i < count; i++ {
				for t := 0; t < 3; t++ {
					rest = bytes.TrimLeft(rest, " \t\r\n\f")
					j := bytes.IndexAny(rest, " \t\r\n\f")
					if j < 0 {
						return -1, false, nil
					}
					rest = rest[j:]
				}
			}
		}
		i := bytes.Index(rest, []byte("trailer"))
		if i < 0 || i > 64 {
			return -1, false, nil
		}
		dict = dictAt(rest[i+len("trailer"):])
	case reObjHeader.Match(rest):
		dict = dictAt(rest)
		if !bytes.Contains(dict, []byte("/XRef")) {
			return -1, false, nil
		}
	default:
		return -1, false, nil
	}
	if m := reSize.FindSubmatch(dict); m != nil {
		if n, err := strconv.ParseInt(string(m[1]), 10, 64); err != nil || n > size {
			return 0, false, tooMany("/Size", n)
		}
	}
	if m := reIndex.FindSubmatch(dict); m != nil {
		nums := bytes.Fields(m[1])
		for i := 0; i+1 < len(nums); i += 2 {
			start, err1 := strconv.ParseInt(string(nums[i]), 10, 64)
			count, err2 := strconv.ParseInt(string(nums[i+1]), 10, 64)
			if err1 != nil || err2 != nil || start > size || count > size || start+count > size {
				return 0, false, tooMany("stream /Index", start+count)
			}
		}
	}
	prev = -1
	if m := rePrev.FindSubmatch(dict); m != nil {
		p, err := strconv.ParseInt(string(m[1]), 10, 64)
		if err != nil {
			return 0, false, fmt.Errorf("%w: cross-reference /Prev is not a number", corpus.ErrMalformed)
		}
		prev = p
	}
	return prev, true, nil
}

// dictAt returns the dictionary that starts near the beginning of b, up to
// its matching ">>" (at most 64 KiB of it).
func dictAt(b []byte) []byte {
	i := bytes.Index(b, []byte("<<"))
	if i < 0 || i > 256 {
		return nil
	}
	b = b[i:]
	if len(b) > 64<<10 {
		b = b[:64<<10]
	}
	depth := 0
	for j := 0; j+1 < len(b); j++ {
		switch {
		case b[j] == '<' && b[j+1] == '<':
			depth++
			j++
		case b[j] == '>' && b[j+1] == '>':
			depth--
			j++
			if depth == 0 {
				return b[:j+1]
			}
		}
	}
	return b
}
