package client_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// Query data that cannot be appended to the URL's text as it is (here a
// fragment in it) still shows in Response.URL: the URL's text is the one
// sent, not the one before the data.
func TestResponseURLHasQueryNotAppendedInPlace(t *testing.T) {
	var sent string
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { sent = r.URL.RawQuery })
	resp, err := client.New().Request(context.Background(), client.Option{URL: srv.URL + "/p", Data: "a=1#x"})
	if err != nil {
		t.Fatal(err)
	}
	if sent != "a=1" || !strings.HasPrefix(resp.URL, srv.URL+"/p?a=1") {
		t.Fatalf("sent query %q, Response.URL %q", sent, resp.URL)
	}
}
