package httpcache_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// keyLog is a storage that keeps the keys written to it, as whoever reads
// a shared Redis sees them.
type keyLog struct {
	store.Store
	mu   sync.Mutex
	keys []string
}

func (k *keyLog) Set(ctx context.Context, key string, e store.Entry) error {
	k.mu.Lock()
	k.keys = append(k.keys, key)
	k.mu.Unlock()
	return k.Store.Set(ctx, key, e)
}

// A shared cache files an answer every user may be served (public) under
// no partition, and an answer whose Vary names Authorization under the
// Authorization it was made for: its key held an unkeyed SHA-256 of that
// value, so whoever reads the storage's keys (a shared Redis) checked
// guesses of the token offline (a 4-digit one here), as of a URL's
// password (userinfo). The credentials are now hashed under the cache's
// partition key; the entry still answers the same credentials, and only
// them.
func TestSharedEntryKeyHoldsNoGuessableCredential(t *testing.T) {
	o := newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=60")
		w.Header().Set("Vary", "Authorization")
		fmt.Fprintf(w, "for %s", r.Header.Get("Authorization"))
	})
	kl := &keyLog{Store: store.NewMemory()}
	hc, _ := cached(o, httpcache.WithShared(), httpcache.WithStorage(kl))
	get(t, hc, o.URL+"/p", "Authorization", "Bearer 4711")
	get(t, hc, strings.Replace(o.URL, "//", "//ann:4712@", 1)+"/u")
	if body, _ := get(t, hc, o.URL+"/p", "Authorization", "Bearer 4711"); body != "for Bearer 4711" {
		t.Fatalf("the same token got %q", body)
	}
	wantHits(t, o, 2)
	if body, _ := get(t, hc, o.URL+"/p", "Authorization", "Bearer 4713"); body != "for Bearer 4713" {
		t.Fatalf("another token got %q", body)
	}
	guesses := func(n int) []string {
		b := fmt.Appendf(nil, "partition=\x00Authorization\x00Bearer %04d\x01\x00", n)
		basic := base64.StdEncoding.EncodeToString(fmt.Appendf(nil, "ann:%04d", n)) // http.Client sends the userinfo so
		u := fmt.Appendf(nil, "partition=\x00userinfo=ann:%04d\x00Authorization\x00Basic %s\x01\x00", n, basic)
		var out []string
		for _, in := range [][]byte{b, u} {
			sum := sha256.Sum256(in)
			out = append(out, base64.RawURLEncoding.EncodeToString(sum[:18]))
		}
		return out
	}
	kl.mu.Lock()
	defer kl.mu.Unlock()
	for _, k := range kl.keys {
		variant := k[strings.LastIndexByte(k, 0)+1:]
		for n := range 10000 {
			for _, g := range guesses(n) {
				if g == variant {
					t.Errorf("key %q: the credential %04d is guessed from it", k, n)
				}
			}
		}
	}
}
