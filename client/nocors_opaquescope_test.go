package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// README, Mode: no-cors gives an opaque result "when the URL or a backup is
// of another origin, whichever of them answers but such a backup" (one on
// the client's origin tried once a primary of another origin failed: a
// fetch of its own, readable; TestNoCORSBackupOfACrossOriginPrimaryIsReadable);
// "a call of the client's origin alone reads its answers, as fetch's
// same-origin ones". Else the opacity is the call's: the answer of the
// client's own URL is opaque too once a backup of another origin is listed
// (the store keys it by the call, not by the URL that answered).
func TestNoCORSIsOpaqueWhenAnotherOriginIsListed(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Own", "1")
		w.Write([]byte(`{"v":1}`))
	}))
	defer api.Close()
	c := client.New(client.WithBaseURL(api.URL))
	ctx := context.Background()

	resp, err := c.Request(ctx, client.Option{URL: "/own", Mode: client.ModeNoCORS})
	if m, _ := resp.Data.(map[string]any); err != nil || resp.StatusCode != http.StatusOK || m["v"] != 1.0 ||
		resp.Header.Get("X-Own") != "1" || resp.URL != api.URL+"/own" {
		t.Errorf("no-cors of the client's origin: %v, status %d, data %v, header %v, URL %q: want it readable",
			err, resp.StatusCode, resp.Data, resp.Header, resp.URL)
	}

	for name, opt := range map[string]client.Option{
		"own URL, backup of another origin": {URL: "/own", Backup: []string{other.URL + "/b"}},
	} {
		var checked *client.Response
		opt.Mode, opt.RetryTimes = client.ModeNoCORS, client.NoRetry
		opt.DataCheck = func(r *client.Response) bool { checked = r; return true }
		resp, err := c.Request(ctx, opt)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if resp.StatusCode != 0 || resp.Data != nil || resp.Raw != nil || len(resp.Header) != 0 || resp.URL != "" {
			t.Errorf("%s: status %d, data %v, header %v, URL %q: want opaque", name, resp.StatusCode, resp.Data, resp.Header, resp.URL)
		}
		if checked == nil || checked.StatusCode != 0 || checked.Data != nil {
			t.Errorf("%s: DataCheck saw %+v, want it opaque", name, checked)
		}
	}
}

// A streamed (EnableChunked) no-cors call to another origin succeeds with
// an opaque answer: no status, no header, no data. Its Body is still one
// the caller can read and must close, as Response.Body says of every
// EnableChunked answer (an empty one, as for a HEAD): it was nil, and the
// README's "read resp.Body, then Close it" panicked.
func TestNoCORSStreamedAnswerHasAnEmptyBody(t *testing.T) {
	api := newRecorder(t, nil)
	other := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("the other origin's bytes")) })
	c := client.New(client.WithBaseURL(api.URL))
	defer c.CloseIdleConnections()
	for _, u := range []string{other.URL + "/x", "/x"} {
		opt := client.Option{URL: u, Mode: client.ModeNoCORS, EnableChunked: true}
		if u == "/x" {
			opt.Backup = []string{other.URL + "/x"} // a call that lists another origin is opaque whoever answers
		}
		resp, err := c.Request(context.Background(), opt)
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		if resp.StatusCode != 0 || len(resp.Header) != 0 {
			t.Errorf("%s: not opaque: %d %v", u, resp.StatusCode, resp.Header)
		}
		if resp.Body == nil {
			t.Fatalf("%s: a streamed answer without a Body", u)
		}
		b, err := io.ReadAll(resp.Body)
		if err != nil || len(b) != 0 {
			t.Errorf("%s: read %q, %v; want nothing", u, b, err)
		}
		if err := resp.Body.Close(); err != nil {
			t.Errorf("%s: Close: %v", u, err)
		}
	}
}
