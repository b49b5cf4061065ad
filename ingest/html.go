package ingest

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/net/html"

	"github.com/sirlearn/sirlearn/corpus"
)

// readHTML reads an HTML export: headings, paragraphs, list items and table
// rows in document order; scripts, styles, navigation, page headers and
// footers are left out.
func readHTML(data []byte) (*corpus.Document, error) {
	root, err := html.Parse(bytes.NewReader([]byte(decodeText(data))))
	if err != nil {
		return nil, fmt.Errorf("%w: HTML: %v", corpus.ErrMalformed, err)
	}
	doc := &corpus.Document{}
	var text func(n *html.Node, b *strings.Builder)
	text = func(n *html.Node, b *strings.Builder) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && skipHTML(n.Data):
			return
		case n.Type == html.ElementNode && n.Data == "br":
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			text(c, b)
			if c.Type == html.ElementNode && (c.Data == "p" || c.Data == "div" || c.Data == "td" || c.Data == "th") {
				b.WriteByte(' ')
			}
		}
	}
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 200 {
			return
		}
		if n.Type == html.ElementNode {
			if n.Data == "head" {
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode && c.Data == "title" && c.FirstChild != nil {
						doc.Title = strings.TrimSpace(c.FirstChild.Data)
					}
				}
				return
			}
			if skipHTML(n.Data) {
				return
			}
			var b strings.Builder
			switch n.Data {
			case "h1", "h2", "h3", "h4", "h5", "h6":
				text(n, &b)
				doc.Blocks = append(doc.Blocks, corpus.Block{Type: corpus.BlockHeading, Text: b.String(), Level: int(n.Data[1] - '0')})
				return
			case "p", "li", "dt", "dd", "blockquote", "pre", "caption":
				if hasBlockChild(n) {
					break
				}
				text(n, &b)
				t := strings.TrimSpace(b.String())
				typ := corpus.BlockParagraph
				if n.Data == "li" {
					typ = corpus.BlockListItem
				} else {
					bold := onlyBold(n)
					typ = classifyText(t, 1, bold, 0, 0)
					doc.Blocks = append(doc.Blocks, corpus.Block{Type: typ, Text: t, Bold: bold})
					return
				}
				doc.Blocks = append(doc.Blocks, corpus.Block{Type: typ, Text: t})
				return
			case "tr":
				var cells []string
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
						var cb strings.Builder
						text(c, &cb)
						cells = append(cells, strings.Join(strings.Fields(cb.String()), " "))
					}
				}
				if strings.Trim(strings.Join(cells, ""), " ") != "" {
					doc.Blocks = append(doc.Blocks, corpus.Block{Type: corpus.BlockTableRow, Text: strings.Join(cells, " | "), Cells: cells})
				}
				return
			}
		}
		if n.Type == html.TextNode && n.Parent != nil && (n.Parent.Data == "body" || n.Parent.Data == "div") {
			if t := strings.TrimSpace(n.Data); t != "" {
				doc.Blocks = append(doc.Blocks, corpus.Block{Type: classifyText(t, 1, false, 0, 0), Text: t})
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(root, 0)
	return doc, nil
}

func skipHTML(tag string) bool {
	switch tag {
	case "script", "style", "noscript", "nav", "header", "footer", "template", "svg", "head":
		return true
	}
	return false
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			switch c.Data {
			case "p", "ul", "ol", "table", "div", "h1", "h2", "h3", "h4", "h5", "h6":
				return true
			}
		}
	}
	return false
}

// onlyBold reports a paragraph whose text is all inside <b> or <strong>.
func onlyBold(n *html.Node) bool {
	any := false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			return false
		case c.Type == html.ElementNode && (c.Data == "b" || c.Data == "strong"):
			any = true
		}
	}
	return any
}
