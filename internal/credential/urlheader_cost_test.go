package credential

import (
	"strings"
	"testing"
	"time"
)

// Any header's value is read as free text now (a server's, of any length:
// net/http takes 1 MB of them), so one of many parameters costs time in
// proportion to its length: four times the value must take well under
// sixteen times as long.
func TestURLHeaderManyParametersIsLinear(t *testing.T) {
	var k Keys
	for _, unit := range []string{"?a=", "a=1;", "%3A%2F%2F=", "token=a,", "token=a; ", ", token=\"", ",a==", "%3Ftoken%3Da", "%3Ftoken=a&", "%3F%61=", "a%3D", "eyJhbGciOiJub25lIn0.e.", "eyJeyJ.", " eyJ", "{} ", " [{\"a\":1}]", " {", "{a: 1, b:[", "{token: 1} ", "data:,%7B ", "data:;base64,e30= ", "data:", "eyJ/", " eyJhIjoiPz8/In0=", "data:x=", "data:", "Authorization: a,", "X-A-B:", "Cookie:;", "Cookie: a; b", "Bearer ", "basic YWxpY2U6czNjcmV0 ", "dpop", "bearer  b", "ghp_", " sk_live_aaaaaaaaaaaaaaaaaaaa", "AIza-", "token = a, ", " = ", "token =", ",token  =  ", "&token=(", "&token=\"", "&token='", "?token=(\"", "token=((' ", "token=(a)", "&token=\"a\"b", "SG.", "SG.aaaaaaaaaaaaaaaaaaaa.", "ApiKey ", "oauth a", "sntrys_aaaaaaaaaaaaaaaaaaaaaa1=", "hvs.aaaaaaaaaaaaaaaaaaaaaa1.", "ya29.A", "digest a=1, ", "Digest response=\"", "digest "} {
		if raceFactor > 1 && len(unit)%3 != 0 {
			// Under -race each unit takes seconds, the whole list minutes
			// on a loaded machine, near go test's 10-minute bound for the
			// package: a third of them there; every one without -race
			// (the README's go test ./...).
			continue
		}
		small, large, ok := linearTimes(8000, 32000, 20*time.Millisecond, func(n int) func() {
			v := strings.Repeat(unit, n)
			return func() { k.URLHeader("X-Any", v) }
		})
		if !ok {
			t.Errorf("%q: 8000 took %v, 32000 took %v: not linear", unit, small, large)
		}
	}
}
