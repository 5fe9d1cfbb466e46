package reqlog_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	reqlog "github.com/taroreq/taroreq/middleware/log"
)

// The URLs in any header are redacted, not only in the URL headers: a
// resumable upload's session URL (X-Goog-Upload-Url) or a vendor's
// pre-signed download URL carries its credential in the query or its
// userinfo, and so may a URL within a longer value; a URL without a
// secret, and everyday values, are logged as they are.
func TestLayerRedactsURLsInAnyHeader(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Goog-Upload-Url", "https://up.example/upload?upload_id=u1&X-Goog-Signature=sig-SECRET")
		w.Header().Set("X-Download", " HTTPS://bob:pw-SECRET@files.example/f?token=dl-SECRET ")
		w.Header().Set("X-Next", "//cdn.example/n?access_token=nx-SECRET")
		w.Header().Set("X-Plain-Url", "https://docs.example/page?lang=en")
		w.Header().Set("X-Text", "see https://x.example/?token=tx-SECRET for more")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "max-age=60, stale-while-revalidate=30")
		w.Header().Set("Alt-Svc", `h3=":443"; ma=2592000`)
		w.Header().Set("X-Contact", "ops@example.com")
	}))
	t.Cleanup(srv.Close)
	var buf bytes.Buffer
	rt := reqlog.New(srv.Client().Transport, slog.New(slog.NewJSONHandler(&buf, nil)), reqlog.WithHeaders())
	req, _ := http.NewRequest("GET", srv.URL, nil)
	req.Header.Set("X-Callback-Url", "https://app.example/cb?code=cb-SECRET&state=1")
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if got := resp.Header.Get("X-Goog-Upload-Url"); got != "https://up.example/upload?upload_id=u1&X-Goog-Signature=sig-SECRET" {
		t.Errorf("the caller's X-Goog-Upload-Url = %q", got)
	}
	noSecrets(t, &buf, "SECRET")
	r := records(t, &buf)[0]
	rh, _ := r["response_header"].(map[string]any)
	for name, want := range map[string]string{
		"X-Goog-Upload-Url": "https://up.example/upload?upload_id=u1&X-Goog-Signature=REDACTED",
		"X-Download":        "HTTPS://files.example/f?token=REDACTED",
		"X-Next":            "//cdn.example/n?access_token=REDACTED",
		"X-Plain-Url":       "https://docs.example/page?lang=en",
		"X-Text":            "see https://x.example/?token=REDACTED for more",
		"Content-Type":      "text/html; charset=utf-8",
		"Cache-Control":     "max-age=60, stale-while-revalidate=30",
		"Alt-Svc":           `h3=":443"; ma=2592000`,
		"X-Contact":         "ops@example.com",
	} {
		if got := first(rh[name]); got != want {
			t.Errorf("response_header %s = %v, want %s", name, got, want)
		}
	}
	h, _ := r["header"].(map[string]any)
	if got := first(h["X-Callback-Url"]); got != "https://app.example/cb?code=REDACTED&state=1" {
		t.Errorf("header X-Callback-Url = %v", got)
	}
}

// first is a logged header's value: a string, or the first of a list.
func first(v any) any {
	if l, ok := v.([]any); ok && len(l) > 0 {
		return l[0]
	}
	return v
}
