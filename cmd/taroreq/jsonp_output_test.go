package main

import (
	"fmt"
	"net/http"
	"testing"
)

// A JSONP answer's payload is printed as any JSON body: its numbers' text
// and its key order as received. It was decoded and encoded again, so
// 12345678901234567890123 showed as 1.2345678901234568e+22, 1.10 as 1.1,
// and the keys sorted.
func TestJSONPPayloadIsPrintedAsReceived(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/javascript")
		fmt.Fprintf(w, `/**/ %s({"z":1,"big":12345678901234567890123,"f":1.10,"a":"x<y"});`, r.URL.Query().Get("callback"))
	})
	r := cli(t, "--pretty", "none", "--jsonp-callback", "cb", srv.URL+"/j")
	r.wantCode(t, exitOK)
	if want := `{"z":1,"big":12345678901234567890123,"f":1.10,"a":"x<y"}`; r.stdout != want {
		t.Errorf("--pretty none: %s\nwant %s", r.stdout, want)
	}
	r = cli(t, "--jsonp", srv.URL+"/j")
	r.wantCode(t, exitOK)
	if want := "{\n  \"z\": 1,\n  \"big\": 12345678901234567890123,\n  \"f\": 1.10,\n  \"a\": \"x<y\"\n}\n"; r.stdout != want {
		t.Errorf("formatted: %s\nwant %s", r.stdout, want)
	}
}
