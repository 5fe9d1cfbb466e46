package credential

import "testing"

// A JSON string that is a URL holding a secret is redacted as a URL is:
// Facebook's Graph API pages with "next" links that carry access_token, and
// S3 answers signed download URLs. Other strings, URLs without a secret
// included, are kept byte for byte.
func TestJSONRedactsURLValuesWithSecrets(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"paging":{"next":"https://graph.example/v1/me/feed?access_token=S3CR3T&after=x"}}`,
			`{"paging":{"next":"https://graph.example/v1/me/feed?access_token=REDACTED\u0026after=x"}}`},
		{`["/files/1?X-Amz-Signature=abc&X-Amz-Date=1"]`, `["/files/1?X-Amz-Signature=REDACTED\u0026X-Amz-Date=1"]`},
		{`{"u":"https://alice:pw@api.example/x"}`, `{"u":"https://api.example/x"}`},
		{`{"u":"https://app.example/cb#access_token=T0K&token_type=bearer"}`, `{"u":"https://app.example/cb"}`},
		{`{"u":"/home;jsessionid=ABC?x=1"}`, `{"u":"/home;jsessionid=REDACTED?x=1"}`},
		{`{"u":"https:\/\/api.example\/x?token=\u0053"}`, `{"u":"https://api.example/x?token=REDACTED"}`},
		// Kept as they are:
		{`{"u":"https://api.example/x?page=2&q=a+b#top"}`, ``},
		// A URL quoted in text, as in an error message or a mail body.
		{`{"text":"see https://api.example/x?token=1 for more"}`, `{"text":"see https://api.example/x?token=REDACTED for more"}`},
		{`{"text":"log in at https://bob:pw@api.example/x now"}`, `{"text":"log in at https://api.example/x now"}`},
		{`{"path":"/items?page=2"}`, ``},
		{`{"q":"why? because; @home #tag"}`, ``},
		{`{"q":"see https://api.example/x?page=2 for more"}`, ``},
		{`{"t":"?token=1"}`, ``},
		{`["a","b",1,true,null]`, ``},
	} {
		out, changed, ok := Keys(nil).JSON([]byte(c.in))
		if !ok {
			t.Errorf("%s: not JSON", c.in)
			continue
		}
		want := c.want
		if want == "" {
			want = c.in
		}
		if string(out) != want || changed != (c.want != "") {
			t.Errorf("JSON(%s) = %s, %v; want %s, %v", c.in, out, changed, want, c.want != "")
		}
	}
}
