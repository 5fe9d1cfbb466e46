package middleware_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/datacheck"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/store"
	"github.com/taroreq/taroreq/middleware/timeout"
)

// plainWho names the users a request's credentials say it is for:
// Authorization (Bearer, or Basic from URL userinfo), a Cookie sid,
// X-Remote-User, X-Workspace, access_token. "anon" for none, CONFLICT for
// several.
func plainWho(r *http.Request) string {
	var ids []string
	add := func(s string) {
		if s != "" && !slices.Contains(ids, s) {
			ids = append(ids, s)
		}
	}
	if a := r.Header.Get("Authorization"); strings.HasPrefix(a, "Bearer ") {
		add(strings.TrimPrefix(a, "Bearer "))
	} else if strings.HasPrefix(a, "Basic ") {
		b, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(a, "Basic "))
		add(strings.SplitN(string(b), ":", 2)[0])
	}
	for _, ck := range r.Cookies() {
		if ck.Name == "sid" {
			add(ck.Value)
		}
	}
	add(r.Header.Get("X-Remote-User"))
	add(r.Header.Get("X-Workspace"))
	add(r.URL.Query().Get("access_token"))
	if len(ids) == 0 {
		return "anon"
	}
	slices.Sort(ids)
	return strings.Join(ids, "+")
}

// Users share one plain http.Client over a chain of the layers (store,
// backup, datacheck, HTTP cache, retry, breaker, timeout), each sending
// their credentials in one form or another to the same URLs: every answer,
// and its user-specific headers, is the caller's (or the backup's, which
// answers anonymously; or, in a shared cache, a public entry), and the
// backup's origin never receives a credential. Fixed seeds; about 1.5 s.
// Run it with -race.
func TestStressPlainChainUsers(t *testing.T) {
	for _, tc := range []struct {
		name         string
		check        bool // the store answers before the network
		storeOn      bool
		shared       bool
		withoutCache bool
	}{
		{name: "store-check+private"}, {name: "fallback-store+shared", storeOn: true, shared: true},
		{name: "nostore+private", storeOn: false}, {name: "store+nocache", storeOn: true, check: true, withoutCache: true},
	} {
		if tc.name == "store-check+private" {
			tc.storeOn, tc.check = true, true
		}
		t.Run(tc.name, func(t *testing.T) {
			plainStress(t, tc.storeOn, tc.check, tc.shared, tc.withoutCache, 7)
		})
	}
}

func plainStress(t *testing.T, storeOn, check, shared, withoutCache bool, seed uint64) {
	var mu sync.Mutex
	srng := rand.New(rand.NewPCG(seed, 99))
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		who := plainWho(r)
		if strings.Contains(who, "+") {
			t.Errorf("%s got several users' credentials: %s", r.URL, who)
		}
		mu.Lock()
		fail, nap := srng.IntN(3) == 0, time.Duration(srng.IntN(1500))*time.Microsecond
		mu.Unlock()
		time.Sleep(nap)
		h := w.Header()
		h.Set("X-Who", who)
		h.Set("X-User-Token", "tok-"+who)
		switch p := r.URL.Path; p {
		case "/pub":
			h.Set("Cache-Control", "public, max-age=60")
		case "/priv":
			h.Set("Cache-Control", "private, max-age=60")
		case "/nc":
			h.Set("Cache-Control", "no-cache")
			h.Set("ETag", `"v1"`)
		case "/etag":
			h.Set("Cache-Control", "max-age=0")
			h.Set("ETag", `"v1"`)
		case "/vary":
			h.Set("Cache-Control", "max-age=60")
			h.Set("Vary", "Authorization, Cookie")
		case "/hop":
			http.Redirect(w, r, "/priv", http.StatusFound)
			return
		case "/flaky", "/down":
			h.Set("Cache-Control", "max-age=60")
			if fail || p == "/down" {
				w.WriteHeader(http.StatusServiceUnavailable)
				fmt.Fprintf(w, `{"user":%q}`, who)
				return
			}
		}
		if r.Header.Get("If-None-Match") == `"v1"` && h.Get("ETag") != "" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprintf(w, `{"user":%q,"v":"1"}`, who)
	}))
	defer a.Close()
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if who := plainWho(r); who != "anon" {
			t.Errorf("the backup's origin got credentials for %s: %s %v", who, r.URL, r.Header)
		}
		w.Header().Set("X-Who", "anon")
		fmt.Fprint(w, `{"user":"anon","v":"1","from":"b"}`)
	}))
	defer b.Close()

	var layers []middleware.Middleware
	if storeOn {
		var opts []store.Option
		if check {
			opts = append(opts, store.WithCheck(func(_ *http.Response, body []byte) bool { return strings.Contains(string(body), `"v":"1"`) }))
		}
		layers = append(layers, store.Middleware(store.NewMemory(), append(opts, store.WithCredentialHeaders("X-Workspace"))...))
	}
	layers = append(layers,
		backup.Middleware(backup.WithURLs(b.URL+"/b"), backup.WithCredentialHeaders("X-Workspace")),
		datacheck.Middleware(datacheck.WithCheck(func(_ *http.Response, body []byte) bool { return json.Valid(body) })))
	if !withoutCache {
		opts := []httpcache.Option{httpcache.WithCredentialHeaders("X-Workspace")}
		if shared {
			opts = append(opts, httpcache.WithShared())
		}
		layers = append(layers, httpcache.Middleware(opts...))
	}
	layers = append(layers,
		retry.Middleware(retry.WithRetryTimes(2), retry.WithBackoff(nil, time.Millisecond, 2*time.Millisecond)),
		breaker.Middleware(), timeout.Middleware(timeout.WithTimeout(time.Second)))
	hc := &http.Client{Transport: middleware.Chain(nil, layers...),
		CheckRedirect: func(r *http.Request, via []*http.Request) error {
			if r.URL.Host != via[0].URL.Host {
				return http.ErrUseLastResponse // net/http's own rule is not the layers'
			}
			return nil
		}}
	defer hc.CloseIdleConnections()

	paths := []string{"/pub", "/priv", "/nc", "/etag", "/vary", "/hop", "/flaky", "/down"}
	deadline := time.Now().Add(350 * time.Millisecond)
	var calls atomic.Int32
	worker := func(user string, wseed uint64) {
		rng := rand.New(rand.NewPCG(seed, wseed))
		for i := 0; i < 300 && time.Now().Before(deadline); i++ {
			p := paths[rng.IntN(len(paths))]
			u, _ := url.Parse(a.URL + p)
			req, _ := http.NewRequest("GET", u.String(), nil)
			if user != "anon" {
				switch rng.IntN(8) {
				case 6: // keys as a map literal may spell them
					req.Header["x-workspace"] = []string{user}
				case 7:
					req.Header["authorization"] = []string{"Bearer " + user}
				case 0:
					req.Header.Set("Authorization", "Bearer "+user)
				case 1:
					req.Header.Set("Cookie", "sid="+user)
				case 2:
					req.Header.Set("X-Remote-User", user)
				case 3:
					req.Header.Set("X-Workspace", user)
				case 4:
					req.URL.User = url.UserPassword(user, "pw")
				case 5:
					req.URL.RawQuery = "access_token=" + user
				}
			}
			resp, err := hc.Do(req)
			calls.Add(1)
			if err != nil {
				continue // an open circuit, say; no data to check
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			var m struct{ User, From string }
			json.Unmarshal(body, &m)
			got := m.User
			if got == "" {
				if resp.StatusCode == http.StatusOK {
					t.Errorf("%s %s: %d %q", user, p, resp.StatusCode, body)
				}
				continue
			}
			publicEntry := shared && p == "/pub"
			if got != user && got != "anon" && !publicEntry {
				t.Errorf("%s got %s's data from %s (%d, %v)", user, got, p, resp.StatusCode, resp.Header)
			}
			// (anon: the backup's answer, after a 503 or with the circuit
			// open; a public entry; /hop's Location drops a query token)
			if got == "anon" && user != "anon" && m.From != "b" && p != "/hop" && !publicEntry {
				t.Errorf("%s got the anonymous answer of %s (%v)", user, p, resp.Header)
			}
			if w := resp.Header.Get("X-Who"); w != "" && w != got && !publicEntry {
				t.Errorf("%s %s: body of %s with X-Who %s", user, p, got, w)
			}
			if tok := resp.Header.Get("X-User-Token"); tok != "" && tok != "tok-"+user && tok != "tok-anon" {
				t.Errorf("%s %s: another user's token header %q", user, p, tok)
			}
		}
	}
	var wg sync.WaitGroup
	for i, u := range []string{"alice", "alice", "bob", "bob", "carol", "anon"} {
		wg.Add(1)
		go func() { defer wg.Done(); worker(u, uint64(i)) }()
	}
	wg.Wait()
	t.Logf("%d calls", calls.Load())
}
