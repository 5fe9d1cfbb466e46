package credential

import "testing"

// A log or a recording reads every header's value: the everyday ones,
// with a ':' or a '=' and nothing secret (a Date, a Server-Timing), cost
// no allocation.
func TestURLHeaderEverydayValuesDoNotAllocate(t *testing.T) {
	k := Keys(nil)
	for _, c := range [][2]string{
		{"Date", "Sun, 29 Nov 2026 02:46:39 GMT"},
		{"Server-Timing", `cache;desc="Cache Read";dur=23.2, db;dur=53, app;dur=47.2, edge;desc="edge node fra1";dur=1.5, origin;dur=120`},
		{"Alt-Svc", `h3=":443"; ma=86400, h3-29=":443"; ma=86400, h2="alt.example.com:443"; ma=3600; persist=1`},
		{"X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1"},
		// Read as a list or as trace context, with members that looked
		// secret (review26: 2 and 3 allocations before).
		{"Baggage", "sentry-environment=production,sentry-public_key=49d0f7386ad645858ae85020e393bef3,sentry-trace_id=771a43a4192642f0b136d5159a501700,sentry-sampled=true"},
		{"Tracestate", "congo=t61rcWkgMzE,authz=00f067aa0ba902b7,rojo=00f067aa0ba902b7"},
	} {
		if n := testing.AllocsPerRun(100, func() { _ = k.URLHeader(c[0], c[1]) }); n != 0 {
			t.Errorf("%s: %s: %v allocations", c[0], c[1], n)
		}
	}
}
