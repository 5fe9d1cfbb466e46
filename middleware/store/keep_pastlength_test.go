package store_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/store"
)

// An HTTP/2 answer to a caller without credentials is read to the
// stream's end before it is written (a trailer may come there). What that
// read meets is the caller's too: a byte past the Content-Length (a
// transport that lets one through) reaches the caller, and the answer is
// not written; a stream that breaks there fails the caller's read.
func TestKeepingBodyHandsOnWhatItReadsPastTheLength(t *testing.T) {
	broke := errors.New("stream reset")
	for _, tc := range []struct {
		name, body, past string // past: read after the 3 announced bytes
		tail             error  // after them: nil for io.EOF
		want             string
		wantErr          error
		written          bool
	}{
		{"whole", "abc", "", nil, "abc", nil, true},
		{"a byte past the length", "abc", "d", nil, "abcd", nil, false},
		{"broken at the end", "abc", "", broke, "abc", broke, false},
	} {
		var sent atomic.Int64
		base := middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			sent.Add(1)
			// One read gives the announced bytes, the next what is past them.
			body := io.MultiReader(strings.NewReader(tc.body), strings.NewReader(tc.past))
			if tc.tail != nil {
				body = io.MultiReader(body, brokenReader{tc.tail})
			}
			return &http.Response{StatusCode: 200, ProtoMajor: 2, Header: http.Header{}, ContentLength: 3,
				Body: io.NopCloser(body), Request: req}, nil
		})
		rt := store.New(base, store.NewMemory(), store.WithCheck(func(*http.Response, []byte) bool { return true }))
		for i := 0; i < 2; i++ {
			req, _ := http.NewRequest("GET", "https://api.test/x", nil)
			resp, err := rt.RoundTrip(req)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if i == 0 && (string(got) != tc.want || !errors.Is(err, tc.wantErr) && err != tc.wantErr) {
				t.Errorf("%s: the caller read %q, %v; want %q, %v", tc.name, got, err, tc.want, tc.wantErr)
			}
		}
		if want := map[bool]int64{true: 1, false: 2}[tc.written]; sent.Load() != want {
			t.Errorf("%s: %d requests reached the transport, want %d (written: %v)", tc.name, sent.Load(), want, tc.written)
		}
	}
}

type brokenReader struct{ err error }

func (f brokenReader) Read([]byte) (int, error) { return 0, f.err }
