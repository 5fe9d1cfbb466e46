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
