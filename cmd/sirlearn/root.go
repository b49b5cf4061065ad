package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/sirlearn/sirlearn/corpus"
	"github.com/sirlearn/sirlearn/extract"
	"github.com/sirlearn/sirlearn/index"
	"github.com/sirlearn/sirlearn/ingest"
)

// app holds what every command shares: configuration and output streams.
type app struct {
	v *viper.Viper
	// binds ties configuration keys to the flags of each command; only the
	// running command's are bound, since several commands share keys.
	binds  map[*pflag.Flag]string
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
	// stopProfile ends the CPU profile that --cpu-profile started.
	stopProfile func() error
}

func newApp(stdout, stderr io.Writer) *app {
	return &app{v: viper.New(), stdout: stdout, stderr: stderr, binds: map[*pflag.Flag]string{}}
}

// configDefaults lists every configuration key with its default; the README
// documents the same table.
func configDefaults() map[string]any {
	return map[string]any{
		"data_dir":                     "sirlearn-data",
		"index.path":                   "", // default: <data_dir>/index
		"index.workers":                0,  // 0 = number of CPUs
		"index.batch_size":             200,
		"index.gc_percent":             400,
		"index.bleve_phrases":          false,
		"index.compact_above":          index.CompactAbove, // 0 = never compact
		"ingest.max_bytes":             int64(ingest.DefaultMaxBytes),
		"ingest.max_decompressed":      int64(ingest.DefaultMaxDecompressed),
		"ingest.timeout":               ingest.DefaultTimeout,
		"ingest.max_memory":            int64(ingest.DefaultMaxMemory),
		"ingest.isolate":               true,
		"ingest.reader":                "", // "": sirlearn-reader beside this program if of its build, else self
		"ingest.ocr":                   string(ingest.OCRAuto),
		"taxonomy":                     "", // default: the embedded taxonomy
		"log.level":                    "info",
		"log.format":                   "text",
		"serve.addr":                   "127.0.0.1:8080",
		"serve.inbox":                  "",
		"serve.max_upload_bytes":       int64(200 << 20),
		"serve.handler_timeout":        60 * time.Second,
		"serve.allow_remote":           false,
		"serve.open_access":            false,
		"serve.hosts":                  []string{},
		"serve.min_count":              5,
		"serve.max_concurrent_uploads": 2,
		"serve.search_concurrency":     0,   // searches computed at once; 0 = one per processor
		"serve.memory_limit":           "0", // soft limit on the heap, e.g. "700MiB"; 0 = none
		"corpus.reviews":               300,
		"corpus.cases":                 133,
		"corpus.seed":                  1,
	}
}

func (a *app) rootCommand() *cobra.Command {
	var cfgFile, cpuProfile string
	root := &cobra.Command{
		Use:           "sirlearn",
		Short:         "Search serious incident reviews for recurring practice issues",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.startProfile(cpuProfile); err != nil {
				return err
			}
			return a.loadConfig(cmd, cfgFile)
		},
	}
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return fmt.Errorf("%w\nusage: %s", err, cmd.UseLine())
	})
	root.PersistentFlags().StringVar(&cfgFile, "config", "", "config file (default ./sirlearn.yaml if present)")
	// For scripts/pgo.sh, which profiles indexing and queries for the
	// compiler (cmd/sirlearn/default.pgo).
	root.PersistentFlags().StringVar(&cpuProfile, "cpu-profile", "", "write a CPU profile of the command to this file")
	_ = root.PersistentFlags().MarkHidden("cpu-profile")
	root.PersistentFlags().String("log-level", "info", "log level: debug, info, warn, error")
	root.PersistentFlags().String("data-dir", "sirlearn-data", "folder for the sample corpus and index")
	a.bind(root.PersistentFlags(), "log.level", "log-level")
	a.bind(root.PersistentFlags(), "data_dir", "data-dir")
	for _, c := range a.commands() {
		root.AddCommand(c)
	}
	return root
}

// startProfile starts a CPU profile into path, if one is asked for.
func (a *app) startProfile(path string) error {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("cpu profile %s: %w", path, err)
	}
	a.stopProfile = func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}
	return nil
}

// bind ties a flag to a configuration key, so flag > env > file > default.
// The binding takes effect when a command using the flag runs.
func (a *app) bind(fs *pflag.FlagSet, key, flag string) {
	f := fs.Lookup(flag)
	if f == nil {
		panic("bind: no flag " + flag) // programming error
	}
	a.binds[f] = key
}

func (a *app) loadConfig(cmd *cobra.Command, cfgFile string) error {
	bindFlags := func(fs *pflag.FlagSet) error {
		var err error
		fs.VisitAll(func(f *pflag.Flag) {
			if key, ok := a.binds[f]; ok && err == nil {
				err = a.v.BindPFlag(key, f)
			}
		})
		return err
	}
	if err := bindFlags(cmd.Flags()); err != nil {
		return err
	}
	if err := bindFlags(cmd.InheritedFlags()); err != nil {
		return err
	}
	for k, d := range configDefaults() {
		a.v.SetDefault(k, d)
	}
	a.v.SetEnvPrefix("SIRLEARN")
	a.v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	a.v.AutomaticEnv()
	if cfgFile != "" {
		a.v.SetConfigFile(cfgFile)
		if err := a.v.ReadInConfig(); err != nil {
			return fmt.Errorf("config %s: %w", cfgFile, err)
		}
	} else {
		// Only ./sirlearn.yaml or ./sirlearn.yml: viper's own search would
		// also take a file named plain "sirlearn", such as the binary.
		for _, name := range []string{"sirlearn.yaml", "sirlearn.yml"} {
			if _, err := os.Stat(name); err == nil {
				a.v.SetConfigFile(name)
				if err := a.v.ReadInConfig(); err != nil {
					return fmt.Errorf("config %s: %w", name, err)
				}
				break
			}
		}
	}
	mode, err := ingest.ParseOCRMode(a.v.GetString("ingest.ocr"))
	if err != nil {
		return err
	}
	a.v.Set("ingest.ocr", string(mode))
	var level slog.Level
	if err := level.UnmarshalText([]byte(a.v.GetString("log.level"))); err != nil {
		return fmt.Errorf("log.level %q: %w", a.v.GetString("log.level"), err)
	}
	opts := &slog.HandlerOptions{Level: level}
	if a.v.GetString("log.format") == "json" {
		a.log = slog.New(slog.NewJSONHandler(a.stderr, opts))
	} else {
		a.log = slog.New(slog.NewTextHandler(a.stderr, opts))
	}
	return nil
}

// limits reads the ingest limits from configuration.
func (a *app) limits() ingest.Limits {
	return ingest.Limits{
		MaxBytes:        a.v.GetInt64("ingest.max_bytes"),
		MaxDecompressed: a.v.GetInt64("ingest.max_decompressed"),
		Timeout:         a.v.GetDuration("ingest.timeout"),
		OCR:             ingest.OCRMode(a.v.GetString("ingest.ocr")), // checked in loadConfig
	}
}

// isTerminal reports whether w is an interactive terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// extractor builds the extractor with the configured taxonomy.
func (a *app) extractor() (*extract.Extractor, error) {
	tax, err := extract.LoadTaxonomy(a.v.GetString("taxonomy"))
	if err != nil {
		return nil, err
	}
	return extract.New(tax)
}

// canonicalOr returns the canonical authority name for any variant, or the
// input unchanged when it names none.
func canonicalOr(name string) string {
	if c, ok := corpus.CanonicalAuthority(name); ok {
		return c
	}
	return name
}

// withUsage wraps a cobra argument check so its error shows the usage line.
func withUsage(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return fmt.Errorf("%w\nusage: %s", err, cmd.UseLine())
		}
		return nil
	}
}
