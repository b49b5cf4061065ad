package qdpx

import (
	"archive/zip"
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Project is a qualitative-analysis project: a code book, users, text
// sources with coded selections, variables and cases.
type Project struct {
	Name    string
	Origin  string
	Created time.Time
	Codes   []Code
	// Users are the coders' names; a coding names one of them.
	Users []string
	// Variables are the names of the sources' variables, in order;
	// Integer lists those whose values are whole numbers.
	Variables []string
	Integer   map[string]bool
	Sources   []Source
	Cases     []Case
}

// Code is one code of the code book.
type Code struct {
	Name        string // the theme id
	Description string
	Colour      string // #RRGGBB
	// Group is a folder of codes rather than a code itself (not codable).
	Group    bool
	Children []Code
}

// Source is one text document.
type Source struct {
	Name       string
	Text       string
	Values     map[string]string
	Selections []Selection
}

// Selection is a coded span of a source's text.
type Selection struct {
	// Start and End are character (code point) offsets into the text.
	Start, End int
	Code       string // a code's name
	User       string // a user's name
	When       time.Time
	Note       string
}

// Case groups sources (the documents of one incident).
type Case struct {
	Name    string
	Sources []int // indexes into Project.Sources
}

// GUID makes the stable GUID of a named thing, so that exporting the same
// project twice gives the same ids.
func GUID(kind, name string) string {
	sum := sha1.Sum([]byte("sirlearn:" + kind + ":" + name))
	h := hex.EncodeToString(sum[:16])
	// version 5 and the RFC 4122 variant, as name-based UUIDs are marked
	b := []byte(h)
	b[12] = '5'
	b[16] = "89ab"[sum[8]&3]
	h = string(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// Write writes the project as a .qdpx archive: project.qde and one
// sources/GUID.txt per source (UTF-8).
func Write(w io.Writer, p *Project) error {
	zw := zip.NewWriter(w)
	stamp := p.Created.UTC().Format(time.RFC3339)
	x := xProject{Name: p.Name, Origin: p.Origin, CreationDateTime: stamp}
	users := map[string]string{}
	x.Users = &xUsers{}
	for _, u := range p.Users {
		g := GUID("user", u)
		users[u] = g
		x.Users.User = append(x.Users.User, xUser{GUID: g, Name: u})
	}
	if len(p.Users) > 0 {
		x.CreatingUserGUID = users[p.Users[0]]
	}
	codes := map[string]string{}
	var mk func(c Code) xCode
	mk = func(c Code) xCode {
		g := GUID("code", c.Name)
		if !c.Group {
			codes[c.Name] = g
		}
		xc := xCode{GUID: g, Name: c.Name, IsCodable: !c.Group, Color: c.Colour, Description: c.Description}
		for _, ch := range c.Children {
			xc.Code = append(xc.Code, mk(ch))
		}
		return xc
	}
	x.CodeBook = &xCodeBook{}
	for _, c := range p.Codes {
		x.CodeBook.Codes.Code = append(x.CodeBook.Codes.Code, mk(c))
	}
	vars := map[string]string{}
	if len(p.Variables) > 0 {
		x.Variables = &xVariables{}
		for _, v := range p.Variables {
			g := GUID("variable", v)
			vars[v] = g
			typ := "Text"
			if p.Integer[v] {
				typ = "Integer"
			}
			x.Variables.Variable = append(x.Variables.Variable, xVariable{GUID: g, Name: v, Type: typ})
		}
	}
	x.Sources = &xSources{}
	srcGUIDs := make([]string, len(p.Sources))
	for i, s := range p.Sources {
		g := GUID("source", s.Name)
		srcGUIDs[i] = g
		file := "sources/" + g + ".txt"
		fw, err := zw.Create(file)
		if err != nil {
			return fmt.Errorf("qdpx: %w", err)
		}
		if _, err := io.WriteString(fw, s.Text); err != nil {
			return fmt.Errorf("qdpx: %w", err)
		}
		ts := xTextSource{GUID: g, Name: s.Name, PlainTextPath: "internal://" + g + ".txt", CreationDateTime: stamp}
		n := utf8.RuneCountInString(s.Text)
		for j, sel := range s.Selections {
			code, ok := codes[sel.Code]
			if !ok {
				return fmt.Errorf("qdpx: source %s: code %q is not in the code book", s.Name, sel.Code)
			}
			if sel.Start < 0 || sel.End > n || sel.Start >= sel.End {
				return fmt.Errorf("qdpx: source %s: selection %d-%d outside its %d characters", s.Name, sel.Start, sel.End, n)
			}
			user := users[sel.User]
			when := ""
			if !sel.When.IsZero() {
				when = sel.When.UTC().Format(time.RFC3339)
			}
			id := s.Name + "#" + strconv.Itoa(j)
			ts.Selection = append(ts.Selection, xSelection{GUID: GUID("selection", id), Start: sel.Start, End: sel.End, CreatingUser: user,
				CreationDateTime: when, Description: sel.Note,
				Coding: []xCoding{{GUID: GUID("coding", id), CreatingUser: user, CreationDateTime: when, CodeRef: xRef{code}}}})
		}
		for _, v := range p.Variables {
			val, ok := s.Values[v]
			if !ok || val == "" {
				continue
			}
			vv := xVariableValue{VariableRef: xRef{vars[v]}}
			if p.Integer[v] {
				n, err := strconv.Atoi(val)
				if err != nil {
					continue
				}
				vv.IntegerValue = &n
			} else {
				val := val
				vv.TextValue = &val
			}
			ts.VariableValue = append(ts.VariableValue, vv)
		}
		x.Sources.TextSource = append(x.Sources.TextSource, ts)
	}
	if len(p.Cases) > 0 {
		x.Cases = &xCases{}
		for _, c := range p.Cases {
			xc := xCase{GUID: GUID("case", c.Name), Name: c.Name}
			for _, i := range c.Sources {
				xc.SourceRef = append(xc.SourceRef, xRef{srcGUIDs[i]})
			}
			x.Cases.Case = append(x.Cases.Case, xc)
		}
	}
	fw, err := zw.Create("project.qde")
	if err != nil {
		return fmt.Errorf("qdpx: %w", err)
	}
	if _, err := io.WriteString(fw, xml.Header); err != nil {
		return fmt.Errorf("qdpx: %w", err)
	}
	enc := xml.NewEncoder(fw)
	enc.Indent("", " ")
	if err := enc.Encode(x); err != nil {
		return fmt.Errorf("qdpx: project.qde: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("qdpx: %w", err)
	}
	return nil
}

// Limits on what Read accepts: a project is untrusted input.
const (
	maxProjectBytes = 256 << 20
	maxSourceBytes  = 64 << 20
)

// ErrFormat is a file that is not a readable REFI-QDA project.
var ErrFormat = errors.New("not a REFI-QDA project")

// Read reads a .qdpx archive (or a bare project.qde).
func Read(data []byte) (*Project, error) {
	var qde []byte
	files := map[string]*zip.File{}
	if bytes.HasPrefix(data, []byte("PK")) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		for _, f := range zr.File {
			files[f.Name] = f
			if strings.EqualFold(path.Base(f.Name), "project.qde") || strings.HasSuffix(strings.ToLower(f.Name), ".qde") && qde == nil {
				if qde, err = readZipFile(f, maxProjectBytes); err != nil {
					return nil, err
				}
			}
		}
		if qde == nil {
			return nil, fmt.Errorf("%w: the archive holds no project.qde", ErrFormat)
		}
	} else {
		qde = data
	}
	var x xProject
	dec := xml.NewDecoder(bytes.NewReader(qde))
	if err := dec.Decode(&x); err != nil {
		return nil, fmt.Errorf("%w: project.qde: %v", ErrFormat, err)
	}
	if x.XMLName.Space != Namespace {
		return nil, fmt.Errorf("%w: root element %s in namespace %q, want Project in %q", ErrFormat, x.XMLName.Local, x.XMLName.Space, Namespace)
	}
	p := &Project{Name: x.Name, Origin: x.Origin, Integer: map[string]bool{}}
	users := map[string]string{}
	if x.Users != nil {
		for _, u := range x.Users.User {
			name := u.Name
			if name == "" {
				name = u.ID
			}
			users[u.GUID] = name
			p.Users = append(p.Users, name)
		}
	}
	codes := map[string]string{}
	if x.CodeBook != nil {
		var walk func([]xCode) []Code
		walk = func(cs []xCode) []Code {
			var out []Code
			for _, c := range cs {
				codes[c.GUID] = c.Name
				out = append(out, Code{Name: c.Name, Description: c.Description, Colour: c.Color, Group: !c.IsCodable, Children: walk(c.Code)})
			}
			return out
		}
		p.Codes = walk(x.CodeBook.Codes.Code)
	}
	vars := map[string]string{}
	if x.Variables != nil {
		for _, v := range x.Variables.Variable {
			vars[v.GUID] = v.Name
			p.Variables = append(p.Variables, v.Name)
			if v.Type == "Integer" {
				p.Integer[v.Name] = true
			}
		}
	}
	srcIndex := map[string]int{}
	if x.Sources != nil {
		for _, ts := range x.Sources.TextSource {
			s := Source{Name: ts.Name, Values: map[string]string{}}
			switch {
			case ts.PlainTextContent != nil:
				s.Text = *ts.PlainTextContent
			case ts.PlainTextPath != "":
				name := strings.TrimPrefix(ts.PlainTextPath, "internal://")
				f := files["sources/"+name]
				if f == nil {
					f = files[name]
				}
				if f == nil {
					return nil, fmt.Errorf("%w: source %q: its text %s is not in the archive", ErrFormat, ts.Name, ts.PlainTextPath)
				}
				b, err := readZipFile(f, maxSourceBytes)
				if err != nil {
					return nil, err
				}
				s.Text = string(b)
			}
			for _, sel := range ts.Selection {
				for _, c := range sel.Coding {
					when, _ := time.Parse(time.RFC3339, c.CreationDateTime)
					user := users[c.CreatingUser]
					if user == "" {
						user = users[sel.CreatingUser]
					}
					s.Selections = append(s.Selections, Selection{Start: sel.Start, End: sel.End, Code: codes[c.CodeRef.Target], User: user, When: when, Note: sel.Description})
				}
			}
			for _, vv := range ts.VariableValue {
				name := vars[vv.VariableRef.Target]
				switch {
				case vv.TextValue != nil:
					s.Values[name] = *vv.TextValue
				case vv.IntegerValue != nil:
					s.Values[name] = strconv.Itoa(*vv.IntegerValue)
				}
			}
			srcIndex[ts.GUID] = len(p.Sources)
			p.Sources = append(p.Sources, s)
		}
	}
	if x.Cases != nil {
		for _, c := range x.Cases.Case {
			pc := Case{Name: c.Name}
			for _, r := range c.SourceRef {
				if i, ok := srcIndex[r.Target]; ok {
					pc.Sources = append(pc.Sources, i)
				}
			}
			p.Cases = append(p.Cases, pc)
		}
	}
	return p, nil
}

func readZipFile(f *zip.File, limit int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrFormat, f.Name, limit)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFormat, f.Name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFormat, f.Name, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrFormat, f.Name, limit)
	}
	return b, nil
}

// RuneSpan converts a byte span of s to a character span.
func RuneSpan(s string, start, end int) (int, int) {
	return utf8.RuneCountInString(s[:start]), utf8.RuneCountInString(s[:end])
}

// ByteSpan converts a character span of s to a byte span; ok is false when
// it falls outside s.
func ByteSpan(s string, start, end int) (int, int, bool) {
	if start < 0 || end < start {
		return 0, 0, false
	}
	bs, be, n := -1, -1, 0
	for i := range s {
		if n == start {
			bs = i
		}
		if n == end {
			be = i
		}
		n++
	}
	if n == start {
		bs = len(s)
	}
	if n == end {
		be = len(s)
	}
	return bs, be, bs >= 0 && be >= 0
}

// ProjectXML returns the project.qde of an archive.
func ProjectXML(archive []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	for _, f := range zr.File {
		if f.Name == "project.qde" {
			return readZipFile(f, maxProjectBytes)
		}
	}
	return nil, fmt.Errorf("%w: no project.qde", ErrFormat)
}
