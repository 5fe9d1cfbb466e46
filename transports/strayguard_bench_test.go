package transports

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// BenchmarkStrayGuard is a small GET on loopback over Default, its
// connections guarded, and over Default with them bare: what the guard
// costs a request (compare the two with -count and benchstat).
func BenchmarkStrayGuard(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id":7,"name":"Ann","ok":true}`)
	}))
	defer srv.Close()
	for _, c := range []struct {
		name    string
		guarded bool
	}{{"guarded", true}, {"bare", false}} {
		b.Run(c.name, func(b *testing.B) {
			tr := Default()
			if !c.guarded {
				tr.DialContext = (&net.Dialer{Timeout: 5 * time.Second}).DialContext
			}
			defer tr.CloseIdleConnections()
			hc := &http.Client{Transport: tr}
			b.ReportAllocs()
			for b.Loop() {
				resp, err := hc.Get(srv.URL)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		})
	}
}
