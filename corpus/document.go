package corpus

// Format is a submission file format, detected from the bytes.
type Format string

// The formats sirlearn reads.
const (
	FormatPDF      Format = "pdf"
	FormatDOCX     Format = "docx"
	FormatODT      Format = "odt"
	FormatText     Format = "txt"
	FormatMarkdown Format = "md"
	FormatHTML     Format = "html"
)

// BlockType says what kind of text block a reader produced.
type BlockType string

// Block types.
const (
	BlockParagraph BlockType = "paragraph"
	BlockHeading   BlockType = "heading" // a heading candidate; the section parser decides
	BlockListItem  BlockType = "list_item"
	BlockTableRow  BlockType = "table_row"
)

// Block is one ordered unit of text from a document, with the hints a
// section parser needs. Zero values mean "the format does not say".
type Block struct {
	Type BlockType `json:"type"`
	Text string    `json:"text"`
	Page int       `json:"page,omitempty"`
	// Level is the heading level (1 = top) from a heading style, an outline
	// level or Markdown #s.
	Level int `json:"level,omitempty"`
	// Style is the paragraph style name where the format has one.
	Style string `json:"style,omitempty"`
	// FontSize is the dominant font size in points (PDF, DOCX runs).
	FontSize float64 `json:"font_size,omitempty"`
	// Bold is true when every run of the block is bold.
	Bold bool `json:"bold,omitempty"`
	// Cells holds the cell texts of a table row; Text joins them with " | ".
	Cells []string `json:"cells,omitempty"`
	// OCR is true for text read from a scanned page's image.
	OCR bool `json:"ocr,omitempty"`
}

// Document is what a reader makes of one file: clean ordered blocks.
type Document struct {
	Source string  `json:"source"`
	ID     string  `json:"id"` // hex SHA-256 of the file's bytes
	Format Format  `json:"format"`
	Pages  int     `json:"pages,omitempty"`
	Title  string  `json:"title,omitempty"`
	Blocks []Block `json:"blocks"`
	// BodyFontSize is the most common font size of body text, where known,
	// so a parser can tell larger heading text.
	BodyFontSize float64 `json:"body_font_size,omitempty"`
	// Warnings name parts of the file that could not be read (a damaged
	// page) while the rest was.
	Warnings []string `json:"warnings,omitempty"`
	// ScannedPages are the pages that are images with no text; OCRPages
	// those of them whose text was read by OCR.
	ScannedPages []int `json:"scanned_pages,omitempty"`
	OCRPages     []int `json:"ocr_pages,omitempty"`
}

// Text joins the blocks' text with blank lines.
func (d *Document) Text() string {
	n := 0
	for _, b := range d.Blocks {
		n += len(b.Text) + 2
	}
	buf := make([]byte, 0, n)
	for i, b := range d.Blocks {
		if i > 0 {
			buf = append(buf, '\n', '\n')
		}
		buf = append(buf, b.Text...)
	}
	return string(buf)
}
