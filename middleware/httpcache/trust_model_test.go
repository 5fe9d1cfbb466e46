package httpcache_test

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// A model of users and origins over one storage: random steps (a user, a
// method, a host spelling, the origin's Cache-Control, Vary and Set-Cookie
// for that step, the origin down or not, the clock moved on), some of them
// concurrent, through four layers (two New, two stacks of one Middleware)
// on one storage, private and shared, with and without one partition key.
// The origin names in its answer (body and X-Who field, also in a 304) the
// credentials it answered and the host it was asked as. Every answer a user
// gets must be that user's, or one the origin made every user's in a shared
// cache (public, s-maxage, must-revalidate to Authorization alone) for the
// values of the fields its Vary names; of that host; with no Set-Cookie but
// the user's own.
func TestModelNoAnswerCrossesUsersOrHosts(t *testing.T) {
	seeds := uint64(24)
	if testing.Short() {
		seeds = 4
	}
	for seed := range seeds {
		for _, shared := range []bool{false, true} {
			runUserModel(t, seed, shared)
		}
	}
}

type modelUser struct {
	name   string
	header map[string]string
	info   string // userinfo, which net/http sends as Authorization: Basic
}

var modelUsers = []modelUser{
	{name: "anon"},
	{name: "alice", header: map[string]string{"Authorization": "A"}},
	{name: "bob", header: map[string]string{"Authorization": "B"}},
	{name: "carol", header: map[string]string{"Cookie": "sid=c"}},
	{name: "dave", header: map[string]string{"Authorization": "A", "X-Workspace": "d"}}, // WithCredentialHeaders
	{name: "frank", header: map[string]string{"Authorization": "A", "Cookie": "sid=f"}},
	{name: "erin", info: "erin:pw"},
	{name: "gus", info: "gus:pw"},
}

var modelCacheControls = []string{"max-age=60", "public, max-age=60", "s-maxage=60", "max-age=60, must-revalidate",
	"private, max-age=60", "no-cache", "public, no-cache", "max-age=1, stale-while-revalidate=600",
	"max-age=1, stale-if-error=600", "public, max-age=1, stale-if-error=600", "max-age=0, must-revalidate", "no-store",
	"must-understand, no-store, max-age=60", `public, max-age=60, no-cache="Set-Cookie"`,
	"s-maxage=1, stale-while-revalidate=600", "public, max-age=1, stale-while-revalidate=600"}

var modelVarys = []string{"", "", "Authorization", "Cookie", "X-Workspace"}

// modelWho is what the origin knows of a requester.
func modelWho(h http.Header) string {
	return "a=" + h.Get("Authorization") + ",w=" + h.Get("X-Workspace") + ",c=" + h.Get("Cookie")
}

func (u modelUser) request(method, hostPort, path string) *http.Request {
	info := ""
	if u.info != "" {
		info = u.info + "@"
	}
	req, _ := http.NewRequest(method, "http://"+info+hostPort+path, nil)
	for k, v := range u.header {
		req.Header.Set(k, v)
	}
	return req
}

func (u modelUser) who() string {
	if u.info != "" {
		return modelWho(http.Header{"Authorization": {"Basic " + base64.StdEncoding.EncodeToString([]byte(u.info))}})
	}
	h := http.Header{}
	for k, v := range u.header {
		h.Set(k, v)
	}
	return modelWho(h)
}

// everyones reports whether a shared cache may serve who's answer with
// Cache-Control cc to other users.
func everyones(shared bool, cc, who string) bool {
	onlyAuthorization := strings.HasSuffix(who, ",w=,c=") && !strings.HasPrefix(who, "a=,")
	return shared && (strings.Contains(cc, "public") || strings.Contains(cc, "s-maxage") ||
		strings.Contains(cc, "must-revalidate") && onlyAuthorization)
}

// sameVaried reports whether me has the values who had of the fields vary
// names.
func sameVaried(vary, who, me string) bool {
	fields := func(w string) map[string]string {
		a, rest, _ := strings.Cut(strings.TrimPrefix(w, "a="), ",w=")
		ws, c, _ := strings.Cut(rest, ",c=")
		return map[string]string{"Authorization": a, "X-Workspace": ws, "Cookie": c}
	}
	had, have := fields(who), fields(me)
	for _, n := range strings.Split(vary, ",") {
		if n = strings.TrimSpace(n); had[n] != have[n] {
			return false
		}
	}
	return true
}

type modelOrigin struct {
	*origin
	mu              sync.Mutex
	cc, vary        string
	setCookie, down bool
	version         map[string]int
	slow            atomic.Bool // concurrent steps: answers take a while, misses coalesce
}

func newModelOrigin(t *testing.T, clk *clock) *modelOrigin {
	m := &modelOrigin{version: map[string]int{}}
	m.origin = newOrigin(t, m.serve)
	m.clock = clk
	return m
}

func (m *modelOrigin) serve(w http.ResponseWriter, r *http.Request) {
	if m.slow.Load() {
		time.Sleep(20 * time.Millisecond)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if r.Method == http.MethodPost {
		m.version[r.URL.Path]++
		w.WriteHeader(http.StatusNoContent)
		return
	}
	who := modelWho(r.Header)
	// The entity tag names what the answer depends on: a 304 confirms a
	// stored answer only to a request that would be given the same.
	dep := ""
	if !strings.Contains(m.cc, "public") && !strings.Contains(m.cc, "s-maxage") {
		dep = who
	}
	for _, n := range strings.Split(m.vary, ",") {
		if n != "" {
			dep += "|" + n + "=" + r.Header.Get(n)
		}
	}
	etag := fmt.Sprintf(`"%s-%d-%x"`, r.URL.Path, m.version[r.URL.Path], dep)
	w.Header().Set("Cache-Control", m.cc)
	if m.vary != "" {
		w.Header().Set("Vary", m.vary)
	}
	w.Header().Set("X-Who", who)
	if m.setCookie {
		w.Header().Set("Set-Cookie", "s="+who)
	}
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	fmt.Fprintf(w, "who=%s;cc=%s;vary=%s;host=%s;", who, m.cc, m.vary, r.Host)
}

// transport is the origin's, refused while it is down.
func (m *modelOrigin) transport() http.RoundTripper {
	return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		m.mu.Lock()
		down := m.down
		m.mu.Unlock()
		if down {
			middleware.CloseRequestBody(r)
			return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
		}
		return m.Client().Transport.RoundTrip(r)
	})
}

func runUserModel(t *testing.T, seed uint64, shared bool) {
	rnd := rand.New(rand.NewPCG(seed, 7))
	clk := newClock()
	o := newModelOrigin(t, clk)
	defer o.Close()
	opts := []httpcache.Option{httpcache.WithClock(clk.Now), httpcache.WithStorage(store.NewMemory()),
		httpcache.WithCredentialHeaders("X-Workspace")}
	if seed%3 == 1 {
		opts = append(opts, httpcache.WithPartitionKey([]byte("replicas")))
	}
	if shared {
		opts = append(opts, httpcache.WithShared())
	}
	mw := httpcache.Middleware(opts...)
	layers := []http.RoundTripper{httpcache.New(o.transport(), opts...), httpcache.New(o.transport(), opts...),
		mw(o.transport()), mw(o.transport())}
	wait := func() {
		for _, l := range layers {
			l.(*httpcache.Transport).Wait()
		}
	}
	defer wait()
	port := o.URL[strings.LastIndexByte(o.URL, ':'):]
	var steps []string
	for range 20 {
		o.mu.Lock()
		o.cc, o.vary = modelCacheControls[rnd.IntN(len(modelCacheControls))], modelVarys[rnd.IntN(len(modelVarys))]
		o.setCookie, o.down = rnd.IntN(3) == 0, rnd.IntN(6) == 0
		step := fmt.Sprintf("cc=%q vary=%q set-cookie=%v down=%v:", o.cc, o.vary, o.setCookie, o.down)
		o.mu.Unlock()
		method := []string{http.MethodGet, http.MethodGet, http.MethodGet, http.MethodGet, http.MethodGet,
			http.MethodGet, http.MethodGet, http.MethodGet, http.MethodPost, http.MethodHead}[rnd.IntN(10)]
		host := []string{"127.0.0.1", "localhost", "LOCALHOST"}[rnd.IntN(3)] + port
		path := []string{"/p0", "/p1"}[rnd.IntN(2)]
		layer := layers[rnd.IntN(len(layers))]
		if method == http.MethodGet && rnd.IntN(3) == 0 {
			// Concurrent misses of three users on one layer.
			var wg sync.WaitGroup
			o.slow.Store(true)
			for range 3 {
				u := modelUsers[rnd.IntN(len(modelUsers))]
				step += " " + u.name
				wg.Go(func() { checkModelAnswer(t, layer, u, u.request(method, host, path), shared) })
			}
			wg.Wait()
			o.slow.Store(false)
		} else {
			u := modelUsers[rnd.IntN(len(modelUsers))]
			req := u.request(method, host, path)
			if rnd.IntN(8) == 0 {
				req.Header.Set("Range", "bytes=0-8")
			}
			if rnd.IntN(8) == 0 {
				req.Header.Set("Cache-Control", []string{"no-cache", "max-stale=1000", "only-if-cached", "stale-if-error=1000"}[rnd.IntN(4)])
			}
			step += fmt.Sprintf(" %s %s %s%s %q", u.name, method, host, path, req.Header.Get("Cache-Control"))
			checkModelAnswer(t, layer, u, req, shared)
		}
		steps = append(steps, step)
		wait()
		if t.Failed() {
			t.Fatalf("seed %d, shared %v, after:\n%s", seed, shared, strings.Join(steps, "\n"))
		}
		clk.Add([]time.Duration{0, 0, 5 * time.Second, 100 * time.Second}[rnd.IntN(4)])
	}
}

// checkModelAnswer sends req for u through layer and checks what it got.
func checkModelAnswer(t *testing.T, layer http.RoundTripper, u modelUser, req *http.Request, shared bool) {
	hc := &http.Client{Transport: layer, Timeout: 5 * time.Second}
	resp, err := hc.Do(req)
	if err != nil {
		return // only-if-cached, the origin down: nothing served
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	me := u.who()
	crossed := func(what, who, cc, vary string) {
		if who != "" && who != me && !(everyones(shared, cc, who) && sameVaried(vary, who, me)) {
			t.Errorf("%s (%s) was served the %s of %s (Cache-Control %q, Vary %q)", u.name, me, what, who, cc, vary)
		}
	}
	if parts := strings.SplitN(string(b), ";", 5); len(parts) == 5 && strings.HasPrefix(parts[0], "who=") {
		crossed("body", strings.TrimPrefix(parts[0], "who="), strings.TrimPrefix(parts[1], "cc="), strings.TrimPrefix(parts[2], "vary="))
		if !strings.EqualFold(parts[3], "host="+req.URL.Host) {
			t.Errorf("%s at %s was served the answer of %s", u.name, req.URL.Host, parts[3])
		}
	}
	crossed("X-Who field", resp.Header.Get("X-Who"), resp.Header.Get("Cache-Control"), resp.Header.Get("Vary"))
	if sc := resp.Header.Get("Set-Cookie"); sc != "" && sc != "s="+me {
		t.Errorf("%s (%s) was served Set-Cookie %q", u.name, me, sc)
	}
}
