package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sirlearn/sirlearn/corpus/synth"
)

const (
	inspectorToken  = "browser-test-inspector-token"
	researcherToken = "browser-test-researcher-token"
)

// startServer indexes a small generated corpus and serves it on a free
// loopback port with tokens; it returns the base URL.
func startServer(t *testing.T, reviews int) string {
	base, _, _ := startServerIn(t, reviews)
	return base
}

// startServerIn is startServer that also returns the config file and the
// index folder.
func startServerIn(t *testing.T, reviews int) (base, cfg, ixPath string) {
	t.Helper()
	cfg, ixPath = indexedCorpus(t, reviews)
	base, stop := serveIndex(t, cfg, ixPath)
	t.Cleanup(stop)
	return base, cfg, ixPath
}

// indexedCorpus generates and indexes a small corpus and writes a config
// with an inspector's and a researcher's token.
func indexedCorpus(t *testing.T, reviews int) (cfg, ixPath string) {
	t.Helper()
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	if err := synth.Generate(context.Background(), synth.Options{Out: docs, Reviews: reviews, Seed: 17}); err != nil {
		t.Fatal(err)
	}
	ixPath = filepath.Join(dir, "ix")
	if code, _, errs := sirlearn(t, "index", "--index", ixPath, docs); code != 0 {
		t.Fatalf("index: %s", errs)
	}
	cfg = filepath.Join(dir, "sirlearn.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`serve:
  tokens:
    - {name: insp, token: %s, role: inspector}
    - {name: res, token: %s, role: researcher}
`, inspectorToken, researcherToken)), 0o600)
	return cfg, ixPath
}

// serveIndex serves the index with the config on a free loopback port; stop
// shuts the server down and waits for it.
func serveIndex(t *testing.T, cfg, ixPath string) (base string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--config", cfg, "--index", ixPath, "--addr", "127.0.0.1:0", "--log-level", "warn"}, io.Discard, pw)
		pw.Close()
	}()
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Error("server did not shut down")
		}
	}
	urlRE := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+)`)
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		if m := urlRE.FindStringSubmatch(sc.Text()); m != nil {
			go io.Copy(io.Discard, pr)
			return m[1], stop
		}
	}
	stop()
	t.Fatalf("server did not start: exit %d", <-done)
	return "", nil
}

func chromium(t *testing.T) string {
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	t.Skip("chromium not installed (.ci/run installs Debian's chromium)")
	return ""
}

func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 1000))
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	tctx, tcancel := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { tcancel(); cancel(); acancel() })
	return tctx
}

// shot saves a JPEG of the page under $SIRLEARN_SCREENSHOTS when set.
func shot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("SIRLEARN_SCREENSHOTS")
	if dir == "" {
		return
	}
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(80))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	os.WriteFile(filepath.Join(dir, name+".jpg"), buf, 0o644)
}

func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func value[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// searchAs opens the page with a token, runs a query and waits for
// highlighted hits.
func searchAs(t *testing.T, ctx context.Context, base, token, query string) {
	t.Helper()
	do(t, ctx, "open the page and search "+query,
		chromedp.Navigate(base+"/#token="+token),
		chromedp.WaitVisible(chromedp.CSS(`#hits li`)),
		chromedp.SendKeys(chromedp.CSS(`#q`), query),
		chromedp.Click(chromedp.CSS(`#search-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#hits li .snippet mark`)))
}

// TestBrowser drives the web page in headless Chromium: search, filter by a
// facet, open a review and see its evidence highlighted.
func TestBrowser(t *testing.T) {
	base := startServer(t, 40)
	ctx := newBrowser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	searchAs(t, ctx, base, inspectorToken, `"home visit"`)
	summary := value(t, ctx, chromedp.Text(css(`#summary`)))
	snippet := value(t, ctx, chromedp.Text(css(`#hits li .snippet`)))
	marks := value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('#hits li .snippet mark').length`))
	if !strings.Contains(summary, "matching reviews") || marks == 0 || !strings.Contains(strings.ToLower(snippet), "home") {
		t.Errorf("search: summary %q, snippet %q, %d marks", summary, snippet, marks)
	}
	shot(t, ctx, "1-search")

	// Sections one by one, then back to reviews.
	do(t, ctx, "show every matching section",
		chromedp.SetValue(css(`#group`), "section"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#group").dispatchEvent(new Event("change"))`),
		chromedp.Poll[chromedp.Void](`document.querySelector('#summary').textContent.includes('matching sections;')`))
	bySection := value(t, ctx, chromedp.Text(css(`#summary`)))
	reviews, sections := leadingNumber(summary), leadingNumber(bySection)
	if reviews == 0 || sections < reviews || !strings.Contains(summary, fmt.Sprintf("(%d sections)", sections)) {
		t.Errorf("by review %q, by section %q", summary, bySection)
	}
	do(t, ctx, "show reviews again",
		chromedp.SetValue(css(`#group`), "review"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#group").dispatchEvent(new Event("change"))`),
		chromedp.Poll[chromedp.Void](`document.querySelector('#summary').textContent.includes('matching reviews')`))

	do(t, ctx, "filter by a theme facet",
		chromedp.WaitVisible(css(`#f-theme-contact_supervision`)),
		chromedp.Click(css(`#f-theme-contact_supervision`)),
		chromedp.Poll[chromedp.Void](`document.querySelector('#summary').textContent !== `+jsString(summary)),
		chromedp.WaitVisible(css(`#f-theme-contact_supervision:checked`)))
	summary2 := value(t, ctx, chromedp.Text(css(`#summary`)))
	chips := value(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#hits > li')].map(li => li.querySelector('.chips').textContent)`))
	if summary2 == summary || len(chips) == 0 {
		t.Errorf("facet did not filter: %q then %q", summary, summary2)
	}
	for _, c := range chips {
		if !strings.Contains(c, "Contact supervision") {
			t.Errorf("a hit without the chosen theme: %q", c)
		}
	}
	shot(t, ctx, "2-facet")

	do(t, ctx, "open a review",
		chromedp.Click(css(`#hits li a`)),
		chromedp.WaitVisible(css(`#review h2`)),
		chromedp.WaitVisible(css(`#review mark.evidence`)))
	evidence := value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('#review mark.evidence').length`))
	if evidence == 0 {
		t.Error("no evidence highlighted on the review page")
	}
	shot(t, ctx, "3-review")

	// Code on the review page: reject one suggestion, accept another; both
	// are saved (they survive a reload) and say who decided.
	do(t, ctx, "reject a suggestion",
		chromedp.Click(css(`#review li.evidence.suggested button.reject`)),
		chromedp.WaitVisible(css(`#review .rejected-list li`)))
	do(t, ctx, "accept a suggestion",
		chromedp.Click(css(`#review li.evidence.suggested button.accept`)),
		chromedp.WaitVisible(css(`#review li.evidence.accepted`)))
	do(t, ctx, "reload the review",
		chromedp.Reload(),
		chromedp.WaitVisible(css(`#review li.evidence.accepted`)),
		chromedp.WaitVisible(css(`#review .rejected-list li`)))
	coded := value(t, ctx, chromedp.Text(css(`#review li.evidence.accepted`)))
	if !strings.Contains(coded, "accepted by insp") {
		t.Errorf("accepted evidence reads %q; want who accepted it", coded)
	}
	shot(t, ctx, "3b-coded")
	first := value(t, ctx, chromedp.Evaluate[string](`location.hash`))
	do(t, ctx, "open a similar review",
		chromedp.Click(css(`#similar li a`)),
		chromedp.Poll[chromedp.Void](`location.hash !== `+jsString(first)+` && location.hash.startsWith('#review/')`),
		chromedp.WaitVisible(css(`#review h2`)))

	// A search with no results still shows its filter, which can be taken
	// off; the search lives in the URL, so a bookmark brings it back; a bad
	// query is told beside the box, with no stale results below.
	do(t, ctx, "a zero-result search with a filter",
		chromedp.Navigate(base+"/#search?q=zzqqxxnothing&authority=Fife"),
		chromedp.Poll[chromedp.Void](`document.querySelector('#summary').textContent.startsWith('No matching')`),
		chromedp.WaitVisible(css(`#filter-bar .filter`)))
	if f := value(t, ctx, chromedp.Text(css(`#filter-bar`))); !strings.Contains(f, "Authority: Fife") {
		t.Errorf("filter bar reads %q", f)
	}
	do(t, ctx, "remove the filter",
		chromedp.Click(css(`#filter-bar button.remove`)),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('#filter-bar .filter').length === 0 && !location.hash.includes('authority')`))
	do(t, ctx, "open a bookmarked search",
		chromedp.Navigate(base+"/#search?q=home+visit&group=section&page=1"),
		chromedp.Poll[chromedp.Void](`document.querySelector('#summary').textContent.includes('matching sections;')`))
	if q := value(t, ctx, chromedp.Evaluate[string](`document.querySelector('#q').value`)); q != "home visit" {
		t.Errorf("the bookmark restored the query %q", q)
	}
	do(t, ctx, "a query error in place",
		chromedp.Navigate(base+"/#search?q=%22unbalanced"),
		chromedp.WaitVisible(css(`#query-error`)),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('#hits li').length === 0`))
	shot(t, ctx, "3c-error")

	do(t, ctx, "themes view",
		chromedp.Navigate(base+"/#themes"),
		chromedp.WaitVisible(css(`#theme-table table`)),
		chromedp.Poll[chromedp.Void](`document.querySelector('#heatmap svg a rect') !== null`))
	if acc := value(t, ctx, chromedp.Text(css(`#human-eval`))); !strings.Contains(acc, "kappa") {
		t.Errorf("themes page says %q; want the tagger's accuracy against the coding just done", acc)
	}
	shot(t, ctx, "4-themes")
	do(t, ctx, "a heatmap cell opens its reviews",
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#heatmap svg a').dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}))`),
		chromedp.Poll[chromedp.Void](`location.hash.startsWith('#search?') && document.querySelectorAll('#filter-bar .filter').length === 2`))

	// Upload through the form: a review goes in, a data file is refused by
	// name, each with its outcome.
	dir := t.TempDir()
	good := filepath.Join(dir, "new-review.txt")
	os.WriteFile(good, []byte("Serious Incident Review - Angus Council\n\nSummary\n\nMr Q was subject to a Community Payback Order with supervision. The incident occurred on 3 May 2023. The risk assessment was not reviewed after his relationship ended and no home visits took place.\n"), 0o644)
	bad := filepath.Join(dir, "truth.jsonl")
	os.WriteFile(bad, []byte(`{"file":"a.pdf","authority":"Fife"}`+"\n"+`{"file":"b.pdf","authority":"Angus"}`+"\n"), 0o644)
	// Save a search; the upload below brings a review that matches it.
	do(t, ctx, "save a search",
		chromedp.Navigate(base+"/#search?q=%22home+visits%22"),
		chromedp.WaitVisible(css(`#save-search`)),
		chromedp.Evaluate[chromedp.Void](`window.prompt = () => "home visits watch"`),
		chromedp.Click(css(`#save-search`)),
		chromedp.WaitVisible(css(`#saved .saved-search`)))
	do(t, ctx, "upload through the form",
		chromedp.Navigate(base+"/#upload"),
		chromedp.WaitVisible(css(`#upload-form`)),
		chromedp.SetUploadFiles(css(`#files`), []string{good, bad}),
		chromedp.Click(css(`#upload-form button[type=submit]`)),
		chromedp.WaitVisible(css(`#upload-results tbody tr`)))
	rows := value(t, ctx, chromedp.Text(css(`#upload-results tbody`)))
	if !strings.Contains(rows, "new-review.txt") || !strings.Contains(rows, "created") || !strings.Contains(rows, "not a serious incident") {
		t.Errorf("upload results read %q", rows)
	}
	shot(t, ctx, "5-upload")
	do(t, ctx, "the saved search shows the new review",
		chromedp.Navigate(base+"/#search?q=plan"),
		chromedp.WaitVisible(css(`#saved .badge.new`)))
	if alerts := value(t, ctx, chromedp.Text(css(`#saved ul.alerts`))); !strings.Contains(alerts, "Angus") {
		t.Errorf("alerts read %q; want the uploaded Angus review", alerts)
	}
	shot(t, ctx, "6-alert")
}

// TestBrowserResearcher checks that a researcher sees redacted snippets
// and no links to full reviews.
func TestBrowserResearcher(t *testing.T) {
	base := startServer(t, 20)
	ctx := newBrowser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	searchAs(t, ctx, base, researcherToken, `interviewed`)
	links := value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('#hits li a[href]').length`))
	text := value(t, ctx, chromedp.Text(css(`#hits`)))
	if links != 0 {
		t.Errorf("researcher sees %d links to full reviews", links)
	}
	if !strings.Contains(text, "[PERSON]") || regexp.MustCompile(`social worker, [A-Z][a-z]+ [A-Z]`).MatchString(text) {
		t.Errorf("snippets not redacted: %.300s", text)
	}
	shot(t, ctx, "5-researcher")
	// The API refuses the researcher a full review.
	req, _ := http.NewRequest("GET", base+"/api/reviews/"+strings.Repeat("a", 64), nil)
	req.Header.Set("Authorization", "Bearer "+researcherToken)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 403 {
		t.Errorf("researcher GET review = %d, want 403", res.StatusCode)
	}
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}

// leadingNumber is the number a text starts with, 0 if none.
func leadingNumber(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}
