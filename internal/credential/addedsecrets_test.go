package credential

import (
	"strings"
	"testing"
)

// WithoutAddedSecrets drops the secret parameters the made query lacks, and
// only those, keeping everything else byte for byte.
func TestWithoutAddedSecrets(t *testing.T) {
	for _, c := range []struct{ raw, made, want string }{
		{"", "", ""},
		{"a=1", "a=1", "a=1"},
		{"a=1&access_token=alice", "a=1", "a=1"},
		{"access_token=alice&a=1", "a=1", "a=1"},
		{"a=1&access_token=alice;b=2&c=3", "a=1", "a=1&c=3"},          // a secret's value runs to the '&'
		{"api_key=K&a=1&api_key=L", "api_key=K&a=1", "api_key=K&a=1"}, // the made one kept, the added one not
		{"a=1;access_token=x;", "a=1", "a=1"},
		{"q=%7B%22password%22%3A%22p%22%7D&a=1", "a=1", "a=1"}, // JSON with a secret member
		{"a=1&b=2", "", "a=1&b=2"},                             // nothing secret: untouched
		{"a=1&token", "a=1", "a=1"},                            // a secret name alone
		{"x=%zz&token=t", "x=%zz", "x=%zz"},
		{"page=2&q=go%20%26%20taro", "page=2", "page=2&q=go%20%26%20taro"},
	} {
		if got := Keys(nil).WithoutAddedSecrets(c.raw, c.made); got != c.want {
			t.Errorf("WithoutAddedSecrets(%q, %q) = %q, want %q", c.raw, c.made, got, c.want)
		}
	}
}

// Free text reads a parameter's name as the query does, brackets and
// parentheses included.
func TestTextBracketedSecretNames(t *testing.T) {
	for _, s := range []string{
		`parse "/cb%zz?access_token[]=S1&user[password]=S2&key[0]=S3&auth(token)=S4&page[size]=10"`,
	} {
		got := Keys(nil).Text(s)
		for _, secret := range []string{"S1", "S2", "S3", "S4"} {
			if strings.Contains(got, "="+secret) {
				t.Errorf("Text(%q) = %q: %s kept", s, got, secret)
			}
		}
		if !strings.Contains(got, "page[size]=10") {
			t.Errorf("Text(%q) = %q: a plain bracketed parameter redacted", s, got)
		}
	}
}
