package main

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/sirlearn/sirlearn/corpus/synth"
	"github.com/sirlearn/sirlearn/index"
	"github.com/sirlearn/sirlearn/ingest"
	"github.com/sirlearn/sirlearn/search"
)

func (a *app) demoCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Generate the sample corpus, index it and serve it on http://127.0.0.1:8080",
		Long: `Demo is the main job on the embedded default. It generates the synthetic sample
corpus into <data-dir>/corpus if none is there, creates access tokens in
<data-dir>/tokens.yaml (one per role) if none are there, indexes the corpus
incrementally into <data-dir>/index and serves it, printing the address and
the tokens. A second run reuses what is there and starts in seconds.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			dataDir := a.v.GetString("data_dir")
			corpusDir := filepath.Join(dataDir, "corpus")
			if _, err := os.Stat(filepath.Join(corpusDir, "truth.jsonl")); errors.Is(err, fs.ErrNotExist) {
				n, cases := a.v.GetInt("corpus.reviews"), a.v.GetInt("corpus.cases")
				fmt.Fprintf(a.stderr, "generating %d sample reviews and %d incidents under the 2022 templates into %s\n", n, cases, corpusDir)
				opts := synth.Options{Out: corpusDir, Reviews: n, Cases: cases, Seed: uint64(a.v.GetInt("corpus.seed")), Progress: a.progress(n+cases, "generating")}
				if err := synth.Generate(ctx, opts); err != nil {
					return err
				}
			}
			tokens, tokenFile, err := a.demoTokens(dataDir)
			if err != nil {
				return err
			}
			ex, err := a.indexingExtractor()
			if err != nil {
				return err
			}
			ix, err := a.openIndex(ctx, index.LockInfo{Command: "sirlearn demo (indexing)"})
			if err != nil {
				return err
			}
			if err := a.refreshStored(ctx, ix, ex); err != nil {
				ix.Close()
				return err
			}
			files, _, err := ingest.Collect([]string{corpusDir})
			if err != nil {
				ix.Close()
				return err
			}
			readers, err := a.readers(0)
			if err != nil {
				ix.Close()
				return err
			}
			sum, err := ingest.RunBatch(ctx, []string{corpusDir}, ix, ex, ingest.BatchOptions{
				Limits: a.limits(), Workers: a.batchWorkers(readers), BatchSize: a.v.GetInt("index.batch_size"),
				Log: a.log, Progress: a.progress(len(files), "indexing"), Reader: readers,
			})
			readers.Close()
			if err == nil {
				err = a.compact(ctx, ix)
			}
			if cerr := ix.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stderr, "\nindex: %d new, %d unchanged, %d rejected (%s)\n", sum.Indexed, sum.Unchanged, sum.Rejected, sum.Elapsed.Round(time.Millisecond))
			for _, r := range sum.Rejects {
				fmt.Fprintf(a.stderr, "rejected: %s: %s\n", ingest.Quote(string(r.File)), ingest.Quote(r.Reason))
			}
			byRole := map[search.Role]string{}
			for _, t := range tokens {
				if _, ok := byRole[t.Role]; !ok {
					byRole[t.Role] = t.Secret
				}
			}
			return a.serve(ctx, tokens, func(url string) {
				fmt.Fprintf(a.stdout, "\nsirlearn demo is ready at %s\n\n", url)
				if s, ok := byRole[search.RoleInspector]; ok {
					fmt.Fprintf(a.stdout, "Open as an inspector:  %s/#token=%s\n\n", url, s)
				}
				fmt.Fprintf(a.stdout, "Tokens (kept in %s):\n", tokenFile)
				for _, t := range tokens {
					fmt.Fprintf(a.stdout, "  %-11s %s\n", t.Role, t.Secret)
				}
				if s, ok := byRole[search.RoleResearcher]; ok {
					fmt.Fprintf(a.stdout, "\nAs a researcher:  curl -H 'Authorization: Bearer %s' '%s/api/search?q=%%22home+visit%%22'\n", s, url)
				}
				fmt.Fprintf(a.stdout, "Stop with Ctrl-C.\n")
			})
		},
	}
	cmd.Flags().String("addr", "127.0.0.1:8080", "listen address")
	a.bind(cmd.Flags(), "serve.addr", "addr")
	return cmd
}

// demoTokens returns the configured tokens, or those in
// <data-dir>/tokens.yaml, creating one per role there when there are none.
func (a *app) demoTokens(dataDir string) ([]search.Token, string, error) {
	if ts, err := a.tokens(); err != nil || len(ts) > 0 {
		return ts, "your configuration", err
	}
	path := filepath.Join(dataDir, "tokens.yaml")
	type fileToken struct {
		Name  string `yaml:"name"`
		Token string `yaml:"token"`
		Role  string `yaml:"role"`
	}
	var file struct {
		Tokens []fileToken `yaml:"tokens"`
	}
	if b, err := os.ReadFile(path); err == nil {
		if err := yaml.Unmarshal(b, &file); err != nil {
			return nil, "", fmt.Errorf("%s: %w", path, err)
		}
	} else {
		for _, role := range []search.Role{search.RoleInspector, search.RoleResearcher, search.RoleIntake} {
			buf := make([]byte, 24)
			if _, err := rand.Read(buf); err != nil {
				return nil, "", err
			}
			file.Tokens = append(file.Tokens, fileToken{Name: "demo-" + string(role), Token: base64.RawURLEncoding.EncodeToString(buf), Role: string(role)})
		}
		b, err := yaml.Marshal(file)
		if err != nil {
			return nil, "", err
		}
		if err := os.MkdirAll(dataDir, 0o755); err != nil {
			return nil, "", err
		}
		if err := os.WriteFile(path, b, 0o600); err != nil {
			return nil, "", fmt.Errorf("%s: %w", path, err)
		}
	}
	var out []search.Token
	for _, t := range file.Tokens {
		out = append(out, search.Token{Name: t.Name, Secret: t.Token, Role: search.Role(t.Role)})
	}
	if len(out) < 2 {
		return nil, "", fmt.Errorf("%s: want tokens for inspector and researcher", path)
	}
	return out, path, nil
}
