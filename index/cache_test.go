package index

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
)

// TestCacheCallerHangsUp: the first caller of a shared computation hangs
// up; the others still get the answer, and the hung-up one gets its own
// context's error.
func TestCacheCallerHangsUp(t *testing.T) {
	c := newResultCache(10)
	release := make(chan struct{})
	compute := func(ctx context.Context) (any, error) {
		select {
		case <-release:
			return "answer", nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	first, cancel := context.WithCancel(context.Background())
	errs := make(chan error, 1)
	go func() {
		_, err := c.get(first, "k", compute)
		errs <- err
	}()
	time.Sleep(20 * time.Millisecond) // the first caller starts the computation
	var wg sync.WaitGroup
	got := make([]any, 3)
	for i := range got {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			got[i], _ = c.get(context.Background(), "k", compute)
		}(i)
	}
	time.Sleep(20 * time.Millisecond)
	cancel()
	if err := <-errs; !errors.Is(err, context.Canceled) {
		t.Errorf("the caller that hung up got %v, want its context's error", err)
	}
	close(release)
	wg.Wait()
	for i, v := range got {
		if v != "answer" {
			t.Errorf("caller %d got %v, want the shared answer", i, v)
		}
	}
}

func TestCanonicalTags(t *testing.T) {
	for _, tt := range []struct{ prefix, in, want string }{
		{tagAuthority, "fife", "Fife"},
		{tagAuthority, "edinburgh", "City of Edinburgh"},
		{tagAuthority, "Western Isles", "Na h-Eileanan Siar"},
		{tagTheme, "Substance_Use", "substance_use"},
		{tagKind, "case management plan", "case_management_plan"},
		{tagYear, "2019", "2019"},
	} {
		if got, err := canonicalTag(tt.prefix, tt.in); err != nil || got != tt.want {
			t.Errorf("canonicalTag(%q, %q) = %q, %v, want %q", tt.prefix, tt.in, got, err, tt.want)
		}
	}
	// A value that names nothing is an error with the nearest, not a 0.
	for _, tt := range []struct{ prefix, in, near string }{
		{tagAuthority, "fiffe", "Fife"},
		{tagKind, "supervison", "supervision"},
		{tagIncidentType, "deth", "death"},
	} {
		if _, err := canonicalTag(tt.prefix, tt.in); !errors.Is(err, corpus.ErrInvalid) || !strings.Contains(err.Error(), tt.near) {
			t.Errorf("canonicalTag(%q, %q): %v, want an error naming %q", tt.prefix, tt.in, err, tt.near)
		}
	}
}

func TestFieldValuesAnyCase(t *testing.T) {
	ix := openTest(t)
	count := func(q string) int {
		t.Helper()
		res, err := ix.Search(context.Background(), corpus.Query{Text: q})
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		return res.Total
	}
	want := count("authority:Fife")
	if want == 0 {
		t.Fatal("authority:Fife finds nothing")
	}
	for _, q := range []string{"authority:fife", "authority:FIFE", `authority:"fife"`} {
		if got := count(q); got != want {
			t.Errorf("Search(%q) = %d, want %d as for authority:Fife", q, got, want)
		}
	}
	if count("authority:glasgow") != count(`authority:"Glasgow City"`) || count("authority:glasgow") == 0 {
		t.Error("authority:glasgow does not find Glasgow City")
	}
	if count("theme:Case_Management_Plan") != count("theme:case_management_plan") {
		t.Error("theme ids are case-sensitive")
	}
}

// TestSearchConcurrency checks that the option bounds the searches
// computed at once, and that 0 means one per processor.
func TestSearchConcurrency(t *testing.T) {
	for _, tc := range []struct{ opt, want int }{{0, runtime.GOMAXPROCS(0)}, {1, 1}, {3, 3}} {
		ix, err := Open(context.Background(), t.TempDir(), Options{Holder: LockInfo{Command: "test"}, SearchConcurrency: tc.opt})
		if err != nil {
			t.Fatal(err)
		}
		if got := cap(ix.slots); got != tc.want {
			t.Errorf("SearchConcurrency %d: %d searches at once, want %d", tc.opt, got, tc.want)
		}
		ix.Close()
	}
}
