package client_test

import (
	"crypto/tls"
	"io"
	"log/slog"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/datacheck"
	"github.com/taroreq/taroreq/middleware/httpcache"
	reqlog "github.com/taroreq/taroreq/middleware/log"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/store"
	"github.com/taroreq/taroreq/middleware/timeout"
	"github.com/taroreq/taroreq/middleware/tracing"
	"github.com/taroreq/taroreq/transports"
)

// README: a certificate transport behind a transports.Recorder or one of
// this module's layers is found through them. Each says what is below it.
func TestEveryLayerShowsTheCertificateTransportBelow(t *testing.T) {
	cert := &http.Transport{TLSClientConfig: &tls.Config{Certificates: []tls.Certificate{{}}}}
	rec, err := transports.NewRecorder(cert, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	layers := map[string]http.RoundTripper{
		"backup":          backup.New(cert),
		"breaker":         breaker.New(cert),
		"datacheck":       datacheck.New(cert),
		"httpcache":       httpcache.New(cert),
		"log":             reqlog.New(cert, slog.New(slog.NewTextHandler(io.Discard, nil))),
		"retry":           retry.New(cert),
		"store":           store.New(cert, store.NewMemory()),
		"timeout":         timeout.New(cert),
		"tracing attempt": tracing.New(cert),
		"tracing request": tracing.RequestMiddleware()(cert),
		"Recorder":        rec,
	}
	for name, rt := range layers {
		if !credential.CertifiesUser(rt) {
			t.Errorf("%s: the certificate transport below it is not found", name)
		}
		if !credential.CertifiesUser(timeout.New(rt)) {
			t.Errorf("%s under the timeout layer: not found", name)
		}
	}
}
