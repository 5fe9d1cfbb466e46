package timeout

import (
	"net/http"
	"net/http/httptrace"
	"testing"
	"time"
)

// An attempt of a request without a body counts the new connections its
// transport gets through httptrace, whether or not httptrace asks for its
// trace under the key the probe found: were traceKey nil (a Go release whose
// ContextClientTrace reads no context value), the attempt must still be
// traced, through a context of its own, and answer no Value(nil).
func TestAttemptBoundsSendsWithoutTraceKey(t *testing.T) {
	if traceKey == nil {
		t.Fatal("the probe found no httptrace key: every attempt's bound rests on the fallback")
	}
	for _, c := range []struct {
		name string
		key  any
	}{{"probed key", traceKey}, {"no key", nil}} {
		t.Run(c.name, func(t *testing.T) {
			saved := traceKey
			traceKey = c.key
			defer func() { traceKey = saved }()
			req, _ := http.NewRequest("GET", "http://127.0.0.1/x", nil)
			a := newAttempt(req, time.Minute)
			defer a.release()
			trace := httptrace.ContextClientTrace(a.req.Context())
			if trace == nil || trace.GotConn == nil {
				t.Fatal("the attempt's context carries no trace: its sends are not counted")
			}
			if v := a.req.Context().Value(nil); v != nil {
				t.Errorf("Value(nil) = %v, want nil", v)
			}
			for range maxSends + 1 {
				trace.GotConn(httptrace.GotConnInfo{})
			}
			if !a.resentTooOften() || a.Err() == nil {
				t.Errorf("after %d new connections: resentTooOften %v, Err %v; want the attempt ended", maxSends+1, a.resentTooOften(), a.Err())
			}
		})
	}
}
