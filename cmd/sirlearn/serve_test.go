package main

import (
	"strings"
	"testing"

	"github.com/sirlearn/sirlearn/search"
)

func TestNoOpenDoor(t *testing.T) {
	tok := []search.Token{{Name: "a", Secret: "a-long-enough-secret", Role: search.RoleInspector}}
	for _, tt := range []struct {
		addr              string
		tokens            []search.Token
		allowRemote, open bool
		wantErr           string
	}{
		{"127.0.0.1:8080", nil, false, false, "refusing to serve without tokens"},
		{"127.0.0.1:8080", nil, false, true, ""},
		{"localhost:8080", nil, false, true, ""},
		{"0.0.0.0:8080", nil, true, true, "not a loopback address and no tokens"},
		{"0.0.0.0:8080", tok, false, false, "set serve.allow_remote"},
		{"0.0.0.0:8080", tok, true, false, ""},
		{"127.0.0.1:8080", tok, false, false, ""},
	} {
		err := checkAddr(tt.addr, tt.tokens, tt.allowRemote, tt.open)
		if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("checkAddr(%s, %d tokens, remote %v, open %v) = %v, want %q", tt.addr, len(tt.tokens), tt.allowRemote, tt.open, err, tt.wantErr)
		}
	}
	if h := allowedHosts("0.0.0.0:8080", "0.0.0.0:8080", nil); h != nil {
		t.Errorf("allowedHosts on an unspecified address = %v, want no check", h)
	}
	h := strings.Join(allowedHosts("127.0.0.1:0", "127.0.0.1:41234", []string{"sirlearn.example"}), " ")
	for _, want := range []string{"localhost", "127.0.0.1", "::1", "sirlearn.example"} {
		if !strings.Contains(h, want) {
			t.Errorf("allowedHosts = %s, want %s among them", h, want)
		}
	}
}
