package httpcache_test

import (
	"io"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
)

// versionedOrigin answers a GET with "v<N>", fresh for a minute, and a POST
// with "changed", making N one more (N starts at 1). hold, if not nil,
// runs in each GET after it read N and before it answers: an answer the
// origin gives from before a change.
func versionedOrigin(t *testing.T, hold func()) *origin {
	var version atomic.Int32
	version.Store(1)
	return newOrigin(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			version.Add(1)
			io.WriteString(w, "changed")
			return
		}
		v := version.Load()
		if hold != nil {
			hold()
		}
		w.Header().Set("Cache-Control", "max-age=60")
		io.WriteString(w, "v"+strconv.Itoa(int(v)))
	})
}

// bodyOf GETs url through hc and returns its body; "" after t.Error when
// the request fails.
func bodyOf(t *testing.T, hc *http.Client, url string) string {
	t.Helper()
	resp, err := hc.Get(url)
	if err != nil {
		t.Error(err)
		return ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
