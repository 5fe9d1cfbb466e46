package middleware

import "testing"

// Withheld says what the five flags a store asks of an answer say, each
// one alone, under one lock.
func TestWithheldIsAnyOfTheFlags(t *testing.T) {
	var none *Call
	if none.Withheld() {
		t.Fatal("a nil Call withholds")
	}
	if NewCall(Settings{}).Withheld() {
		t.Fatal("a new Call withholds")
	}
	for name, set := range map[string]func(*Call){
		"FromStore":            (*Call).SetFromStore,
		"FromCache":            (*Call).SetFromCache,
		"Tainted":              (*Call).SetTainted,
		"AnswerNotKept":        (*Call).SetAnswerNotKept,
		"SentOtherCredentials": (*Call).SetSentOtherCredentials,
	} {
		c := NewCall(Settings{})
		set(c)
		if !c.Withheld() {
			t.Errorf("%s set: not withheld", name)
		}
	}
	c := NewCall(Settings{})
	c.SetFromCache()
	c.ClearFromCache()
	if c.Withheld() {
		t.Fatal("FromCache cleared: still withheld")
	}
}
