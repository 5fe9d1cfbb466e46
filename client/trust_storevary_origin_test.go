package client_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/store"
)

// echoServer answers with the value of the request's field name and
// Vary: name, for a minute.
func echoServer(t *testing.T, name string) *recorder {
	return newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Vary", name)
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"v":"1","who":%q}`, r.Header.Get(name))
	})
}

// The store skipped Vary: Origin and Vary: Content-Type as fields its key
// counts, but it counts neither where a caller sets them: an Origin of
// the caller's own (a same-origin call's Option.Header, a plain
// http.Client's request: a gateway forwarding each browser's Origin; the
// client sets its own only on a cors call's request to another origin),
// nor the Content-Type of a request without a body. The answer for
// https://a.example (its Access-Control-Allow-Origin, its tenant's data)
// was written and served to https://b.example. Such an answer is not
// written now, nor an entry served to a request that sends another value.
func TestStoreHonoursVaryOnAnOriginOrContentTypeTheCallerSets(t *testing.T) {
	for _, name := range []string{"Origin", "Content-Type"} {
		srv := echoServer(t, name)
		c := client.New(client.WithBaseURL(srv.URL))
		for _, who := range []string{"https://a.example", "https://b.example"} {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			r, err := c.Request(ctx, client.Option{URL: "/conf", UseStore: true, StoreCheckKey: "v", StoreSign: "1",
				Header: http.Header{name: {who}}})
			cancel()
			if err != nil {
				t.Fatalf("%s %s: %v", name, who, err)
			}
			if got := fmt.Sprint(r.Data.(map[string]any)["who"]); got != who {
				t.Errorf("client, Vary: %s: %s got %q (FromStore %v)", name, who, got, r.FromStore)
			}
		}

		srv = echoServer(t, name)
		hc := &http.Client{Transport: store.New(nil, store.NewMemory(), storeAlways), Timeout: 5 * time.Second}
		for _, who := range []string{"https://a.example", "https://b.example"} {
			req, _ := http.NewRequest("GET", srv.URL+"/conf", nil)
			req.Header.Set(name, who)
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !strings.Contains(string(b), `"who":"`+who+`"`) {
				t.Errorf("plain http.Client, Vary: %s: %s got %s", name, who, b)
			}
		}
		if n := srv.count.Load(); n != 2 {
			t.Errorf("plain http.Client, Vary: %s: %d requests reached the server, want 2", name, n)
		}
	}
}

// What the key does count stays kept: a cors call's request to another
// origin carries the client's own Origin, set below the store, the same
// for each of its calls; a body's Content-Type is in the key.
func TestStoreKeepsVaryOnAnOriginOrContentTypeTheKeyCounts(t *testing.T) {
	api := newRecorder(t, nil)
	for _, name := range []string{"Origin", "Content-Type"} {
		srv := echoServer(t, name)
		c := client.New(client.WithBaseURL(api.URL))
		for i := range 2 {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			o := client.Option{URL: srv.URL + "/conf", Mode: client.ModeCORS, UseStore: true, StoreCheckKey: "v", StoreSign: "1"}
			if name == "Content-Type" {
				o.Method, o.Data, o.Idempotent = "POST", map[string]any{"q": 1}, true
			}
			r, err := c.Request(ctx, o)
			cancel()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if r.FromStore != (i == 1) {
				t.Errorf("Vary: %s, call %d: FromStore %v", name, i, r.FromStore)
			}
		}
	}
}
