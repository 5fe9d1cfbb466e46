package httpcache_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// userOrigin answers every request with the caller's credentials in the
// body and the Cache-Control of its "cc" query parameter.
func userOrigin(t *testing.T) *origin {
	return newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", r.URL.Query().Get("cc"))
		w.Header().Set("Taroreq-Cache-Shared", "1") // an origin cannot make an entry everyone's
		w.Write([]byte("for " + r.Header.Get("Authorization") + r.Header.Get("Cookie")))
	})
}

func TestSharedFreshness(t *testing.T) {
	clk := newClock()
	for _, shared := range []bool{false, true} {
		o := userOrigin(t)
		opts := []httpcache.Option{httpcache.WithClock(clk.Now)}
		if shared {
			opts = append(opts, httpcache.WithShared())
		}
		hc, _ := cached(o, opts...)
		u := o.URL + "?cc=max-age=1,s-maxage=60"
		get(t, hc, u)
		clk.Add(10 * time.Second)
		get(t, hc, u)
		want := int64(2) // private: s-maxage ignored, stale after 1 s
		if shared {
			want = 1
		}
		wantHits(t, o, want)

		get(t, hc, o.URL+"?cc=private,max-age=60")
		get(t, hc, o.URL+"?cc=private,max-age=60")
		if shared {
			want += 2 // not stored
		} else {
			want++
		}
		wantHits(t, o, want)
	}
}

// In a shared cache, a response to a request with Authorization is stored
// only with public, s-maxage or must-revalidate (RFC 9111 §3.5), and then
// answers every user; anything else a user gets stays that user's.
func TestSharedUsers(t *testing.T) {
	o := userOrigin(t)
	hc, _ := cached(o, httpcache.WithShared())
	alice, bob := []string{"Authorization", "Bearer alice"}, []string{"Authorization", "Bearer bob"}
	type step struct {
		cc   string
		who  []string
		want string
		hits int64
	}
	for _, s := range []step{
		// max-age alone: not stored for alice
		{"max-age=60", alice, "for Bearer alice", 1},
		{"max-age=60", alice, "for Bearer alice", 2},
		// public: stored, and answers bob and anonymous users
		{"public,max-age=60", alice, "for Bearer alice", 3},
		{"public,max-age=60", bob, "for Bearer alice", 3},
		{"public,max-age=60", nil, "for Bearer alice", 3},
		{"s-maxage=60", alice, "for Bearer alice", 4},
		{"s-maxage=60", bob, "for Bearer alice", 4},
		{"max-age=60,must-revalidate", alice, "for Bearer alice", 5},
		{"max-age=60,must-revalidate", bob, "for Bearer alice", 5},
		// a cookie user's plain response stays that user's
		{"max-age=60", []string{"Cookie", "s=1"}, "for s=1", 6},
		{"max-age=60", []string{"Cookie", "s=1"}, "for s=1", 6},
		{"max-age=60", []string{"Cookie", "s=2"}, "for s=2", 7},
		{"max-age=60", nil, "for ", 8},
		{"max-age=60", nil, "for ", 8},
		// an anonymous plain response answers no credentialed user
		{"max-age=60", []string{"Cookie", "s=3"}, "for s=3", 9},
		// must-revalidate is §3.5's word for Authorization only: a cookie
		// user's answer stays that user's
		{"max-age=61,must-revalidate", []string{"Cookie", "s=4"}, "for s=4", 10},
		{"max-age=61,must-revalidate", []string{"Cookie", "s=5"}, "for s=5", 11},
		{"max-age=61,must-revalidate", nil, "for ", 12},
		{"max-age=61,must-revalidate", []string{"Cookie", "s=4"}, "for s=4", 12},
	} {
		b, _ := get(t, hc, o.URL+"?cc="+s.cc, s.who...)
		if b != s.want {
			t.Fatalf("%s as %q: %q, want %q", s.cc, s.who, b, s.want)
		}
		if got := o.hits.Load(); got != s.hits {
			t.Fatalf("%s as %q: origin saw %d requests, want %d", s.cc, s.who, got, s.hits)
		}
	}
}

// s-maxage and proxy-revalidate forbid a shared cache to serve stale, even
// when the origin cannot be reached.
func TestSharedNoStaleUnderSMaxAge(t *testing.T) {
	clk := newClock()
	for _, cc := range []string{"s-maxage=10", "max-age=10, proxy-revalidate"} {
		o := closingOrigin(t, cc)
		hc, _ := cached(o, httpcache.WithClock(clk.Now), httpcache.WithShared())
		get(t, hc, o.URL)
		clk.Add(time.Hour)
		if resp, err := hc.Get(o.URL); err == nil {
			resp.Body.Close()
			t.Errorf("%s: served stale, want the error", cc)
		}
	}
}
