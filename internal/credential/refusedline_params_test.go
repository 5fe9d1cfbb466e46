package credential

import (
	"errors"
	"strings"
	"testing"
)

// A refused line of a field no rule calls secret (a server echoing the
// caller's key in a debug header, with a control byte in it) is quoted
// whole in net/http's error: its value is redacted as the same header's
// value is in a record (a secret-named parameter, a URL's secret), where
// its parameters showed as they came. Its other words stay.
func TestRefusedLineOfAnotherFieldHasItsParametersRedacted(t *testing.T) {
	const lead = `net/http: HTTP/1.x transport connection broken: malformed MIME header line: `
	for _, tc := range []struct{ line, want string }{
		{`"X-Echo: key=SECRET1\x01"`, `"X-Echo: key=REDACTED"`},
		{`"X-Echo: a=1; api_key=SECRET1\x01; v=2"`, `"X-Echo: a=1; api_key=REDACTED; v=2"`},
		{`"Baggage: session=SECRET1,userId=7\x01"`, `"Baggage: session=REDACTED,userId=7\x01"`},
		{`"X-Debug: token = SECRET1\x01"`, `"X-Debug: token REDACTED"`}, // as the value is in a record
		{`"Content-Type: text/html; charset=utf-8\x01"`, `"Content-Type: text/html; charset=utf-8\x01"`},
		{`"X-Plain: hello\x01"`, `"X-Plain: hello\x01"`},
	} {
		got := Keys(nil).ErrorNaming(errors.New(lead+tc.line), nil)
		if strings.Contains(got, "SECRET1") || got != lead+tc.want {
			t.Errorf("%s\n got %s\nwant %s", tc.line, strings.TrimPrefix(got, lead), tc.want)
		}
	}
}
