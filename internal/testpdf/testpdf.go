// Package testpdf makes PDFs for tests: with a text layer, and scanned
// (pages as images, as a scanner delivers them), for the OCR tests.
package testpdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"github.com/go-pdf/fpdf"
)

// Text writes one page per string, with a text layer.
func Text(pages ...string) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(25, 25, 25)
	for _, p := range pages {
		pdf.AddPage()
		pdf.SetFont("Times", "", 12)
		pdf.MultiCell(0, 6, p, "", "L", false)
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Scanned renders each page of src to an image with pdftoppm (in dir) and
// wraps the images in a PDF without a text layer; the pages in keep are
// written as text instead.
func Scanned(dir string, src []byte, pages int, keep map[int]string) ([]byte, error) {
	in := filepath.Join(dir, "src.pdf")
	if err := os.WriteFile(in, src, 0o644); err != nil {
		return nil, err
	}
	out := fpdf.New("P", "mm", "A4", "")
	out.SetMargins(25, 25, 25)
	for p := 1; p <= pages; p++ {
		out.AddPage()
		if text, ok := keep[p]; ok {
			out.SetFont("Times", "", 12)
			out.MultiCell(0, 6, text, "", "L", false)
			continue
		}
		n := strconv.Itoa(p)
		root := filepath.Join(dir, "page"+n)
		if msg, err := exec.Command("pdftoppm", "-f", n, "-l", n, "-r", "200", "-gray", "-png", "-singlefile", in, root).CombinedOutput(); err != nil {
			return nil, fmt.Errorf("pdftoppm: %v: %s", err, msg)
		}
		out.ImageOptions(root+".png", 0, 0, 210, 297, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	}
	var b bytes.Buffer
	if err := out.Output(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
