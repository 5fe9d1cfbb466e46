package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

// TestJSONPScriptBlockedByItsType: the README's JSONP row says a body is
// judged as a browser judges a script, and a browser never runs a script
// whose Content-Type is an image, audio, video or text/csv, nor, under
// X-Content-Type-Options: nosniff, one of any other than a JavaScript type
// (Fetch: "should response to request be blocked due to its MIME type /
// due to nosniff"): Taro's <script> then fails. Each such answer here
// calls the callback as asked; it must fail the call all the same, after
// the retries, and the types a browser runs must not.
func TestJSONPScriptBlockedByItsType(t *testing.T) {
	tests := []struct {
		contentType, options string
		blocked              bool
	}{
		{"image/png", "", true},
		{"text/csv", "", true},
		{"video/mp4; codecs=x", "", true},
		{"application/json", "nosniff", true},
		{"text/plain", "NoSniff", true},
		{"", "nosniff", true},
		{"application/javascript", "nosniff", false},
		{"Text/JavaScript; charset=utf-8", "nosniff", false},
		{"application/x-javascript", "nosniff, other", false},
		{"application/json", "", false}, // sniffing allowed: a browser runs it
		{"text/plain", "sniff", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.contentType+"|"+tt.options, func(t *testing.T) {
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				w.Header()["Content-Type"] = []string{tt.contentType} // "" too, not Go's sniffed type
				if tt.options != "" {
					w.Header().Set("X-Content-Type-Options", tt.options)
				}
				_, _ = w.Write([]byte(r.URL.Query().Get("callback") + `({"a":1});`))
			}))
			defer srv.Close()
			c := client.New(client.WithBaseURL(srv.URL))
			resp, err := c.Request(context.Background(), client.Option{URL: "/x", JSONP: true, RetryTimes: 1})
			if !tt.blocked {
				if err != nil || resp.Data.(map[string]any)["a"] != 1.0 {
					t.Fatalf("a browser runs this script: err %v, data %v", err, resp.Data)
				}
				return
			}
			if !errors.Is(err, encoders.ErrJSONP) || resp.Data != nil {
				t.Fatalf("a browser blocks this script: err %v, data %v", err, resp.Data)
			}
			if got := hits.Load(); got != 2 {
				t.Errorf("%d requests, want 2 (a failed attempt, retried once)", got)
			}
		})
	}
}
