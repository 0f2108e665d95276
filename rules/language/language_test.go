package language

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtlint/mtlint/checker/document"
	"github.com/mtlint/mtlint/internal/corpora"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/language/langid"
	"github.com/mtlint/mtlint/rules/rulestest"
)

func TestFamily(t *testing.T) { rulestest.Family(t, rules.Language, Rules) }

func TestFixtures(t *testing.T) { rulestest.Run(t, "testdata", Rules...) }

func TestSeedQuiet(t *testing.T) {
	// the seed article is machine-translated but has no untranslated text
	for _, f := range rulestest.Check(t, string(rulestest.Seed(t)), Rules...) {
		t.Errorf("seed: %s on %q: %s", f.Rule.ID, f.Text, f.Diag.Message)
	}
}

func TestUntranslatedMessages(t *testing.T) {
	for _, tc := range []struct {
		text, fragment, message string
	}{
		{"The minister told reporters that il n'y a pas de solution miracle to the crisis.",
			"il n'y a pas de solution miracle", `French fragment: "il n'y a pas de solution miracle"`},
		{"The Kremlin said that переговоры продолжатся на следующей неделе in Istanbul.",
			"переговоры продолжатся на следующей неделе", `Russian fragment: "переговоры продолжатся на следующей неделе"`},
		{"The Athens daily reported that η κυβέρνηση θα παραιτηθεί σύντομα according to sources.",
			"η κυβέρνηση θα παραιτηθεί σύντομα", `Greek fragment: "η κυβέρνηση θα παραιτηθεί σύντομα"`},
		{"The report said that los hospitales están al límite de su capacidad en varias regiones del país y los médicos piden ayuda urgente, officials said.",
			"los hospitales están al límite de su capacidad en varias regiones del país y los médicos piden ayuda urgente",
			`Spanish fragment: "los hospitales están al límite de su capacidad en varias…"`},
	} {
		found := rulestest.Check(t, tc.text, Untranslated)
		if len(found) != 1 {
			t.Errorf("%q: %d findings, want 1", tc.text, len(found))
			continue
		}
		if found[0].Text != tc.fragment || found[0].Diag.Message != tc.message {
			t.Errorf("%q: flagged %q with %q, want %q with %q", tc.text, found[0].Text, found[0].Diag.Message, tc.fragment, tc.message)
		}
	}
}

func TestFragments(t *testing.T) {
	text := "The crowd chanted \"On est chez nous, on ne partira pas\" (\"We are at home, we will not leave\").\n\n" +
		"The minister told reporters that il n'y a pas de solution miracle to the crisis."
	doc := document.NewPlain([]byte(text))
	doc.Segment()
	var reported []string
	rules.Run(doc, Rules, func(r *rules.Rule, d rules.Diagnostic) { reported = append(reported, doc.SpanText(d.Span)) })
	frags := Fragments(doc)
	if len(frags) != 2 {
		t.Fatalf("%d fragments, want 2: %+v", len(frags), frags)
	}
	if f := frags[0]; f.Reported || f.Language.Code != "fr" || doc.SpanText(f.Span) != "On est chez nous, on ne partira pas" {
		t.Errorf("first fragment %+v (%q), want the unreported French quotation", f, doc.SpanText(f.Span))
	}
	if f := frags[1]; !f.Reported || f.Language.Code != "fr" || f.Words != 7 || f.Confidence < 0.5 {
		t.Errorf("second fragment %+v, want a reported French fragment of 7 words", f)
	}
	if len(reported) != 1 || reported[0] != "il n'y a pas de solution miracle" {
		t.Errorf("reported %q", reported)
	}
}

func TestMixedWord(t *testing.T) {
	for _, tc := range []struct {
		word, fix string
		flagged   bool
	}{
		{"Рutin", "Putin", true},
		{"Gаzprom", "Gazprom", true},
		{"Москвa", "Москва", true},
		{"Αthens", "Athens", true},
		{"ΑθήνaΣ", "", false}, // Greek with a Latin "a", which no Greek letter is taken to look like
		{"Bжd", "", true},     // no look-alike for ж: flagged, without a fix
		{"Путин", "", false},
		{"Athens", "", false},
		{"Путин's", "", false},
		{"β-blocker", "", false},
		{"TNFα", "", false},
		{"PPARγ", "", false},
		{"NF-κB", "", false},
		{"ΔT", "", false},
		{"kΩ", "", false},
	} {
		msg, fix, ok := mixedWord(tc.word)
		if ok != tc.flagged || fix != tc.fix {
			t.Errorf("%q: flagged %v (%s) with fix %q, want %v with %q", tc.word, ok, msg, fix, tc.flagged, tc.fix)
		}
	}
}

func TestDetectDocument(t *testing.T) {
	english := strings.Repeat("The government said on Monday that it would not change its plans, despite the protests. "+
		"Officials in Paris and Berlin have been told that the talks will go on. ", 5)
	french := strings.Repeat("Le gouvernement a annoncé lundi qu'il ne changerait pas ses projets, malgré les manifestations. "+
		"Les responsables à Paris et à Berlin ont été informés que les discussions se poursuivront. ", 5)
	russian := strings.Repeat("Правительство заявило в понедельник, что не будет менять свои планы, несмотря на протесты. "+
		"Чиновникам в Париже и Берлине сообщили, что переговоры продолжатся. ", 5)
	mostlyFrench := english[:200] + "\n\n" + strings.Repeat(french, 3)
	mostlyEnglish := strings.Repeat(english, 3) + "\n\n" + french[:300]
	for _, tc := range []struct {
		name, text, want string
	}{
		{"english", english, "en"},
		{"french", french, "fr"},
		{"russian", russian, "ru"},
		{"mostly french", mostlyFrench, "fr"},
		{"mostly english", mostlyEnglish, "en"},
		{"too short", "Hello, world.", ""},
		{"empty", "", ""},
		{"numbers", strings.Repeat("1,234 5,678 9.10 11:12 ", 50), ""},
	} {
		d := DetectDocument(tc.text)
		if d.Language.Code != tc.want {
			t.Errorf("%s: %q (%.2f, %d of %d sampled windows foreign), want %q", tc.name, d.Language.Code, d.Confidence, d.Foreign, d.Sampled, tc.want)
		}
		if tc.want != "" && tc.want != "en" && d.Confidence < 0.5 {
			t.Errorf("%s: confidence %.2f", tc.name, d.Confidence)
		}
	}
}

// TestDetectWMTSources takes the WMT23 source texts (German, Japanese,
// Ukrainian news) in documents of 12 lines and checks that each is found
// to be in its language.
func TestDetectWMTSources(t *testing.T) {
	dir := corpora.Dir(t, "wmt23-dev")
	for _, lang := range []string{"de", "ja", "uk"} {
		raw, err := os.ReadFile(filepath.Join(dir, "generaltest2023."+lang+"-en.src."+lang))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
		right, total := 0, 0
		for i := 0; i+12 <= len(lines) && total < 40; i += 12 {
			total++
			d := DetectDocument(strings.Join(lines[i:i+12], "\n"))
			if d.Language.Code == lang {
				right++
			} else {
				t.Logf("%s document at line %d: %q (%.2f)", lang, i+1, d.Language.Code, d.Confidence)
			}
		}
		t.Logf("%s: %d of %d documents", lang, right, total)
		if right < total*9/10 {
			t.Errorf("%s: only %d of %d documents detected", lang, right, total)
		}
	}
}

// TestCleanEnglishLoadsNoModel checks, in a process of its own (the
// detector is built once per process), that checking clean English text
// never builds the lingua detector, so no model is loaded.
func TestCleanEnglishLoadsNoModel(t *testing.T) {
	if os.Getenv("MTLINT_LANGID_CHILD") == "1" {
		raw, err := os.ReadFile("testdata/clean-article.txt")
		if err != nil {
			t.Fatal(err)
		}
		doc := document.NewPlain(raw)
		if d := DetectDocument(doc.Text); d.Language.Code != "en" {
			t.Errorf("clean article taken for %q", d.Language.Code)
		}
		for range doc.Windows(0) {
			rules.Run(doc, Rules, func(r *rules.Rule, d rules.Diagnostic) {
				t.Errorf("%s on %q", r.ID, doc.SpanText(d.Span))
			})
		}
		if n, built := langid.Stats(); n != 0 || built {
			t.Errorf("lingua was asked about %d texts (detector built: %v)", n, built)
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestCleanEnglishLoadsNoModel$", "-test.v")
	cmd.Env = append(os.Environ(), "MTLINT_LANGID_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS") {
		t.Fatalf("child: %v\n%s", err, out)
	}
}

func FuzzLanguageRules(f *testing.F) {
	f.Add("The minister said il n'y a pas de solution miracle to the crisis.")
	f.Add("President Рutin (Владимир Путин) met 习近平 and said \"Wir schaffen das\" (We can do it).")
	f.Add("«Ni oubli ni pardon» „Das ist gut“ ‘c’est la vie’ l’État qu’il d’un")
	f.Add("A\u0301\u0308 \u200b ΑθήνaΣ NF-κB 5μm ﬁne Ǆ ǅ ǆ İı")
	f.Fuzz(func(t *testing.T, text string) {
		doc := document.NewPlain([]byte(text))
		DetectDocument(doc.Text)
		for range doc.Windows(256) {
			for _, err := range rules.Run(doc, Rules, func(*rules.Rule, rules.Diagnostic) {}) {
				t.Fatal(err)
			}
			for _, fr := range Fragments(doc) {
				if fr.Span.Start < doc.Window.Start || fr.Span.End > doc.Window.End || fr.Span.End <= fr.Span.Start {
					t.Fatalf("fragment %v outside window %v", fr.Span, doc.Window)
				}
			}
		}
	})
}

func TestCJKCharacters(t *testing.T) {
	for _, tc := range []struct {
		text, want, message string
	}{
		{"He left the box 门口 as agreed.", "门口", `Chinese or Japanese characters left in English text: "门口"`},
		{"The seller replied ありがとう to every review.", "ありがとう", `Japanese characters left in English text: "ありがとう"`},
		{"The shop is called 한국 Mart in the ads.", "한국", `Korean characters left in English text: "한국"`},
		{"The code US倡议424 was printed on it.", "倡议", ""},
		{"The order arrived，谢谢 , thanks a lot.", "谢谢", ""},
		{"Xi Jinping (习近平) spoke.", "", ""},
		{"The slogan \"中国梦\" was on every wall.", "", ""},
		{"The menu had rice (饭 and noodles) at lunch.", "饭", ""},
		{"Sent via the app (^_^)ノ", "", ""},
		{"Sent via the app (^_^) ノ and a smile.", "", ""},
		{"The screen is nice な for a toy.", "な", `Japanese characters left in English text: "な"`},
		{"Use it with a bottle of 0トリ at night.", "トリ", ""},
	} {
		found := rulestest.Check(t, tc.text, CJKCharacters)
		if tc.want == "" {
			if len(found) != 0 {
				t.Errorf("%q: flagged %q, want nothing", tc.text, found[0].Text)
			}
			continue
		}
		if len(found) != 1 || found[0].Text != tc.want {
			t.Errorf("%q: %d findings %+v, want one on %q", tc.text, len(found), found, tc.want)
			continue
		}
		if tc.message != "" && found[0].Diag.Message != tc.message {
			t.Errorf("%q: message %q, want %q", tc.text, found[0].Diag.Message, tc.message)
		}
	}
}
