package credential

import "testing"

// A value that starts like JSON but does not parse fails closed on a
// secret member name as a JavaScript object literal has it: a bare word, or
// a string in double or single quotes (what JSON5 and Python-literal
// parsers read too).
func TestFailClosedSingleQuotedName(t *testing.T) {
	for _, raw := range []string{
		`filter={api_key:%22S3CRET%22}&page=1`,             // a bare word
		`filter={'api_key':'S3CRET'}&page=1`,               // single quotes
		`filter=%7B%27api_key%27%3A%27S3CRET%27%7D&page=1`, // single quotes
	} {
		if got := Keys(nil).WithoutSecrets(raw); got != "page=1" {
			t.Errorf("WithoutSecrets(%s) = %s, want page=1", raw, got)
		}
	}
}
