package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A hostile server answers with a 256 KB Location that does not parse,
// made of "?a=" over and over. Formatting the error (the redaction of the
// quoted Location) must take time linear in its length, not seconds.
// A server's Location that does not parse is quoted in the error, whose
// text is redacted: a hostile 256 KB one ("?a=" over and over, each value
// running to the end) costs time linear in its length, not quadratic.
func TestHostileLocationErrorIsQuick(t *testing.T) {
	loc := "/%zz/?" + strings.Repeat("?a=", 256<<10/3)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", loc)
		w.WriteHeader(http.StatusFound)
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	start := time.Now()
	_, err := c.Request(context.Background(), client.Option{URL: "/x", RetryTimes: client.NoRetry, Timeout: time.Minute})
	took := time.Since(start)
	if err == nil {
		t.Fatal("no error")
	}
	if took > 3*time.Second { // quadratic took 14 s; linear well under a second, even under -race
		t.Errorf("the call took %v (a 256 KB Location)", took)
	}
}
