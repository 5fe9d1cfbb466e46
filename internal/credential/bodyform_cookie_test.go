package credential

import (
	"strings"
	"testing"
)

// A recorded body's field named like a cookie is secret at any depth
// (SecretField): a JSON body's nested member is; a form body's field whose
// value is JSON with that member must be as well.
func TestBodyFormNestedCookieMember(t *testing.T) {
	j, _, _ := Keys(nil).BodyJSON([]byte(`{"meta":{"cookie":"SESSION123"}}`))
	t.Logf("BodyJSON: %s", j)
	for _, body := range []string{
		`meta=%7B%22cookie%22%3A%22SESSION123%22%7D`,
		`meta={"cookie":"SESSION123"}`,
		`meta=%7B%22set-cookie%22%3A%22sid%3DSESSION123%22%7D`,
	} {
		out, _ := Keys(nil).BodyForm([]byte(body))
		if out == nil {
			out = []byte(body)
		}
		if strings.Contains(string(out), "SESSION123") {
			t.Errorf("BodyForm(%s) = %s: the nested cookie member's value stays", body, out)
		}
	}
}
