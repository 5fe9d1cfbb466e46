package credential

import "testing"

// Tracestate's keys are vendors' names (W3C Trace Context: a tenant@system
// or a vendor's word) and its values their trace data, which every service
// downstream reads: authz= or key= is a vendor, no secret, and a member
// after it is kept (a key with '@' ended no value before).
func TestURLHeaderKeepsTracestateMembers(t *testing.T) {
	k := Keys(nil)
	for _, in := range []string{
		"congo=t61rcWkgMzE,authz=00f067aa0ba902b7",
		"rojo=00f067aa0ba902b7,key=abc,sig@vendor=xyz, session=1",
		"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
	} {
		for _, name := range []string{"Tracestate", "tracestate", "Traceparent"} {
			if got := k.URLHeader(name, in); got != in {
				t.Errorf("%s: %s:\n got %s", name, in, got)
			}
		}
	}
	// What free text would lose still goes: a URL's secret, a JWT.
	for in, want := range map[string]string{
		"v=https://x/?token=t": "v=https://x/?token=REDACTED",
		"a=1,jwt=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl,b=2": "a=1,jwt=REDACTED,b=2",
	} {
		if got := k.URLHeader("Tracestate", in); got != want {
			t.Errorf("%s: got %s, want %s", in, got, want)
		}
	}
}
