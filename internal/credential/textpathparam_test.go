package credential

import "testing"

// A ';' parameter of a URL's path (Tomcat's ;jsessionid=) in free text
// ends at the '?' of the query after it: the query was lost, redacted as
// the session's value. In a query (a '?' before the ';'), a value runs
// on as before.
func TestTextPathParameterEndsAtTheQuery(t *testing.T) {
	k := Keys(nil)
	for in, want := range map[string]string{
		"https://x/a;jsessionid=ABC123?x=1&y=2":            "https://x/a;jsessionid=REDACTED?x=1&y=2",
		"GET /a;jsessionid=ABC123?x=1 failed":              "GET /a;jsessionid=REDACTED?x=1 failed",
		"https://x/a;jsessionid=ABC123?token=t&y=2":        "https://x/a;jsessionid=REDACTED?token=REDACTED&y=2",
		`Get "https://x/a;jsessionid=ABC?q=1": EOF`:        `Get "https://x/a;jsessionid=REDACTED?q=1": EOF`,
		"see https://x/?a=1;token=abc?def now":             "see https://x/?a=1;token=REDACTED now",
		"https://x/?q=1 then https://y/b;sid=S1?page=2 ok": "https://x/?q=1 then https://y/b;sid=REDACTED?page=2 ok",
	} {
		if got := k.Text(in); got != want {
			t.Errorf("Text(%s)\n = %s\nwant %s", in, got, want)
		}
		if got := k.URLHeader("X-Ctx", in); got != want {
			t.Errorf("URLHeader(%s)\n = %s\nwant %s", in, got, want)
		}
	}
}
