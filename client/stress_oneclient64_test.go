package client_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/httpcache"
	reqlog "github.com/taroreq/taroreq/middleware/log"
	"github.com/taroreq/taroreq/middleware/store"
	"github.com/taroreq/taroreq/plugins/oteltaroreq"
)

// o64User is one end user of the shared client: each credential form it
// may send, and the text that names it in an answer.
type o64User struct {
	name, token, cookie, workspace string
}

var o64Users = []o64User{
	{"alice", "tokAlice-7f3a", "sid=ckAlice-91c2", "wsAlice-55d0"},
	{"bobby", "tokBobby-2e8b", "sid=ckBobby-0a4f", "wsBobby-c3e1"},
}

// o64Who is the user a request's credentials name, "anon" for none, or
// "mixed:..." when two forms name two users (a header crossed callers).
func o64Who(r *http.Request) string {
	seen := map[string]bool{}
	for _, u := range o64Users {
		if r.Header.Get("Authorization") == "Bearer "+u.token || basicUser(r) == u.name ||
			strings.Contains(r.Header.Get("Cookie"), u.cookie) ||
			r.Header.Get("X-Workspace") == u.workspace {
			seen[u.name] = true
		}
	}
	switch len(seen) {
	case 0:
		return "anon"
	case 1:
		for n := range seen {
			return n
		}
	}
	return fmt.Sprintf("mixed:%v", seen)
}

// basicUser is the user of a request's Basic credentials, from a URL's
// userinfo.
func basicUser(r *http.Request) string {
	u, _, _ := r.BasicAuth()
	return u
}

// o64Serve answers each path with the user the request names, in the
// shapes the layers treat differently; violations are what an origin saw
// that it must not.
func o64Serve(backup bool, violate func(string, ...any)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u := o64Who(r)
		if strings.HasPrefix(u, "mixed") {
			violate("%s %s got %s", r.Host, r.URL, u)
		}
		host, _, _ := net.SplitHostPort(r.Host)
		if (backup || host == "localhost") && u != "anon" {
			violate("another origin %s %s got %s's credentials", r.Host, r.URL, u)
		}
		if r.Header.Get("Proxy-Authorization") != "" {
			violate("%s got Proxy-Authorization", r.URL)
		}
		k := r.URL.Query().Get("k")
		etag := fmt.Sprintf(`"%s-%s-%s"`, strings.Trim(r.URL.Path, "/"), u, k)
		h := w.Header()
		h.Set("Content-Type", "application/json")
		h.Set("X-Echo-User", u)
		h.Set("ETag", etag)
		if rand.IntN(4) == 0 {
			h.Add("Set-Cookie", "srv="+u+"; Path=/")
			h.Set("X-Session-Token", "sess-"+u)
		}
		pad := ""
		switch r.URL.Path {
		case "/va":
			h.Set("Vary", "Authorization")
			h.Set("Cache-Control", "private, max-age=1")
		case "/vc":
			h.Set("Vary", "Cookie, X-Workspace")
			h.Set("Cache-Control", "max-age=1")
		case "/mr": // shared across Authorization users, revalidated by each
			h.Set("Cache-Control", "max-age=0, must-revalidate")
		case "/pub":
			u, etag = "public", `"pub"`
			h.Set("ETag", etag)
			h.Del("Set-Cookie")
			h.Del("X-Session-Token")
			h.Set("X-Echo-User", u)
			h.Set("Cache-Control", "public, max-age=1")
		case "/slow":
			time.Sleep(time.Duration(rand.IntN(30)) * time.Millisecond)
			h.Set("Cache-Control", "max-age=0")
		case "/flaky", "/down":
			if !backup && (r.URL.Path == "/down" || rand.IntN(3) == 0) {
				w.WriteHeader(http.StatusServiceUnavailable)
				fmt.Fprintf(w, `{"user":%q}`, u)
				return
			}
		case "/big": // over a pooled chunk, cut at times
			pad = strings.Repeat(u[:1], 200<<10)
			h.Set("Cache-Control", "max-age=1")
		}
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		body := fmt.Sprintf(`{"user":%q,"v":"1","pad":%q}`, u, pad)
		if !backup && (r.URL.Path == "/big" || r.URL.Path == "/slow") && rand.IntN(4) == 0 {
			h.Set("Content-Length", fmt.Sprint(len(body)))
			w.WriteHeader(http.StatusOK)
			w.Write([]byte(body[:len(body)/2])) // cut mid-body: retried
			flush(w)
			panic(http.ErrAbortHandler)
		}
		fmt.Fprint(w, body)
	}
}

// TestStressOneClientSixtyFourGoroutinesTwoUsers: one client with every
// layer (store, HTTP cache private or shared, backups, retry, breaker,
// tracing) serves two users from 64 goroutines at once, on the same URLs,
// with answers that differ per user, some slow, 5xx, cut mid-body, 304
// revalidations, Vary on Authorization and Cookie, bodies over the pooled
// read chunk. No answer, header or byte of one user reaches the other, no
// origin sees two users' credentials in one request or a credential on
// another origin, and no span holds a secret. Run it with -race.
func TestStressOneClientSixtyFourGoroutinesTwoUsers(t *testing.T) {
	for _, shared := range []bool{false, true} {
		t.Run(fmt.Sprintf("shared=%v", shared), func(t *testing.T) { o64Run(t, shared) })
	}
}

func o64Run(t *testing.T, shared bool) {
	var mu sync.Mutex
	var violations []string
	violate := func(f string, a ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(violations) < 20 {
			violations = append(violations, fmt.Sprintf(f, a...))
		}
	}
	primary := httptest.NewServer(o64Serve(false, violate))
	defer primary.Close()
	backup := httptest.NewServer(o64Serve(true, violate))
	defer backup.Close()
	pu, _ := url.Parse(primary.URL)
	_, pport, _ := net.SplitHostPort(pu.Host)
	primaryAsLocalhost := "http://localhost:" + pport // the same server, another origin

	sr := tracetest.NewSpanRecorder()
	tp := trace.NewTracerProvider(trace.WithSpanProcessor(sr))
	defer tp.Shutdown(context.Background())
	var hc []httpcache.Option
	if shared {
		hc = append(hc, httpcache.WithShared())
	}
	c := client.New(client.WithBaseURL(primary.URL),
		client.WithStore(store.NewMemory()), client.WithHTTPCache(hc...),
		client.WithCredentialHeaders("X-Workspace"),
		client.WithBreaker(breaker.WithThreshold(50)),
		oteltaroreq.Instrument(oteltaroreq.WithTracerProvider(tp)))
	defer c.CloseIdleConnections()
	var logMu sync.Mutex
	var logBuf strings.Builder
	c.AddInterceptor(reqlog.Interceptor(slog.New(slog.NewTextHandler(lockedWriter{&logMu, &logBuf}, nil))))

	paths := []string{"/va", "/vc", "/mr", "/pub", "/slow", "/flaky", "/big", "/down"}
	const goroutines, calls = 64, 12
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(g), 29))
			for range calls {
				o64Call(t, c, rng, paths, primary.URL, backup.URL, primaryAsLocalhost)
			}
		}()
	}
	wg.Wait()
	for _, v := range violations {
		t.Error(v)
	}
	logMu.Lock()
	logText := logBuf.String()
	logMu.Unlock()
	if !strings.Contains(logText, "/va?k=") {
		t.Errorf("the request log recorded no call:\n%.300s", logText)
	}
	for _, u := range o64Users {
		for _, secret := range []string{u.token, u.cookie, u.workspace, "pw-" + u.name} {
			if strings.Contains(logText, secret) {
				t.Errorf("the request log holds %s's secret %q", u.name, secret)
			}
		}
	}
	for _, s := range sr.Ended() {
		text := fmt.Sprint(s.Name(), s.Attributes(), s.Events(), s.Status())
		for _, u := range o64Users {
			for _, secret := range []string{u.token, u.cookie, u.workspace, "pw-" + u.name} {
				if strings.Contains(text, secret) {
					t.Errorf("span %q holds %s's secret %q: %s", s.Name(), u.name, secret, text)
				}
			}
		}
	}
}

// o64Call makes one call as a random user (or none) with a random subset
// of its credential forms, and checks that what came back is its own.
func o64Call(t *testing.T, c *client.Client, rng *rand.Rand, paths []string, primaryURL, backupURL, primaryAsLocalhost string) {
	t.Helper()
	me, forms := "anon", 0
	h := http.Header{}
	if n := rng.IntN(5); n < 4 {
		u := o64Users[n%2]
		me = u.name
		forms = 1 + rng.IntN(15) // a non-empty subset of the four forms
		if forms&1 != 0 {
			h.Set("Authorization", "Bearer "+u.token)
		}
		if forms&2 != 0 {
			h.Set("Cookie", u.cookie)
		}
		if forms&4 != 0 {
			h.Set("X-Workspace", u.workspace)
		}
	}
	p := paths[rng.IntN(len(paths))]
	target := fmt.Sprintf("%s?k=%d", p, rng.IntN(3))
	opt := client.Option{URL: target, Header: h, Timeout: 3 * time.Second}
	if me != "anon" && forms&8 != 0 { // the URL's userinfo, sent as Basic
		opt.URL = strings.Replace(primaryURL, "//", "//"+me+":pw-"+me+"@", 1) + target
	}
	if rng.IntN(3) == 0 {
		opt.UseStore, opt.StoreCheckKey, opt.StoreSign = true, "v", "1"
	}
	viaBackup := rng.IntN(3) == 0
	if viaBackup {
		opt.Mode = client.ModeCORS
		opt.Backup = []string{backupURL + target, primaryAsLocalhost + target}
	}
	if rng.IntN(4) == 0 {
		opt.Cache = []client.Cache{client.CacheNoCache, client.CacheReload, client.CacheForceCache}[rng.IntN(3)]
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var heard []string // what header listeners heard: each answer's user
	var heardMu sync.Mutex
	var resp *client.Response
	var err error
	switch kind := rng.IntN(4); {
	case kind == 1: // a Task whose header listeners hear each answer
		task := c.Go(ctx, opt, func(task *client.Task) {
			task.OnHeadersReceived(func(hd client.Headers) {
				heardMu.Lock()
				heard = append(heard, hd.Header.Get("X-Echo-User"))
				heardMu.Unlock()
			})
		})
		resp, err = task.Wait()
	case kind == 2 && !opt.UseStore: // HEAD: the answer's header alone
		opt.Method = http.MethodHead
		resp, err = c.Request(ctx, opt)
	case kind == 3 && !opt.UseStore && opt.Cache == "": // a stream read whole
		opt.EnableChunked = true
		if resp, err = c.Request(ctx, opt); err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			var m map[string]any
			if json.Unmarshal(b, &m) == nil {
				resp.Data = m
			}
		}
	default:
		resp, err = c.Request(ctx, opt)
	}
	heard = append(heard, resp.Header.Get("X-Echo-User"))
	for _, who := range heard {
		if who != "" && who != me && who != "public" && (who != "anon" || me != "anon" && !viaBackup) {
			t.Errorf("%s %s %s: an answer of %s's was heard or returned", me, opt.Method, opt.URL, who)
		}
	}
	secrets := func(text string) {
		for _, u := range o64Users {
			for _, s := range []string{u.token, u.cookie, u.workspace, "pw-" + u.name} {
				if strings.Contains(text, s) {
					t.Errorf("%s %s: a text form holds %s's secret: %s", me, opt.URL, u.name, text)
				}
			}
		}
	}
	if err != nil {
		secrets(err.Error())
	}
	secrets(resp.ErrMsg)
	m, _ := resp.Data.(map[string]any)
	got, _ := m["user"].(string)
	if resp.Data != nil && m == nil {
		t.Errorf("%s %s: data %T %.80v", me, opt.URL, resp.Data, resp.Data)
	}
	ok := got == "" || got == me || got == "public" || got == "anon" && (me == "anon" || viaBackup)
	if !ok {
		t.Errorf("%s %s (backup %v, store %v, cache %q): got %s's answer, status %d, err %v",
			me, opt.URL, viaBackup, opt.UseStore, opt.Cache, got, resp.StatusCode, err)
	}
	if pad, _ := m["pad"].(string); pad != "" && (got == "" || strings.Trim(pad, got[:1]) != "") {
		t.Errorf("%s %s: body bytes of two answers in one: user %q, pad of %d bytes not all %q",
			me, opt.URL, got, len(pad), got[:min(1, len(got))])
	}
	for k, vs := range resp.Header {
		for _, v := range vs {
			for _, u := range o64Users {
				if u.name != me && strings.Contains(v, u.name) {
					t.Errorf("%s %s: header %s: %q names %s", me, opt.URL, k, v, u.name)
				}
			}
		}
	}
}
