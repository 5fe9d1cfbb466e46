package layertest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// A Refusal is a request net/http refuses to send as it writes its head,
// before any byte of it left: Edit makes it of a GET of Srv.URL + "/x".
type Refusal struct {
	Name string
	Srv  *httptest.Server
	Edit func(*http.Request)
}

// RefusedToWrite starts an HTTP/2 server (TLS) and an HTTP/1 one, both
// answering "ok" and closed when t ends, and returns the refusals (over
// HTTP/2 a Host that is no host, a target that is no path, a Trailer it
// may not announce; over HTTP/1 a control character in the target), the
// HTTP/2 server, and a Transport that reaches both (its idle connections
// closed when t ends).
func RefusedToWrite(t testing.TB) ([]Refusal, *httptest.Server, *http.Transport) {
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	h2 := httptest.NewUnstartedServer(handler)
	h2.EnableHTTP2 = true
	h2.StartTLS()
	t.Cleanup(h2.Close)
	h1 := httptest.NewServer(handler)
	t.Cleanup(h1.Close)
	tr := h2.Client().Transport.(*http.Transport)
	t.Cleanup(tr.CloseIdleConnections)
	return []Refusal{
		{"invalid Host", h2, func(r *http.Request) { r.Host = "tenant a.example" }},
		{"invalid :path", h2, func(r *http.Request) { r.URL.Opaque = "x" }},
		{"invalid Trailer key", h2, func(r *http.Request) { r.Trailer = http.Header{"Content-Length": nil} }},
		{"control character in the URL", h1, func(r *http.Request) { r.URL.Opaque = "/a\x7fb" }},
	}, h2, tr
}
