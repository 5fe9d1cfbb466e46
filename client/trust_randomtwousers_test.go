package client_test

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

func tfRun(t *testing.T, seed uint64, steps, conc int, oneClient, shared bool) []string {
	w, newClient := tfSetup(t, seed, shared)
	clients := map[string]*client.Client{}
	if oneClient {
		c := newClient()
		clients["alice"], clients["bob"] = c, c
	} else {
		clients["alice"], clients["bob"] = newClient(), newClient()
	}
	return tfRunClients(t, w, seed, steps, conc, clients, !oneClient)
}

// tfRunClients makes the calls of a run: each user's with their client;
// with jar, each client logs its user in first, and calls draw a
// Credentials mode.
func tfRunClients(t *testing.T, w *tfWorld, seed uint64, steps, conc int, clients map[string]*client.Client, jar bool) []string {
	ctx := context.Background()
	w.spell.Store(true)
	if jar {
		for _, u := range []string{"alice", "bob"} {
			for i, n := range []string{"A", "B"} {
				if seed%3 == uint64(i+1) {
					continue // a session on one origin only
				}
				if _, err := clients[u].Request(context.WithValue(ctx, tfCallerKey{}, tfCall{user: u}), client.Option{URL: w.orig[n].srv.URL + "/login", Mode: client.ModeCORS,
					Credentials: client.CredentialsInclude}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var mu sync.Mutex
	var bad []string
	var wg sync.WaitGroup
	for g := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(seed, uint64(g)))
			for i := range steps {
				u := []string{"alice", "bob"}[rng.IntN(2)]
				opt, desc := tfOption(rng, w, u, jar)
				call := tfCall{user: u, tokenBy: rng.IntN(6) % 3, icp: rng.IntN(2), creds: cmp.Or(opt.Credentials, client.CredentialsOmit)}
				if w.identOnly || w.connOnly {
					opt, desc = tfIdentOnly(rng, w, opt, u)
					call.tokenBy, call.icp = 0, 0
				} else if len(opt.Backup) > 0 && rng.IntN(3) == 0 { // a backup URL's own user:pass
					opt.Backup = append(opt.Backup, tfSpell(strings.Replace(w.orig[[]string{"A", "C"}[rng.IntN(2)]].srv.URL, "//", "//"+u+":"+u+"-bpw@", 1)+w.paths[0], rng.IntN(20)))
					desc += fmt.Sprintf(" backup+=%s", opt.Backup[len(opt.Backup)-1])
				}
				if tfOn(w.orig["B"], opt.URL) {
					call.tokenBy = 0 // the token is A's
				}
				call.body = tfBodyHash(opt)
				cctx := context.WithValue(ctx, tfCallerKey{}, call)
				if rng.IntN(8) == 0 { // an abort under way: the caller gives up, another may share the exchange
					var cancel context.CancelFunc
					after := time.Duration(1+rng.IntN(4)) * time.Millisecond
					cctx, cancel = context.WithTimeout(cctx, after)
					defer cancel()
					desc += fmt.Sprintf(" abort-after=%v", after)
				}
				var resp *client.Response
				var err error
				shaped := !opt.EnableChunked // Raw holds the whole body
				switch rng.IntN(6) {
				case 4, 5:
					shaped = false
					var heard string
					resp, heard, err = tfMoreCall(cctx, rng, clients[u], opt)
					if leak := tfCheck(w, u, &client.Response{Raw: []byte(heard)}, nil); leak != "" {
						err = fmt.Errorf("events or chunks heard: %s", leak)
					}
				case 0:
					var r *client.Result[map[string]any]
					r, err = client.Do[map[string]any](cctx, clients[u], opt)
					if r != nil {
						resp = r.Response
						v, _ := json.Marshal(r.Value)
						if leak := tfCheck(w, u, &client.Response{Raw: v}, nil); leak != "" {
							err = fmt.Errorf("Do's value: %s", leak)
						}
					}
				case 1:
					var heard []string
					var hmu sync.Mutex
					task := clients[u].Go(cctx, opt, func(t *client.Task) {
						t.OnHeadersReceived(func(h client.Headers) {
							hmu.Lock()
							heard = append(heard, fmt.Sprint(h))
							hmu.Unlock()
						})
					})
					resp, err = task.Wait()
					hmu.Lock()
					if leak := tfCheck(w, u, &client.Response{Raw: []byte(strings.Join(heard, " "))}, nil); leak != "" {
						err = fmt.Errorf("headers heard: %s", leak)
					}
					hmu.Unlock()
				default:
					resp, err = clients[u].Request(cctx, opt)
					if err == nil && opt.EnableChunked {
						resp.Raw, err = io.ReadAll(resp.Body)
						resp.Body.Close()
						shaped = true
					}
				}
				if resp != nil && os.Getenv("TAROREQ_TRUSTFUZZ_STATS") != "" {
					mu.Lock()
					tfStats[fmt.Sprintf("status=%d store=%v cache=%v err=%v", resp.StatusCode, resp.FromStore, resp.FromCache, err != nil)]++
					mu.Unlock()
				}
				if leak := tfCheck(w, u, resp, err); leak != "" {
					mu.Lock()
					bad = append(bad, fmt.Sprintf("seed %d g%d step %d: %s\n  got: %s", seed, g, i, desc, leak))
					mu.Unlock()
				}
				if wrong := tfShapeCheck(opt.Method, resp, err); wrong != "" && shaped {
					mu.Lock()
					bad = append(bad, fmt.Sprintf("seed %d g%d step %d: %s\n  %s", seed, g, i, desc, wrong))
					mu.Unlock()
				}
				if err != nil {
					text := err.Error()
					if resp != nil {
						text += " " + resp.ErrMsg
					}
					for _, tok := range []string{"-qtok", "-upw", "-js", "-auth", "-key", "-hck", "-lt", "-ck", "-icp", "-sst", "-lui", "-bpw", "-idw", "-tt", "-ten", "-uid"} {
						if strings.Contains(text, tok) {
							mu.Lock()
							bad = append(bad, fmt.Sprintf("seed %d g%d step %d: %s\n  an error text holds a secret (%s): %s", seed, g, i, desc, tok, text))
							mu.Unlock()
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	for _, c := range clients {
		c.CloseIdleConnections()
	}
	return append(bad, tfOriginViolations(w, seed)...)
}

func tfOriginViolations(w *tfWorld, seed uint64) []string {
	var bad []string
	for _, o := range w.orig {
		o.mu.Lock()
		for _, b := range o.bad {
			bad = append(bad, fmt.Sprintf("seed %d (origin): %s", seed, b))
		}
		o.mu.Unlock()
	}
	return bad
}

var tfStats = map[string]int{} // what the calls got, with TAROREQ_TRUSTFUZZ_STATS set

// TestTrustRandomTwoUsers runs the harness (see tfServe, tfOption, tfCheck)
// on fixed seeds, each in six ways: one user's call after the other's, or
// concurrently, each user with a client (a jar) of their own over one
// store and one HTTP cache storage; both users on one client (their
// credentials in headers and URLs); the HTTP cache shared
// (httpcache.WithShared, whose public answers serve every user, as the
// README says); and plain http.Clients, one per user with its own jar, over
// one client's Transport (a quarter of their requests with the path sent
// as an Opaque, which formats without the host). The calls also go as Events and as Tasks with
// header and chunk listeners, through the README's AddInterceptor snippet,
// with a backup URL's own user:pass, and meet what tfServeMore reshapes
// (Domain/Path cookies, credential-named fields on 304s, user:pass in a
// Location, cacheable redirects), and tfTwoUserSetups (users told apart by
// their transport, their connection or an identity header; clients with a
// key each, or sharing WithLayers), each on two of the fixed seeds.
// TAROREQ_TRUSTFUZZ_SEEDS=n runs n seeds more, with every setup,
// from TAROREQ_TRUSTFUZZ_FIRST (100, the least) on;
// TAROREQ_TRUSTFUZZ_STEPS=n makes n calls a goroutine (40).
func TestTrustRandomTwoUsers(t *testing.T) {
	defer func() {
		for k, v := range tfStats {
			t.Log(v, k)
		}
	}()
	seeds := []uint64{1, 2, 3, 4, 5, 6}
	steps := 40
	if n, _ := strconv.Atoi(os.Getenv("TAROREQ_TRUSTFUZZ_STEPS")); n > 0 {
		steps = n // calls per goroutine
	}
	if n, _ := strconv.Atoi(os.Getenv("TAROREQ_TRUSTFUZZ_SEEDS")); n > 0 {
		first, _ := strconv.ParseUint(os.Getenv("TAROREQ_TRUSTFUZZ_FIRST"), 10, 64)
		for i := range uint64(n) {
			seeds = append(seeds, max(first, 100)+i)
		}
	}
	for _, seed := range seeds {
		for _, v := range []struct {
			name              string
			conc              int
			oneClient, shared bool
			plain             bool
		}{{"interleaved", 1, false, false, false}, {"concurrent", 4, false, false, false}, {"oneclient", 4, true, false, false},
			{"sharedcache", 2, false, true, false}, {"oneclientshared", 4, true, true, false},
			{"plain", 4, true, false, true}, {"plainshared", 4, true, true, true}} {
			t.Run(fmt.Sprintf("%s/%d", v.name, seed), func(t *testing.T) {
				run := tfRun
				if v.plain {
					run = func(t *testing.T, seed uint64, steps, conc int, _, shared bool) []string {
						return tfRunPlain(t, seed, steps, conc, shared)
					}
				}
				for _, b := range run(t, seed, steps, v.conc, v.oneClient, v.shared) {
					t.Error(b)
				}
			})
		}
		for i, v := range tfTwoUserSetups {
			if seed < 100 && (seed+uint64(i))%3 != 0 {
				continue // the default run: each on two of its seeds
			}
			t.Run(fmt.Sprintf("%s/%d", v.name, seed), func(t *testing.T) {
				for _, b := range tfRunTwoUsers(t, seed, steps, v.conc, v.setup) {
					t.Error(b)
				}
			})
		}
	}
}

// tfPortJar is a cookie jar per host and port, as the client's own keeps
// them apart (net/http/cookiejar shares a host's cookies between ports).
type tfPortJar struct {
	mu sync.Mutex
	m  map[string]*cookiejar.Jar
}

func (j *tfPortJar) of(u *url.URL) *cookiejar.Jar {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.m == nil {
		j.m = map[string]*cookiejar.Jar{}
	}
	if j.m[u.Host] == nil {
		j.m[u.Host], _ = cookiejar.New(nil)
	}
	return j.m[u.Host]
}
func (j *tfPortJar) SetCookies(u *url.URL, cs []*http.Cookie) { j.of(u).SetCookies(u, cs) }
func (j *tfPortJar) Cookies(u *url.URL) []*http.Cookie        { return j.of(u).Cookies(u) }

// tfRunPlain is tfRun for plain http.Clients, one per user with a jar of
// its own, over one client's Transport.
func tfRunPlain(t *testing.T, seed uint64, steps, conc int, shared bool) []string {
	w, newClient := tfSetup(t, seed, shared)
	c := newClient()
	hcs := map[string]*http.Client{}
	for _, u := range []string{"alice", "bob"} {
		hcs[u] = &http.Client{Transport: c.Transport(), CheckRedirect: c.CheckRedirect, Jar: &tfPortJar{}}
		for _, n := range []string{"A", "B"} {
			req, _ := http.NewRequestWithContext(context.WithValue(context.Background(), tfCallerKey{}, tfCall{user: u}),
				"GET", w.orig[n].srv.URL+"/login", nil)
			resp, err := hcs[u].Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
		}
	}
	var mu sync.Mutex
	var bad []string
	var wg sync.WaitGroup
	for g := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(seed, uint64(g)))
			orng := rand.New(rand.NewPCG(seed^0x0a9a9e, uint64(g))) // its own draws: rng's stay what they were
			for i := range steps {
				u := []string{"alice", "bob"}[rng.IntN(2)]
				opt, desc := tfOption(rng, w, u, false)
				if !strings.HasPrefix(opt.URL, "http") {
					opt.URL = w.orig["A"].srv.URL + opt.URL
				}
				var body io.Reader
				if opt.Method == "" {
					opt.Method = "GET"
				} else if opt.Method == "POST" {
					body = strings.NewReader(`{"n":1}`)
				}
				call := tfCall{user: u, tokenBy: rng.IntN(6) % 3}
				if strings.HasPrefix(opt.URL, w.orig["B"].srv.URL) {
					call.tokenBy = 0
				}
				req, err := http.NewRequestWithContext(context.WithValue(context.Background(), tfCallerKey{}, call), opt.Method, opt.URL, body)
				if err != nil {
					t.Error(err)
					return
				}
				for k, v := range opt.Header {
					req.Header[k] = v
				}
				if cc := []string{"", "", "no-cache", "max-age=0", "only-if-cached", "no-store"}[rng.IntN(6)]; cc != "" {
					req.Header.Set("Cache-Control", cc)
				}
				if orng.IntN(4) == 0 && req.URL.User == nil {
					// The path sent as written (net/http's Opaque), which
					// formats without the host it goes to.
					req.URL.Opaque = req.URL.EscapedPath()
					desc += " opaque"
				}
				var got *client.Response
				resp, err := hcs[u].Do(req)
				if err == nil {
					b, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					got = &client.Response{StatusCode: resp.StatusCode, Header: resp.Header, Raw: b, Cookies: resp.Cookies()}
				}
				if wrong := tfShapeCheck(opt.Method, got, err); wrong != "" {
					mu.Lock()
					bad = append(bad, fmt.Sprintf("seed %d g%d step %d (plain): %s\n  %s", seed, g, i, desc, wrong))
					mu.Unlock()
				}
				if leak := tfCheck(w, u, got, err); leak != "" {
					mu.Lock()
					bad = append(bad, fmt.Sprintf("seed %d g%d step %d (plain): %s\n  got: %s", seed, g, i, desc, leak))
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	c.CloseIdleConnections()
	return append(bad, tfOriginViolations(w, seed)...)
}
