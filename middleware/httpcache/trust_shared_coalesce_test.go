package httpcache_test

import (
	"io"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// In a shared cache, identical concurrent requests come from different
// users (two anonymous visitors look alike): an answer the origin made for
// the one whose request went upstream (private, or with a Set-Cookie that
// its body goes with, as a login form's CSRF token does) is never handed
// to the other, who gets an answer of its own.
func TestSharedCoalescingKeepsPersonalAnswers(t *testing.T) {
	for _, c := range []struct {
		name, cacheControl string
		setCookie          bool
	}{
		{"private", "private, max-age=60", false},
		{"private no-store", "private, no-store", false},
		{"set-cookie", "no-store", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			release, releaseNow := gate(t)
			var n atomic.Int64
			o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
				<-release
				id := strconv.FormatInt(n.Add(1), 10)
				w.Header().Set("Cache-Control", c.cacheControl)
				if c.setCookie {
					w.Header().Set("Set-Cookie", "sid=s"+id)
				}
				_, _ = io.WriteString(w, "form with the token of visitor "+id)
			})
			var entered atomic.Int64
			tr := httpcache.New(o.Client().Transport, httpcache.WithShared())
			hc := &http.Client{Transport: entering(tr, &entered)}
			bodies, errs := concurrentMisses(t, hc, o.URL, 2, &entered, releaseNow)
			for i, err := range errs {
				if err != nil {
					t.Fatalf("visitor %d: %v", i, err)
				}
			}
			if bodies[0] == bodies[1] {
				t.Fatalf("two visitors were given one personal answer: %q", bodies[0])
			}
			wantHits(t, o, 2)
		})
	}
}

// What the origin makes every user's still goes upstream once.
func TestSharedCoalescingSharesPublicAnswers(t *testing.T) {
	release, releaseNow := gate(t)
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		<-release
		w.Header().Set("Cache-Control", "public, max-age=60")
		_, _ = io.WriteString(w, "page")
	})
	var entered atomic.Int64
	hc := &http.Client{Transport: entering(httpcache.New(o.Client().Transport, httpcache.WithShared()), &entered)}
	bodies, errs := concurrentMisses(t, hc, o.URL, 5, &entered, releaseNow)
	for i := range bodies {
		if errs[i] != nil || bodies[i] != "page" {
			t.Fatalf("caller %d: %q, %v", i, bodies[i], errs[i])
		}
	}
	wantHits(t, o, 1)
}
