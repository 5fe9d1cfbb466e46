package credential

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"testing"
)

// plantedSecret is the marker planted where a secret goes.
const plantedSecret = "S3CRETxyz"

// plantedNames are parameter names the redaction must know: the rule's
// (an OAuth token, a signature, AWS's, an API key, Akamai's) and one added
// with NewKeys.
var plantedNames = []string{"access_token", "sig", "X-Amz-Signature", "api_key", "hdnts", "Tenant_Q"}

// plant returns the URL text with the marker planted at spot where (0
// query value, 1 escaped nested URL, 2 unescaped nested URL, 3 nested two
// levels deep, 4 userinfo password, 5 ;jsessionid path parameter, 6 nested
// URL with only its query escaped, 7 nested URL escaped but for its ':') between
// a query's a and b, and the raw query the URL must parse to.
func plant(a, b string, where, name uint8) (raw, query string) {
	n := plantedNames[int(name)%len(plantedNames)]
	switch where % 8 {
	case 0:
		query = a + "&" + n + "=" + plantedSecret + "&" + b
	case 1:
		query = a + "&src=" + url.QueryEscape("https://i.test/x?"+n+"="+plantedSecret) + "&" + b
	case 2:
		query = a + "&src=https://i.test/x?" + n + "=" + plantedSecret + "&" + b
	case 3:
		inner := "https://j.test/?" + n + "=" + plantedSecret
		query = a + "&src=" + url.QueryEscape("https://i.test/?u="+url.QueryEscape(inner)) + "&" + b
	case 4:
		return "https://u:" + plantedSecret + "@h.test/p?" + a + "&" + b, a + "&" + b
	case 5:
		return "https://h.test/p;jsessionid=" + plantedSecret + "?" + a + "&" + b, a + "&" + b
	case 6:
		query = a + "&src=https://i.test/x%3F" + n + "%3D" + plantedSecret + "&" + b
	case 7:
		query = a + "&src=https:%2F%2Fi.test%2Fx%3F" + n + "%3D" + plantedSecret + "&" + b
	}
	return "https://h.test/p?" + query, query
}

// Wherever a secret is planted in a URL, and whatever query surrounds it,
// no redacted form of the URL keeps it: URL, URLText, String, Query, an
// error's text quoting it, and the Location, Link and Refresh headers.
func FuzzPlantedSecret(f *testing.F) {
	for _, p := range [][2]string{{"", ""}, {"a=1;", ";b=2"}, {"f=%7B", "%7D"}, {"x%", "%zz"}, {"next=http://h/?", "q"},
		{"a=(", ")"}, {"%3D", "="}, {"src=", "u="}, {"a=%26", "%3F"}} {
		for w := uint8(0); w < 8; w++ {
			f.Add(p[0], p[1], w, w)
		}
	}
	k := NewKeys("tenant_q")
	f.Fuzz(func(t *testing.T, a, b string, where, name uint8) {
		if strings.Contains(a+b, "S3CRET") || strings.ContainsAny(a+b, "#\x00") || len(a)+len(b) > 256 {
			return
		}
		raw, query := plant(a, b, where, name)
		u, err := url.Parse(raw)
		if err != nil || u.RawQuery != query {
			return
		}
		got := map[string]string{
			"URL":      k.URL(u),
			"String":   k.String(raw),
			"Location": k.URLHeader("Location", raw),
			"Refresh":  k.URLHeader("Refresh", "0; url="+raw),
		}
		if w := where % 8; w != 4 && w != 5 {
			got["Query"] = k.Query(u.RawQuery)
		}
		if !strings.Contains(a+b, ">") {
			got["Link"] = k.URLHeader("Link", "<"+raw+`>; rel="next"`)
		}
		if plantedNames[int(name)%len(plantedNames)] != "Tenant_Q" || where%8 == 4 || where%8 == 5 {
			got["URLText"] = URLText(u, u.String())
			if !strings.ContainsAny(a+b, "\" \t\r\n") {
				got["Text"] = Keys(nil).Text(`Get "` + raw + `": EOF`)
				got["Text unquoted"] = Keys(nil).Text("redirect to " + raw + " failed")
				got["Error"] = Keys(nil).Error(fmt.Errorf("call: %w", &url.Error{Op: "Get", URL: raw, Err: io.EOF}))
			}
		}
		for form, out := range got {
			if strings.Contains(out, plantedSecret) {
				t.Fatalf("%s of %q = %q", form, raw, out)
			}
		}
	})
}

// A JSON member or form field named like a secret, or a URL holding one
// in a string or form value, is not in the redacted body.
func FuzzPlantedBodySecret(f *testing.F) {
	for _, p := range [][2]string{{`{"a":1,`, `}`}, {`[{"b":[`, `]},{`}, {`{"a":{"b":"c"},`, `,"d":null}`}, {"a=1", ""},
		{"{", "}"}, {"f=%7B%22", "%22%7D"}, {`{"x":[`, `]}`}} {
		for w := uint8(0); w < 4; w++ {
			f.Add(p[0], p[1], w, w)
		}
	}
	f.Fuzz(func(t *testing.T, a, b string, where, name uint8) {
		if strings.Contains(a+b, "S3CRET") || len(a)+len(b) > 256 {
			return
		}
		n := plantedNames[int(name)%(len(plantedNames)-1)]
		nested := "https://i.test/x?" + n + "=" + plantedSecret
		var member, field string
		switch where % 4 {
		case 0:
			member, field = `"`+n+`":"`+plantedSecret+`"`, n+"="+plantedSecret
		case 1:
			member, field = `"next":"`+nested+`"`, "next="+url.QueryEscape(nested)
		case 2:
			member, field = `"note":"see `+nested+` now"`, "note="+url.QueryEscape("see "+nested+" now")
		case 3:
			member, field = `"`+n+`":{"v":["`+plantedSecret+`"]}`, "u="+url.QueryEscape("https://i.test/?u="+url.QueryEscape(nested))
		}
		body := []byte(a + member + b)
		if out, _, ok := Keys(nil).BodyJSON(body); ok && strings.Contains(string(out), plantedSecret) {
			t.Fatalf("BodyJSON(%q) = %q", body, out)
		}
		form := []byte(a + "&" + field + "&" + b)
		if out, _ := Keys(nil).BodyForm(form); strings.Contains(string(out), plantedSecret) {
			t.Fatalf("BodyForm(%q) = %q", form, out)
		}
	})
}
