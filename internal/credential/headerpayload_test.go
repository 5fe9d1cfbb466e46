package credential

import "testing"

// JSON inside a header's value, after other text, or written as a
// JavaScript object literal, and a data: URL's payload, escaped or in
// base64, hold secrets as a whole JSON value does: a secret member, or a
// secret parameter of the text the payload is, is redacted (the payload
// whole when it is encoded; a literal that does not parse, whole), and
// everyday values stay as they are.
func TestURLHeaderRedactsEmbeddedJSONAndDataURLs(t *testing.T) {
	k := Keys(nil)
	for _, tc := range []struct{ name, in, want string }{
		{"X-Ctx", `v1 {"access_token":"t","page":2}`, `v1 {"access_token":"REDACTED","page":2}`},
		{"X-Ctx", `v1;[{"a":1},{"password":"p"}] tail`, `v1;[{"a":1},{"password":"REDACTED"}] tail`},
		{"X-Cfg", `{token: 't'}`, Redacted},
		{"X-Cfg", `{'token':'t', 'a': 1}`, Redacted},
		{"X-Form", "access_token%3Dt%26x%3D1", "access_token%3DREDACTED%26x%3D1"},
		{"X-Data", `data:application/json,{"access_token":"t"}`, `data:application/json,{"access_token":"REDACTED"}`},
		{"X-Data", "data:application/json,%7B%22access_token%22%3A%22t%22%7D", "data:application/json,REDACTED"},
		{"X-Data", "data:application/json;base64,eyJhY2Nlc3NfdG9rZW4iOiJ0In0=", "data:application/json;base64,REDACTED"},
		{"X-Data", "<data:text/plain;base64,YT0xJnRva2VuPXQ=>; rel=x", "<data:text/plain;base64,REDACTED>; rel=x"},
		{"X-Data", "data:text/plain,a%3D1%26token%3Dt", "data:text/plain,a%3D1%26token%3DREDACTED"},
		{"X-Data", "\x81\x81 DATA:,%7B%22token%22:1%7D", "\x81\x81 DATA:,REDACTED"}, // bytes that are not UTF-8 before it
		// Everyday values.
		{"X-Data", "\x81\x81\x81%dAtA:", "\x81\x81\x81%dAtA:"},
		{"X-Ctx", `v1 {"user":"a","page":2}`, `v1 {"user":"a","page":2}`},
		{"X-Cfg", `{page: 2}`, `{page: 2}`},
		{"X-Ids", "[1,2,3] [4", "[1,2,3] [4"},
		{"X-Data", "data:application/json;base64,eyJwYWdlIjoyfQ==", "data:application/json;base64,eyJwYWdlIjoyfQ=="},
		{"X-Data", "data:,Hello%2C%20World%21", "data:,Hello%2C%20World%21"},
		{"X-Img", "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
			"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="},
	} {
		if got := k.URLHeader(tc.name, tc.in); got != tc.want {
			t.Errorf("%s: %s:\n got %s\nwant %s", tc.name, tc.in, got, tc.want)
		}
		if got := k.URLHeader(tc.name, tc.want); got != tc.want {
			t.Errorf("%s: %s redacted again: %s", tc.name, tc.want, got)
		}
	}
}
