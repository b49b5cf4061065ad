package main

import (
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestSameBuild(t *testing.T) {
	build := func(rev, modified string, deps ...string) *debug.BuildInfo {
		bi := &debug.BuildInfo{GoVersion: "go1.26", Main: debug.Module{Path: "github.com/sirlearn/sirlearn"}}
		if rev != "" {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: "vcs.revision", Value: rev})
		}
		if modified != "" {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: "vcs.modified", Value: modified})
		}
		for i := 0; i+1 < len(deps); i += 2 {
			bi.Deps = append(bi.Deps, &debug.Module{Path: deps[i], Version: deps[i+1]})
		}
		return bi
	}
	self := build("abc", "false", "github.com/ledongthuc/pdf", "v1", "github.com/blevesearch/bleve/v2", "v2.6.3")
	otherGo := build("abc", "false")
	otherGo.GoVersion = "go1.25"
	otherModule := build("abc", "false")
	otherModule.Main.Path = "example.com/other"
	tests := []struct {
		name        string
		self, other *debug.BuildInfo
		want        bool
	}{
		{"same commit, fewer modules", self, build("abc", "false", "github.com/ledongthuc/pdf", "v1"), true},
		{"another commit", self, build("abd", "false", "github.com/ledongthuc/pdf", "v1"), false},
		{"reader modified", self, build("abc", "true", "github.com/ledongthuc/pdf", "v1"), false},
		{"self modified", build("abc", "true"), build("abc", "false"), false},
		{"no commit recorded", build("", ""), build("", ""), false},
		{"another module version", self, build("abc", "false", "github.com/ledongthuc/pdf", "v2"), false},
		{"a module self lacks", self, build("abc", "false", "golang.org/x/net", "v1"), false},
		{"another Go", build("abc", "false"), otherGo, false},
		{"another main module", build("abc", "false"), otherModule, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, why := sameBuild(tt.self, tt.other)
			if got != tt.want {
				t.Errorf("sameBuild = %v (%s), want %v", got, why, tt.want)
			}
			if !got && why == "" {
				t.Error("no reason given")
			}
		})
	}
}

// TestReaderProgram builds sirlearn-reader and extracts a file with it as
// the reader worker (ingest.reader naming it): the output must equal the
// output with this program as the worker. A program that is no reader
// fails every file with an error, which shows the setting is used.
func TestReaderProgram(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool")
	}
	reader := filepath.Join(t.TempDir(), readerName)
	build := exec.Command(goTool, "build", "-o", reader, "../sirlearn-reader")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	file := filepath.Join("..", "..", "ingest", "testdata", "fpdf.pdf")
	t.Setenv("SIRLEARN_INGEST_READER", "self")
	code, want, errs := sirlearn(t, "extract", file)
	if code != 0 || want == "" {
		t.Fatalf("self: exit %d, stderr %s", code, errs)
	}
	t.Setenv("SIRLEARN_INGEST_READER", reader)
	code, got, errs := sirlearn(t, "extract", file)
	if code != 0 {
		t.Fatalf("sirlearn-reader: exit %d, stderr %s", code, errs)
	}
	if got != want {
		t.Errorf("sirlearn-reader's output differs from this program's:\n%s\nwant\n%s", got, want)
	}
	t.Setenv("SIRLEARN_INGEST_READER", "/bin/true")
	if code, _, errs := sirlearn(t, "extract", file); code == 0 || !strings.Contains(errs, "fpdf.pdf") {
		t.Errorf("a program that is no reader: exit %d, stderr %q", code, errs)
	}
	t.Setenv("SIRLEARN_INGEST_READER", filepath.Join(t.TempDir(), "missing"))
	if code, _, errs := sirlearn(t, "extract", file); code == 0 || !strings.Contains(errs, "ingest.reader") {
		t.Errorf("a missing program: exit %d, stderr %q", code, errs)
	}
}
