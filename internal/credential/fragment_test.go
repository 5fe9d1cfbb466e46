package credential

import "testing"

func TestFragmentPercents(t *testing.T) {
	for in, want := range map[string]string{
		"http://h/x":            "http://h/x",
		"http://h/%zz":          "http://h/%zz", // the path is not the fragment's rule
		"http://h/x#%":          "http://h/x#%25",
		"http://h/x#100%":       "http://h/x#100%25",
		"http://h/x#%zz%41%4":   "http://h/x#%25zz%41%254",
		"http://h/x#%%41":       "http://h/x#%25%41",
		"http://h/x?a=%zz#b%c":  "http://h/x?a=%zz#b%25c",
		"http://h/x#a%2F#%E4%b": "http://h/x#a%2F#%E4%25b",
	} {
		if got := FragmentPercents(in); got != want {
			t.Errorf("FragmentPercents(%q) = %q, want %q", in, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { FragmentPercents("http://h/x?a=1#frag%41") }); n != 0 {
		t.Errorf("%v allocations for a URL with nothing to escape", n)
	}
}
