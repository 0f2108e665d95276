package moses

import "testing"

func TestDetokenize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"On 1 May , the board met .", "On 1 May, the board met."},
		{"He didn 't know ; she wasn 't sure !", "He didn't know; she wasn't sure!"},
		{"It 's the city 's plan , isn 't it ?", "It's the city's plan, isn't it?"},
		{"I 'm sure we 'll see what they 've done and you 'd agree they 're right", "I'm sure we'll see what they've done and you'd agree they're right"},
		{"the coup d 'état at five o 'clock", "the coup d'état at five o'clock"},
		{"a rise ( of 3 % ) in [ the ] costs", "a rise (of 3%) in [the] costs"},
		{"It costs $ 5 { roughly } .", "It costs $5 {roughly}."},
		{`He said " we will win " and left .`, `He said "we will win" and left.`},
		{`" One " , " two " .`, `"One", "two".`},
		{"a well @-@ known 1 @,@ 000 @.@ 5 and / or", "a well-known 1,000.5 and / or"},
		{"the players ' union", "the players' union"},
		{"she wrote ' hello ' twice", "she wrote 'hello' twice"},
		{"he said `` hello '' twice", "he said ``hello'' twice"},
		{"Wait ... what ?!", "Wait... what?!"},
		{"AT &amp; T &lt; &quot; x &quot; &gt; it &apos;s &#91; 1 &#93; a &#124; b", `AT & T < "x" > it's [1] a | b`},
		{"  spaced   out  ", "spaced out"},
		{"", ""},
		{"' tis", "'tis"},
		// typographic quotes, which tokenizer.perl splits off like any symbol
		{"the city was declared “ open ” , they said .", "the city was declared “open”, they said."},
		{"the „ Moara ” mill and the „ Dacia “ plant", "the „Moara” mill and the „Dacia“ plant"},
		{"she said “ no ” and “ yes ”", "she said “no” and “yes”"},
		{"a ‘ soft ’ target and « this »", "a ‘soft’ target and «this»"},
		{"he didn ’ t see Putin ’ s plan", "he didn’t see Putin’s plan"},
		{"the players ’ union", "the players’ union"},
	} {
		if got := Detokenize(tc.in); got != tc.want {
			t.Errorf("Detokenize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
