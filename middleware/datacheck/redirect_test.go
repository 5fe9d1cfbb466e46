package datacheck_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/datacheck"
)

// In a plain http.Client, a 307 to a POST whose body cannot be sent again
// (no GetBody, of a known length or not) is the answer, which the check
// judges; with a Call the caller made, too.
func TestPlainClientChecksA307ItDoesNotFollow(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		if r.URL.Path == "/a" {
			w.Header().Set("Location", "/b")
			w.WriteHeader(http.StatusTemporaryRedirect)
			return
		}
		w.Write([]byte(`ok`))
	}))
	defer srv.Close()
	for _, c := range []struct {
		name     string
		length   int64
		ownCall  bool
		checkOpt bool
	}{
		{"unknown length", 0, false, true},
		{"known length, the caller's Call", 7, true, false},
		{"the caller's Call with its URL", 7, true, false},
	} {
		var seen []int
		check := func(r *http.Response, _ []byte) bool { seen = append(seen, r.StatusCode); return r.StatusCode == 200 }
		var opts []datacheck.Option
		if c.checkOpt {
			opts = append(opts, datacheck.WithCheck(check))
		}
		hc := &http.Client{Transport: datacheck.New(srv.Client().Transport, opts...)}
		req, _ := http.NewRequest("POST", srv.URL+"/a", io.NopCloser(strings.NewReader("payload")))
		req.ContentLength = c.length
		if c.ownCall {
			s := middleware.Settings{DataCheck: func(r *http.Response, b []byte) (bool, any) { return check(r, b), nil }}
			if strings.Contains(c.name, "URL") {
				s.URL = req.URL
			}
			req = req.WithContext(middleware.WithCall(req.Context(), middleware.NewCall(s)))
		}
		resp, err := hc.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		if err == nil || len(seen) != 1 || seen[0] != http.StatusTemporaryRedirect {
			t.Fatalf("%s: err %v, the check saw %v; want the 307 judged and refused", c.name, err, seen)
		}
	}
}
