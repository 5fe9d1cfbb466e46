package redisstore_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/plugins/redisstore"
)

// A POST's invalidation whose delete Redis did not take (paused, then
// cooling down: ErrUnavailable at once) was lost: once Redis answered
// again, the URL's entry from before the POST was served until it
// expired. Its lookups now miss until the URL's index is deleted or
// written anew.
func TestInvalidationRedisDidNotTakeIsNotLost(t *testing.T) {
	srv, rdb := newRedis(t)
	var version atomic.Int32
	version.Store(1)
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			version.Add(1)
			return
		}
		w.Header().Set("Cache-Control", "max-age=600")
		io.WriteString(w, "v"+strconv.Itoa(int(version.Load())))
	}))
	defer api.Close()
	st := redisstore.New(rdb, redisstore.WithCooldown(200*time.Millisecond))
	tr := httpcache.New(api.Client().Transport, httpcache.WithStorage(st))
	defer tr.Wait()
	hc := &http.Client{Transport: tr}
	get := func() string {
		t.Helper()
		resp, err := hc.Get(api.URL + "/doc")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if got := get(); got != "v1" {
		t.Fatalf("got %q", got)
	}
	if err := srv.Pause(); err != nil {
		t.Skip("cannot pause redis-server here:", err)
	}
	get() // its lookup times out: Redis cools down
	resp, err := hc.Post(api.URL+"/doc", "text/plain", strings.NewReader("edit"))
	if err != nil {
		srv.Resume()
		t.Fatal(err)
	}
	resp.Body.Close()
	if err := srv.Resume(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // the cooldown is over
	if got := get(); got != "v2" {
		t.Errorf("after the POST's answer, with Redis back, got %q; want v2, not the entry the POST changed", got)
	}
}
