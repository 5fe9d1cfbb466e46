package client_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/retry"
)

// credForms gives user's credentials to o in one form, chosen at random,
// or now and then in several at once (carol's are her jar cookie, which a
// form of this list may join). One form each makes two users' requests the
// same but for it: what a partition that missed it would confuse.
func credForms(rng *rand.Rand, o *client.Option, user string) (via int) {
	h := http.Header{}
	q := url.Values{}
	forms := 1
	if rng.IntN(4) == 0 {
		forms = 2 + rng.IntN(3)
	}
	if user == "carol" {
		forms = 0 // the jar's user: whoever its session is
	}
	for range forms {
		switch rng.IntN(10) {
		case 8: // keys as a map literal may spell them
			h["x-workspace"] = []string{user}
		case 9:
			h["authorization"] = []string{"Bearer " + user}
		case 6:
			h.Set("Cookie", "sid="+user)
		case 7: // an outer layer or an interceptor sets it, from the ctx
			via = 1 + rng.IntN(2)
		case 0:
			h.Set("Authorization", "Bearer "+user)
		case 1:
			h.Set("X-Remote-User", user)
		case 2:
			h.Set("X-Workspace", user)
		case 3:
			if !strings.Contains(o.URL, "@") && !strings.Contains(o.URL, "?") {
				u, _ := url.Parse(o.URL)
				if !u.IsAbs() {
					break
				}
				u.User = url.UserPassword(user, "pw")
				o.URL = u.String()
			} else {
				h.Set("Authorization", "Bearer "+user)
			}
		case 4:
			q.Set("access_token", user)
		case 5:
			if !strings.Contains(o.URL, "?") {
				o.URL += "?access_token=" + user
			} else {
				q.Set("access_token", user)
			}
		}
	}
	if user != "carol" && len(h) == 0 && len(q) == 0 && via == 0 && !strings.Contains(o.URL, "@") && !strings.Contains(o.URL, "?") {
		h.Set("X-Remote-User", user)
	}
	o.Header = h
	if len(q) > 0 {
		o.Data = q
	}
	return via
}

type ctxUser struct{ via int }

// userFromCtx is the user a caller's ctx names for the layer via (1: an
// outer layer, 2: an interceptor).
func userFromCtx(ctx context.Context, via int) string {
	u, _ := ctx.Value(ctxUser{via}).(string)
	return u
}

// Users share one client, each sending their credentials in a random mix
// of forms (Authorization, URL userinfo, X-Remote-User, an X-Workspace named
// by WithCredentialHeaders, access_token in the URL or the data, a Cookie
// header, a token an outer layer or an interceptor sets from the ctx) to
// the same URLs, through the store, the HTTP cache (none, private, shared),
// retries after 503s, coalesced misses, redirects through a second origin
// and backups on it; one more uses the jar, whose session another goroutine
// flips between carol and erin every millisecond or so. Every answer, and
// its user-specific headers, is the caller's own (the jar's session, when
// it held one session all along), or anonymous from the second origin, or,
// in a shared cache, another user's where the origin said public or
// must-revalidate to Authorization, as documented; the second origin never
// receives a credential of the first. Fixed seeds (TAROREQ_STRESS_SEED
// replays another); about 2 s in all. Run it with -race.
func TestStressCredentialFormsOneClient(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cache []httpcache.Option
	}{{"nocache", nil}, {"private", []httpcache.Option{}}, {"shared", []httpcache.Option{httpcache.WithShared()}}} {
		t.Run(tc.name, func(t *testing.T) { stressCredForms(t, tc.cache, stressSeed(t, 42)) })
	}
}

func stressCredForms(t *testing.T, cache []httpcache.Option, seed uint64) {
	var bURL atomic.Value
	a := credOrigin(t, seed, func(*http.Request) string { return bURL.Load().(string) })
	defer a.Close()
	var leaked atomic.Int32
	var b *httptest.Server
	b = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if who := whoSent(r); who != "anon" {
			leaked.Add(1)
			t.Errorf("the backup's origin got credentials for %s: %s %v", who, r.URL, r.Header)
		}
		if r.URL.Path == "/via-b" {
			w.Header().Set("Location", a.URL+"/priv")
			w.WriteHeader(http.StatusFound)
			return
		}
		w.Header().Set("X-Who", "anon")
		w.Header().Set("Cache-Control", "max-age=60")
		fmt.Fprint(w, `{"user":"anon","v":"1"}`)
	}))
	defer b.Close()
	bURL.Store(b.URL)
	outer := func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			if u := userFromCtx(r.Context(), 1); u != "" {
				r = r.Clone(r.Context())
				r.Header.Set("Authorization", "Bearer "+u)
				r.Header.Set("X-Remote-User", u)
			}
			return next.RoundTrip(r)
		})
	}
	icpt := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		if u := userFromCtx(ctx, 2); u != "" && (opt.URL[0] == '/' || strings.HasPrefix(opt.URL, a.URL)) {
			h := http.Header{"X-Workspace": {u}}
			for k, v := range opt.Header {
				h[k] = v
			}
			opt.Header = h
		}
		return proceed(ctx, opt)
	}
	opts := []client.ClientOption{client.WithBaseURL(a.URL), client.WithCredentialHeaders("X-Workspace"),
		client.WithOuterLayers(outer), client.WithInterceptors(icpt),
		client.WithRetry(retry.WithBackoff(nil, time.Millisecond, 2*time.Millisecond))}
	if cache != nil {
		opts = append(opts, client.WithHTTPCache(cache...))
	}
	c := client.New(opts...)
	defer c.CloseIdleConnections()
	ctx := context.Background()
	// The jar's session flips between carol and erin (another goroutine
	// logs in): epoch is odd while a login is under way, and sessions[e/2]
	// the session of an even epoch e.
	var epoch atomic.Int64
	sessions := []string{"carol"}
	frng := rand.New(rand.NewPCG(seed, 1000))
	for range 2000 {
		sessions = append(sessions, []string{"carol", "erin"}[frng.IntN(2)])
	}
	login := func(as string) {
		if _, err := c.Request(ctx, client.Option{URL: "/login?as=" + as, Credentials: client.CredentialsInclude, Cache: client.CacheNoStore}); err != nil {
			t.Error(err)
		}
	}
	login(sessions[0])
	shared := len(cache) > 0
	paths := []string{"/pub", "/priv", "/ma", "/mr", "/nc", "/etag", "/vary-auth", "/vary-cookie", "/vary-star", "/flaky", "/down", "/to-b", "/via-b"}
	modes := []client.Cache{"", client.CacheNoCache, client.CacheForceCache, client.CacheReload, client.CacheNoStore}
	deadline := time.Now().Add(600 * time.Millisecond)
	var calls, fromStore, fromCache, anonAnswers atomic.Int32
	worker := func(user string, wseed uint64) {
		rng := rand.New(rand.NewPCG(seed, wseed))
		for i := 0; i < 400 && time.Now().Before(deadline); i++ {
			p := paths[rng.IntN(len(paths))]
			o := client.Option{URL: a.URL + p, Timeout: time.Second}
			if rng.IntN(2) == 0 {
				o.URL = p
			}
			cctx := ctx
			if user != "anon" {
				if via := credForms(rng, &o, user); via != 0 {
					cctx = context.WithValue(ctx, ctxUser{via}, user)
				}
			}
			if user == "carol" {
				o.Credentials = []client.Credentials{client.CredentialsInclude, client.CredentialsSameOrigin}[rng.IntN(2)]
			}
			if rng.IntN(2) == 0 {
				o.UseStore = true
				if rng.IntN(2) == 0 {
					o.StoreCheckKey, o.StoreSign = "v", "1"
				}
			}
			if p == "/down" || p == "/to-b" || p == "/via-b" || rng.IntN(4) == 0 {
				o.Backup = []string{b.URL + p}
				o.Mode = client.ModeCORS
			}
			if cache != nil {
				o.Cache = modes[rng.IntN(len(modes))]
			}
			e1 := epoch.Load()
			r, err := c.Request(cctx, o)
			jarUser := ""
			if e2 := epoch.Load(); user == "carol" && e1 == e2 && e1%2 == 0 {
				jarUser = sessions[e1/2] // the jar held one session all along
			}
			calls.Add(1)
			if r == nil {
				t.Errorf("nil response: %v", err)
				continue
			}
			m, _ := r.Data.(map[string]any)
			got, _ := m["user"].(string)
			if err == nil && got == "" {
				t.Errorf("%s %s: no user in %v (%v)", user, p, r.Data, r.ErrMsg)
				continue
			}
			if got == "" {
				continue
			}
			// A shared cache's public and must-revalidate entries answer
			// every user, and a 304 updates their fields (X-Who) as RFC
			// 9111 4.3.4 has it: only their credential fields stay apart.
			// (must-revalidate: when its request carried Authorization, 3.5)
			sharedEntry := shared && (p == "/pub" || p == "/mr" && m["auth"] == true)
			// (anon: b's answer, or a redirect's hop back from b, which
			// carries no credential header)
			ok := got == user || got == "anon" && (user == "anon" || len(o.Backup) > 0) || sharedEntry
			if user == "carol" && !sharedEntry {
				ok = got == jarUser || got == "anon" && len(o.Backup) > 0 ||
					jarUser == "" && (got == "carol" || got == "erin")
			}
			if !ok {
				t.Errorf("%s got %s's data from %s (%s, store %v, cache %v, opt %+v)", user, got, p, r.URL, r.FromStore, r.FromCache, o)
			}
			// (a call the jar changed session under may get the entry it
			// looked up with the fields of the 304 the other session got)
			if w := r.Header.Get("X-Who"); w != "" && w != got && !sharedEntry && !(user == "carol" && jarUser == "") {
				t.Errorf("%s %s: body of %s with X-Who %s (store %v, cache %v, jar session %q)", user, p, got, w, r.FromStore, r.FromCache, jarUser)
			}
			if tok := r.Header.Get("X-User-Token"); tok != "" && tok != "tok-"+user && tok != "tok-anon" &&
				!(user == "carol" && (tok == "tok-"+jarUser || jarUser == "" && tok == "tok-erin")) {
				t.Errorf("%s %s: another user's token header %q (store %v, cache %v)", user, p, tok, r.FromStore, r.FromCache)
			}
			if r.FromStore {
				fromStore.Add(1)
			}
			if r.FromCache {
				fromCache.Add(1)
			}
			if got == "anon" && user != "anon" {
				anonAnswers.Add(1)
			}
		}
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the session flips, every millisecond or so
		defer wg.Done()
		for k := 1; k < len(sessions) && time.Now().Before(deadline); k++ {
			epoch.Add(1)
			login(sessions[k])
			epoch.Add(1)
			time.Sleep(time.Duration(frng.IntN(1500)) * time.Microsecond)
		}
	}()
	for i, u := range []string{"alice", "alice", "bob", "bob", "carol", "carol", "anon"} {
		wg.Add(1)
		go func() { defer wg.Done(); worker(u, uint64(i)) }()
	}
	wg.Wait()
	t.Logf("%d calls, %d from the store, %d from the cache, %d anonymous backup answers", calls.Load(), fromStore.Load(), fromCache.Load(), anonAnswers.Load())
}

// stressSeed is TAROREQ_STRESS_SEED when set (to replay or explore), else def.
func stressSeed(t *testing.T, def uint64) uint64 {
	if s := os.Getenv("TAROREQ_STRESS_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	return def
}
