package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sirlearn/sirlearn/corpus/synth"
)

// TestResearcherSeesNoPlantedDetail indexes a sample corpus with planted
// personal details of every kind and asks every researcher search path for
// them: by the detail itself (a name query must find nothing), and by
// ordinary words whose snippets cut sentences anywhere, as JSON and CSV
// and on later pages. No planted detail, nor a part of a planted name, may
// come back.
func TestResearcherSeesNoPlantedDetail(t *testing.T) {
	base, _, ixPath := startServerIn(t, 40)
	f, err := os.Open(filepath.Join(filepath.Dir(ixPath), "docs", "truth.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var planted []synth.Planted
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		var tr synth.Truth
		if err := json.Unmarshal(sc.Bytes(), &tr); err != nil {
			t.Fatal(err)
		}
		planted = append(planted, tr.Planted...)
	}
	if len(planted) < 40*4 {
		t.Fatalf("only %d planted details", len(planted))
	}
	get := func(q url.Values) (int, string) {
		req, _ := http.NewRequest("GET", base+"/api/search?"+q.Encode(), nil)
		req.Header.Set("Authorization", "Bearer "+researcherToken)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	leaks := func(where, body string) {
		t.Helper()
		for _, p := range planted {
			needles := []string{p.Text}
			switch p.Kind {
			case "staff", "other", "relative", "name_non_anglo", "first_name":
				needles = append(needles, strings.Fields(p.Text)...)
			}
			for _, n := range needles {
				if len([]rune(n)) >= 4 && strings.Contains(body, n) {
					t.Errorf("%s: researcher received %s detail %q (%q)", where, p.Kind, n, p.Text)
				}
			}
		}
	}
	for _, p := range planted {
		code, body := get(url.Values{"q": {`"` + p.Text + `"`}})
		if code == 200 && !strings.Contains(body, `"total":0`) {
			t.Errorf("a researcher's search for the %s %q finds sections: %.200s", p.Kind, p.Text, body)
		}
		leaks("search for "+p.Text, body)
	}
	seen := map[string]bool{}
	for _, q := range []string{"allocated worker", "took part", "review team", "lived", "victim", "mobile number", "partner",
		"interviewed", "telephone", "spoke", "told", "wrote", "worked", "health records"} {
		for _, page := range []string{"1", "2"} {
			for _, format := range []string{"", "section", "csv"} {
				v := url.Values{"q": {q}, "size": {"100"}, "page": {page}}
				switch format {
				case "csv":
					v.Set("format", format)
				case "section":
					v.Set("group", format) // by default reviews, with their titles
				}
				code, body := get(v)
				if code != 200 {
					t.Fatalf("search %v = %d %s", v, code, body)
				}
				leaks("search "+v.Encode(), body)
				for _, ph := range []string{"[PERSON]", "[PHONE]", "[ADDRESS]", "[EMAIL]"} {
					seen[ph] = seen[ph] || strings.Contains(body, ph)
				}
			}
		}
	}
	for _, ph := range []string{"[PERSON]", "[PHONE]", "[ADDRESS]", "[EMAIL]"} {
		if !seen[ph] {
			t.Errorf("no snippet showed %s: the queries did not reach the planted sentences", ph)
		}
	}
}
