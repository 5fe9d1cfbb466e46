package client_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/store"
)

// The harness's second half: what tfServe answers is reshaped on its way
// out, so that the same calls also meet an event stream (a request that
// accepts text/event-stream gets the answer as one event, and reconnects
// at once), cookies with
// Domain and Path attributes (a redirect hop's and a backup's included),
// 304s and answers that carry a session in a header field named like a
// credential, and a redirect Location holding the caller's user:pass. The
// calls may also go through the README's AddInterceptor snippet (a user's
// token for the client's origin only), as Events, or as a Task whose
// chunk listeners are heard.

// tfServeMore reshapes next's answers (but a dropped connection's).
func tfServeMore(o *tfOrigin, next http.HandlerFunc) http.HandlerFunc {
	var mu sync.Mutex
	var n uint64
	return func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/drop/") {
			next(w, r)
			return
		}
		caller := r.Header.Get("X-Caller")
		if _, p, ok := r.BasicAuth(); ok && strings.Contains(p, "-lui") && caller != "" && !strings.HasPrefix(p, caller) {
			o.violation("%s's request carried a Location's user:pass %q", caller, p)
		}
		mu.Lock()
		n++
		v := n
		mu.Unlock()
		rec := httptest.NewRecorder()
		next(rec, r)
		h := w.Header()
		for k, vs := range rec.Header() {
			h[k] = vs
		}
		cks := h.Values("Set-Cookie")
		h.Del("Set-Cookie")
		for i, ck := range cks {
			attr := []string{"", "; Domain=127.0.0.1", "; Path=/r", "; Path=/r/", "; Domain=127.0.0.1; Path=/r", "; Path=/login"}[(v+uint64(i))%6]
			h.Add("Set-Cookie", strings.Replace(ck, "; Path=/", "", 1)+attr)
		}
		named := caller != "" && strings.Contains(r.Header.Get("Authorization")+r.Header.Get("Cookie")+r.Header.Get("X-Auth-Token"), caller)
		if named && (rec.Code == http.StatusNotModified || v%3 == 0) { // a session handed out in a header
			h.Set("X-Session-Token", caller+"-sst")
		}
		if loc := h.Get("Location"); strings.HasPrefix(loc, "/") {
			h.Set("Location", o.srv.URL+loc)
		}
		if h.Get("Location") != "" { // a redirect the HTTP cache may keep
			h.Set("Cache-Control", []string{"max-age=60", "", "private, max-age=60", "no-cache"}[v%4])
		}
		if loc := h.Get("Location"); named && v%3 == 0 && strings.HasPrefix(loc, "http://") {
			h.Set("Location", strings.Replace(loc, "//", "//"+caller+":"+caller+"-lui@", 1))
		}
		if loc := h.Get("Location"); loc != "" && r.Header.Get("X-Call-Mode") != "" { // a client's call: tfSpell
			h.Set("Location", tfSpell(loc, int(v)))
		}
		if vy := h.Values("Vary"); len(vy) > 0 { // Vary as origins spell it: case, blanks, lines
			switch names := strings.Join(vy, ","); v % 4 {
			case 1:
				h["Vary"] = []string{strings.ToLower(names)}
			case 2:
				h["Vary"] = []string{"Accept-Language", " " + strings.ToUpper(strings.ReplaceAll(names, ",", " ,\t")) + " "}
			case 3:
				h["Vary"] = append([]string{""}, strings.Split(names, ",")...)
			}
		}
		body := rec.Body.Bytes()
		if rec.Code == http.StatusOK && strings.Contains(r.Header.Get("Accept"), "text/event-stream") {
			h.Set("Content-Type", "text/event-stream")
			h.Del("Content-Length")
			body = fmt.Appendf(nil, "retry: 1\nid: %d\ndata: %s\n\n", v, bytes.TrimSpace(bytes.ReplaceAll(body, []byte("\n"), []byte(" "))))
		}
		w.WriteHeader(rec.Code)
		w.Write(body)
	}
}

// tfInterceptor is the README's AddInterceptor snippet, the token the
// calling user's.
func tfInterceptor(c *client.Client) client.Interceptor {
	return func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		call, _ := ctx.Value(tfCallerKey{}).(tfCall)
		if call.icp == 0 || !c.SameOrigin(opt.URL) {
			return proceed(ctx, opt)
		}
		h := http.Header{"Authorization": {"Bearer " + call.user + "-icp"}}
		for k, v := range opt.Header {
			h[k] = v
		}
		opt.Header = h
		return proceed(ctx, opt)
	}
}

// tfMoreCall makes a call the harness's first half does not: as Events,
// or as a Task with chunk listeners. It returns what the user got.
func tfMoreCall(ctx context.Context, rng *rand.Rand, c *client.Client, opt client.Option) (*client.Response, string, error) {
	if rng.IntN(2) == 0 {
		var got []string
		var err error
		opt.Header = opt.Header.Clone()
		if opt.Header == nil {
			opt.Header = http.Header{}
		}
		opt.Header.Set("Accept", "text/event-stream")
		opt.UseStore, opt.StoreCheck, opt.Cache = false, nil, "" // Events refuses them
		ctx, cancel := context.WithTimeout(ctx, time.Second)     // no reconnection wait
		defer cancel()
		for ev, e := range c.Events(ctx, opt) {
			if e != nil {
				err = e
				break
			}
			if got = append(got, ev.Data+" "+ev.ID); len(got) == 2 { // the second after a reconnection
				break
			}
		}
		return nil, strings.Join(got, " "), err
	}
	opt.EnableChunked, opt.UseStore, opt.StoreCheck, opt.Cache = true, false, nil, ""
	var mu sync.Mutex
	var heard bytes.Buffer
	task := c.Go(ctx, opt, func(t *client.Task) {
		t.OnChunkReceived(func(b []byte) {
			mu.Lock()
			heard.Write(b)
			mu.Unlock()
		})
		t.OnHeadersReceived(func(h client.Headers) {
			mu.Lock()
			fmt.Fprint(&heard, h)
			mu.Unlock()
		})
	})
	resp, err := task.Wait()
	mu.Lock()
	defer mu.Unlock()
	return resp, heard.String(), err
}

// tfSetup makes the world of a seed, and clients over one store and one
// HTTP cache storage with one partition key, as replicas on one Redis.
func tfSetup(t *testing.T, seed uint64, shared bool) (*tfWorld, func() *client.Client) {
	w := tfNewWorld(t)
	w.shared = shared
	prng := rand.New(rand.NewPCG(seed, 99))
	redirs := []string{"0", "0", "301", "302", "307", "308", "self", "503", "A", "302f", "drop", "drop"}
	for range 6 {
		w.paths = append(w.paths, fmt.Sprintf("/r/%d/%d/%d/%s/%d", prng.IntN(len(tfCC)), prng.IntN(len(tfVary)),
			prng.IntN(2), redirs[prng.IntN(len(redirs))], prng.IntN(2)))
	}
	key := []byte("replicas' partition key")
	st, cacheSt := store.NewMemory(), store.NewMemory()
	return w, func() *client.Client {
		var hc []httpcache.Option
		hc = append(hc, httpcache.WithStorage(cacheSt))
		if shared {
			hc = append(hc, httpcache.WithShared())
		}
		c := client.New(client.WithBaseURL(tfSpell(w.orig["A"].srv.URL, int(seed))), client.WithStore(st), client.WithHTTPCache(hc...),
			client.WithPartitionKey(key), client.WithInnerLayers(tfLayer(true)), client.WithOuterLayers(tfLayer(false)),
			client.WithCredentialHeaders("X-Workspace"),
			client.WithRetry(retry.WithBackoff(retryablehttp.LinearJitterBackoff, time.Millisecond, 2*time.Millisecond)))
		c.AddInterceptor(tfInterceptor(c))
		return c
	}
}

// tfWriteInAnswer sends r through next; the outer layer (not inner) then
// writes in the answer for its caller (u), as a layer that tags answers
// with their user does: above the store and the HTTP cache, what it writes
// is that caller's, never an entry's.
func tfWriteInAnswer(inner bool, u string, next http.RoundTripper, r *http.Request) (*http.Response, error) {
	resp, err := next.RoundTrip(r)
	if !inner && u != "" && resp != nil && resp.Header != nil {
		resp.Header.Add("X-Served-To", u+"-sto")
	}
	return resp, err
}

// tfOptionMore draws the dimensions tfOption's first draws leave alone
// (drawn after them, so that those stay what they were): a DataCheck that
// turns the network's answers down (each URL fails, then the store's
// fallback answers, stale sign or not), the default store check by
// StoreCheckKey and StoreSign, the body as text or bytes, a JSONP callback
// name of the caller's and JSONPCache; alice's DataCheck also writes in
// the answers it is handed (user u's). It says what it drew.
func tfOptionMore(rng *rand.Rand, o *client.Option, u string) string {
	var d strings.Builder
	if !o.EnableChunked {
		switch rng.IntN(5) {
		case 0: // every network answer fails the check: the store's data may still answer
			o.DataCheck = func(r *client.Response) bool { return r.FromStore }
			d.WriteString(" datacheck=storeonly")
		case 1:
			o.DataCheck = func(r *client.Response) bool { return r.StatusCode == http.StatusOK }
			d.WriteString(" datacheck=200")
		}
		if dc := o.DataCheck; dc != nil && u == "alice" { // alice's check writes in what it is handed
			o.DataCheck = func(r *client.Response) bool {
				if r.Header != nil {
					r.Header.Add("X-Checked-For", u+"-dck")
				}
				return dc(r)
			}
			d.WriteString(" datacheck-writes")
		}
		if o.UseStore && rng.IntN(2) == 0 { // the default check: stored field srv is A
			o.StoreCheck, o.StoreCheckKey, o.StoreSign = nil, "srv", "A"
			d.WriteString(" storecheck=srv:A")
		}
	}
	switch rng.IntN(6) {
	case 0:
		o.DataType = "text"
		d.WriteString(" datatype=text")
	case 1:
		o.ResponseType = client.ResponseTypeArrayBuffer
		d.WriteString(" responsetype=arraybuffer")
	}
	if o.JSONP {
		if rng.IntN(2) == 0 {
			o.JSONPCallback = "cb" + strconv.Itoa(rng.IntN(3))
		}
		o.JSONPCache = rng.IntN(2) == 0
		fmt.Fprintf(&d, " callback=%q jsonpcache=%v", o.JSONPCallback, o.JSONPCache)
	}
	return d.String()
}
