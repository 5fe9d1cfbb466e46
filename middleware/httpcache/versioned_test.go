package httpcache_test

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
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

// aroundAPost GETs getURL through hc and, once the origin holds that GET
// (held closed), POSTs postURL and GETs getURL again. It returns where the
// two GETs' bodies come (a failed one's error text); the caller closes
// release to let the origin answer the first.
func aroundAPost(t *testing.T, hc *http.Client, getURL, postURL string, held, release chan struct{}) (first, second chan string) {
	t.Helper()
	get := func(got chan<- string) {
		resp, err := hc.Get(getURL)
		if err != nil {
			got <- err.Error()
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		got <- string(b)
	}
	first, second = make(chan string, 1), make(chan string, 1)
	go get(first)
	select {
	case <-held:
	case <-time.After(3 * time.Second):
		close(release)
		t.Fatal("the first GET never reached the origin")
	}
	resp, err := hc.Post(postURL, "text/plain", strings.NewReader("edit"))
	if err != nil {
		close(release)
		t.Fatal(err)
	}
	resp.Body.Close()
	go get(second)
	return first, second
}

// pathVersions is an origin without sockets whose every path has a
// version, 1 at first and one more at each POST to it: a GET answers
// "v<version>", fresh for a minute; anything else "changed".
func pathVersions() http.RoundTripper {
	var mu sync.Mutex
	versions := map[string]int{}
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		if r.Method == http.MethodPost {
			versions[r.URL.Path]++
		}
		v := versions[r.URL.Path] + 1
		mu.Unlock()
		h, body := http.Header{}, "changed"
		if r.Method == http.MethodGet {
			h.Set("Cache-Control", "max-age=60")
			body = "v" + strconv.Itoa(v)
		}
		return &http.Response{StatusCode: 200, Header: h, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
	})
}
