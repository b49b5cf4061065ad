package main

import (
	"fmt"
	"os"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
)

// sizeRE is a size as a person writes one: "700MiB", "1 GB", "512m",
// "1073741824". Units count in 1,024s.
var sizeRE = regexp.MustCompile(`(?i)^(\d+(?:\.\d+)?)\s*(?:(k|m|g)(?:i?b)?|b)?$`)

// parseSize returns the bytes a size names, or an error saying what is
// wanted.
func parseSize(s string) (int64, error) {
	m := sizeRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, fmt.Errorf("%q: want a size such as 700MiB or 1GB", s)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, fmt.Errorf("%q: %w", s, err)
	}
	switch strings.ToLower(m[2]) {
	case "k":
		v *= 1 << 10
	case "m":
		v *= 1 << 20
	case "g":
		v *= 1 << 30
	}
	if v > 1<<50 {
		return 0, fmt.Errorf("%q: too large", s)
	}
	return int64(v), nil
}

// heapLimit applies serve.memory_limit, a soft limit on the Go heap
// ("700MiB", "1GB", or bytes; 0: none), unless GOMEMLIMIT is set, which
// wins. It returns the function that puts back the limit before. A server
// over a large index holds its mapped index files besides the heap; the
// limit makes the collector work harder as the heap nears it instead of
// letting the heap grow to twice what is live.
func (a *app) heapLimit() (restore func(), err error) {
	raw := strings.TrimSpace(a.v.GetString("serve.memory_limit"))
	if raw == "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}, nil
	}
	n, err := parseSize(raw)
	if err != nil {
		return nil, fmt.Errorf("serve.memory_limit %w", err)
	}
	if n == 0 {
		return func() {}, nil
	}
	if n < 64<<20 {
		return nil, fmt.Errorf("serve.memory_limit %q: below 64 MiB the server would spend its time collecting garbage", raw)
	}
	prev := debug.SetMemoryLimit(n)
	a.log.Info("heap limit set (serve.memory_limit)", "bytes", n)
	return func() { debug.SetMemoryLimit(prev) }, nil
}
