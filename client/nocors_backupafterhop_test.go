package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A no-cors call whose primary, on the client's origin, was redirected to
// another origin and failed there gets the answer of a backup on the
// client's origin as a fetch of its own, readable (a new same-origin fetch
// is "basic"), to DataCheck too: it was opaque (status 0, no data), the
// chain's tainting held against an answer no redirect brought. An answer
// the other origin gave, or one a backup's own redirect brought from it,
// stays opaque.
func TestNoCORSBackupAfterAFailedHopIsReadable(t *testing.T) {
	var e *httptest.Server
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/toE":
			http.Redirect(w, r, e.URL+"/fail", http.StatusFound)
		case "/toEok":
			http.Redirect(w, r, e.URL+"/ok", http.StatusFound)
		default:
			w.Header().Set("X-Own", "1")
			_, _ = w.Write([]byte(`{"at":"a"}`))
		}
	}))
	defer a.Close()
	e = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/fail" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`{"at":"e"}`))
	}))
	defer e.Close()
	c := client.New(client.WithBaseURL(a.URL))
	ctx := context.Background()

	var checked any
	resp, err := c.Request(ctx, client.Option{URL: "/toE", Mode: client.ModeNoCORS, Backup: []string{a.URL + "/backup"},
		RetryTimes: client.NoRetry, DataCheck: func(r *client.Response) bool { checked = r.Data; return true }})
	if err != nil {
		t.Fatal(err)
	}
	if m, ok := resp.Data.(map[string]any); !ok || m["at"] != "a" || resp.StatusCode != http.StatusOK || resp.Header.Get("X-Own") != "1" {
		t.Errorf("the same-origin backup's answer: status %d data %#v header %v, want it readable", resp.StatusCode, resp.Data, resp.Header)
	}
	if m, ok := checked.(map[string]any); !ok || m["at"] != "a" {
		t.Errorf("DataCheck saw %#v, want the backup's data", checked)
	}

	for _, opt := range []client.Option{
		{URL: "/toEok"},
		{URL: "/toE", Backup: []string{a.URL + "/toEok"}},
		{URL: "/toE", Backup: []string{e.URL + "/ok"}},
	} {
		opt.Mode, opt.RetryTimes = client.ModeNoCORS, client.NoRetry
		resp, err := c.Request(ctx, opt)
		if err != nil {
			t.Fatalf("%s %v: %v", opt.URL, opt.Backup, err)
		}
		if resp.StatusCode != 0 || resp.Data != nil || len(resp.Header) != 0 {
			t.Errorf("%s %v: status %d data %#v, want opaque (the other origin answered)", opt.URL, opt.Backup, resp.StatusCode, resp.Data)
		}
	}
}
