package client_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A loop body that panics (or calls runtime.Goexit, as t.Fatal does) has
// not broken out of the sequence: its Events call ends with Fail, then
// Complete, never Success, and the panic reaches the caller as it was.
func TestEventsLoopBodyPanicReportsFail(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		sseHeader(w)
		io.WriteString(w, "data: a\n\n")
	})
	var got []string
	var failErr error
	opt := client.Option{URL: srv.URL,
		Success:  func(*client.Response) { got = append(got, "success") },
		Fail:     func(_ *client.Response, err error) { got = append(got, "fail"); failErr = err },
		Complete: func(*client.Response, error) { got = append(got, "complete") }}
	var recovered any
	func() {
		defer func() { recovered = recover() }()
		for range client.New().Events(context.Background(), opt) {
			panic("consumer failed")
		}
	}()
	if recovered != "consumer failed" {
		t.Fatalf("recovered %v, want the loop body's panic", recovered)
	}
	if fmt.Sprint(got) != "[fail complete]" || failErr == nil {
		t.Fatalf("callbacks %v (Fail's error %v); want [fail complete] with an error", got, failErr)
	}
	t.Log(failErr)
}
