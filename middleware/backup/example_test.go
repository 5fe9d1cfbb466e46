package backup_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/taroreq/taroreq/middleware/backup"
)

// The primary answers 503: the request fails over to the backup URL.
func Example() {
	primary := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer primary.Close()
	spare := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "spare answered %s", r.URL.Path)
	}))
	defer spare.Close()
	hc := &http.Client{Transport: backup.New(primary.Client().Transport, backup.WithURLs(spare.URL+"/items"))}
	resp, err := hc.Get(primary.URL + "/items")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, string(b))
	// Output: 200 spare answered /items
}
