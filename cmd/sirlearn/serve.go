package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/extract"
	"github.com/sirlearn/sirlearn/index"
	"github.com/sirlearn/sirlearn/ingest"
	"github.com/sirlearn/sirlearn/search"
)

// uploader adapts the batch code to search.Uploader.
type uploader struct {
	ix  *index.Index
	ex  ingest.Extractor
	rd  ingest.DocReader
	lim ingest.Limits
}

func (u *uploader) Ingest(ctx context.Context, name string, data []byte) (*corpus.Review, bool, error) {
	return ingest.One(ctx, u.rd, "upload/"+name, data, u.ix, u.ex, u.lim)
}

var _ search.Uploader = (*uploader)(nil)
var _ search.Searcher = (*index.Index)(nil)
var _ ingest.Indexer = (*index.Index)(nil)
var _ ingest.Extractor = (*extract.Extractor)(nil)

// tokens reads serve.tokens from configuration.
func (a *app) tokens() ([]search.Token, error) {
	var ts []search.Token
	if err := a.v.UnmarshalKey("serve.tokens", &ts); err != nil {
		return nil, fmt.Errorf("serve.tokens: %w", err)
	}
	return ts, nil
}

// checkAddr refuses to serve without tokens unless serve.open_access is
// set, and then only on loopback; and a non-loopback address unless
// serve.allow_remote is set.
func checkAddr(addr string, tokens []search.Token, allowRemote, openAccess bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("serve.addr %q: %w", addr, err)
	}
	ip := net.ParseIP(host)
	loopback := host == "localhost" || ip != nil && ip.IsLoopback()
	if len(tokens) == 0 && !openAccess {
		return fmt.Errorf("refusing to serve without tokens (serve.tokens): every caller would have an inspector's access to personal data; configure tokens, or set serve.open_access: true to serve without them on loopback")
	}
	if loopback {
		return nil
	}
	if len(tokens) == 0 {
		return fmt.Errorf("refusing to listen on %s: not a loopback address and no tokens are configured (serve.tokens); the reviews hold personal data", addr)
	}
	if !allowRemote {
		return fmt.Errorf("refusing to listen on %s: not a loopback address; set serve.allow_remote (--allow-remote) to serve other machines", addr)
	}
	return nil
}

// allowedHosts are the Host header names the server answers to: loopback
// names, the configured and the bound address, and serve.hosts. An
// unspecified address (0.0.0.0) without serve.hosts allows any name.
func allowedHosts(addr, bound string, extra []string) []string {
	hosts := append([]string{"localhost", "127.0.0.1", "::1", hostOnlyOf(addr), hostOnlyOf(bound)}, extra...)
	if ip := net.ParseIP(hostOnlyOf(addr)); ip != nil && ip.IsUnspecified() && len(extra) == 0 {
		return nil
	}
	return hosts
}

func hostOnlyOf(addr string) string {
	if h, _, err := net.SplitHostPort(addr); err == nil {
		return h
	}
	return addr
}

func (a *app) serveCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080] [--inbox DIR] [--index PATH]",
		Short: "Serve the JSON API and web page over the index",
		Long: `Serve opens the index (and holds it while running), then serves the web page at /
and the JSON API under /api (described at /api/openapi.json). Tokens come from
serve.tokens in the configuration, each {name, token, role} with role
inspector, researcher or intake. Without tokens the server only listens on
loopback. With --inbox, files copied into DIR are indexed as they arrive.
SIGTERM or Ctrl-C finishes requests in flight and closes the index cleanly.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			tokens, err := a.tokens()
			if err != nil {
				return err
			}
			return a.serve(cmd.Context(), tokens, nil)
		},
	}
	cmd.Flags().String("addr", "127.0.0.1:8080", "listen address")
	cmd.Flags().String("inbox", "", "folder to watch for new review files")
	cmd.Flags().String("index", "", "index folder (default <data-dir>/index)")
	cmd.Flags().Bool("allow-remote", false, "allow a non-loopback address (needs tokens)")
	a.bind(cmd.Flags(), "serve.addr", "addr")
	a.bind(cmd.Flags(), "serve.inbox", "inbox")
	a.bind(cmd.Flags(), "index.path", "index")
	a.bind(cmd.Flags(), "serve.allow_remote", "allow-remote")
	return cmd
}

// serve runs the server until ctx ends. ready, when set, is told the
// listening address.
func (a *app) serve(ctx context.Context, tokens []search.Token, ready func(addr string)) error {
	addr := a.v.GetString("serve.addr")
	if err := checkAddr(addr, tokens, a.v.GetBool("serve.allow_remote"), a.v.GetBool("serve.open_access")); err != nil {
		return err
	}
	restore, err := a.heapLimit()
	if err != nil {
		return err
	}
	defer restore()
	if len(tokens) == 0 {
		a.log.Warn("serve.open_access: serving WITHOUT TOKENS; every caller on this machine has an inspector's access to the reviews")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another server running? set --addr)", addr, err)
	}
	url := "http://" + ln.Addr().String()
	inbox := a.v.GetString("serve.inbox")
	ex, err := a.indexingExtractor()
	if err != nil {
		ln.Close()
		return err
	}
	ix, err := a.openIndex(ctx, index.LockInfo{Command: "sirlearn serve", Addr: url, Inbox: inbox})
	if err != nil {
		ln.Close()
		return err
	}
	defer ix.Close()
	// Uploads and the inbox share the reader workers: as many as uploads
	// may be read at once, and one more for the inbox.
	maxUploads := a.v.GetInt("serve.max_concurrent_uploads")
	if maxUploads <= 0 {
		maxUploads = 1
	}
	workers := maxUploads
	if inbox != "" {
		workers++
	}
	readers, err := a.readers(workers)
	if err != nil {
		ln.Close()
		return err
	}
	defer readers.Close()
	if err := a.refreshStored(ctx, ix, ex); err != nil {
		ln.Close()
		return err
	}
	// The search tables are built in the background; stopping waits for
	// that before the index closes.
	warmCtx, stopWarm := context.WithCancel(ctx)
	warmed := make(chan struct{})
	defer func() { stopWarm(); <-warmed }()
	var tables atomic.Value
	tables.Store("building")
	go func() {
		defer close(warmed)
		if err := ix.Warm(warmCtx); err != nil && warmCtx.Err() == nil {
			a.log.Warn("search tables not prepared ahead; the first searches build them", "err", err)
			tables.Store("on demand")
			return
		}
		tables.Store("ready")
	}()
	// Uploads and the inbox add a segment per batch: once writes stop for
	// a while, the small segments are merged (index.compact_above).
	compactCtx, stopCompact := context.WithCancel(ctx)
	compacted := make(chan struct{})
	defer func() { stopCompact(); <-compacted }()
	go func() {
		defer close(compacted)
		ix.AutoCompact(compactCtx, a.v.GetInt("index.compact_above"), 10*time.Second, a.log)
	}()
	srv, err := search.New(ix, &uploader{ix, ex, readers, a.limits()}, search.Options{
		Tokens: tokens, Hosts: allowedHosts(addr, ln.Addr().String(), a.v.GetStringSlice("serve.hosts")),
		MaxUploadBytes: a.v.GetInt64("serve.max_upload_bytes"),
		MaxFileBytes:   a.v.GetInt64("ingest.max_bytes"), MaxConcurrentUploads: maxUploads, MinCount: a.v.GetInt("serve.min_count"),
		HandlerTimeout: a.v.GetDuration("serve.handler_timeout"), Log: a.log, Themes: themeNames(ex.ex.Taxonomy()),
		ScoreHuman: func(m, h []*corpus.Review) any { return extract.EvaluateHuman(m, h) },
		Accuracy:   func(m, h []*corpus.Review) string { return accuracySentence(extract.EvaluateHuman(m, h)) },
		Tables:     func() string { return tables.Load().(string) },
	})
	if err != nil {
		ln.Close()
		return err
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       10 * time.Minute, // large uploads
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	ctx, cancel := context.WithCancel(ctx)
	var inboxDone sync.WaitGroup
	// Stop the inbox before the deferred ix.Close runs.
	defer inboxDone.Wait()
	defer cancel()
	if inbox != "" {
		in := &ingest.Inbox{Dir: inbox, Index: ix, Extract: ex, Reader: readers, Limits: a.limits(), Log: a.log}
		inboxDone.Add(1)
		go func() {
			defer inboxDone.Done()
			if err := in.Run(ctx); err != nil {
				a.log.Error("inbox stopped", "err", err)
			}
		}()
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	n, _ := ix.Count(ctx)
	fmt.Fprintf(a.stderr, "sirlearn serving %d reviews from %s at %s\n", n, ix.Path(), url)
	if inbox != "" {
		fmt.Fprintf(a.stderr, "watching inbox %s\n", inbox)
	}
	if ready != nil {
		ready(url)
	}
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("serve: %w", err)
		}
	case <-ctx.Done():
		a.log.Info("shutting down: finishing requests in flight")
		sctx, scancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer scancel()
		if err := hs.Shutdown(sctx); err != nil {
			a.log.Error("shutdown", "err", err)
		}
	}
	return nil
}

// themeNames lists the taxonomy's theme ids.
func themeNames(t *extract.Taxonomy) []string {
	var out []string
	for _, id := range t.ThemeIDs() {
		out = append(out, string(id))
	}
	return out
}
