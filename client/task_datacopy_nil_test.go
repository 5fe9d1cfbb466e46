package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestGoSendsANilDataAsRequestDoes: Go's copy of a Data that is a nil
// url.Values is nil too, so a POST of it goes as Request's does, with no
// body: the copy was an empty url.Values made afresh, which the JSON
// encoder sent as "{}", application/json.
func TestGoSendsANilDataAsRequestDoes(t *testing.T) {
	var mu sync.Mutex
	var got []string
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, r.Header.Get("Content-Type")+" "+string(b))
		mu.Unlock()
	}))
	defer s.Close()
	cl := client.New(client.WithBaseURL(s.URL))
	defer cl.CloseIdleConnections()
	opt := client.Option{URL: "/x", Method: http.MethodPost, Data: url.Values(nil), RetryTimes: client.NoRetry}
	if _, err := cl.Request(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	task := cl.Go(context.Background(), opt)
	<-task.Done()
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 2 || got[0] != got[1] {
		t.Errorf("Request then Go sent (Content-Type and body) %q, want the same twice", got)
	}
}
