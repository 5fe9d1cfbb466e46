package backup

import "testing"

func TestWithoutSecrets(t *testing.T) {
	for in, want := range map[string]string{
		"":                                  "",
		"page=1":                            "page=1",
		"access_token=s&page=1":             "page=1",
		"page=1&access%5Ftoken=s&q=a%26b":   "page=1&q=a%26b",
		"api_key=1&password=2&token=3":      "",
		"page=1&&sort=desc&client_secret=x": "page=1&sort=desc",
	} {
		if got := withoutSecrets(in); got != want {
			t.Errorf("withoutSecrets(%q) = %q, want %q", in, got, want)
		}
	}
}
