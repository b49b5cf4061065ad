package ingest

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sirlearn/sirlearn/corpus"
)

// odtStyle is what the reader needs from an ODF paragraph or text style.
type odtStyle struct {
	parent  string
	display string
	bold    bool
	size    float64
	outline int
}

// parseODTStyles collects named and automatic styles from styles.xml and
// content.xml.
func parseODTStyles(into map[string]*odtStyle, data []byte) {
	dec := newXMLDecoder(data)
	var cur *odtStyle
	for {
		tok, err := dec.Token()
		if err != nil {
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "style":
				cur = &odtStyle{parent: attr(t, "parent-style-name"), display: attr(t, "display-name")}
				if n, err := strconv.Atoi(attr(t, "default-outline-level")); err == nil {
					cur.outline = n
				}
				into[attr(t, "name")] = cur
			case "text-properties":
				if cur != nil {
					if w := attr(t, "font-weight"); w == "bold" || w == "600" || w == "700" || w == "800" || w == "900" {
						cur.bold = true
					}
					if s := strings.TrimSuffix(attr(t, "font-size"), "pt"); s != "" {
						if f, err := strconv.ParseFloat(s, 64); err == nil {
							cur.size = f
						}
					}
				}
			}
		case xml.EndElement:
			if t.Name.Local == "style" {
				cur = nil
			}
		}
	}
}

func resolveODTStyle(styles map[string]*odtStyle, name string) odtStyle {
	var out odtStyle
	names := []string{}
	for i := 0; i < 16 && name != ""; i++ {
		s, ok := styles[name]
		if !ok {
			names = append(names, name)
			break
		}
		names = append(names, name, s.display)
		out.bold = out.bold || s.bold
		if out.size == 0 {
			out.size = s.size
		}
		if out.outline == 0 {
			out.outline = s.outline
		}
		name = s.parent
	}
	for _, n := range names {
		if out.display == "" && n != "" && !strings.HasPrefix(n, "P") {
			out.display = strings.ReplaceAll(n, "_20_", " ")
		}
		if out.outline == 0 {
			out.outline = headingLevelFromName(n)
		}
	}
	return out
}

func readODT(ctx context.Context, data []byte, lim Limits) (*corpus.Document, error) {
	z, err := openZip(data, lim)
	if err != nil {
		return nil, err
	}
	content, err := z.read("content.xml")
	if errors.Is(err, errNoPart) {
		return nil, fmt.Errorf("%w: OpenDocument file without content.xml", corpus.ErrMalformed)
	}
	if err != nil {
		return nil, err
	}
	styles := map[string]*odtStyle{}
	if sd, err := z.read("styles.xml"); err == nil {
		parseODTStyles(styles, sd)
	} else if !errors.Is(err, errNoPart) {
		return nil, err
	}
	parseODTStyles(styles, content)
	doc := &corpus.Document{}
	if meta, err := z.read("meta.xml"); err == nil {
		doc.Title = xmlElementText(meta, "title")
	}
	body := resolveODTStyle(styles, "Standard")
	defSize := body.size
	if defSize == 0 {
		defSize = 12
	}
	doc.BodyFontSize = defSize

	dec := newXMLDecoder(content)
	var (
		text      strings.Builder
		inPara    int // nesting of text:p / text:h
		skip      int
		inBody    bool
		listDepth int
		tblDepth  int
		cells     []string
		cell      strings.Builder
		paraStyle string
		headLevel int
		isHeading bool
		spanBold  []bool
		allBold   bool
		anyText   bool
		n         int
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if errors.Is(err, corpus.ErrMalformed) {
				return nil, fmt.Errorf("content.xml: %w", err)
			}
			return nil, fmt.Errorf("%w: content.xml: %v", corpus.ErrMalformed, err)
		}
		if n++; n&0xfff == 0 && ctx.Err() != nil {
			return nil, corpus.ErrTimeout
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			switch t.Name.Local {
			case "text":
				if t.Name.Space == "urn:oasis:names:tc:opendocument:xmlns:office:1.0" {
					inBody = true
				}
			case "tracked-changes", "annotation", "note-citation", "note-body", "sequence-decls", "table-of-content", "index-title":
				skip = 1
			case "list":
				listDepth++
			case "table":
				tblDepth++
			case "table-row":
				if tblDepth == 1 {
					cells = nil
				}
			case "table-cell":
				if tblDepth == 1 {
					cell.Reset()
				}
			case "p", "h":
				if !inBody {
					continue
				}
				inPara++
				if inPara == 1 {
					text.Reset()
					paraStyle = attr(t, "style-name")
					isHeading = t.Name.Local == "h"
					headLevel, _ = strconv.Atoi(attr(t, "outline-level"))
					spanBold = spanBold[:0]
					st := resolveODTStyle(styles, paraStyle)
					spanBold = append(spanBold, st.bold)
					allBold, anyText = true, false
				}
			case "span":
				st := resolveODTStyle(styles, attr(t, "style-name"))
				outer := len(spanBold) > 0 && spanBold[len(spanBold)-1]
				spanBold = append(spanBold, outer || st.bold)
			case "s":
				c, err := strconv.Atoi(attr(t, "c"))
				if err != nil || c < 1 {
					c = 1
				}
				if c > 8 {
					c = 8
				}
				text.WriteString(strings.Repeat(" ", c))
			case "tab", "line-break":
				text.WriteByte(' ')
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			switch t.Name.Local {
			case "list":
				listDepth--
			case "span":
				if len(spanBold) > 1 {
					spanBold = spanBold[:len(spanBold)-1]
				}
			case "table-cell":
				if tblDepth == 1 {
					cells = append(cells, strings.Join(strings.Fields(cell.String()), " "))
				}
			case "table-row":
				if tblDepth == 1 {
					joined := strings.Join(cells, " | ")
					if strings.Trim(joined, " |") != "" {
						doc.Blocks = append(doc.Blocks, corpus.Block{Type: corpus.BlockTableRow, Text: joined, Cells: cells})
					}
				}
			case "table":
				tblDepth--
			case "p", "h":
				if !inBody || inPara == 0 {
					continue
				}
				inPara--
				if inPara > 0 {
					continue
				}
				s := strings.Join(strings.Fields(text.String()), " ")
				if s == "" {
					continue
				}
				if tblDepth > 0 {
					if cell.Len() > 0 {
						cell.WriteByte(' ')
					}
					cell.WriteString(s)
					continue
				}
				st := resolveODTStyle(styles, paraStyle)
				blk := corpus.Block{Text: s, Style: st.display, FontSize: st.size, Bold: anyText && allBold}
				if blk.FontSize == 0 {
					blk.FontSize = defSize
				}
				level := headLevel
				if level == 0 {
					level = st.outline
				}
				switch {
				case isHeading || level > 0:
					if level == 0 {
						level = 1
					}
					blk.Type, blk.Level = corpus.BlockHeading, level
				case listDepth > 0:
					blk.Type = corpus.BlockListItem
					if looksLikeHeading(s, 1, blk.Bold, false) && numberedHeading(s) {
						blk.Type = corpus.BlockHeading
					}
				default:
					blk.Type = classifyText(s, 1, blk.Bold, blk.FontSize, defSize)
				}
				doc.Blocks = append(doc.Blocks, blk)
			}
		case xml.CharData:
			if skip == 0 && inPara > 0 {
				text.Write(t)
				if strings.TrimSpace(string(t)) != "" {
					anyText = true
					if len(spanBold) == 0 || !spanBold[len(spanBold)-1] {
						allBold = false
					}
				}
			}
		}
	}
	return doc, nil
}
