package encoders

import (
	"encoding/json"
	"strings"
	"testing"
)

// A MarshalJSON on the pointer receiver is what encoding/json calls for a
// value it can address: a field of data given by pointer, or data given as
// a pointer to a pointer. The JSON body leaves the password out; the query,
// the form and the multipart parts must too.

type addrAcct struct {
	User     string
	Password string
}

func (a *addrAcct) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{"user": a.User})
}

type addrSecret string

func (s *addrSecret) MarshalJSON() ([]byte, error) { return []byte(`"***"`), nil }

type addrOuter struct {
	Acct  addrAcct
	Pair  [1]addrAcct
	Token addrSecret
}

func TestQueryPointerReceiverMarshalerAsJSONBody(t *testing.T) {
	o := &addrOuter{Acct: addrAcct{"al", "hunter2"}, Pair: [1]addrAcct{{"bo", "hunter3"}}, Token: "tok-123"}
	body, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(body), "hunter") || strings.Contains(string(body), "tok-123") {
		t.Fatalf("test premise: the JSON body has the secrets: %s", body)
	}
	q, err := Query(o)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(q, "hunter") || strings.Contains(q, "tok-123") {
		t.Errorf("query of %T has what its JSON body leaves out: %s (JSON %s)", o, q, body)
	}

	p := &addrAcct{"al", "hunter2"}
	q, err = Query(&p)
	if err != nil {
		t.Fatal(err)
	}
	if q != "user=al" {
		t.Errorf("query of **addrAcct = %q, want user=al (JSON %s)", q, mustJSON(t, &p))
	}
	parts, _, err := Multipart{Boundary: "b"}.Encode(&p, "multipart/form-data")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(parts), "hunter2") {
		t.Errorf("multipart of **addrAcct has the password its JSON leaves out:\n%s", parts)
	}
	parts, _, err = Multipart{Boundary: "b"}.Encode(o, "multipart/form-data")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(parts), "hunter") || strings.Contains(string(parts), "tok-123") {
		t.Errorf("multipart of %T has what its JSON body leaves out:\n%s", o, parts)
	}
}

func mustJSON(t *testing.T, x any) string {
	t.Helper()
	b, err := json.Marshal(x)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
