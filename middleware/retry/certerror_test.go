package retry_test

import (
	"crypto/tls"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/transports"
)

// A server whose certificate does not verify is not asked again: the
// default policy (go-retryablehttp's) refuses to retry a certificate error,
// which it recognises only inside an http.Client's *url.Error, never around
// a RoundTripper's error. One handshake, and the error says why.
func TestACertificateErrorIsNotRetried(t *testing.T) {
	var handshakes atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.TLS = &tls.Config{GetConfigForClient: func(*tls.ClientHelloInfo) (*tls.Config, error) {
		handshakes.Add(1)
		return nil, nil
	}}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake errors are expected
	srv.StartTLS()
	defer srv.Close()
	base := transports.Default() // the system's roots: httptest's certificate is not among them
	defer base.CloseIdleConnections()
	rt := retry.New(base, retry.WithRetryTimes(2), retry.WithBackoff(nil, 0, 0))
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/x", nil)
	resp, err := rt.RoundTrip(req)
	if resp != nil {
		resp.Body.Close()
	}
	var cve *tls.CertificateVerificationError
	if !errors.As(err, &cve) {
		t.Fatalf("err = %v, want a *tls.CertificateVerificationError", err)
	}
	if n := handshakes.Load(); n != 1 {
		t.Errorf("%d handshakes, want 1: a certificate error was retried", n)
	}
}
