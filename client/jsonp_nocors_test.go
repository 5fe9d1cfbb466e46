package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A JSONP call is a <script> load: a browser makes it in no-cors mode and
// the script, from any origin, runs and hands its payload to the callback
// (that is what JSONP is for), and Taro's jsonp-retry reads it whatever the
// mode. So Mode no-cors does not make a JSONP answer opaque: not one of
// another origin, a backup's on another origin, or one a redirect brought
// from another origin; a failed script is still a failure. A plain no-cors
// call to another origin stays opaque.
func TestJSONPNoCORSAnswerIsRead(t *testing.T) {
	jsonp := func(w http.ResponseWriter, r *http.Request, status int) {
		w.Header().Set("Content-Type", "application/javascript")
		w.WriteHeader(status)
		w.Write([]byte(r.URL.Query().Get("callback") + `({"v":1});`))
	}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/fail":
			jsonp(w, r, http.StatusInternalServerError)
		case "/plain":
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"v":1}`))
		default:
			jsonp(w, r, http.StatusOK)
		}
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/redir":
			http.Redirect(w, r, other.URL+"/ok?"+r.URL.RawQuery, http.StatusFound)
		default:
			jsonp(w, r, http.StatusInternalServerError)
		}
	}))
	defer api.Close()
	c := client.New(client.WithBaseURL(api.URL))
	ctx := context.Background()

	for _, tc := range []struct {
		name string
		opt  client.Option
	}{
		{"other origin", client.Option{URL: other.URL + "/ok"}},
		{"backup on other origin", client.Option{URL: "/down", Backup: []string{other.URL + "/ok"}}},
		{"redirected to other origin", client.Option{URL: "/redir"}},
		{"named callback", client.Option{URL: other.URL + "/ok", JSONPCallback: "cbN"}},
	} {
		opt := tc.opt
		opt.JSONP = opt.JSONPCallback == ""
		opt.Mode, opt.RetryTimes = client.ModeNoCORS, client.NoRetry
		var checked any
		opt.DataCheck = func(r *client.Response) bool { checked = r.Data; return true }
		resp, err := c.Request(ctx, opt)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		m, ok := resp.Data.(map[string]any)
		if !ok || m["v"] != 1.0 || resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d data %#v, want 200 and the payload {v:1} (a no-cors script runs)", tc.name, resp.StatusCode, resp.Data)
		}
		if cm, ok := checked.(map[string]any); !ok || cm["v"] != 1.0 {
			t.Errorf("%s: DataCheck saw %#v, want the payload", tc.name, checked)
		}
	}

	resp, err := c.Request(ctx, client.Option{URL: other.URL + "/fail", JSONP: true, Mode: client.ModeNoCORS, RetryTimes: client.NoRetry})
	if err == nil {
		t.Errorf("a no-cors JSONP answer with status 500 succeeded (status %d data %#v): a browser does not run that script", resp.StatusCode, resp.Data)
	}

	resp, err = c.Request(ctx, client.Option{URL: other.URL + "/plain", Mode: client.ModeNoCORS})
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 0 || resp.Data != nil || resp.Header != nil {
		t.Errorf("a plain no-cors answer of another origin: status %d data %#v header %v, want opaque", resp.StatusCode, resp.Data, resp.Header)
	}
}
