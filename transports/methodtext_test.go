package transports_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/transports"
)

// A fake's refusal named the request by its method as written: a method
// net/http would refuse to send ("GET tok", a token pasted into a
// hand-built Request's Method) went whole into the error's text. It is
// named as the client's errors name it (by its length, unless a near miss
// of a method).
func TestFakesNameAnUnsendableMethodWithoutItsSecret(t *testing.T) {
	const secret = "FAKEMETHODSECRET"
	p, err := transports.NewReplayer(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for name, rt := range map[string]http.RoundTripper{"replayer": p, "scripted": transports.NewScripted()} {
		req, _ := http.NewRequest("GET", "http://127.0.0.1:1/x", nil)
		req.Method = "GET " + secret
		resp, err := rt.RoundTrip(req)
		if err == nil {
			resp.Body.Close()
			t.Fatalf("%s answered", name)
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
