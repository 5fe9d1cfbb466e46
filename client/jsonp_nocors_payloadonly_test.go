package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

// A no-cors JSONP call of another origin reads the payload its script hands
// to the callback, and nothing else a page would not learn of a <script>
// load: not the answer's headers (its Set-Cookie, a header of its own), its
// status or URL, to the caller or to DataCheck, nor, when it fails, the
// status or the body it failed with (README, Mode: "its failure is as
// opaque"). The same call on the client's own origin shows everything.
func TestJSONPNoCORSOtherOriginShowsOnlyThePayload(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Internal", "other-origin-secret")
		w.Header().Set("Set-Cookie", "sid=other-session")
		switch r.URL.Path {
		case "/fail":
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/plain":
			w.Write([]byte(`{"balance":1234}`))
			return
		}
		w.Write([]byte(r.URL.Query().Get("callback") + `({"v":1});`))
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/redir" {
			http.Redirect(w, r, other.URL+"/ok?"+r.URL.RawQuery, http.StatusFound)
			return
		}
		w.Header().Set("X-Own", "1")
		w.Write([]byte(r.URL.Query().Get("callback") + `({"v":1});`))
	}))
	defer api.Close()
	c := client.New(client.WithBaseURL(api.URL))
	ctx := context.Background()

	for _, u := range []string{other.URL + "/ok", "/redir"} {
		var seen *client.Response
		resp, err := c.Request(ctx, client.Option{URL: u, JSONP: true, Mode: client.ModeNoCORS, RetryTimes: client.NoRetry,
			DataCheck: func(r *client.Response) bool { seen = r; return true }})
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		if m, ok := resp.Data.(map[string]any); !ok || m["v"] != 1.0 || resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d data %#v, want 200 and the payload", u, resp.StatusCode, resp.Data)
		}
		if len(resp.Header) != 0 || len(resp.Cookies) != 0 || resp.URL != "" {
			t.Errorf("%s: the caller sees header %v cookies %v URL %q of the other origin, want the payload alone", u, resp.Header, resp.Cookies, resp.URL)
		}
		if seen == nil || len(seen.Header) != 0 || seen.URL != "" || seen.Data == nil {
			t.Errorf("%s: DataCheck saw %+v, want the payload alone", u, seen)
		}
	}

	for _, p := range []string{"/fail", "/plain"} {
		resp, err := c.Request(ctx, client.Option{URL: other.URL + p, JSONP: true, Mode: client.ModeNoCORS, RetryTimes: client.NoRetry})
		if err == nil {
			t.Fatalf("%s: succeeded", p)
		}
		if !errors.Is(err, encoders.ErrJSONP) {
			t.Errorf("%s: %v, want it to match encoders.ErrJSONP", p, err)
		}
		if msg := err.Error(); strings.Contains(msg, "Service Unavailable") || strings.Contains(msg, "status") || strings.Contains(msg, "bytes") || resp.StatusCode != 0 || len(resp.Header) != 0 {
			t.Errorf("%s: error %q, status %d, header %v: the other origin's answer shows through", p, msg, resp.StatusCode, resp.Header)
		}
	}

	resp, err := c.Request(ctx, client.Option{URL: "/own", JSONP: true, Mode: client.ModeNoCORS, RetryTimes: client.NoRetry})
	if err != nil || resp.Header.Get("X-Own") != "1" {
		t.Errorf("same-origin no-cors JSONP: %v, header %v, want it whole", err, resp.Header)
	}
}
