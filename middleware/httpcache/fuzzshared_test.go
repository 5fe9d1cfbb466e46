package httpcache_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/store"
)

// hostileStore answers every Get with the same entry, as a shared backend
// written by another (older, buggy or hostile) program might.
type hostileStore struct{ e store.Entry }

func (s hostileStore) Get(context.Context, string) (store.Entry, bool, error) {
	h := s.e.Header.Clone()
	return store.Entry{StatusCode: s.e.StatusCode, Header: h, Body: bytes.Clone(s.e.Body), URL: s.e.URL, StoredAt: s.e.StoredAt}, true, nil
}
func (hostileStore) Set(context.Context, string, store.Entry) error { return nil }
func (hostileStore) Delete(context.Context, string) error           { return nil }

func FuzzCorruptSharedEntry(f *testing.F) {
	f.Add(200, "g1", "Accept", "1 2 3 -", "", "bytes=0-3", "max-age=9", "", "1", int64(0), []byte("body"), uint8(0))
	f.Add(206, "", ",,", "x y z", "99", "bytes=-0", "", "bytes 0-99/5", "", int64(-1<<63), []byte{}, uint8(3))
	f.Add(0, "g", "", "-9223372036854775808 0 9223372036854775807 S", "-1", "bytes=5-1", "no-cache", "", "", int64(1<<62), []byte("x"), uint8(5))
	f.Add(999, "g", "*", "0 0 0 n", "", "bytes=0-0,2-3", "", "", "", int64(0), []byte("xyz"), uint8(2))
	f.Fuzz(func(t *testing.T, status int, gen, vary, meta, reqTime, rng, cc, crange, shared string, storedAt int64, body []byte, flags uint8) {
		if status < 0 || status > 999 {
			status = 200
		}
		h := http.Header{}
		for k, v := range map[string]string{"Taroreq-Cache-Gen": gen, "Taroreq-Cache-Vary": vary,
			"Taroreq-Cache-Meta": meta, "Taroreq-Cache-Req-Time": reqTime, "Cache-Control": cc,
			"Content-Range": crange, "Taroreq-Cache-Shared": shared, "ETag": crange, "Last-Modified": reqTime, "Date": reqTime, "Age": reqTime} {
			if v != "" {
				h[k] = []string{v}
			}
		}
		e := store.Entry{StatusCode: status, Header: h, Body: body, URL: "http://fuzz.test/x", StoredAt: time.Unix(0, storedAt)}
		origin := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			st := http.StatusOK
			if flags&1 != 0 {
				st = http.StatusNotModified
			}
			return &http.Response{StatusCode: st, Header: http.Header{"Etag": {crange}, "Cache-Control": {cc}}, Body: io.NopCloser(bytes.NewReader([]byte("net"))), Request: r}, nil
		})
		var opts []httpcache.Option
		opts = append(opts, httpcache.WithStorage(hostileStore{e}))
		if flags&2 != 0 {
			opts = append(opts, httpcache.WithShared())
		}
		modes := []httpcache.Mode{httpcache.ModeDefault, httpcache.ModeForceCache, httpcache.ModeOnlyIfCached, httpcache.ModeNoCache}
		req, _ := http.NewRequest("GET", "http://fuzz.test/x", nil)
		if flags&4 != 0 {
			req.Header.Set("Range", rng)
		}
		if flags&8 != 0 {
			req.Header.Set("Authorization", "Bearer x")
		}
		req.Header.Set("Accept", vary)
		opts = append(opts, httpcache.WithMode(modes[int(flags>>4)%len(modes)]))
		tr := httpcache.New(origin, opts...)
		resp, err := tr.RoundTrip(req)
		if err == nil {
			io.ReadAll(resp.Body)
			resp.Body.Close()
		}
		tr.Wait()
	})
}
