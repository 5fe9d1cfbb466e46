package client

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"unsafe"

	"github.com/taroreq/taroreq/middleware"
)

// built, made once per call with the request and its URL inside it and
// the call's Call and context (its room), stays in the 1280-byte size class
// (objects over 512 bytes with pointers carry an 8-byte header besides, so
// up to 1272 bytes): one field more can cost a class, 128 bytes a request.
func TestBuiltFitsItsSizeClass(t *testing.T) {
	if n := unsafe.Sizeof(built{}); n > 1272 {
		t.Fatalf("built is %d bytes: over 1272, it takes the 1408-byte size class", n)
	}
}

// A call's absolute backup URLs, as the caller wrote them, are handed to
// the layers as they are: no copy of the slice. One the client spells
// otherwise (resolved against the base) is copied, the caller's slice left
// as it was.
func TestBackupTextsCopiedOnlyWhenChanged(t *testing.T) {
	c := New(WithBaseURL("http://base.test/"))
	abs := []string{"http://base.test/a", "http://base.test/b"}
	b, err := c.build(&Option{URL: "/x", Backup: abs})
	if err != nil {
		t.Fatal(err)
	}
	if &b.backups[0] != &abs[0] {
		t.Error("absolute backups copied")
	}
	rel := []string{"http://base.test/a", "/b", "http://base.test/c"}
	b, err = c.build(&Option{URL: "/x", Backup: rel})
	if err != nil {
		t.Fatal(err)
	}
	if &b.backups[0] == &rel[0] || rel[1] != "/b" {
		t.Fatal("the caller's slice was used or changed")
	}
	if want := []string{"http://base.test/a", "http://base.test/b", "http://base.test/c"}; len(b.backups) != 3 ||
		b.backups[0] != want[0] || b.backups[1] != want[1] || b.backups[2] != want[2] {
		t.Fatalf("backups = %q, want %q", b.backups, want)
	}
}

// A request to another origin than the call's, neither a backup the backup
// layer marked nor a redirect hop, was made by no one the client knows:
// every secret parameter goes (madeQuery is "").
func TestMadeQueryOfAnUnknownRequestElsewhereIsEmpty(t *testing.T) {
	u, _ := url.Parse("http://api.test/items?api_key=K")
	_, call := middleware.NewCallContext(context.Background(), middleware.Settings{URL: u, URLText: u.String()})
	same, _ := http.NewRequest("GET", "http://api.test/items?api_key=K&x=1", nil)
	if got := madeQuery(same, call); got != "api_key=K" {
		t.Errorf("same origin: %q, want the call's query", got)
	}
	other, _ := http.NewRequest("GET", "http://other.test/items?api_key=K", nil)
	if got := madeQuery(other, call); got != "" {
		t.Errorf("another origin: %q, want none", got)
	}
}
