package timeout_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/middleware/timeout"
)

// panicky is a one-shot body whose Read panics.
type panicky struct{}

func (panicky) Read([]byte) (int, error) { panic("reader broke") }
func (panicky) Close() error             { return nil }

// A one-shot request body whose Read panics fails the attempt with an
// error saying so; it does not crash the process from net/http's write
// loop, where no caller could recover it.
func TestOneShotBodyWhoseReadPanicsIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	hc := &http.Client{Transport: timeout.New(nil, timeout.WithTimeout(2*time.Second))}
	defer hc.CloseIdleConnections()
	req, _ := http.NewRequest(http.MethodPut, srv.URL, nil)
	req.Body = panicky{}
	req.ContentLength = -1
	_, err := hc.Do(req)
	if err == nil || !strings.Contains(err.Error(), "reader broke") {
		t.Fatalf("err = %v, want the panic as an error", err)
	}
}
