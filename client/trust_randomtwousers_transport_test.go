package client_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/store"
)

// The harness's third part: what tells the users apart is not a header
// the client is given but a transport of theirs (client.WithTransport),
// their connection, or a header that says who the user is. Each run's
// clients share one store and one HTTP cache storage, by their own layers
// or by one set of key-less layers (WithLayers), under one partition key
// or, where README's Security requires it (users told apart by the
// connection alone), a key each.

// tfTransportToken is the header a user's transport sets, as
// golang.org/x/oauth2's sets Authorization; it goes wherever the request
// goes (README: a transport is below the layer that strips credentials).
const tfTransportToken = "X-Access-Token"

// tfConnHeader is what tfConnIdentity tells the handlers of a request's
// connection: no client sends it.
const tfConnHeader = "X-Tf-Conn-User"

// The header names README's rule takes for ones that say who the user is.
var tfIdentWords = []string{"X-Tenant-Id", "X-Account-Id", "X-Forwarded-Groups", "X-Consumer-Id"}

// tfConnIdentity tells next whose transport dialed the request's
// connection, as a server reads a TLS client certificate.
func tfConnIdentity(w *tfWorld, next http.HandlerFunc) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		r.Header.Del(tfConnHeader)
		local, _ := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
		if local == nil {
			next(rw, r)
			return
		}
		if u, ok := w.conns.Load(tfConnKey(r.RemoteAddr, local.String())); ok {
			r.Header.Set(tfConnHeader, u.(string)+"-cn")
		}
		next(rw, r)
	}
}

// tfConnKey names a connection by both its ends: Linux gives one local
// port to connections to different origins at once, so the client's end
// alone may name another user's connection.
func tfConnKey(clientEnd, serverEnd string) string { return clientEnd + ">" + serverEnd }

// tfConnTransport is a user's own transport, whose connections the
// origins know as the user's; it sends each request as it is.
func tfConnTransport(t *testing.T, w *tfWorld, user string) *http.Transport {
	tr := &http.Transport{MaxIdleConnsPerHost: 4, DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		conn, err := d.DialContext(ctx, network, addr)
		if err == nil {
			w.conns.Store(tfConnKey(conn.LocalAddr().String(), conn.RemoteAddr().String()), user)
		}
		return conn, err
	}}
	t.Cleanup(tr.CloseIdleConnections)
	return tr
}

// tfTokenTransport sets a user's token on the requests it sends: on a
// clone (golang.org/x/oauth2's Transport), on the request it is handed
// (against the RoundTripper contract, as some do), or on a clone with the
// token of the user the request's context names (one client, many users).
type tfTokenTransport struct {
	how  string // "clone", "inplace" or "ctx"
	user string
	base http.RoundTripper
}

func (tt *tfTokenTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	user := tt.user
	switch tt.how {
	case "inplace":
		r.Header.Set(tfTransportToken, user+"-tt")
		return tt.base.RoundTrip(r)
	case "ctx":
		c, _ := r.Context().Value(tfCallerKey{}).(tfCall)
		user = c.user
	}
	r2 := r.Clone(r.Context())
	r2.Header.Set(tfTransportToken, user+"-tt")
	return tt.base.RoundTrip(r2)
}

// tfIdentOnly makes o a call whose one credential is a header that says
// who u is (X-Tenant-Id…), or with w.connOnly none: none in its URL, data,
// or in the layers'.
func tfIdentOnly(rng *rand.Rand, w *tfWorld, o client.Option, u string) (client.Option, string) {
	if at := strings.Index(o.URL, "@"); at > 0 {
		o.URL = "http://" + o.URL[at+1:]
	}
	o.URL, _, _ = strings.Cut(o.URL, ";")
	o.URL, _, _ = strings.Cut(o.URL, "?")
	if d, ok := o.Data.(map[string]any); ok {
		o.Data = map[string]any{"n": d["n"]}
	}
	o.Header, o.Credentials = nil, ""
	if !w.connOnly && !tfOn(w.orig["B"], o.URL) && rng.IntN(4) > 0 { // the header is A's
		name := tfIdentWords[rng.IntN(len(tfIdentWords))]
		o.Header = http.Header{name: {u + "-idw"}}
		if name == "X-Forwarded-Groups" {
			o.Header.Set(name, "staff,"+u+"-idw")
		}
		if o.Mode == client.ModeNoCORS {
			o.Mode = client.ModeCORS
		}
	}
	return o, fmt.Sprintf("%s %s %s data=%v hdr=%v mode=%q store=%v cache=%q backup=%v jsonp=%v chunked=%v (no other credential)",
		u, o.Method, o.URL, o.Data, o.Header, o.Mode, o.UseStore, o.Cache, o.Backup, o.JSONP, o.EnableChunked)
}

// tfTwoUserSetup says how a run's clients are made.
type tfTwoUserSetup struct {
	transport    string // "" the default, "clone", "inplace", "ctx" (one client), "conn"
	oneClient    bool
	keyEach      bool // a partition key each (else one key for both)
	sharedLayers bool // WithLayers: one set of DefaultLayers, with a key-less HTTP cache layer
	identOnly    bool // tfIdentOnly: no jar, no layer's or interceptor's token
	connOnly     bool // as identOnly, without the identity header
	nested       bool // tfNest: each user's calls go through an outer client over their client's Transport()
}

// tfRunTwoUsers runs the harness's calls with the clients setup says.
func tfRunTwoUsers(t *testing.T, seed uint64, steps, conc int, setup tfTwoUserSetup) []string {
	w := tfNewWorld(t)
	w.identOnly, w.connOnly = setup.identOnly, setup.connOnly
	prng := rand.New(rand.NewPCG(seed, 99))
	redirs := []string{"0", "0", "301", "302", "307", "308", "self", "503", "A", "302f", "drop", "drop"}
	for range 6 {
		w.paths = append(w.paths, fmt.Sprintf("/r/%d/%d/%d/%s/%d", prng.IntN(len(tfCC)), prng.IntN(len(tfVary)),
			prng.IntN(2), redirs[prng.IntN(len(redirs))], prng.IntN(2)))
	}
	st, cacheSt := store.NewMemory(), store.NewMemory()
	fastRetry := retry.WithBackoff(retryablehttp.LinearJitterBackoff, time.Millisecond, 2*time.Millisecond)
	var layers []middleware.Middleware
	if setup.sharedLayers {
		// DefaultLayers' own store, the retry layer with the harness's
		// backoff, and a cache layer given no key: each client's calls
		// go under its own partition.
		layers = client.DefaultLayers()
		i := len(layers) - 3 // retry, breaker, timeout
		layers[i] = retry.Middleware(fastRetry)
		layers = slices.Insert(layers, i, httpcache.Middleware(httpcache.WithStorage(cacheSt)))
	}
	outerSt, outerCacheSt := store.NewMemory(), store.NewMemory()
	base := &http.Transport{MaxIdleConnsPerHost: 4}
	t.Cleanup(base.CloseIdleConnections)
	newClient := func(user string) *client.Client {
		key := "replicas' partition key"
		if setup.keyEach {
			key += " of " + user
		}
		opts := []client.ClientOption{client.WithBaseURL(tfSpell(w.orig["A"].srv.URL, int(seed))), client.WithPartitionKey([]byte(key)),
			client.WithInnerLayers(tfLayer(true)), client.WithCredentialHeaders("X-Workspace")}
		if !setup.nested { // else tfNest's client has it
			opts = append(opts, client.WithOuterLayers(tfLayer(false)))
		}
		if setup.sharedLayers {
			opts = append(opts, client.WithLayers(layers...))
		} else {
			opts = append(opts, client.WithStore(st), client.WithHTTPCache(httpcache.WithStorage(cacheSt)), client.WithRetry(fastRetry))
		}
		switch setup.transport {
		case "conn":
			opts = append(opts, client.WithTransport(tfConnTransport(t, w, user)))
		case "clone", "inplace", "ctx":
			opts = append(opts, client.WithTransport(&tfTokenTransport{how: setup.transport, user: user, base: base}))
		}
		if setup.nested {
			return tfNest(w, client.New(opts...), outerSt, outerCacheSt)
		}
		c := client.New(opts...)
		c.AddInterceptor(tfInterceptor(c))
		return c
	}
	clients := map[string]*client.Client{}
	if setup.oneClient {
		c := newClient("")
		clients["alice"], clients["bob"] = c, c
	} else {
		clients["alice"], clients["bob"] = newClient("alice"), newClient("bob")
	}
	return tfRunClients(t, w, seed, steps, conc, clients, !setup.oneClient && !setup.identOnly && !setup.connOnly)
}

// tfTwoUserSetups are the runs TestTrustRandomTwoUsers adds for this part.
var tfTwoUserSetups = []struct {
	name  string
	conc  int
	setup tfTwoUserSetup
}{
	{"transportclone", 4, tfTwoUserSetup{transport: "clone"}},
	{"transportinplace", 4, tfTwoUserSetup{transport: "inplace"}},
	{"transportctx", 4, tfTwoUserSetup{transport: "ctx", oneClient: true}},
	{"transportconn", 4, tfTwoUserSetup{transport: "conn", keyEach: true}},
	{"sharedlayersclone", 4, tfTwoUserSetup{transport: "clone", sharedLayers: true}},
	{"sharedlayersconn", 4, tfTwoUserSetup{transport: "conn", keyEach: true, sharedLayers: true}},
	{"connonly", 4, tfTwoUserSetup{transport: "conn", keyEach: true, connOnly: true}},
	{"connonlysharedlayers", 4, tfTwoUserSetup{transport: "conn", keyEach: true, sharedLayers: true, connOnly: true}},
	{"identity", 4, tfTwoUserSetup{identOnly: true}},
	{"identityoneclient", 4, tfTwoUserSetup{identOnly: true, oneClient: true}},
	{"identitysharedlayers", 4, tfTwoUserSetup{identOnly: true, sharedLayers: true}},
	{"nestedclone", 4, tfTwoUserSetup{transport: "clone", nested: true}},
	{"nestedconn", 4, tfTwoUserSetup{transport: "conn", keyEach: true, nested: true}},
}

// tfNest puts a client over inner's Transport(), as one service's client
// wraps another's: given no key and no credential header name, with a
// store and HTTP cache of its own on storages every user's outer client
// shares, so that only what it takes from inner (its key, its
// WithCredentialHeaders names) keeps the users' answers apart. The
// harness's outer layer and interceptor move to it.
func tfNest(w *tfWorld, inner *client.Client, st, cacheSt store.Store) *client.Client {
	c := client.New(client.WithBaseURL(w.orig["A"].srv.URL), client.WithTransport(inner.Transport()),
		client.WithStore(st), client.WithHTTPCache(httpcache.WithStorage(cacheSt)), client.WithOuterLayers(tfLayer(false)),
		client.WithRetry(retry.WithBackoff(retryablehttp.LinearJitterBackoff, time.Millisecond, 2*time.Millisecond)))
	c.AddInterceptor(tfInterceptor(c))
	return c
}
