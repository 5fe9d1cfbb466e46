package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

// GET data that cannot become a query (a reader) fails before any request,
// with a clear error: it is never silently dropped.
func TestGetReaderDataRefused(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { n.Add(1) }))
	defer srv.Close()
	_, err := client.New().Request(context.Background(), client.Option{URL: srv.URL, Data: strings.NewReader("q=1")})
	if !errors.Is(err, encoders.ErrUnencodable) || !strings.Contains(err.Error(), "*strings.Reader") || n.Load() != 0 {
		t.Fatalf("err %v after %d requests; want ErrUnencodable naming *strings.Reader, nothing sent", err, n.Load())
	}
}
