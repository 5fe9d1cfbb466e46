package httpcache_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/taroreq/taroreq/middleware/httpcache"
)

// The cache in a plain http.Client: the second GET is answered from the
// cache, the third (after a POST to the same URL) goes to the server again.
func Example() {
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		w.Header().Set("Cache-Control", "max-age=60")
		fmt.Fprintf(w, "%s #%d", r.Method, hits)
	}))
	defer srv.Close()
	hc := &http.Client{Transport: httpcache.New(srv.Client().Transport)}
	show := func(resp *http.Response, err error) {
		if err != nil {
			fmt.Println(err)
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		fmt.Printf("%s (Age %q)\n", b, resp.Header.Get("Age"))
	}
	show(hc.Get(srv.URL + "/items"))
	show(hc.Get(srv.URL + "/items"))
	show(hc.Post(srv.URL+"/items", "text/plain", nil))
	show(hc.Get(srv.URL + "/items"))
	fmt.Println("server hits:", hits)
	// Output:
	// GET #1 (Age "")
	// GET #1 (Age "0")
	// POST #2 (Age "")
	// GET #3 (Age "")
	// server hits: 3
}
