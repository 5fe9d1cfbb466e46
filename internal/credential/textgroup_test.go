package credential

import "testing"

// A secret's value written quoted (token="a b", token='a b', with an
// escaped quote inside) or as an inner list (token=("a" "b"), token=(a
// b)) is redacted whole (its quotes and parentheses kept), in free text and in a header's list alike; the
// value ended at its first quote or blank, and the rest of it was logged.
// A quote that closes a quoted URL (Get "https://x/?token=": EOF) is no
// value's.
func TestTextRedactsQuotedAndGroupedValuesWhole(t *testing.T) {
	k := Keys(nil)
	for _, tc := range []struct{ in, want string }{
		{`https://x/?token="a\"b" rest`, `https://x/?token="REDACTED" rest`},
		{`https://x/?a=1&token="secret part"&c=2`, `https://x/?a=1&token="REDACTED"&c=2`},
		{`https://x/?a=1&token="a\" b"&c=2`, `https://x/?a=1&token="REDACTED"&c=2`},
		{`https://x/?token='a b' rest`, `https://x/?token='REDACTED' rest`},
		{`https://x/?token=("a" "b") rest`, `https://x/?token=(REDACTED) rest`},
		{`https://x/?a=1&token=(s1 s2)&c=2`, `https://x/?a=1&token=(REDACTED)&c=2`},
		{`https://x/?token=(s1 "b)c")tail&c=2`, `https://x/?token=REDACTED&c=2`},
		// Quotes that are no value's.
		{`Get "https://x/?token=": EOF`, `Get "https://x/?token=": EOF`},
		{`Get "https://x/?token=": EOF; Get "https://y/"`, `Get "https://x/?token=": EOF; Get "https://y/"`},
		{`Get "https://x/?token=abc": EOF`, `Get "https://x/?token=REDACTED": EOF`},
		{`https://x/?token=(unclosed s2`, `https://x/?token=REDACTED s2`},
		{`https://x/?token=""&a=1`, `https://x/?token=""&a=1`}, // empty: nothing to hide
	} {
		got := k.Text(tc.in)
		if got != tc.want {
			t.Errorf("Text(%s)\n = %s\nwant %s", tc.in, got, tc.want)
		}
		if again := k.Text(got); again != got {
			t.Errorf("Text(%s) again = %s", got, again)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{`token=("a" "b")`, `token=(REDACTED)`},
		{`a=1, token=("a" "b");x=1, c=2`, `a=1, token=(REDACTED);x=1, c=2`}, // the inner list's parameter
		{`token=(a b)`, `token=(REDACTED)`},
		{`token="a\"b c"`, `token="REDACTED"`},
		{`a=1; token='a b'; b=2`, `a=1; token='REDACTED'; b=2`},
		{`sig1=("@method" "@authority");keyid="k"`, `sig1=(REDACTED);keyid="REDACTED"`},
	} {
		got := k.URLHeader("X-Ctx", tc.in)
		if got != tc.want {
			t.Errorf("URLHeader(%s)\n = %s\nwant %s", tc.in, got, tc.want)
		}
		if again := k.URLHeader("X-Ctx", got); again != got {
			t.Errorf("URLHeader(%s) again = %s", got, again)
		}
	}
}
