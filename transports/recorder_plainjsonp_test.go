package transports_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A JSONP answer served without a script type (text/plain, text/html,
// octet-stream, none) is still run by a browser and unwrapped by the
// client; its secret members must not reach the recording in clear.
func TestRecorderRedactsJSONPServedAsPlainText(t *testing.T) {
	for _, ct := range []string{"text/plain; charset=utf-8", "text/html", "application/octet-stream", ""} {
		t.Run(ct, func(t *testing.T) {
			srv := server(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header()["Content-Type"] = []string{ct}
				cb := r.URL.Query().Get("callback")
				_, _ = w.Write([]byte(cb + `({"user":"ann","access_token":"SECRET-JSONP"});`))
			})
			rec, dir := newRecorder(t, srv)
			c := client.New(client.WithBaseURL(srv.URL), client.WithTransport(rec))
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			resp, err := c.Request(ctx, client.Option{URL: "/p", JSONPCallback: "cb", RetryTimes: client.NoRetry})
			if err != nil {
				t.Fatal(err)
			}
			if m, _ := resp.Data.(map[string]any); m["user"] != "ann" {
				t.Fatalf("the client did not unwrap the call: %v", resp.Data)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) == 0 {
				t.Fatal("nothing recorded")
			}
			for _, e := range entries {
				raw, _ := os.ReadFile(filepath.Join(dir, e.Name()))
				if strings.Contains(string(raw), "SECRET") {
					t.Errorf("recorded in clear: %s", load(t, dir)[0].Response.Body.Text)
				}
			}
			x := load(t, dir)[0]
			if !x.Response.Body.Redacted || !strings.Contains(x.Response.Body.Text, `"user":"ann"`) {
				t.Errorf("want the call recorded with its secret member redacted, got %+v", x.Response.Body)
			}
		})
	}
}

// A plain body shaped as a call whose argument is no JSON (a JavaScript
// literal, more code after the call) may hold a secret no rule finds: it is
// withheld, as a declared script's is; plain text is kept as it is.
func TestRecorderWithholdsPlainScriptThatIsNoJSONPCall(t *testing.T) {
	for _, tc := range []struct {
		body     string
		withheld bool
	}{
		{`cb({token: "SECRET-LITERAL"})`, true},
		{`cb({"token":"SECRET-MORE"}) + steal()`, true},
		{`cb(["SECRET-ARRAY", oops])`, true},
		{"Service unavailable (try again later)", false},
		{"Error (see {docs})", false},
	} {
		srv := server(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header()["Content-Type"] = []string{"text/plain"}
			_, _ = w.Write([]byte(tc.body))
		})
		rec, dir := newRecorder(t, srv)
		resp, err := send(t, rec, "GET", srv.URL, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		readAll(t, resp)
		x := load(t, dir)[0]
		if strings.Contains(x.Response.Body.Text, "SECRET") || x.Response.Body.Withheld != tc.withheld {
			t.Errorf("%q: recorded %+v, want withheld %v", tc.body, x.Response.Body, tc.withheld)
		}
		if !tc.withheld && x.Response.Body.Text != tc.body {
			t.Errorf("%q: text recorded as %q", tc.body, x.Response.Body.Text)
		}
	}
}
