package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/backup"
)

// jsonpServer answers JSONP by path: /ok and /state call the callback,
// /status/<code> calls it with that status, /wrongcb calls another name.
// /state answers {"version":<version>}, or 500 while down.
type jsonpServer struct {
	*faultserver.Server
	version atomic.Value
	down    atomic.Bool
}

func newJSONPServer(t *testing.T) *jsonpServer {
	s := &jsonpServer{}
	s.version.Store("v1")
	s.Server = faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		cb := r.URL.Query().Get("callback")
		w.Header().Set("Content-Type", "application/javascript")
		switch p := r.URL.Path; {
		case strings.HasPrefix(p, "/status/"):
			code, _ := strconv.Atoi(strings.TrimPrefix(p, "/status/"))
			w.WriteHeader(code)
			_, _ = w.Write([]byte(cb + `({"status":` + strconv.Itoa(code) + `});`))
		case p == "/wrongcb":
			_, _ = w.Write([]byte(`someOtherName({"code":0});`))
		case p == "/state" && s.down.Load():
			w.WriteHeader(500)
		case p == "/state":
			_, _ = w.Write([]byte(cb + `({"version":"` + s.version.Load().(string) + `"});`))
		default:
			_, _ = w.Write([]byte(cb + `({"code":0,"from":"` + p + `"});`))
		}
	})
	return s
}

// ticking is a clock that moves 7 ms at every reading, so the default
// callback name of every request differs, as with a real clock.
func ticking() func() time.Time {
	var ms atomic.Int64
	ms.Store(1700000000000)
	return func() time.Time { return time.UnixMilli(ms.Add(7)) }
}

// Defect 2: a browser does not run the script of a non-2xx answer, so that
// attempt failed: it is retried, then failed over.
func TestJSONPNon2xxIsAFailedAttempt(t *testing.T) {
	srv := newJSONPServer(t)
	c := fastClient(client.WithBaseURL(srv.URL))
	resp, err := c.Request(context.Background(), client.Option{URL: "/status/404", JSONP: true, RetryTimes: 1,
		Backup: []string{"/ok"}})
	if err != nil || resp.StatusCode != 200 || resp.Data.(map[string]any)["from"] != "/ok" {
		t.Fatalf("resp %+v err %v, want the backup's answer", resp, err)
	}
	if got := paths(srv.Requests()); got != "/status/404 /status/404 /ok" {
		t.Errorf("requests %s, want the 404 retried once, then the backup", got)
	}

	resp, err = c.Request(context.Background(), client.Option{URL: "/status/404", JSONP: true, RetryTimes: client.NoRetry})
	if !errors.Is(err, encoders.ErrJSONP) || !strings.Contains(err.Error(), "status 404") || resp.ErrMsg == "request:ok" {
		t.Fatalf("no backup: resp %+v err %v, want a failure naming status 404", resp, err)
	}
}

// Defect 3: a body that is not the expected call is a failed attempt: the
// next backup is tried, and the decode error is kept when every URL fails.
func TestJSONPWrongCallbackFailsOver(t *testing.T) {
	srv := newJSONPServer(t)
	c := fastClient(client.WithBaseURL(srv.URL))
	resp, err := c.Request(context.Background(), client.Option{URL: "/wrongcb", JSONP: true, RetryTimes: client.NoRetry,
		Backup: []string{"/ok"}})
	if err != nil || resp.Data.(map[string]any)["from"] != "/ok" {
		t.Fatalf("resp %+v err %v, want the backup's answer", resp, err)
	}
	_, err = c.Request(context.Background(), client.Option{URL: "/wrongcb", JSONP: true, RetryTimes: client.NoRetry,
		Backup: []string{"/status/500"}})
	if !errors.Is(err, backup.ErrExhausted) || !errors.Is(err, encoders.ErrJSONP) || !strings.Contains(err.Error(), "someOtherName") {
		t.Fatalf("all fail: err %v, want backup.ErrExhausted keeping the JSONP error", err)
	}
	if got := paths(srv.Requests()); got != "/wrongcb /ok /wrongcb /status/500" {
		t.Errorf("requests %s", got)
	}
}

// Defect 4: the store keeps the unwrapped payload, so the default check, a
// custom StoreCheck and the stale fallback work whatever callback name the
// stored call used (the default name changes with every request).
func TestJSONPWithStore(t *testing.T) {
	srv := newJSONPServer(t)
	c := fastClient(client.WithBaseURL(srv.URL), client.WithClock(ticking()))
	ctx := context.Background()
	opt := client.Option{URL: "/state", JSONP: true, UseStore: true, StoreCheckKey: "version", StoreSign: "v1"}

	if resp, err := c.Request(ctx, opt); err != nil || resp.FromStore {
		t.Fatalf("first: %+v %v", resp, err)
	}
	resp, err := c.Request(ctx, opt)
	if err != nil || !resp.FromStore || resp.Data.(map[string]any)["version"] != "v1" || string(resp.Raw) != `{"version":"v1"}` {
		t.Fatalf("second: %+v %v, want a store hit with the payload", resp, err)
	}
	if srv.Count() != 1 {
		t.Fatalf("server got %d requests, want 1 (the store answers the second)", srv.Count())
	}

	custom := opt
	custom.StoreSign = ""
	custom.StoreCheck = func(r *client.Response) bool { return r.Data.(map[string]any)["version"] == "v1" }
	if resp, err := c.Request(ctx, custom); err != nil || !resp.FromStore {
		t.Fatalf("custom StoreCheck: %+v %v, want a store hit", resp, err)
	}

	srv.down.Store(true)
	stale := opt
	stale.StoreSign, stale.RetryTimes = "v2", 1
	resp, err = c.Request(ctx, stale)
	if err != nil || !resp.FromStore || resp.Data.(map[string]any)["version"] != "v1" {
		t.Fatalf("stale fallback: %+v %v", resp, err)
	}
	if srv.Count() != 3 {
		t.Errorf("server got %d requests, want 3 (the stale sign tried the network twice)", srv.Count())
	}
}

// The DataCheck of a JSONP request sees the payload, decoded.
func TestJSONPDataCheckSeesPayload(t *testing.T) {
	srv := newJSONPServer(t)
	c := fastClient(client.WithBaseURL(srv.URL))
	var raw string
	resp, err := c.Request(context.Background(), client.Option{URL: "/ok", JSONPCallback: "cb",
		DataCheck: func(r *client.Response) bool {
			raw = string(r.Raw)
			return r.Data.(map[string]any)["code"] == 0.0
		}})
	if err != nil || resp.Data.(map[string]any)["from"] != "/ok" || raw != `{"code":0,"from":"/ok"}` {
		t.Fatalf("resp %+v err %v, DataCheck saw %q", resp, err, raw)
	}
}

// A stack without the retry layer (which applies the per-attempt check)
// still gets the answer checked and unwrapped, by the client.
func TestJSONPWithoutTheRetryLayer(t *testing.T) {
	srv := newJSONPServer(t)
	c := client.New(client.WithBaseURL(srv.URL), client.WithLayers())
	resp, err := c.Request(context.Background(), client.Option{URL: "/ok", JSONPCallback: "cb"})
	if err != nil || resp.Data.(map[string]any)["from"] != "/ok" || string(resp.Raw) != `{"code":0,"from":"/ok"}` {
		t.Fatalf("resp %+v err %v", resp, err)
	}
	if _, err := c.Request(context.Background(), client.Option{URL: "/status/404", JSONP: true}); !errors.Is(err, encoders.ErrJSONP) {
		t.Fatalf("404: err %v, want ErrJSONP", err)
	}
}

// Under the HTTP cache, a JSONP entry is revalidated: the 304 passes the
// per-attempt check and the cached payload answers.
func TestJSONPRevalidatedByTheHTTPCache(t *testing.T) {
	srv := faultserver.New(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Cache-Control", "no-cache")
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		_, _ = w.Write([]byte(`cb({"n":1});`))
	})
	c := fastClient(client.WithBaseURL(srv.URL), client.WithHTTPCache())
	opt := client.Option{URL: "/c", JSONPCallback: "cb", JSONPCache: true}
	for i := range 2 {
		resp, err := c.Request(context.Background(), opt)
		if err != nil || resp.Data.(map[string]any)["n"] != 1.0 || resp.FromCache != (i == 1) {
			t.Fatalf("call %d: %+v %v", i, resp, err)
		}
	}
	if got := srv.Requests(); len(got) != 2 || got[1].Header.Get("If-None-Match") != `"v1"` {
		t.Fatalf("requests %+v, want the second a revalidation", got)
	}
}

func paths(reqs []faultserver.Received) string {
	var p []string
	for _, r := range reqs {
		u, _, _ := strings.Cut(r.URL, "?")
		p = append(p, u)
	}
	return strings.Join(p, " ")
}

// A JSONP payload is parsed as JSON whatever DataType and ResponseType
// say, as jsonp-retry (Taro's JSONP path), which reads neither, does.
func TestJSONPParsedWhateverDataTypeOrResponseType(t *testing.T) {
	srv := newJSONPServer(t)
	c := client.New(client.WithBaseURL(srv.URL))
	for _, opt := range []client.Option{
		{URL: "/ok", JSONP: true, DataType: "text"},
		{URL: "/ok", JSONP: true, DataType: "other"},
		{URL: "/ok", JSONPCallback: "cb", ResponseType: client.ResponseTypeArrayBuffer},
		{URL: "/ok", JSONP: true, DataType: "text", ResponseType: client.ResponseTypeArrayBuffer},
	} {
		resp, err := c.Request(context.Background(), opt)
		if err != nil {
			t.Fatal(err)
		}
		if m, ok := resp.Data.(map[string]any); !ok || m["from"] != "/ok" {
			t.Errorf("DataType %q ResponseType %q: Data is %T %v; want the parsed payload", opt.DataType, opt.ResponseType, resp.Data, resp.Data)
		}
	}
}

// Express's res.jsonp answer reaches the caller as data, in one attempt.
func TestJSONPExpressAnswer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cb := r.URL.Query().Get("callback")
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprintf(w, "/**/ typeof %s === 'function' && %s({\"a\":1});", cb, cb)
	}))
	defer srv.Close()
	resp, err := client.New().Request(context.Background(), client.Option{URL: srv.URL, JSONP: true})
	if err != nil || resp.Attempts != 1 {
		t.Fatalf("%v after %d attempts", err, resp.Attempts)
	}
	if m, ok := resp.Data.(map[string]any); !ok || m["a"] != float64(1) {
		t.Fatalf("data %#v", resp.Data)
	}
}
