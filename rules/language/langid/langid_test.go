package langid

import (
	"strings"
	"sync"
	"testing"
)

func TestLookup(t *testing.T) {
	for _, tc := range []struct{ code, name string }{{"fr", "French"}, {"UK", "Ukrainian"}, {" zh ", "Chinese"}} {
		l, ok := Lookup(tc.code)
		if !ok || l.Name != tc.name || l.Code != strings.ToLower(strings.TrimSpace(tc.code)) {
			t.Errorf("Lookup(%q) = %+v, %v", tc.code, l, ok)
		}
	}
	if _, ok := Lookup("xx"); ok {
		t.Error("Lookup(xx) found a language")
	}
}

func TestResolve(t *testing.T) {
	if _, err := resolve([]string{"fr", "klingon"}); err == nil || !strings.Contains(err.Error(), `"klingon"`) {
		t.Errorf("resolve with an unknown code: %v", err)
	}
	if _, err := resolve([]string{"en"}); err == nil {
		t.Error("resolve(en) should want a language besides English")
	}
	ls, err := resolve([]string{"de", "fr", "de"})
	if err != nil || len(ls) != 3 || ls[0].String() != "English" {
		t.Errorf("resolve(de fr de) = %v, %v", ls, err)
	}
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Le gouvernement a annoncé la fermeture de deux usines", "fr"},
		{"Die Regierung hat die Entscheidung getroffen", "de"},
		{"мы не будем отвечать на эти провокации", "ru"},
		{"ми тримаємо позиції вже третій місяць", "uk"},
		{"中方坚决反对任何形式的干涉", "zh"},
		{"台風の影響で新幹線が運転を見合わせている", "ja"},
		{"The government announced on Monday that two factories would close", "en"},
	} {
		g, ok := Detect(tc.text)
		if !ok || g.Top().Language.Code != tc.want {
			t.Errorf("Detect(%q) = %v, want %s", tc.text, g.Scores, tc.want)
		}
	}
	if _, ok := Detect("1234 — !!"); ok {
		t.Error("Detect judged a text without letters")
	}
	g, ok := DetectAmong("il n'y a pas de solution miracle", "fr")
	if !ok || len(g.Scores) != 2 || g.Foreign().Language.Code != "fr" {
		t.Errorf("DetectAmong(fr) = %v", g.Scores)
	}
	if _, ok := DetectAmong("il n'y a pas", "nl"); ok {
		t.Error("DetectAmong a language outside the set judged the text")
	}
	// a set without French judges French among the others only
	if err := Configure([]string{"de"}); err != nil {
		t.Fatal(err)
	}
	defer Configure(DefaultLanguages)
	if _, ok := DetectAmong("il n'y a pas de solution miracle", "fr"); ok {
		t.Error("DetectAmong(fr) judged the text with French out of the set")
	}
	if got := Languages(); len(got) != 2 || got[1].Code != "de" {
		t.Errorf("Languages() = %v after Configure(de)", got)
	}
	if err := Configure([]string{"xx"}); err == nil || Languages()[1].Code != "de" {
		t.Errorf("Configure(xx): %v, set %v", err, Languages())
	}
}

// TestConcurrent checks that the detector may be used from many goroutines
// at once (run with -race).
func TestConcurrent(t *testing.T) {
	texts := []string{"il n'y a pas de solution", "wir schaffen das schon", "la economía crecerá más", "переговоры продолжатся"}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 10 {
				if _, ok := Detect(texts[(i+j)%len(texts)]); !ok {
					t.Error("no guess")
				}
			}
		}()
	}
	wg.Wait()
}

// TestByLetters checks the languages told by their letters, without lingua's
// models: kana, Chinese characters alone, and the letters only Ukrainian or
// only Russian has. A text with both, or neither, is left to lingua.
func TestByLetters(t *testing.T) {
	build()
	for _, tc := range []struct {
		text, want string // want "" when the letters cannot tell
	}{
		{"ми тримаємо позиції вже третій місяць", "uk"},
		{"Україна не віддасть жодного сантиметра", "uk"},
		{"мы не отступим ни на шаг", "ru"},
		{"это ещё не конец переговоров", "ru"},
		{"公式通販サイトで販売されています", "ja"},
		{"我们将继续推动双边关系发展", "zh"},
		{"Путин сказал", ""},              // neither language's own letters
		{"і мы", ""},                      // both
		{"nous voulons des réponses", ""}, // Latin: lingua's
	} {
		g, ok := byLetters(tc.text, languages)
		got := ""
		if ok {
			got = g.Top().Language.Code
			if g.Top().Value != 1 || g.Of("en") != 0 {
				t.Errorf("%q: scores %v", tc.text, g.Scores)
			}
		}
		if got != tc.want {
			t.Errorf("%q: told %q, want %q", tc.text, got, tc.want)
		}
	}
}
