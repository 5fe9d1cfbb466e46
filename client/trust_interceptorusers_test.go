package client_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

type icptUserKey struct{}

func icptUser(ctx context.Context) string {
	u, _ := ctx.Value(icptUserKey{}).(string)
	return u
}

// icptServer echoes the Authorization and the token query it got, in the
// body and in X-Echo; /flaky fails every other request (retry/backup), /b is
// the same-origin backup. Answers are cacheable.
func icptServer(t *testing.T) *httptest.Server {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/flaky") && n.Add(1)%2 == 0 {
			w.WriteHeader(500)
			return
		}
		who := r.Header.Get("Authorization") + "|" + r.URL.Query().Get("access_token")
		time.Sleep(2 * time.Millisecond) // let concurrent misses coalesce
		w.Header().Set("X-Echo", who)
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("ETag", `"`+who+`"`)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"who": who, "version": "v1", "arr": []string{who, who}})
	}))
	t.Cleanup(srv.Close)
	return srv
}

type icptT struct {
	Who string    `json:"who"`
	Arr [2]string `json:"-"`
	V   string    `json:"version"`
}

func icptCheck(t *testing.T, errs *atomic.Int64, user, where, got string) {
	if got == "MUTATED" && (where == "task" || where == "Do header") {
		return // the call's own Success changed its own Response
	}
	if !strings.Contains(got, "Bearer "+user+"|") && !strings.HasSuffix(got, "|tok-"+user) {
		if errs.Add(1) < 10 {
			t.Errorf("%s: user %s saw %q", where, user, got)
		}
	}
}

func TestTrustInterceptorTwoUsersShareClient(t *testing.T) {
	srv := icptServer(t)
	for _, viaQuery := range []bool{false, true} {
		t.Run(fmt.Sprintf("query=%v", viaQuery), func(t *testing.T) {
			c := client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache())
			c.AddInterceptor(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
				u := icptUser(ctx)
				if viaQuery {
					sep := "?"
					if strings.Contains(opt.URL, "?") {
						sep = "&"
					}
					opt.URL += sep + "access_token=tok-" + u
					for i := range opt.Backup {
						opt.Backup[i] += "?access_token=tok-" + u
					}
				} else {
					h := http.Header{"Authorization": {"Bearer " + u}}
					for k, v := range opt.Header {
						h[k] = v
					}
					opt.Header = h
				}
				return proceed(ctx, opt)
			})
			// (b): proceeds twice, the second after the call returns.
			var late sync.WaitGroup
			c.AddInterceptor(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
				resp, err := proceed(ctx, opt)
				late.Add(1)
				go func() { defer late.Done(); proceed(context.WithoutCancel(ctx), opt) }()
				return resp, err
			})
			var errs, hits atomic.Int64
			defer func() { t.Logf("Do answered from store or cache: %d", hits.Load()) }()
			var wg sync.WaitGroup
			for range 2 { // the second wave is answered by the store and the cache
				for _, user := range []string{"alice", "bob"} {
					for i := range 60 {
						wg.Add(1)
						go func() {
							defer wg.Done()
							ctx := context.WithValue(context.Background(), icptUserKey{}, user)
							path := []string{"/same", "/flaky"}[i%2]
							opt := client.Option{URL: path, UseStore: i%3 == 0, StoreCheckKey: "version", StoreSign: "v1",
								Backup: []string{srv.URL + "/b"},
								Success: func(r *client.Response) {
									m, _ := r.Data.(map[string]any)
									w, _ := m["who"].(string)
									if v, ok := r.Data.(icptT); ok {
										w = v.Who
									}
									icptCheck(t, &errs, user, "Success", w)
									if m != nil {
										m["who"] = "MUTATED"
									}
									r.Header.Set("X-Echo", "MUTATED")
									for i := range r.Raw {
										r.Raw[i] = 'X'
									}
								},
								Fail: func(r *client.Response, err error) { t.Errorf("fail %s: %v", user, err) },
							}
							switch i % 4 {
							case 0:
								task := c.Go(ctx, opt)
								task.OnHeadersReceived(func(h client.Headers) {
									if h.StatusCode == 200 {
										icptCheck(t, &errs, user, "headers", h.Header.Get("X-Echo"))
									}
								})
								r, _ := task.Wait()
								icptCheck(t, &errs, user, "task", r.Header.Get("X-Echo"))
							case 1:
								o := opt
								o.EnableChunked = true
								o.Success = nil
								o.UseStore = false
								task := c.Go(ctx, o)
								var mu sync.Mutex
								var body []byte
								task.OnChunkReceived(func(b []byte) { mu.Lock(); body = append(body, b...); mu.Unlock() })
								task.OnHeadersReceived(func(h client.Headers) {
									if h.StatusCode == 200 {
										icptCheck(t, &errs, user, "chunk headers", h.Header.Get("X-Echo"))
									}
								})
								task.Wait()
								mu.Lock()
								var m map[string]any
								if len(body) > 0 {
									json.Unmarshal(body, &m)
									w, _ := m["who"].(string)
									icptCheck(t, &errs, user, "chunks", w)
								}
								mu.Unlock()
							default:
								res, err := client.Do[icptT](ctx, c, opt)
								if err != nil {
									t.Errorf("Do %s: %v", user, err)
									return
								}
								icptCheck(t, &errs, user, "Do", res.Value.Who)
								if res.FromStore || res.FromCache {
									hits.Add(1)
								}
								res.Value.Who = "MUTATED"
								res.Value.Arr[0] = "MUTATED"
								icptCheck(t, &errs, user, "Do header", res.Header.Get("X-Echo"))
							}
						}()
					}
				}
				wg.Wait()
			}
			late.Wait()
		})
	}
}
