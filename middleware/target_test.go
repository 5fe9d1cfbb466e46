package middleware_test

import (
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/middleware"
)

func TestTargetText(t *testing.T) {
	for host, want := range map[string]string{
		"":                   "http://api.test:8080/x?q=1",
		"API.test:8080":      "http://api.test:8080/x?q=1",
		"alice.example":      "http://api.test:8080/x?q=1 host=alice.example",
		"Alice.Example.:80":  "http://api.test:8080/x?q=1 host=alice.example",
		"alice.example:8443": "http://api.test:8080/x?q=1 host=alice.example:8443",
		"[::1]:80":           "http://api.test:8080/x?q=1 host=[::1]",
	} {
		req, _ := http.NewRequest("GET", "http://api.test:8080/x?q=1", nil)
		req.Host = host
		if got := middleware.TargetText(req); got != want {
			t.Errorf("Host %q: %q, want %q", host, got, want)
		}
	}
	// Hosts are told apart as NormalHost writes them: "ſ" folds to "s"
	// but does not lower to it.
	req0, _ := http.NewRequest("GET", "http://s.example/page", nil)
	req0.Host = "ſ.example"
	if got := middleware.TargetText(req0); got != "http://s.example/page host=ſ.example" {
		t.Errorf("Host ſ.example at s.example: %q", got)
	}
	// The usual request (its Host its URL's) costs its URL's text only:
	// the store and the HTTP cache key every request with it.
	req, _ := http.NewRequest("GET", "http://api.test:8080/x?q=1", nil)
	if n := testing.AllocsPerRun(100, func() { middleware.TargetText(req) }); n > 1 {
		t.Fatalf("%v allocations; want at most the URL's text", n)
	}
}

// A Host header that only Unicode case folding makes the URL's host (İ,
// U+0130, lower-cases to i) names another host: net/http sends it as it
// is, and the server may serve it another answer. It keys its own entry.
func TestTargetTextKeepsANonASCIIHostApart(t *testing.T) {
	req, _ := http.NewRequest("GET", "http://api.test/x", nil)
	req.Host = "ap\u0130.test"
	if got := middleware.TargetText(req); got == "http://api.test/x" {
		t.Fatalf("TargetText = %q: the other host is filed under the API's URL", got)
	}
}
