package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestNoCORSOwnBackupRedirectedOnItsOriginIsReadable: a no-cors call whose
// primary of another origin fails gets the answer of a backup on the
// client's origin readable (a fetch of its own, same-origin) also when
// that backup redirects within the client's origin, as fetch's
// same-origin redirect is "basic": it was opaque (status 0, no data), the
// hop's request not being the backup's. A backup on the client's origin
// whose redirect goes to the other origin, or through it and back, stays
// opaque.
func TestNoCORSOwnBackupRedirectedOnItsOriginIsReadable(t *testing.T) {
	var e *httptest.Server
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/same":
			http.Redirect(w, r, "/ok", http.StatusFound)
		case "/away":
			http.Redirect(w, r, e.URL+"/ok", http.StatusFound)
		case "/through":
			http.Redirect(w, r, e.URL+"/back", http.StatusFound)
		default:
			w.Header().Set("X-Own", "1")
			_, _ = w.Write([]byte(`{"at":"a"}`))
		}
	}))
	defer a.Close()
	e = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/fail":
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/back":
			http.Redirect(w, r, a.URL+"/secret", http.StatusFound)
		default:
			_, _ = w.Write([]byte(`{"at":"e"}`))
		}
	}))
	defer e.Close()
	c := client.New(client.WithBaseURL(a.URL))
	defer c.CloseIdleConnections()
	call := func(backup string) *client.Response {
		t.Helper()
		resp, err := c.Request(context.Background(), client.Option{URL: e.URL + "/fail", Mode: client.ModeNoCORS,
			Backup: []string{a.URL + backup}, RetryTimes: client.NoRetry})
		if err != nil {
			t.Fatalf("%s: %v", backup, err)
		}
		return resp
	}
	resp := call("/same")
	if m, ok := resp.Data.(map[string]any); !ok || m["at"] != "a" || resp.StatusCode != http.StatusOK || resp.Header.Get("X-Own") != "1" {
		t.Errorf("/same: status %d data %#v header %v, want the own origin's answer readable", resp.StatusCode, resp.Data, resp.Header)
	}
	for _, p := range []string{"/away", "/through"} {
		if resp := call(p); resp.StatusCode != 0 || resp.Data != nil || len(resp.Header) != 0 || resp.URL != "" {
			t.Errorf("%s: status %d data %#v header %v url %q, want opaque", p, resp.StatusCode, resp.Data, resp.Header, resp.URL)
		}
	}
}
