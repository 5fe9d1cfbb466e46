package store_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/taroreq/taroreq/middleware/store"
)

// The store in a plain http.Client: a stored response whose version field
// matches the sign answers without the network.
func Example() {
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits++
		fmt.Fprint(w, `{"version":"v1","items":[1,2]}`)
	}))
	defer srv.Close()
	mem := store.NewMemory(store.WithMaxEntries(100))
	hc := &http.Client{Transport: store.New(srv.Client().Transport, mem,
		store.WithCheck(store.SignCheck("version", "v1")))}
	for range 2 {
		resp, err := hc.Get(srv.URL + "/conf")
		if err != nil {
			fmt.Println(err)
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println(string(b))
	}
	fmt.Println("server hits:", hits)
	// Output:
	// {"version":"v1","items":[1,2]}
	// {"version":"v1","items":[1,2]}
	// server hits: 1
}
