package main

import (
	"io"
	"log/slog"
	"runtime/debug"
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"700MiB", 700 << 20, true},
		{"1GB", 1 << 30, true},
		{"1 gib", 1 << 30, true},
		{"512m", 512 << 20, true},
		{"1.5G", 3 << 29, true},
		{"1073741824", 1 << 30, true},
		{"64kb", 64 << 10, true},
		{"0", 0, true},
		{"700 MB of heap", 0, false},
		{"-1G", 0, false},
		{"lots", 0, false},
		{"", 0, false},
	} {
		got, err := parseSize(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestHeapLimit(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	for _, tc := range []struct {
		value   string
		want    int64 // the limit while set; 0: left as it was
		wantErr string
	}{
		{"", 0, ""},
		{"0", 0, ""},
		{"700MiB", 700 << 20, ""},
		{"lots", 0, `serve.memory_limit "lots": want a size`},
		{"10MiB", 0, "below 64 MiB"},
	} {
		a := newApp(io.Discard, io.Discard)
		a.log = slog.New(slog.DiscardHandler)
		a.v.Set("serve.memory_limit", tc.value)
		before := debug.SetMemoryLimit(-1)
		restore, err := a.heapLimit()
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("serve.memory_limit %q: error %v, want one saying %q", tc.value, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("serve.memory_limit %q: %v", tc.value, err)
		}
		got := debug.SetMemoryLimit(-1)
		restore()
		if tc.want == 0 && got != before || tc.want != 0 && got != tc.want {
			t.Errorf("serve.memory_limit %q: limit %d, want %d (before %d)", tc.value, got, tc.want, before)
		}
		if after := debug.SetMemoryLimit(-1); after != before {
			t.Errorf("serve.memory_limit %q: restore left %d, want %d", tc.value, after, before)
		}
	}
}
