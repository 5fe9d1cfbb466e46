package client_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	reqlog "github.com/taroreq/taroreq/middleware/log"
	"github.com/taroreq/taroreq/middleware/store"
)

// e2eOrigin is a loopback origin that tags what it hands out with its own
// name, so a credential seen anywhere says where it was meant to go.
type e2eOrigin struct {
	name string
	srv  *httptest.Server
	url  string // as the callers spell it (localhost for one of them)
	down atomic.Bool
	mu   sync.Mutex
	bad  []string // credentials seen that were not made for this origin
}

// e2eUser reads who a request is from: a bearer token, an API key, basic
// auth (from userinfo) or the session cookie, each "user@origin".
func (o *e2eOrigin) user(r *http.Request) string {
	var found []string
	if v := r.Header.Get("Authorization"); v != "" {
		if b, ok := strings.CutPrefix(v, "Basic "); ok {
			raw, _ := base64.StdEncoding.DecodeString(b)
			_, v, _ = strings.Cut(string(raw), ":")
		}
		found = append(found, strings.TrimPrefix(v, "Bearer "))
	}
	if v := r.Header.Get("X-Api-Key"); v != "" {
		found = append(found, v)
	}
	for _, ck := range r.Cookies() {
		found = append(found, ck.Value)
	}
	who := "anon"
	for _, f := range found {
		u, origin, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(f, "tok-"), "sess-"), "@")
		u = strings.TrimPrefix(u, "key-")
		u = strings.TrimPrefix(u, "pw-")
		if origin != o.name {
			o.mu.Lock()
			o.bad = append(o.bad, fmt.Sprintf("%s %s got %q", o.name, r.URL, f))
			o.mu.Unlock()
		}
		if who != "anon" && who != u {
			o.mu.Lock()
			o.bad = append(o.bad, fmt.Sprintf("%s %s mixes users %s and %s", o.name, r.URL, who, u))
			o.mu.Unlock()
		}
		who = u
	}
	return who
}

// e2eGates hold a /stream answer until its Task's listener is registered
// (keyed by the request's gate parameter); e2eGateN names them.
var (
	e2eGates sync.Map
	e2eGateN atomic.Int64
)

func (o *e2eOrigin) serve(w http.ResponseWriter, r *http.Request) {
	u := o.user(r)
	q := r.URL.Query()
	if o.down.Load() || r.URL.Path == "/down" {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, `{"user":%q}`, u)
		return
	}
	switch r.URL.Path {
	case "/login":
		http.SetCookie(w, &http.Cookie{Name: "sid", Value: "sess-" + q.Get("u") + "@" + o.name, Path: "/"})
		fmt.Fprintf(w, `{"user":%q}`, q.Get("u"))
		return
	case "/to":
		http.Redirect(w, r, q.Get("u"), http.StatusFound)
		return
	case "/stream":
		if ch, ok := e2eGates.Load(q.Get("gate")); ok {
			<-ch.(chan struct{}) // the Task's chunk listener is on before any chunk goes out
		}
		for i := 0; i < 5; i++ {
			fmt.Fprintf(w, "%s-%d\n", u, i)
			w.(http.Flusher).Flush()
		}
		return
	}
	if cc := q.Get("cc"); cc != "" {
		w.Header().Set("Cache-Control", cc)
	}
	w.Header().Set("ETag", `"`+u+`"`)
	w.Header().Set("Set-Cookie", "last="+u+"@"+o.name+"; Path=/")
	w.Header().Set("X-Echo-User", u)
	w.Header().Set("Content-Type", "application/json")
	code := 0
	if q.Get("fail") == "1" {
		code = 1
	}
	fmt.Fprintf(w, `{"user":%q,"origin":%q,"code":%d}`, u, o.name, code)
}

func e2eOrigins(t *testing.T) (a, b, s *e2eOrigin, tr http.RoundTripper) {
	a, b, s = &e2eOrigin{name: "A"}, &e2eOrigin{name: "B"}, &e2eOrigin{name: "S"}
	a.srv = httptest.NewServer(http.HandlerFunc(a.serve))
	b.srv = httptest.NewServer(http.HandlerFunc(b.serve))
	s.srv = httptest.NewTLSServer(http.HandlerFunc(s.serve))
	for _, o := range []*e2eOrigin{a, b, s} {
		t.Cleanup(o.srv.Close)
	}
	a.url = a.srv.URL
	b.url = strings.Replace(b.srv.URL, "127.0.0.1", "localhost", 1)
	s.url = s.srv.URL
	return a, b, s, s.srv.Client().Transport
}

func e2eCheckOrigins(t *testing.T, os ...*e2eOrigin) {
	t.Helper()
	for _, o := range os {
		o.mu.Lock()
		for _, m := range o.bad {
			t.Error("credential crossed: " + m)
		}
		o.mu.Unlock()
	}
}

func e2eUserOf(r *client.Response) string {
	m, _ := r.Data.(map[string]any)
	s, _ := m["user"].(string)
	return s
}

var e2eSecrets = []string{"tok-", "key-", "sess-", "pw-"}

// e2eClean fails when a secret shows in an error or an ErrMsg.
func e2eClean(t *testing.T, resp *client.Response, err error) {
	t.Helper()
	texts := []string{resp.ErrMsg}
	if err != nil {
		texts = append(texts, err.Error(), fmt.Sprintf("%+v", err))
	}
	for _, s := range texts {
		for _, sec := range e2eSecrets {
			if strings.Contains(s, sec) {
				t.Errorf("secret %q in %q", sec, s)
			}
		}
	}
}

// e2eOwn fails when a response carries another user's data, header or cookie.
func e2eOwn(t *testing.T, step, user string, resp *client.Response, allowed ...string) {
	t.Helper()
	other := map[string]string{"alice": "bob", "bob": "alice"}[user]
	got := e2eUserOf(resp)
	if got == other {
		t.Errorf("%s: %s got %s's data: %v", step, user, other, resp.Data)
	}
	for k, vs := range resp.Header {
		for _, v := range vs {
			if strings.Contains(v, other) {
				t.Errorf("%s: %s got %s's header %s: %s", step, user, other, k, v)
			}
		}
	}
	for _, ck := range resp.Cookies {
		if strings.Contains(ck.Value, other) {
			t.Errorf("%s: %s got %s's cookie %v", step, user, other, ck)
		}
	}
}

// The README's Use, HTTP cache, store, Security and streaming examples as
// a service runs them: one client shared by alice and bob, interleaved and
// concurrent, three origins (one https, one spelled localhost).
func TestReadmeEndToEndTwoUsersSharedClient(t *testing.T) {
	a, b, s, tr := e2eOrigins(t)
	var logMu sync.Mutex
	var logBuf strings.Builder
	var evTexts []string
	logger := slog.New(slog.NewTextHandler(lockedWriter{&logMu, &logBuf}, nil))
	events := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			resp, err := next.RoundTrip(r)
			for _, e := range middleware.CallFrom(r.Context()).Events() {
				logMu.Lock()
				evTexts = append(evTexts, fmt.Sprint(e.Name, " ", e.URL, " ", e.Err))
				logMu.Unlock()
			}
			return resp, err
		})
	}
	c := client.New(client.WithBaseURL(a.url), client.WithTransport(tr), client.WithOuterLayers(events),
		client.WithInterceptors(reqlog.Interceptor(logger)),
		client.WithHTTPCache(), client.WithStore(store.NewMemory()))
	ctx := context.Background()

	run := func(t *testing.T, user string, i int) {
		auth := http.Header{"Authorization": {"Bearer tok-" + user + "@A"}, "X-Api-Key": {"key-" + user + "@A"}}
		// Use: DataCheck fails over to another origin's backup.
		resp, err := c.Request(ctx, client.Option{URL: "/items", Header: auth,
			Data:   map[string]any{"page": 2, "q": "go & taro", "fail": i % 2},
			Backup: []string{b.url + "/items", s.url + "/items"}, Mode: client.ModeCORS,
			DataCheck: func(r *client.Response) bool { m, _ := r.Data.(map[string]any); return m["code"] == 0.0 },
		})
		e2eClean(t, resp, err)
		e2eOwn(t, "use", user, resp)
		// The HTTP cache, each Cache-Control.
		for _, cc := range []string{"public, max-age=60", "private, max-age=60", "no-store", "max-age=0", "no-cache"} {
			resp, err = c.Request(ctx, client.Option{URL: "/me?cc=" + cc, Header: auth})
			e2eClean(t, resp, err)
			e2eOwn(t, "cache "+cc, user, resp)
			if got := e2eUserOf(resp); got != user {
				t.Errorf("cache %s: %s got %q (cache %v)", cc, user, got, resp.FromCache)
			}
		}
		// Userinfo, then a redirect to the other origins and back.
		u := strings.Replace(a.url, "://", "://"+user+":pw-"+user+"%40A@", 1)
		resp, err = c.Request(ctx, client.Option{URL: u + "/to?u=" + b.url + "/to?u=" + s.url + "/to?u=" + a.url + "/me",
			Header: auth, Mode: client.ModeCORS, Cache: client.CacheNoStore})
		e2eClean(t, resp, err)
		e2eOwn(t, "redirect", user, resp)
		if got := e2eUserOf(resp); got != "anon" {
			t.Errorf("redirect back: credentials followed %s: %q", user, got)
		}
		// Do[T], a Task with listeners, a chunked Task.
		res, err := client.Do[struct{ User string }](ctx, c, client.Option{URL: "/me?cc=max-age=60", Header: auth, UseStore: true})
		e2eClean(t, res.Response, err)
		if res.Value.User != user {
			t.Errorf("Do: %s got %q", user, res.Value.User)
		}
		task := c.Go(ctx, client.Option{URL: "/me?cc=max-age=60", Header: auth})
		var heard []string
		var mu sync.Mutex
		task.OnHeadersReceived(func(h client.Headers) { mu.Lock(); heard = append(heard, h.Header.Get("X-Echo-User")); mu.Unlock() })
		resp, err = task.Wait()
		e2eClean(t, resp, err)
		e2eOwn(t, "task", user, resp)
		mu.Lock()
		for _, h := range heard {
			if h != user {
				t.Errorf("task listener: %s heard %q", user, h)
			}
		}
		mu.Unlock()
		gateID, gate := fmt.Sprint(e2eGateN.Add(1)), make(chan struct{})
		e2eGates.Store(gateID, gate)
		task = c.Go(ctx, client.Option{URL: "/stream?gate=" + gateID, Header: auth, EnableChunked: true})
		var got strings.Builder
		task.OnChunkReceived(func(p []byte) { mu.Lock(); got.Write(p); mu.Unlock() })
		close(gate)
		resp, err = task.Wait()
		e2eClean(t, resp, err)
		mu.Lock()
		if !strings.HasPrefix(got.String(), user+"-0") || strings.Contains(got.String(), map[string]string{"alice": "bob", "bob": "alice"}[user]) {
			t.Errorf("chunks: %s got %q", user, got.String())
		}
		mu.Unlock()
		// Direct call to the https origin with its own credentials.
		resp, err = c.Request(ctx, client.Option{URL: s.url + "/me?cc=max-age=60", Mode: client.ModeCORS,
			Header: http.Header{"Authorization": {"Bearer tok-" + user + "@S"}}})
		e2eClean(t, resp, err)
		if got := e2eUserOf(resp); got != user {
			t.Errorf("https: %s got %q", user, got)
		}
		// A failure with secrets everywhere.
		resp, err = c.Request(ctx, client.Option{URL: u + "/down?access_token=tok-" + user + "@A", Header: auth,
			RetryTimes: client.NoRetry, Mode: client.ModeCORS, Backup: []string{s.url + "/down?api_key=key-" + user + "@S"}})
		e2eClean(t, resp, err)
		e2eOwn(t, "down", user, resp)
	}
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		for _, user := range []string{"alice", "bob"} {
			wg.Add(1)
			go func() { defer wg.Done(); run(t, user, i) }()
		}
	}
	wg.Wait()
	e2eCheckOrigins(t, a, b, s)
	logMu.Lock()
	defer logMu.Unlock()
	for _, text := range append(evTexts, logBuf.String()) {
		for _, sec := range e2eSecrets {
			if strings.Contains(text, sec) {
				t.Errorf("secret %q in log or event: %s", sec, text)
			}
		}
	}
	if len(evTexts) == 0 || logBuf.Len() == 0 {
		t.Errorf("no events (%d) or log (%d)", len(evTexts), logBuf.Len())
	}
}
