package httpcache_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// setCookieOrigin sets a session cookie on every answer, 200 or 304, named
// after the caller (X-Caller, which no Vary names), and records whom it
// answered. validate makes its answers need revalidation (no-cache with an
// ETag) instead of being fresh for a minute.
func setCookieOrigin(t *testing.T, validate bool, answered *sync.Map) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		who := r.Header.Get("X-Caller")
		answered.Store(who, true)
		http.SetCookie(w, &http.Cookie{Name: "sid", Value: "session-of-" + who, Path: "/", HttpOnly: true})
		w.Header().Set("Cache-Control", "public, max-age=60")
		if validate {
			w.Header().Set("Cache-Control", "public, no-cache")
			w.Header().Set("ETag", `"v1"`)
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		_, _ = io.WriteString(w, "home page")
	}))
	t.Cleanup(srv.Close)
	return srv
}

// A Set-Cookie is for the one client it was sent to: that client gets it,
// whether it came with a 200 or a 304, and no later caller is handed it
// from the stored copy: not in a shared cache, where a public answer serves
// users with other cookies, nor in a private one's anonymous partition,
// where callers without credentials share entries.
func TestNeverReplaysSetCookie(t *testing.T) {
	for _, tc := range []struct {
		name     string
		shared   bool
		validate bool
	}{
		{"shared fresh", true, false},
		{"shared revalidated", true, true},
		{"private fresh", false, false},
		{"private revalidated", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var answered sync.Map
			origin := setCookieOrigin(t, tc.validate, &answered)
			var opts []httpcache.Option
			if tc.shared {
				opts = append(opts, httpcache.WithShared())
			}
			tr := httpcache.New(http.DefaultTransport, opts...)
			hc := &http.Client{Transport: tr}
			defer hc.CloseIdleConnections()
			cookie := map[string]string{"alice": "sid=a", "bob": "sid=b", "anon1": "", "anon2": ""}
			if !tc.shared {
				cookie = map[string]string{"anon1": "", "anon2": "", "anon3": ""}
			}
			callers := []string{"alice", "bob", "anon1", "anon2"}
			if !tc.shared {
				callers = []string{"anon1", "anon2", "anon3"}
			}
			for _, who := range callers {
				req, _ := http.NewRequest("GET", origin.URL+"/home", nil)
				req.Header.Set("X-Caller", who)
				if cookie[who] != "" {
					req.Header.Set("Cookie", cookie[who])
				}
				resp, err := hc.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if string(b) != "home page" {
					t.Fatalf("%s: body %q", who, b)
				}
				got := resp.Header.Values("Set-Cookie")
				_, fromOrigin := answered.Load(who)
				switch {
				case fromOrigin && (len(got) != 1 || !strings.Contains(got[0], "session-of-"+who)):
					t.Errorf("%s lost its own Set-Cookie: %q", who, got)
				case !fromOrigin && len(got) != 0:
					t.Errorf("%s, answered from the cache, was handed %q", who, got)
				}
			}
			n := 0
			answered.Range(func(any, any) bool { n++; return true })
			if want := map[bool]int{false: 1, true: len(callers)}[tc.validate]; n != want {
				t.Errorf("the origin answered %d callers, want %d (fresh: one, then hits)", n, want)
			}
		})
	}
}

// Callers that wait on an exchange another caller started share its
// answer, but not its Set-Cookie: the origin answered that caller's
// request, and the session it opens is that caller's alone.
func TestJoinedCallersGetNoSetCookie(t *testing.T) {
	started := make(chan struct{})
	release := make(chan struct{})
	var sent atomic.Int64
	origin := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		if sent.Add(1) == 1 {
			close(started)
			<-release
		}
		h := http.Header{"Cache-Control": {"public, max-age=60"}, "Set-Cookie": {"sid=first; Path=/"}}
		return &http.Response{StatusCode: 200, Header: h, Body: io.NopCloser(strings.NewReader("page")), Request: r}, nil
	})
	tr := httpcache.New(origin)
	get := func(out *string, wg *sync.WaitGroup) {
		defer wg.Done()
		req, _ := http.NewRequest("GET", "http://origin.test/home", nil)
		resp, err := tr.RoundTrip(req)
		if err != nil {
			t.Error(err)
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		*out = string(b) + " " + strings.Join(resp.Header.Values("Set-Cookie"), ",")
	}
	var first, second, third string
	var wg sync.WaitGroup
	wg.Add(1)
	go get(&first, &wg)
	<-started // the first caller's exchange is under way
	wg.Add(2)
	go get(&second, &wg)
	go get(&third, &wg)
	time.Sleep(100 * time.Millisecond) // they join it
	close(release)
	wg.Wait()
	if n := sent.Load(); n != 1 {
		t.Fatalf("the origin got %d requests, want 1 shared by three callers", n)
	}
	if first != "page sid=first; Path=/" || second != "page " || third != "page " {
		t.Errorf("first %q, second %q, third %q; want the first alone to get its Set-Cookie", first, second, third)
	}
}
