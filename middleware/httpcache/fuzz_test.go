package httpcache_test

import (
	"bytes"
	"io"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// Whatever caching headers an origin sends, the cache neither panics nor
// changes the bytes a caller gets, on the first request or the second.
func FuzzHeaders(f *testing.F) {
	f.Add("max-age=60", "", "", "", "", "")
	f.Add("no-cache, max-age=0", "Wed, 21 Oct 2015 07:28:00 GMT", "0", "-5", "\"e\"", "Accept-Encoding")
	f.Add("max-age=abc, stale-if-error=", "garbage", "Thu, 01 Jan 1970 00:00:00 GMT", "999999999999999999999", "", "*")
	f.Add("private, stale-while-revalidate=30, must-revalidate", "", "", "12", "W/\"x\"", ",, ,")
	f.Fuzz(func(t *testing.T, cc, expires, date, age, etag, vary string) {
		body := []byte("payload")
		origin := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			h := http.Header{}
			for k, v := range map[string]string{"Cache-Control": cc, "Expires": expires, "Date": date,
				"Age": age, "ETag": etag, "Vary": vary, "Last-Modified": date} {
				if v != "" {
					h.Set(k, v)
				}
			}
			status := http.StatusOK
			if etag != "" && r.Header.Get("If-None-Match") == etag {
				status = http.StatusNotModified
			}
			b := body
			if status == http.StatusNotModified {
				b = nil
			}
			return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(bytes.NewReader(b)), Request: r}, nil
		})
		tr := httpcache.New(origin)
		for i := 0; i < 2; i++ {
			req, _ := http.NewRequest("GET", "http://fuzz.test/x", nil)
			resp, err := tr.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || !bytes.Equal(got, body) || resp.StatusCode != http.StatusOK {
				t.Fatalf("request %d: %d %q %v", i+1, resp.StatusCode, got, err)
			}
		}
		tr.Wait()
	})
}
