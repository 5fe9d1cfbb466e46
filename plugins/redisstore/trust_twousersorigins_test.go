package redisstore_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/plugins/redisstore"
)

// TestTwoUsersTwoSpellingsOneRedis: replicas of one service (one partition
// key) share one Redis for the store and the HTTP cache, their base URLs
// two spellings of one server (127.0.0.1 and localhost). Users told apart
// by Authorization, a Cookie header, a jar's cookie or a
// WithCredentialHeaders name each get their own answer, fresh or as the
// stale fallback, on either replica and either spelling; a caller without
// credentials never gets a user's; no Redis key holds a credential.
func TestTwoUsersTwoSpellingsOneRedis(t *testing.T) {
	srv, rdb := newRedis(t)
	var down atomic.Bool
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		who := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		if c, err := r.Cookie("sid"); err == nil {
			who += "c:" + c.Value
		}
		who += r.Header.Get("X-Workspace")
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "max-age=600")
		io.WriteString(w, `{"v":"1","who":"`+who+`"}`)
	}))
	t.Cleanup(api.Close)
	port := strings.TrimPrefix(api.URL, "http://127.0.0.1:")
	bases := []string{"http://127.0.0.1:" + port, "http://localhost:" + port}
	key := []byte("one service's key")

	// jarFor gives a jar holding user's sid for both spellings.
	jarFor := func(user string) http.CookieJar {
		jar, _ := cookiejar.New(nil)
		for _, b := range bases {
			u, _ := url.Parse(b)
			jar.SetCookies(u, []*http.Cookie{{Name: "sid", Value: "jar-" + user}})
		}
		return jar
	}
	newReplica := func(base string, jar http.CookieJar) *client.Client {
		opts := []client.ClientOption{client.WithBaseURL(base), client.WithPartitionKey(key),
			client.WithCredentialHeaders("X-Workspace"),
			// Ops may take 2 s, not 100 ms: a new client's first op (its
			// dial) under -race on a loaded machine took longer, and a
			// fallback read that times out is a miss, not what is tested.
			client.WithStore(redisstore.New(newClient(t, srv), redisstore.WithPrefix("s:"), redisstore.WithTimeout(2*time.Second))),
			client.WithHTTPCache(httpcache.WithStorage(redisstore.New(newClient(t, srv), redisstore.WithPrefix("hc:"), redisstore.WithTimeout(2*time.Second))))}
		if jar != nil {
			opts = append(opts, client.WithCookieJar(jar))
		}
		return client.New(opts...)
	}
	type user struct {
		name   string
		header http.Header
		jar    http.CookieJar
		want   string
	}
	kinds := map[string]func(who string) user{
		"authorization": func(who string) user {
			return user{name: who, header: http.Header{"Authorization": {"Bearer " + who}}, want: who}
		},
		"cookie header": func(who string) user {
			return user{name: who, header: http.Header{"Cookie": {"sid=" + who}}, want: "c:" + who}
		},
		"jar cookie": func(who string) user {
			return user{name: who, jar: jarFor(who), want: "c:jar-" + who}
		},
		"named header": func(who string) user {
			return user{name: who, header: http.Header{"X-Workspace": {who}}, want: who}
		},
	}
	for kind, userOf := range kinds {
		t.Run(kind, func(t *testing.T) {
			down.Store(false)
			rdb.FlushAll(ctx)
			alice, bob := userOf("alice-"+kind[:3]), userOf("bob-"+kind[:3])
			anon := user{name: "anonymous"}
			var paths atomic.Int64
			for _, b := range bases {
				for _, writer := range []user{alice} {
					path := "/me" + string(rune('a'+paths.Add(1)))
					w := newReplica(bases[0], writer.jar)
					opt := client.Option{URL: path, Header: writer.header, UseStore: true, RetryTimes: client.NoRetry,
						Credentials: client.CredentialsInclude}
					down.Store(false)
					r, err := w.Request(ctx, opt)
					if err != nil || whoOf(r) != writer.want {
						t.Fatalf("%s writing: %+v %v", writer.name, r, err)
					}
					// The control: the writer's own data answers it on
					// another replica, the server down (the fallback).
					down.Store(true)
					if r, err := newReplica(bases[0], writer.jar).Request(ctx, opt); err != nil || whoOf(r) != writer.want || !r.FromCache {
						t.Fatalf("%s's own cache entry: %+v %v", writer.name, r, err)
					}
					noCache := opt
					noCache.Cache = client.CacheNoStore
					if r, err := newReplica(bases[0], writer.jar).Request(ctx, noCache); err != nil || whoOf(r) != writer.want || !r.FromStore {
						t.Fatalf("%s's own fallback: %+v %v", writer.name, r, err)
					}
					for _, stale := range []bool{false, true} {
						down.Store(stale)
						for _, reader := range []user{bob, anon} {
							rc := newReplica(b, reader.jar)
							ropt := opt
							ropt.Header = reader.header
							ropt.URL = bases[0] + path // the writer's spelling, absolute
							ropt.Mode = client.ModeCORS
							for i, u := range []string{path, bases[0] + path, path, bases[0] + path} {
								ropt.URL = u
								if i >= 2 {
									ropt.Cache = client.CacheNoStore // the store alone
								}
								r, err := rc.Request(ctx, ropt)
								if err == nil {
									if got := whoOf(r); got != reader.want && got != "" || got == writer.want {
										t.Errorf("%s on %s (%s, stale %v): got %q's answer (store %v, cache %v)",
											reader.name, b, u, stale, got, r.FromStore, r.FromCache)
									}
								}
							}
						}
					}
				}
			}
			keys, err := rdb.Keys(ctx, "*").Result()
			if err != nil || len(keys) == 0 {
				t.Fatalf("redis keys %q, %v", keys, err)
			}
			for _, k := range keys {
				// The users' whole names (alice-coo): a key's generation
				// is a time in base 36, which spelt "bob" once.
				for _, secret := range []string{alice.name, bob.name} {
					if strings.Contains(k, secret) {
						t.Errorf("redis key %q holds %q", k, secret)
					}
				}
			}
		})
	}
}

// whoOf is the user an answer of the test's server names, "" for none.
func whoOf(r *client.Response) string {
	m, _ := r.Data.(map[string]any)
	who, _ := m["who"].(string)
	return who
}
