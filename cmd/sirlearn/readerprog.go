package main

import (
	"debug/buildinfo"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
)

// readerName is the reader worker program's name beside sirlearn.
const readerName = "sirlearn-reader"

// readerCommand returns the program reader workers run, from ingest.reader:
// "self" is this program; a path is that program; "" (the default) is
// sirlearn-reader beside this program when it was built from the same
// source, else this program. nil means this program.
func (a *app) readerCommand() ([]string, error) {
	switch setting := a.v.GetString("ingest.reader"); setting {
	case "self":
		return nil, nil
	case "":
		exe, err := os.Executable()
		if err != nil {
			return nil, nil
		}
		path := filepath.Join(filepath.Dir(exe), readerName)
		if ok, why := sameBuildAs(path); !ok {
			a.log.Debug("reader workers run this program", "reader", path, "because", why)
			return nil, nil
		}
		return []string{path}, nil
	default:
		if _, err := os.Stat(setting); err != nil {
			return nil, fmt.Errorf("ingest.reader: %w", err)
		}
		if ok, why := sameBuildAs(setting); !ok {
			a.log.Warn("ingest.reader may not be of this build", "reader", setting, "because", why)
		}
		return []string{setting}, nil
	}
}

// sameBuildAs reports whether the program at path was built from the
// source this one was: the same module at the same unmodified commit, with
// the same Go and the same versions of every module it links. A reader of
// another build could read documents differently, so it is not used
// unless named.
func sameBuildAs(path string) (bool, string) {
	self, ok := debug.ReadBuildInfo()
	if !ok {
		return false, "this program has no build information"
	}
	other, err := buildinfo.ReadFile(path)
	if err != nil {
		return false, err.Error()
	}
	return sameBuild(self, other)
}

// sameBuild compares two programs' build information; other is the
// reader, whose modules must all be self's at the same versions.
func sameBuild(self, other *debug.BuildInfo) (bool, string) {
	if self.Main.Path != other.Main.Path {
		return false, "another module: " + other.Main.Path
	}
	if self.GoVersion != other.GoVersion {
		return false, "another Go: " + other.GoVersion
	}
	setting := func(bi *debug.BuildInfo, key string) string {
		for _, s := range bi.Settings {
			if s.Key == key {
				return s.Value
			}
		}
		return ""
	}
	rev := setting(self, "vcs.revision")
	switch {
	case rev == "":
		return false, "this program has no commit recorded"
	case setting(other, "vcs.revision") != rev:
		return false, "another commit"
	case setting(self, "vcs.modified") != "false" || setting(other, "vcs.modified") != "false":
		return false, "built from modified source"
	}
	mine := map[string]string{}
	for _, m := range self.Deps {
		mine[m.Path] = m.Version + m.Sum
	}
	for _, m := range other.Deps {
		if v, ok := mine[m.Path]; !ok || v != m.Version+m.Sum {
			return false, "another version of " + m.Path
		}
	}
	return true, ""
}
