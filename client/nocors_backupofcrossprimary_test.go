package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A no-cors call whose primary is of another origin and fails gets the
// answer of a backup on the client's origin readable, as when the primary
// was redirected there (TestNoCORSBackupAfterAFailedHopIsReadable): the
// backup is a fetch of its own, same-origin, "basic". It was opaque
// (status 0, no data), the primary's origin held against it. An answer of
// the other origin, the primary's or a backup's there, stays opaque.
func TestNoCORSBackupOfACrossOriginPrimaryIsReadable(t *testing.T) {
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Own", "1")
		_, _ = w.Write([]byte(`{"at":"a"}`))
	}))
	defer a.Close()
	e := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/fail" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("X-Other", "1")
		_, _ = w.Write([]byte(`{"at":"e"}`))
	}))
	defer e.Close()
	c := client.New(client.WithBaseURL(a.URL))
	defer c.CloseIdleConnections()
	ctx := context.Background()

	var checked any
	resp, err := c.Request(ctx, client.Option{URL: e.URL + "/fail", Mode: client.ModeNoCORS, Backup: []string{a.URL + "/backup"},
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
		{URL: e.URL + "/ok"},
		{URL: e.URL + "/fail", Backup: []string{e.URL + "/ok"}},
	} {
		opt.Mode, opt.RetryTimes = client.ModeNoCORS, client.NoRetry
		var seen any = "unset"
		opt.DataCheck = func(r *client.Response) bool { seen = r.Data; return true }
		resp, err := c.Request(ctx, opt)
		if err != nil {
			t.Fatalf("%s %v: %v", opt.URL, opt.Backup, err)
		}
		if resp.StatusCode != 0 || resp.Data != nil || len(resp.Header) != 0 || resp.URL != "" || seen != nil {
			t.Errorf("%s %v: status %d data %#v header %v, check saw %#v; want opaque (the other origin answered)",
				opt.URL, opt.Backup, resp.StatusCode, resp.Data, resp.Header, seen)
		}
	}
}
