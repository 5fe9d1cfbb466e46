package credential

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestURL(t *testing.T) {
	k := NewKeys("Ticket")
	for in, want := range map[string]string{
		"http://h/p?q=1":                                 "http://h/p?q=1",
		"http://u:pw@h/p?token=a&q=1#f":                  "http://h/p?token=REDACTED&q=1",
		"https://h/?access_token=a&api_key=b&password=c": "https://h/?access_token=REDACTED&api_key=REDACTED&password=REDACTED",
		"https://h/?signature=a&sig=b&auth=c&secret=d":   "https://h/?signature=REDACTED&sig=REDACTED&auth=REDACTED&secret=REDACTED",
		"https://h/?X-Amz-Signature=a&ticket=b&page=2":   "https://h/?X-Amz-Signature=REDACTED&ticket=REDACTED&page=2",
		"https://h/?%74oken=a":                           "https://h/?%74oken=REDACTED",
		"https://u@h/":                                   "https://h/",
		// An OAuth authorization code, a JWT, a password, a CAS ticket.
		"https://h/cb?code=c&state=s&Code=C":                      "https://h/cb?code=REDACTED&state=s&Code=REDACTED",
		"https://h/?jwt=a&pwd=b&service_ticket=c&id_jwt=d":        "https://h/?jwt=REDACTED&pwd=REDACTED&service_ticket=REDACTED&id_jwt=REDACTED",
		"https://h/?client_assertion=a&client_assertion_type=jwt": "https://h/?client_assertion=REDACTED&client_assertion_type=REDACTED",
		// code is secret as a whole name only: these are not codes of access.
		"https://h/?country_code=fr&zip_code=1&status_code=2&page=3&q=x&lang=en": "https://h/?country_code=fr&zip_code=1&status_code=2&page=3&q=x&lang=en",
	} {
		if got := k.String(in); got != want {
			t.Errorf("%s: got %s, want %s", in, got, want)
		}
	}
	if got := k.String("http://h/%zz?token=a"); got != "http://h/%zz" {
		t.Errorf("unparsable: %s", got)
	}
	if got := Keys(nil).URL(nil); got != "" {
		t.Errorf("nil: %q", got)
	}
}

// A text that does not parse is printed with its control bytes escaped:
// a CR/LF in a URL built from input cannot forge a log line.
func TestStringEscapesControlBytesOfUnparsable(t *testing.T) {
	got := String("/x\r\nlevel=INFO msg=ok\x7f %zz?token=a")
	if want := "/x%0D%0Alevel=INFO msg=ok%7F %zz"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}

func TestError(t *testing.T) {
	var k Keys
	ue := &url.Error{Op: "Get", URL: "http://h/?token=abc", Err: errors.New("refused")}
	if got, want := k.Error(ue), `Get "http://h/?token=REDACTED": refused`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	wrapped := fmt.Errorf("attempt 2: %w", ue)
	if got, want := k.Error(wrapped), `attempt 2: Get "http://h/?token=REDACTED": refused`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if k.Error(nil) != "" {
		t.Error("nil error")
	}
}

func TestHeaders(t *testing.T) {
	h := NewHeaders("x-api-secret")
	in := http.Header{"Authorization": {"Bearer x"}, "Cookie": {"a=1", "b=2"}, "X-Api-Secret": {"s"}, "Accept": {"*/*"}}
	out := h.Redact(in, nil, nil)
	if out.Get("Authorization") != Redacted || out.Get("X-Api-Secret") != Redacted || out.Get("Accept") != "*/*" ||
		len(out["Cookie"]) != 2 || out["Cookie"][1] != Redacted {
		t.Errorf("got %v", out)
	}
	if in.Get("Authorization") != "Bearer x" {
		t.Error("input modified")
	}
}

func TestSecretLookingHeaders(t *testing.T) {
	out := NewHeaders().Redact(http.Header{"X-Api-Key": {"k"}, "Content-Type": {"text/plain"}}, nil, nil)
	if out.Get("X-Api-Key") != Redacted || out.Get("Content-Type") != "text/plain" {
		t.Errorf("got %v", out)
	}
}

func TestURLHeader(t *testing.T) {
	k := NewKeys("state")
	for _, tc := range []struct{ name, in, want string }{
		{"Location", "https://a.example/cb?code=x&access_token=t&page=2", "https://a.example/cb?code=REDACTED&access_token=REDACTED&page=2"},
		{"location", "/cb?token=t#access_token=f", "/cb?token=REDACTED"},                    // relative, any case, fragment dropped
		{"Location", "https://a.example/cb?state=s", "https://a.example/cb?state=REDACTED"}, // k's names too
		{"Location", "https://a.example/%7Ex?page=2", "https://a.example/%7Ex?page=2"},      // nothing secret: byte for byte
		{"Content-Location", "https://bob:pw@f.example/x", "https://f.example/x"},
		{"Content-Location", "https://bob:pw@f.example/%zz?token=t", "https://f.example/%zz"}, // does not parse
		{"Referer", "https://a.example/p?password=p&q=1", "https://a.example/p?password=REDACTED&q=1"},
		{"Link", `<https://x/?token=t>; rel=next`, `<https://x/?token=REDACTED>; rel=next`},
		{"Link", `<https://x/?p=1>; rel="prev", <https://u:p@x/?sig=s&p=3>; rel="next"`, `<https://x/?p=1>; rel="prev", <https://x/?sig=REDACTED&p=3>; rel="next"`},
		{"Link", `<https://x/?token=t`, `<https://x/?token=REDACTED`}, // unterminated
		{"Link", `</style.css>; rel=preload`, `</style.css>; rel=preload`},
		{"Link", `</p/2>; rel=next; anchor="https://x/p/1?access_token=t"`, `</p/2>; rel=next; anchor="https://x/p/1?access_token=REDACTED"`},
		{"Link", `</a>; ANCHOR = https://x/?sig=s&p=1, </b>; anchor="#top"`, `</a>; ANCHOR = https://x/?sig=REDACTED&p=1, </b>; anchor=""`},
		{"Link", `</a>; anchor="/p?page=2"; title="anchor"`, `</a>; anchor="/p?page=2"; title="anchor"`},
		{"Link", `</a>; anchor="https://x/?token=t`, `</a>; anchor="https://x/?token=REDACTED`}, // unterminated
		{"Link", `<https://a/>; anchor=https://h/p?a=1;access_token=S2`, `<https://a/>; anchor=https://h/p?a=1;access_token=REDACTED`},
		{"Link", `<https://a/>; anchor="https://h/p?q=\"&access_token=S3"`, `<https://a/>; anchor="https://h/p?q=\"&access_token=REDACTED"`},
		{"Link", `<https://a/>; anchor="https://h/p?q=<&access_token=S4"`, `<https://a/>; anchor="https://h/p?q=<&access_token=REDACTED"`},
		{"Link", `<https://a/>; title="anchor=x,y"; anchor="https://h/?token=t"`, `<https://a/>; title="anchor=x,y"; anchor="https://h/?token=REDACTED"`},
		{"Link", `<https://a/>; title="a<b", <https://b/?sig=s>`, `<https://a/>; title="a<b", <https://b/?sig=REDACTED>`},
		{"Refresh", "0; url=https://x/?token=t", "0; url=https://x/?token=REDACTED"},
		{"Refresh", "5;URL='https://x/?key=k'", "5;URL='https://x/?key=REDACTED'"},
		{"Refresh", `3, url = "https://u:p@x/n"`, `3, url = "https://x/n"`},
		{"Refresh", "0;https://x/?token=t", "0;https://x/?token=REDACTED"},
		{"Refresh", "10", "10"},
		{"Refresh", "10  ", "10  "},
		{"Refresh", "5 url=https://x/cb?access_token=t", "5 url=https://x/cb?access_token=REDACTED"},
		{"Refresh", "5\thttps://x/?token=t", "5\thttps://x/?token=REDACTED"},
		{"Refresh", "url=https://x/?token=t", "url=https://x/?token=REDACTED"},
		{"Refresh", "0.5 ; URL = 'https://x/?sig=s'", "0.5 ; URL = 'https://x/?sig=REDACTED'"},
		{"X-Next", "https://x/?token=t", "https://x/?token=REDACTED"},                            // any header: as free text
		{"X-Text", "see https://u:p@x/?a=1&sig=s, then", "see https://x/?a=1&sig=REDACTED then"}, // a secret runs on to the next &,
		{"Content-Type", "text/plain; charset=utf-8", "text/plain; charset=utf-8"},
		{"X-Contact", "ops@example.com", "ops@example.com"},
		{"Location", "", ""},
	} {
		if got := k.URLHeader(tc.name, tc.in); got != tc.want {
			t.Errorf("%s: %s:\n got %s\nwant %s", tc.name, tc.in, got, tc.want)
		}
	}

	// Headers.Redact: credential headers whole, URL headers' URLs, the rest
	// as it is; the input unchanged.
	in := http.Header{"Location": {"https://x/?token=t"}, "Authorization": {"Bearer b"}, "Accept": {"*/*"}, "Link": nil}
	out := NewHeaders().Redact(in, k, nil)
	if out.Get("Location") != "https://x/?token=REDACTED" || out.Get("Authorization") != Redacted ||
		out.Get("Accept") != "*/*" || out["Link"] != nil {
		t.Errorf("got %v", out)
	}
	if NewHeaders().Redact(in, nil, nil).Get("Location") != "https://x/?token=REDACTED" || in.Get("Location") != "https://x/?token=t" {
		t.Errorf("Header: %v, input %v", NewHeaders().Redact(in, nil, nil), in)
	}
}

// A Link value's redaction never panics, whatever the value.
func FuzzLinkHeader(f *testing.F) {
	for _, s := range []string{`<https://x/?token=t>; rel=next`, `</a>; anchor="https://x/?sig=s"`, `</a>; anchor=`, `anchor="`, `<>;anchor=<`, `</p>; title="anchor"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		got := Keys(nil).URLHeader("Link", v)
		if !strings.ContainsAny(v, "<=") && got != v {
			t.Errorf("URLHeader(Link, %q) = %q: no link and no parameter, yet changed", v, got)
		}
	})
}

// Userinfo is removed from URLs quoted in free text, and secret fields
// after '#' are redacted as after '?'.
func TestTextUserinfoAndFragment(t *testing.T) {
	var k Keys
	for in, want := range map[string]string{
		`failed to parse Location header "http://alice:PW@h:1/%zz": parse "http://alice:PW@h:1/%zz": invalid URL escape "%zz"`: `failed to parse Location header "http://h:1/%zz": parse "http://h:1/%zz": invalid URL escape "%zz"`,
		`Location "/cb#access_token=PW%zz": bad`:     `Location "/cb#access_token=REDACTED": bad`,
		`parse "http:alice:PW@h/x": no host`:         `parse "http:h/x": no host`,
		`parse "HTTPS:\\\\alice:PW@h/x"`:             `parse "HTTPS:\\\\h/x"`,
		`Get "http://u:p/w@d@h/?q=1": refused`:       `Get "http://h/?q=1": refused`,
		`mail bob@example.com about http://h/x`:      `mail bob@example.com about http://h/x`,
		`no URL here, just a@b and ?token=PW`:        `no URL here, just a@b and ?token=REDACTED`,
		`two: http://a:PW@h/ and https://b:PW2@g/ x`: `two: http://h/ and https://g/ x`,
		// An '@' in the path of a URL that parses is no userinfo: the host stays.
		`backup: http://127.0.0.1:9/users/@alice: status 503; http://h/m/@a: x`: `backup: http://127.0.0.1:9/users/@alice: status 503; http://h/m/@a: x`,
		// A password with a space or a quote, in a quoted URL.
		`Location header "http://alice:pa ss@evil.test/x": bad`:  `Location header "http://evil.test/x": bad`,
		`Location header "http://alice:pa\"ss@evil.test/x": bad`: `Location header "http://evil.test/x": bad`,
		// URLs joined in one word, or nested in a query.
		`mirrors http://a.test/x,http://bob:PW@b.test/y|http://c:PW@c.test/;http://d:PW@d/`: `mirrors http://a.test/x,http://b.test/y|http://c.test/;http://d/`,
		`Get "http://h/login?next=http://bob:PW@b/y": x`:                                    `Get "http://h/login?next=http://b/y": x`,
		// Browsers read these as userinfo too.
		`parse "http:/alice:PW@h:1/x"`:   `parse "http:/h:1/x"`,
		`parse "http:///alice:PW@h:1/x"`: `parse "http:///h:1/x"`,
		// Scheme-relative URLs (a Location may be one), at a word's start;
		// a path's "//" and an e-mail address are not.
		`failed to parse Location header "//alice:PW@h:1/%zz": bad`: `failed to parse Location header "//h:1/%zz": bad`,
		`next=//bob:PW@b.test/y and //c:PW@c/`:                      `next=//b.test/y and //c/`,
		`path a//b@c and mail bob@example.com`:                      `path a//b@c and mail bob@example.com`,
		// A password holding the start of another URL, or a space in a
		// quoted scheme-relative URL, or a '#' that net/url took for the
		// fragment's start (and quotes as an invalid port).
		`Location header "https://alice:TOPSECRET,ws:XYZ@evil.test/%zz": bad`:                                                         `Location header "https://evil.test/%zz": bad`,
		`Location header "http://alice:TOPSECRET=//evil@evil.test/%zz": bad`:                                                          `Location header "http://evil.test/%zz": bad`,
		`Location header "//alice:TOP SECRET@evil.test/": bad`:                                                                        `Location header "//evil.test/": bad`,
		`Location header "http://alice:TOPSECRET#x@evil.test/": parse "http://alice:TOPSECRET": invalid port ":TOPSECRET" after host`: `Location header "http://evil.test/": parse "http://": invalid port "REDACTED" after host`,
		// A '#' ends net/url's authority: what it quotes of the URL and of its
		// "port" is the password; ordinary host:port text is not.
		`Location header "http://alice:pa/TOPSECRET#x@evil.test/": parse "http://alice:pa/TOPSECRET": invalid port ":pa" after host`: `Location header "http://evil.test/": parse "http://": invalid port "REDACTED" after host`,
		`parse "http://alice:TOPSECRET]": invalid port ":TOPSECRET]" after host`:                                                     `parse "http://": invalid port "REDACTED" after host`,
		`parse "http://alice:x\" after hostTOPSECRET": invalid port ":x\" after hostTOPSECRET" after host`:                           `parse "http://": invalid port "REDACTED" after host`,
		`see http://localhost:8080. Questions: admin@example.com`:                                                                    `see http://localhost:8080. Questions: admin@example.com`,
		`tried http://a.test:8080, http://b.test:8081 (http://proxy.corp:3128) for bob@example.com`:                                  `tried http://a.test:8080, http://b.test:8081 (http://proxy.corp:3128) for bob@example.com`,
		// A password that starts like a path, and a URL nested in a quoted one
		// with a space in its password.
		`Location header "http://alice:/TOPSECRET,ws:XYZ@evil.test/%zz": bad`:   `Location header "http://evil.test/%zz": bad`,
		`Location header "//a.test/?u=//bob:TOP TOPSECRET@b/#%zz": bad`:         `Location header "//a.test/?u=//b/#%zz": bad`,
		`parse "http://[alice:TOPSECRET": missing ']' in host`:                  `parse "http://": missing ']' in host`,
		`Get "http:alice:TOPSECRET#x@evil.test/": http: no Host in request URL`: `Get "http:evil.test/": http: no Host in request URL`,
		// Ordinary errors keep their words.
		`parse "127.0.0.1:8080": first path segment in URL cannot contain colon`:                                   `parse "127.0.0.1:8080": first path segment in URL cannot contain colon`,
		`failed to parse "/etc/app/config.json": invalid character '}' looking for beginning of object key string`: `failed to parse "/etc/app/config.json": invalid character '}' looking for beginning of object key string`,
		`"(http://h/%zz) mail bob@x"`:                        `"(http://h/%zz) mail bob@x"`,
		`see http:/docs/contact?email=bob@x.com now`:         `see http:/docs/contact?email=bob@x.com now`,
		`parse "http://alice:TOPSECRET#x": invalid userinfo`: `parse "http://": invalid userinfo`,
		// Paths that start with two slashes are paths.
		`open //nas/share/100%/alice@corp.csv: no such file or directory`: `open //nas/share/100%/alice@corp.csv: no such file or directory`,
		`open "\\\\nas\\share\\100%\\alice@corp.xlsx": access denied`:     `open "\\\\nas\\share\\100%\\alice@corp.xlsx": access denied`,
		// Either slash a backslash, as browsers read it.
		`Location header "\\alice:PW@evil.test/": bad`: `Location header "\\evil.test/": bad`,
		`Location header "/\alice:PW@h/%zz": bad`:      `Location header "/\h/%zz": bad`,
		// Text that only starts with "//" keeps its words: the userinfo is
		// in the authority, before the first delimiter.
		`unexpected "// mail ops@corp.example if 50% fails"`: `unexpected "// mail ops@corp.example if 50% fails"`,
		// A password may hold a '/' in a scheme-relative URL too (one that
		// does not parse loses everything up to its last '@'); and %q's
		// escaped backslashes are slashes.
		`Location header "//alice:AbC/dEf+SECRET@evil.test/%zz": bad`: `Location header "//evil.test/%zz": bad`,
		`Location header "\\\\alice:SECRET@evil.test/": bad`:          `Location header "\\\\evil.test/": bad`,
		`Location header "/\\alice:SECRET@h/%zz": bad`:                `Location header "/\\h/%zz": bad`,
	} {
		if got := k.Text(in); got != want {
			t.Errorf("%s:\n got %s\nwant %s", in, got, want)
		}
	}
}

// A URL of a scheme with an authority written without "//" ("http:u:p@h",
// which url.Parse reads as opaque and browsers as userinfo) loses its
// userinfo too, in URLs and in URL headers.
func TestOpaqueUserinfo(t *testing.T) {
	var k Keys
	for in, want := range map[string]string{
		"http:alice:PW@h:1/x":    "http:h:1/x",
		"https:alice@h/x?q=1":    "https:h/x?q=1",
		"mailto:bob@example.com": "mailto:bob@example.com",
		"http:h/x":               "http:h/x",
		"http:/alice:PW@h:1/x":   "http:/h:1/x",
		"http:///alice:PW@h:1/x": "http:///h:1/x",
		"http:/alice:PW@h/%zz":   "http:/h/%zz",
		"http:alice:PW@h/x\n":    "http:h/x%0A", // a control byte escaped
	} {
		if got := k.String(in); got != want {
			t.Errorf("String(%s) = %s, want %s", in, got, want)
		}
	}
	if got := k.URLHeader("Content-Location", "http:alice:PW@h:1/doc"); strings.Contains(got, "PW") {
		t.Errorf("Content-Location: %s", got)
	}
	for _, v := range []string{"http:/alice:PW@h/x", "http:///alice:PW@h/x", "0; url=http:/alice:PW@h/x"} {
		name := "Location"
		if strings.HasPrefix(v, "0;") {
			name = "Refresh"
		}
		if got := k.URLHeader(name, v); strings.Contains(got, "PW") {
			t.Errorf("%s: %s", name, got)
		}
	}
	if got := k.URLHeader("Link", `<http:\\alice:PW@h:1/next>; rel=next`); strings.Contains(got, "PW") {
		t.Errorf("Link: %s", got)
	}
}

// Free text with many URLs in one word costs time in proportion to its
// length: each URL's userinfo is looked for in its first bytes only. Four
// times the text must take well under sixteen times as long.
func TestTextManyURLsInOneWordIsLinear(t *testing.T) {
	var k Keys
	for _, url := range []string{",//cdn.example/a.js", ",https://cdn.example/a.js"} {
		small, large, ok := linearTimes(1000, 4000, 20*time.Millisecond, func(n int) func() {
			word := strings.Repeat(url, n) + "@x"
			return func() {
				if got := k.Text("assets " + word); got != "assets "+word {
					t.Fatalf("the text changed: %.80q…", got)
				}
			}
		})
		if !ok {
			t.Fatalf("%s: 1000 URLs took %v, 4000 took %v: not linear", url, small, large)
		}
	}
}

// A userinfo of any length is cut, a long token as a password or one that
// %q's escapes make longer.
func TestTextLongUserinfo(t *testing.T) {
	var k Keys
	for _, password := range []string{strings.Repeat("T", 5000), strings.Repeat("\xff", 700)} {
		in := fmt.Sprintf("failed to parse Location header %q: bad", "https://oauth2:"+password+"@h/%zz")
		if got := k.Text(in); strings.Contains(got, "oauth2") || !strings.Contains(got, `"https://h/%zz"`) {
			t.Fatalf("a %d-byte password: %.120q", len(password), got)
		}
	}
}

// A hostile Location of many schemes in one word costs time in proportion
// to its length: four times the text must take well under sixteen times as
// long.
func TestTextHostileLocationIsLinear(t *testing.T) {
	var k Keys
	for _, unit := range []string{"http:", "a://h/%a", ",//h/%zz"} {
		small, large, ok := linearTimes(4000, 16000, 20*time.Millisecond, func(n int) func() {
			in := fmt.Sprintf("failed to parse Location header %q", "/%zz"+strings.Repeat(unit, n)+"a@x")
			return func() { k.Text(in) }
		})
		if !ok {
			t.Fatalf("%q: 4000 took %v, 16000 took %v: not linear", unit, small, large)
		}
	}
}

// A field whose name the word rules match but whose grammar holds only
// literal non-secrets (Access-Control-Allow-Credentials: true) shows that
// value; a caller's own names (Headers, WithCredentialHeaders as extra)
// redact it whatever it holds, and so does a value off the grammar.
func TestRedactShowsKnownValuesOfFieldsThatHoldNoSecret(t *testing.T) {
	in := http.Header{"Access-Control-Allow-Credentials": {"true", "tok"}, "Sec-Fetch-User": {"?1"}, "Authorization": {"true"}}
	out := NewHeaders().Redact(in, nil, nil)
	if got := out["Access-Control-Allow-Credentials"]; len(got) != 2 || got[0] != "true" || got[1] != Redacted {
		t.Errorf("Access-Control-Allow-Credentials %q", got)
	}
	if out.Get("Sec-Fetch-User") != "?1" || out.Get("Authorization") != Redacted {
		t.Errorf("Sec-Fetch-User %q, Authorization %q", out.Get("Sec-Fetch-User"), out.Get("Authorization"))
	}
	for name, out := range map[string]http.Header{
		"listed": NewHeaders("access-control-allow-credentials", "Sec-Fetch-User").Redact(in, nil, nil),
		"extra":  NewHeaders().Redact(in, nil, []string{"access-control-allow-credentials", "sec-fetch-user"}),
	} {
		if out.Get("Access-Control-Allow-Credentials") != Redacted || out.Get("Sec-Fetch-User") != Redacted {
			t.Errorf("%s: %v", name, out)
		}
	}
}
