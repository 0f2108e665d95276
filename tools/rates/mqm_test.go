package main

import (
	"reflect"
	"testing"
)

func TestUnmarkSpan(t *testing.T) {
	for _, tc := range []struct {
		in, text string
		span     *span
		err      bool
	}{
		{"We <v>was</v> there.", "We was there.", &span{3, 6}, false},
		{"<v>Hello</v> world", "Hello world", &span{0, 5}, false},
		{"An omission<v></v>.", "An omission.", &span{11, 11}, false},
		{"No error here.", "No error here.", nil, false},
		{"Open <v>to the end", "Open to the end", &span{5, 15}, false},
		{"Broken</v> span", "", nil, true},
		{"<v>two</v> <v>spans</v>", "", nil, true},
	} {
		text, sp, err := unmarkSpan(tc.in)
		if (err != nil) != tc.err {
			t.Errorf("unmarkSpan(%q): error %v, want error %t", tc.in, err, tc.err)
			continue
		}
		if tc.err {
			continue
		}
		if text != tc.text || !reflect.DeepEqual(sp, tc.span) {
			t.Errorf("unmarkSpan(%q) = %q, %v; want %q, %v", tc.in, text, sp, tc.text, tc.span)
		}
	}
}

func TestParseMQM(t *testing.T) {
	const data = "system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity\n" +
		"sysA\ttalk.1\t1\t7\trater1\tsrc\tThe <v>cat</v> sat on the mat.\tAccuracy/Mistranslation\tMajor\n" +
		"sysA\ttalk.1\t1\t7\trater2\tsrc\tThe c<v>at sat</v> on the mat.\tFluency/Grammar\tMinor\n" +
		"sysA\ttalk.1\t1\t7\trater2\tsrc\tThe cat sat on the <v>mat</v>.\tStyle/Awkward\tMinor\n" +
		"sysB\ttalk.1\t1\t7\trater1\tsrc\tA cat sat.\tNo-error\tNo-error\n" +
		"ref\ttalk.1\t1\t8\trater1\tsrc\t<v>Hi</v>.\tFluency/Spelling\tMinor\n"
	segs, err := parseMQM(data)
	if err != nil {
		t.Fatal(err)
	}
	want := []*mqmSegment{
		{System: "sysA", SegID: "7", Target: "The cat sat on the mat.", Spans: []span{{4, 11}, {19, 22}}},
		{System: "sysB", SegID: "7", Target: "A cat sat."},
		{System: "ref", SegID: "8", Target: "Hi.", Spans: []span{{0, 2}}},
	}
	if !reflect.DeepEqual(segs, want) {
		for _, s := range segs {
			t.Logf("%+v", *s)
		}
		t.Fatalf("parseMQM gave the segments above, want %v", want)
	}
	if !humanSystem("ref") || !humanSystem("refB") || humanSystem("sysA") {
		t.Error("humanSystem: ref and refB are human, sysA is not")
	}
	// a target that differs between the rows of one segment is an error
	bad := "system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity\n" +
		"s\td\t1\t1\tr1\tx\tOne <v>text</v>.\tc\tMinor\n" +
		"s\td\t1\t1\tr2\tx\tAnother <v>text</v>.\tc\tMinor\n"
	if _, err := parseMQM(bad); err == nil {
		t.Error("parseMQM accepted two different targets for one segment")
	}
}

func TestOverlaps(t *testing.T) {
	spans := []span{{4, 11}, {19, 19}}
	for _, tc := range []struct {
		off, n int
		want   bool
	}{
		{0, 4, false}, // ends where the span starts
		{0, 5, true},
		{10, 3, true},
		{11, 2, false},
		{6, 0, true},   // an empty finding inside a span
		{18, 2, true},  // a finding around an empty span (an omission)
		{20, 2, false}, // after it
	} {
		if got := overlaps(spans, tc.off, tc.n); got != tc.want {
			t.Errorf("overlaps(%v, %d, %d) = %t, want %t", spans, tc.off, tc.n, got, tc.want)
		}
	}
}
