package credential

import "testing"

// A form value that is a URL holding a secret is redacted as a URL is, as
// a JSON string is: a webhook's signed callback, a paging link with an
// access_token. Other values, URLs without a secret included, are kept
// byte for byte.
func TestFormRedactsURLValuesWithSecrets(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"callback=https%3A%2F%2Fme.example%2Fhook%3Fsig%3DS3CR3T&a=b", "callback=https%3A%2F%2Fme.example%2Fhook%3Fsig%3DREDACTED&a=b"},
		{"next=%2Fp%3Faccess_token%3DT%26page%3D2", "next=%2Fp%3Faccess_token%3DREDACTED%26page%3D2"},
		{"u=https%3A%2F%2Falice%3Apw%40api.example%2Fx", "u=https%3A%2F%2Fapi.example%2Fx"},
		{"code=1&u=https://api.example/x?token=T", "code=REDACTED&u=https%3A%2F%2Fapi.example%2Fx%3Ftoken%3DREDACTED"},
		{"text=see+https%3A%2F%2Fx%2F%3Ftoken%3D1+now", "text=see+https%3A%2F%2Fx%2F%3Ftoken%3DREDACTED+now"}, // a URL quoted in text
		// Kept as they are:
		{"home=https%3A%2F%2Fexample.com%2F%3Fpage%3D2&q=a+b", ""},
		{"path=%2Fitems%3Fpage%3D2", ""},
		{"bad=%zz%3Ftoken%3D1", ""},
		{"a=1&b=2", ""},
	} {
		out, changed := Keys(nil).Form([]byte(c.in))
		want := c.want
		if want == "" {
			want = c.in
		}
		if string(out) != want || changed != (c.want != "") {
			t.Errorf("Form(%s) = %s, %v; want %s, %v", c.in, out, changed, want, c.want != "")
		}
	}
}
