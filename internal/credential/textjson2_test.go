package credential

import (
	"strings"
	"testing"
)

func TestTextRawJSONAfterAParsedOne(t *testing.T) {
	for _, s := range []string{
		`see http://h/x?a={};b={"api_key":"S3CRET"}&c=1 now`,
		`Get "https://h/x?a=[]": 1 x;b={"api_key":"S3CRET"}`,
	} {
		if got := Keys(nil).Text(s); strings.Contains(got, "S3CRET") {
			t.Errorf("Text(%s)\n = %s", s, got)
		}
	}
	if got := Keys(nil).Query(`a={};b={"api_key":"S3CRET"}&c=1`); strings.Contains(got, "S3CRET") {
		t.Errorf("Query: %s", got) // the reference: Query gets it right
	}
}
func TestTextRawJSONFailClosedKeepsTheRest(t *testing.T) {
	for _, s := range []string{
		`Get "https://h/x?filter={%22api_key%22:%22S3CRET%22}": dial tcp: lookup h: no such host`,
		`Get "https://h/x?filter={\"api_key\":\"S3CRET\"}": dial tcp: lookup h: no such host`,
	} {
		got := Keys(nil).Text(s)
		if strings.Contains(got, "S3CRET") || !strings.HasSuffix(got, `": dial tcp: lookup h: no such host`) {
			t.Errorf("Text(%s)\n = %s", s, got)
		}
	}
}
