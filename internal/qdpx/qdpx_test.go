package qdpx

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func sample() *Project {
	when := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	text := "Review of Mr B — Fife.\n\nThe plan was not reviewed. Police did not share information."
	return &Project{
		Name: "test", Origin: "sirlearn", Created: when,
		Codes:     []Code{{Name: "case_management_plan", Description: "Plan not reviewed.", Colour: "#AA3311"}, {Name: "information_sharing", Colour: "#3311AA"}},
		Users:     []string{"sirlearn (suggestion)", "alice"},
		Variables: []string{"authority", "year"}, Integer: map[string]bool{"year": true},
		Sources: []Source{{Name: "review-1.pdf", Text: text, Values: map[string]string{"authority": "Fife", "year": "2019"},
			Selections: []Selection{
				{Start: 24, End: 50, Code: "case_management_plan", User: "sirlearn (suggestion)", When: when, Note: "concern; suggested"},
				{Start: 51, End: 84, Code: "information_sharing", User: "alice", When: when, Note: "concern; added by alice"},
			}}},
		Cases: []Case{{Name: "c-1", Sources: []int{0}}},
	}
}

// TestWriteValidatesAndReadsBack: the project.qde validates against the
// QDA-XML 1.0 schema, and reading the archive gives the project back.
func TestWriteValidatesAndReadsBack(t *testing.T) {
	var buf bytes.Buffer
	p := sample()
	if err := Write(&buf, p); err != nil {
		t.Fatal(err)
	}
	got, err := Read(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	got.Created = p.Created // not read back
	if !reflect.DeepEqual(got, p) {
		t.Errorf("read back:\n%+v\nwant\n%+v", got, p)
	}
	validate(t, buf.Bytes())
}

// validate checks project.qde with xmllint against the schema.
func validate(t *testing.T, archive []byte) {
	t.Helper()
	// The QDA-XML 1.0 schema (REFI, MIT licence, notice in the file).
	xsd := filepath.Join("testdata", "Project-mrt2019.xsd")
	if _, err := exec.LookPath("xmllint"); err != nil {
		if os.Getenv("SIRLEARN_TEST_REQUIRE_XMLLINT") != "" {
			t.Fatal("xmllint required (SIRLEARN_TEST_REQUIRE_XMLLINT) but not installed")
		}
		t.Skip("xmllint not installed (.ci/run installs libxml2-utils)")
	}
	dir := t.TempDir()
	qde := filepath.Join(dir, "project.qde")
	p, err := Read(archive)
	if err != nil || p == nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(qde, projectXML(t, archive), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("xmllint", "--noout", "--schema", xsd, qde).CombinedOutput()
	if err != nil {
		t.Fatalf("project.qde does not validate: %v\n%s", err, out)
	}
}

func TestReadRefusesJunk(t *testing.T) {
	for _, b := range [][]byte{[]byte("PK\x03\x04junk"), []byte("<x/>"), []byte("<Project xmlns='urn:other' name='a'/>")} {
		if _, err := Read(b); err == nil {
			t.Errorf("Read(%q) accepted", b)
		}
	}
}

func TestSpans(t *testing.T) {
	s := "Ms É said — yes."
	bs, be, ok := ByteSpan(s, 3, 4)
	if !ok || s[bs:be] != "É" {
		t.Errorf("ByteSpan = %d %d %v", bs, be, ok)
	}
	if rs, re := RuneSpan(s, bs, be); rs != 3 || re != 4 {
		t.Errorf("RuneSpan = %d %d", rs, re)
	}
}

func projectXML(t *testing.T, archive []byte) []byte {
	t.Helper()
	b, err := ProjectXML(archive)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
