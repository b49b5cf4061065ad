// Package search is sirlearn's HTTP service: a JSON API for search, theme
// tables, timeliness figures, reviews and uploads, and an embedded web page
// that works offline. Access is by bearer token with a role (inspector,
// researcher, intake); researchers only ever receive redacted text.
//
// The package declares the interfaces it needs (Searcher, Uploader);
// cmd/sirlearn passes the real index and batch code. Researchers' text is
// redacted when a review is indexed, never here.
package search

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"errors"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/sirlearn/sirlearn/corpus"
)

// Searcher answers queries; *index.Index implements it.
type Searcher interface {
	Search(ctx context.Context, q corpus.Query) (*corpus.SearchResult, error)
	Themes(ctx context.Context, f corpus.Filter, by string) (*corpus.ThemeTable, error)
	Timeliness(ctx context.Context, f corpus.Filter, by string) ([]corpus.TimelinessRow, error)
	Review(ctx context.Context, id string) (*corpus.Review, error)
}

// SimilarFinder finds the reviews most like a review, with the themes they
// share; *index.Index implements it.
type SimilarFinder interface {
	Similar(ctx context.Context, id string, size int, redacted bool) ([]corpus.SimilarReview, error)
}

// Uploader ingests one submitted file into the live index. created is false
// when the same content was already indexed.
type Uploader interface {
	Ingest(ctx context.Context, name string, data []byte) (review *corpus.Review, created bool, err error)
}

// Role is what a token may do.
type Role string

// Roles.
const (
	RoleInspector  Role = "inspector"  // everything
	RoleResearcher Role = "researcher" // search, themes, stats; redacted; no reviews, no uploads
	RoleIntake     Role = "intake"     // uploads only
)

// Token is a named bearer token with a role.
type Token struct {
	Name   string `mapstructure:"name" json:"name"`
	Secret string `mapstructure:"token" json:"-"`
	Role   Role   `mapstructure:"role" json:"role"`
}

// Options configure the server.
type Options struct {
	// Tokens; when empty every request is an anonymous inspector, which
	// the command allows only with serve.open_access on loopback.
	Tokens []Token
	// Hosts are the names the Host header may carry (with or without a
	// port); any other gets 421, so that a page on another site cannot
	// reach the server through DNS rebinding. Empty: no check.
	Hosts          []string
	MaxUploadBytes int64
	// MaxFileBytes bounds one file of an upload, checked as it streams in
	// (default 50 MiB, as ingest.max_bytes).
	MaxFileBytes int64
	// MaxConcurrentUploads is how many upload requests are read at once;
	// more get 503 with Retry-After (default 2).
	MaxConcurrentUploads int
	HandlerTimeout       time.Duration
	// MinCount is the smallest count a researcher sees exactly in an
	// aggregate; smaller ones show as "<5" (default 5, serve.min_count).
	MinCount int
	// Themes are the taxonomy's theme ids, which decisions must name (none: any
	// well-formed id).
	Themes []string
	// ScoreHuman scores the tagger against the inspectors' decisions
	// (extract.EvaluateHuman), for GET /api/eval/human.
	ScoreHuman func(machine, human []*corpus.Review) any
	// Accuracy states the same score in a sentence, for the report.
	Accuracy func(machine, human []*corpus.Review) string
	// Tables reports the state of the index's search tables, which the
	// command builds in the background at start: "building", "ready" or
	// "on demand" (building them failed; the first searches build them).
	// GET /healthz shows it. Nil: "ready".
	Tables func() string
	Log    *slog.Logger
}

// Server is the HTTP service.
type Server struct {
	searcher Searcher
	uploader Uploader
	opts     Options
	log      *slog.Logger
	tokens   []hashedToken
	mux      *http.ServeMux
	handler  http.Handler
	uploads  chan struct{} // one slot per upload being read
}

type hashedToken struct {
	Token
	sum [32]byte
}

//go:embed web
var webFS embed.FS

// New returns a server over the searcher and uploader.
func New(s Searcher, u Uploader, opts Options) (*Server, error) {
	if opts.MaxUploadBytes <= 0 {
		opts.MaxUploadBytes = 200 << 20
	}
	if opts.HandlerTimeout <= 0 {
		opts.HandlerTimeout = 60 * time.Second
	}
	if opts.MaxFileBytes <= 0 {
		opts.MaxFileBytes = 50 << 20
	}
	if opts.MaxConcurrentUploads <= 0 {
		opts.MaxConcurrentUploads = 2
	}
	if opts.MinCount <= 0 {
		opts.MinCount = 5
	}
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	srv := &Server{searcher: s, uploader: u, opts: opts, log: log, mux: http.NewServeMux(),
		uploads: make(chan struct{}, opts.MaxConcurrentUploads)}
	seen := map[string]bool{}
	secrets := map[[32]byte]string{}
	for _, t := range opts.Tokens {
		switch t.Role {
		case RoleInspector, RoleResearcher, RoleIntake:
		default:
			return nil, errorf(corpus.ErrInvalid, "token %q: role %q: want inspector, researcher or intake", t.Name, t.Role)
		}
		if len(t.Secret) < 16 {
			return nil, errorf(corpus.ErrInvalid, "token %q: secret shorter than 16 characters", t.Name)
		}
		if t.Name == "" || seen[t.Name] {
			return nil, errorf(corpus.ErrInvalid, "token names must be set and unique (%q)", t.Name)
		}
		seen[t.Name] = true
		sum := sha256.Sum256([]byte(t.Secret))
		if other, dup := secrets[sum]; dup {
			return nil, errorf(corpus.ErrInvalid, "tokens %q and %q have the same secret; each token needs its own", other, t.Name)
		}
		secrets[sum] = t.Name
		srv.tokens = append(srv.tokens, hashedToken{t, sum})
	}
	srv.routes()
	return srv, nil
}

// route is one endpoint: its pattern, the roles allowed, its handler.
type route struct {
	pattern string
	public  bool // no token needed (health checks)
	roles   []Role
	h       func(w http.ResponseWriter, r *http.Request, who identity) error
	// perFile: the handler bounds its own work (uploads: the body by
	// serve.handler_timeout, each file's read by ingest.timeout), instead of
	// one deadline for the whole request, which a batch of slow files
	// would overrun and fail as a whole.
	perFile bool
}

func (s *Server) routeTable() []route {
	all := []Role{RoleInspector, RoleResearcher, RoleIntake}
	read := []Role{RoleInspector, RoleResearcher}
	insp := []Role{RoleInspector}
	up := []Role{RoleInspector, RoleIntake}
	return []route{
		{"GET /healthz", true, all, s.healthz, false},
		{"GET /api/openapi.json", false, all, s.openapi, false},
		{"GET /api/whoami", false, all, s.whoami, false},
		{"GET /api/search", false, read, s.search, false},
		{"GET /api/themes", false, read, s.themes, false},
		{"GET /api/stats/timeliness", false, read, s.timeliness, false},
		{"GET /api/reviews/{id}", false, insp, s.review, false},
		{"DELETE /api/reviews/{id}", false, insp, s.remove, false},
		{"GET /api/reviews/{id}/case", false, insp, s.caseOf, false},
		{"GET /api/reviews/{id}/similar", false, insp, s.similar, false},
		{"GET /api/cases", false, insp, s.cases, false},
		{"POST /api/cases/{action}", false, insp, s.editCase, false},
		{"POST /api/reviews/{id}/decisions", false, insp, s.decide, false},
		{"PUT /api/reviews/{id}/checked", false, insp, s.checked, false},
		{"GET /api/eval/human", false, insp, s.evalHuman, false},
		{"GET /api/export.qdpx", false, insp, s.exportQDPX, false},
		{"GET /api/dataset", false, read, s.dataset, false},
		{"GET /api/actions", false, insp, s.actions, false},
		{"GET /api/report", false, read, s.report, false},
		{"GET /api/searches", false, insp, s.savedSearches, false},
		{"POST /api/searches", false, insp, s.saveSearch, false},
		{"POST /api/searches/{name}/seen", false, insp, s.seenAlerts, false},
		{"DELETE /api/searches/{name}", false, insp, s.deleteSearch, false},
		{"POST /api/reviews", false, up, s.upload, true},
		{"GET /charts/themes-by-authority.svg", false, read, s.heatmapSVG, false},
		{"GET /charts/themes-by-year.svg", false, read, s.yearsSVG, false},
		{"GET /charts/timeliness.svg", false, read, s.timelinessSVG, false},
	}
}

func (s *Server) routes() {
	for _, rt := range s.routeTable() {
		s.mux.Handle(rt.pattern, s.wrap(rt))
	}
	s.handler = s.checkHost(s.mux)
	static, _ := fs.Sub(webFS, "web")
	files := http.FileServerFS(static)
	s.mux.Handle("GET /", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The page itself holds no data: every data call carries the token.
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; connect-src 'self'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: 200}
		files.ServeHTTP(sw, r)
		s.log.Info("request", "token", "-", "role", "-", "endpoint", "GET /", "status", sw.status, "duration_ms", time.Since(start).Milliseconds())
	}))
}

// Handler returns the HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// checkHost answers 421 to a request whose Host header is not one of
// Options.Hosts.
func (s *Server) checkHost(next http.Handler) http.Handler {
	if len(s.opts.Hosts) == 0 {
		return next
	}
	allowed := map[string]bool{}
	for _, h := range s.opts.Hosts {
		allowed[strings.ToLower(hostOnly(h))] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowed[strings.ToLower(hostOnly(r.Host))] {
			s.log.Warn("request refused: the Host header names another server", "status", http.StatusMisdirectedRequest)
			var body apiError
			body.Error.Code, body.Error.Message = "misdirected", "this server does not answer to that host name"
			writeJSON(w, http.StatusMisdirectedRequest, body)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// hostOnly is a Host header or address without its port.
func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return strings.Trim(h, "[]")
	}
	return strings.Trim(hostport, "[]")
}

// identity is who made a request.
type identity struct {
	name string
	role Role
}

// authenticate finds the caller's token, comparing every configured token
// in constant time so timing does not reveal which one nearly matched.
func (s *Server) authenticate(r *http.Request) (identity, bool) {
	if len(s.tokens) == 0 {
		return identity{"anonymous", RoleInspector}, true
	}
	// The scheme is case-insensitive (RFC 9110).
	scheme, secret, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(secret) == "" {
		return identity{}, false
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(secret)))
	var found identity
	match := 0
	for _, t := range s.tokens {
		if subtle.ConstantTimeCompare(sum[:], t.sum[:]) == 1 {
			found = identity{t.Name, t.Role}
			match = 1
		}
	}
	return found, match == 1
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection (read
// deadlines for uploads, flushes).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// wrap adds authentication, role checks, a time limit, error responses and
// the audit log line to a handler.
func (s *Server) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: 200}
		sw.Header().Set("X-Content-Type-Options", "nosniff")
		sw.Header().Set("Cache-Control", "no-store")
		who, ok := s.authenticate(r)
		var err error
		switch {
		case rt.public:
			err = rt.h(sw, r, who)
		case !ok:
			sw.Header().Set("WWW-Authenticate", `Bearer realm="sirlearn"`)
			err = errUnauthorized
		case !allowed(who.role, rt.roles):
			err = errorf(errForbidden, "the %s role may not use %s", who.role, rt.pattern)
		case rt.perFile:
			err = rt.h(sw, r, who)
		default:
			ctx, cancel := context.WithTimeout(r.Context(), s.opts.HandlerTimeout)
			err = rt.h(sw, r.WithContext(ctx), who)
			cancel()
		}
		if err != nil {
			if r.Context().Err() != nil && !errors.Is(err, errSlowUpload) {
				// The client hung up: nobody reads an answer, and it is not
				// the server's fault (499, as nginx logs it). A body cut off
				// at its deadline ends the request's context too, but that
				// client is still there to be told.
				sw.status = statusClientClosed
			} else {
				s.writeError(sw, r, err)
			}
		}
		name, role := who.name, string(who.role)
		if !ok {
			name, role = "-", "-"
		}
		attrs := []any{"token", name, "role", role, "endpoint", rt.pattern, "status", sw.status,
			"duration_ms", time.Since(start).Milliseconds(), "bytes", sw.bytes}
		// Who opened which review, and who exported what: never the query.
		if id := r.PathValue("id"); id != "" {
			attrs = append(attrs, "review", id)
		}
		if f := r.URL.Query().Get("format"); f != "" {
			attrs = append(attrs, "export", f)
		}
		s.log.Info("request", attrs...)
	})
}

func allowed(role Role, roles []Role) bool {
	for _, r := range roles {
		if r == role {
			return true
		}
	}
	return false
}

// statusClientClosed is logged for a request whose client went away.
const statusClientClosed = 499

var (
	errBusy         = errors.New("busy")
	errSlowUpload   = errors.New("upload too slow")
	errUnauthorized = errors.New("a valid bearer token is required")
	errForbidden    = errors.New("forbidden")
	errRejected     = errors.New("files rejected")
)

// capability returns the searcher as the interface T when it implements
// it, else missing: a server over an index that cannot do something
// answers 501 with that error.
func capability[T any](s *Server, missing error) (T, error) {
	t, ok := s.searcher.(T)
	if !ok {
		var zero T
		return zero, missing
	}
	return t, nil
}
