package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/fatih/color"
	"github.com/mattn/go-isatty"
	"github.com/urfave/cli/v2"

	"github.com/mtlint/mtlint/checker/config"
	"github.com/mtlint/mtlint/checker/fix"
	"github.com/mtlint/mtlint/checker/markup"
	"github.com/mtlint/mtlint/checker/source"
	"github.com/mtlint/mtlint/rules"
)

func fixCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "fix",
		Usage:     "apply the fixes that need no human judgement, or show them as a diff",
		ArgsUsage: "PATH ...",
		UsageText: "mtlint fix [options] PATH ...",
		Description: `Fixes the findings whose fix is unambiguous: a single suggestion from a rule
that marks it safe (spacing before punctuation, doubled punctuation, doubled
words, quote direction, typography: decimal commas, guillemets, 14h30, ...)
or from a phrase pack marked safe_fix (the calque packs idiom.comparative,
idiom.time, idiom.of-adjective, grammar.prepositions and grammar.articles).
'mtlint rules' says which rules have a safe fix. The other findings are left
for a person: 'mtlint check --show-fixes' shows their suggested fixes.

By default nothing is written: the changes are printed as a unified diff
(apply it with 'patch -p0'). --write rewrites the files; --interactive asks
about each change (y: apply, n: skip, a: apply this and all the rest, q: apply
what was accepted and stop) and writes what was accepted.

Fixes apply to the bytes of the file at the findings' positions, so the code,
markup and front matter of Markdown and HTML are never touched; a finding
whose text holds markup or an HTML entity is left alone and named on
standard error. Where fixes overlap, the one that starts first wins (at the
same start, the rule that runs first) and the file is checked and fixed
again, until nothing is left to fix: running 'mtlint fix' twice changes
nothing the second time. Where rules undo each other's fixes, that place is
left as it was and named on standard error.

Writing is atomic: a temporary file beside the file, renamed over it, with
the file's permissions. A file without write permission is left alone. A
file read in another encoding than UTF-8 (--encoding, a byte order mark,
<meta charset>) is written back in that encoding, or not at all when a fix
puts in a character the encoding lacks or its bytes do not survive a round
trip; the diff shows it in UTF-8.

Examples:
   mtlint fix article.md                     show the fixes as a diff
   mtlint fix --write docs/                  fix every article below docs/
   mtlint fix --rule punctuation.space-before --write article.txt
   mtlint fix --category typography,punctuation -w news/
   mtlint fix -i article.md                  ask about each change
   mtlint fix -l docs/                       list the files that fixes would change
   mtlint fix docs/ | patch -p0              the same as --write, by hand

` + configHelp + `

Exit codes: without --write, 0 nothing to fix and 1 fixes to make (the diff
is printed), as with 'ruff format --diff'; with --write or --interactive, 0
when every file was written or had nothing to fix; 2 a usage or
configuration error, or a file that could not be read or written (the
others are still fixed).`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "write", Aliases: []string{"w"}, Usage: "rewrite the files instead of printing a diff"},
			&cli.BoolFlag{Name: "interactive", Aliases: []string{"i"}, Usage: "ask about each change on the terminal, then write the ones accepted"},
			&cli.BoolFlag{Name: "list", Aliases: []string{"l"}, Usage: "print only the names of the files that fixes would change"},
			&cli.StringSliceFlag{Name: "rule", Usage: "fix only the findings of `RULE` (a rule ID; repeatable, comma-separated)"},
			&cli.StringSliceFlag{Name: "category", Usage: "fix only the findings of `CATEGORY` (repeatable, comma-separated)"},
			&cli.BoolFlag{Name: "no-color", Usage: "never colour the diff (NO_COLOR does the same)"},
			&cli.StringSliceFlag{Name: "enable", Usage: "turn on rules: `RULE` is a rule ID or a category (repeatable, comma-separated)"},
			&cli.StringSliceFlag{Name: "disable", Usage: "turn off rules: `RULE` is a rule ID or a category (repeatable, comma-separated)"},
			&cli.StringSliceFlag{Name: "pack", Usage: "load an extra phrase pack from `FILE` (as mtlint check --pack; its fixes are never applied)"},
			&cli.StringSliceFlag{Name: "ext", Usage: "`EXTENSIONS` of the files fixed under a directory, comma-separated (default: txt,md,markdown,html,htm)"},
			&cli.StringFlag{Name: "input-format", Usage: "read every input as `FORMAT`: text, markdown or html (default: by extension; standard input is text)"},
			&cli.StringFlag{Name: "encoding", Usage: "read inputs in character encoding `NAME` (default: a byte order mark, <meta charset> for HTML, else UTF-8)"},
			&cli.StringSliceFlag{Name: "ignore-pattern", Usage: "never flag, so never fix, text matching `REGEX` (RE2 syntax; repeatable)"},
			&cli.StringFlag{Name: "config", Usage: "use configuration `FILE` for every input instead of the .mtlint.yml files found above each"},
			&cli.BoolFlag{Name: "no-config", Usage: "read no configuration file"},
		},
		Action: env.fix,
	}
}

// fixRun is one run of mtlint fix.
type fixRun struct {
	env      *appEnv
	d        *config.Dispatcher
	policy   *fix.Policy
	format   *markup.Format // --input-format
	encoding string
	write    bool
	list     bool
	answers  *bufio.Reader // --interactive: the user's answers
	all      bool          // the user answered a
	quit     bool          // the user answered q
	color    bool
	code     int
	files    int // files changed
	edits    int // edits made or proposed
}

// stdinIsTerminal reports whether r is a terminal; tests replace it.
var stdinIsTerminal = func(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

func (env *appEnv) fix(c *cli.Context) error {
	if !c.Args().Present() {
		return usageErrorf(c, "no PATH given: name files, directories, or - for standard input")
	}
	run := &fixRun{env: env, write: c.Bool("write") || c.Bool("interactive"), list: c.Bool("list"), code: exitOK}
	if c.Bool("list") && run.write {
		return usageErrorf(c, "--list shows what --write would change: give one or the other")
	}
	if c.Bool("interactive") {
		if !stdinIsTerminal(env.stdin) {
			return usageErrorf(c, "--interactive asks on a terminal, and standard input is not one (use --write to apply every fix)")
		}
		run.answers = bufio.NewReader(env.stdin)
	}
	cfg, err := env.ruleConfig(c, nil)
	if err != nil {
		return err
	}
	all := cfg.Rules
	only, err := fixFilter(c, all)
	if err != nil {
		return err
	}
	if name := c.String("input-format"); name != "" {
		f, err := markup.ParseFormat(name)
		if err != nil {
			return usageErrorf(c, "--input-format: %v", err)
		}
		run.format = &f
	}
	if name := c.String("encoding"); name != "" {
		if _, err := source.LookupEncoding(name); err != nil {
			return usageErrorf(c, "--encoding: %v", err)
		}
		run.encoding = name
	}
	var exts []string
	if c.IsSet("ext") {
		if exts, err = source.ParseExtensions(c.StringSlice("ext")); err != nil {
			return usageErrorf(c, "--ext: %v", err)
		}
	}
	if c.Bool("no-config") && c.String("config") != "" {
		return usageErrorf(c, "--config and --no-config: give one or the other")
	}
	if run.d, err = env.configure(c, &checkOptions{config: cfg}); err != nil {
		return err
	}
	run.policy = fix.NewPolicy(run.d.Rules(), only)
	run.color = env.useColor(c.Bool("no-color")) && !run.write && !run.list
	for _, a := range c.Args().Slice() {
		if source.IsURL(a) {
			return usageErrorf(c, "%s: mtlint fix changes files, not web pages: save the page and fix the file", a)
		}
		if a == source.StdinArg && run.write {
			return usageErrorf(c, "--write and --interactive rewrite files, not standard input: without them the diff is printed")
		}
	}
	inputs := run.d.Filter(source.Inputs(env.unignored(run.d, c.Args().Slice()), source.Options{Extensions: exts, Stdin: env.stdin}), nil)
	for in := range inputs {
		run.one(in)
		if run.quit {
			break
		}
	}
	if run.write && run.edits > 0 {
		fmt.Fprintf(env.stderr, "mtlint: %s in %s\n", plural(run.edits, "fix made", "fixes made"), plural(run.files, "file", "files"))
	} else if !run.write && run.edits > 0 && !run.list {
		fmt.Fprintf(env.stderr, "mtlint: %s to make in %s (mtlint fix --write applies them)\n", plural(run.edits, "fix", "fixes"), plural(run.files, "file", "files"))
	}
	if run.code != exitOK {
		return &exitError{code: run.code}
	}
	return nil
}

// fixFilter reads --rule and --category.
func fixFilter(c *cli.Context, all []*rules.Rule) ([]string, error) {
	var only []string
	for _, v := range c.StringSlice("rule") {
		for n := range strings.SplitSeq(v, ",") {
			if n = strings.TrimSpace(n); n == "" {
				continue
			}
			r := findRule(all, n)
			if r == nil {
				msg := fmt.Sprintf("--rule %q: no such rule", n)
				if close := closeNames(all, n); len(close) > 0 {
					msg += " (did you mean " + strings.Join(close, " or ") + "?)"
				}
				return nil, &exitError{code: exitUsage, msg: msg + "\nRun 'mtlint rules' for the list."}
			}
			if !fix.Safe(r) {
				return nil, &exitError{code: exitUsage, msg: fmt.Sprintf("--rule %s: its fixes are never applied automatically, they need a person's judgement (mtlint check --show-fixes shows them)", r.ID)}
			}
			only = append(only, r.ID)
		}
	}
	for _, v := range c.StringSlice("category") {
		for n := range strings.SplitSeq(v, ",") {
			if n = strings.TrimSpace(n); n == "" {
				continue
			}
			if !rules.Category(n).Valid() {
				return nil, &exitError{code: exitUsage, msg: fmt.Sprintf("--category %q: no such category (want one of %s)", n, categoryList())}
			}
			only = append(only, n)
		}
	}
	return only, nil
}

func categoryList() string {
	names := make([]string, len(rules.Categories))
	for i, c := range rules.Categories {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}

// one fixes one input: prints its diff, or writes it.
func (r *fixRun) one(in source.Input) {
	env := r.env
	fail := func(msg string) {
		fmt.Fprintf(env.stderr, "mtlint: %s: %s\n", in.Path, msg)
		r.code = exitUsage
	}
	if in.Err != nil {
		fail(source.Reason(in.Err))
		return
	}
	raw, err := in.Read()
	if err != nil {
		fail(source.Reason(err))
		return
	}
	format := markup.Plain
	var chk fix.Checker = r.d // standard input: the current folder's configuration
	if r.format != nil {
		format = *r.format
	} else if !in.IsStdin() {
		format = markup.FormatOf(in.File())
	}
	if !in.IsStdin() {
		c, err := r.d.For(in.File())
		if err != nil {
			fail(err.Error())
			return
		}
		chk = c
	}
	opt := fix.Options{Policy: r.policy, Format: format, Encoding: r.encoding}
	if r.answers != nil {
		opt.Confirm = func(text []byte, e fix.Edit) (fix.Answer, error) { return r.ask(in.Path, text, e) }
	}
	res, err := fix.File(chk, raw, opt)
	if err != nil {
		fail(err.Error())
		return
	}
	for _, n := range res.Notes {
		// How the input was decoded matters only to a diff or a write,
		// which say it themselves.
		if n.Kind != "transcoded" && n.Kind != "charset" {
			fmt.Fprintf(env.stderr, "mtlint: %s: note: %s\n", in.Path, n.Message)
		}
	}
	for _, s := range res.Skipped {
		f := s.Finding
		fmt.Fprintf(env.stderr, "mtlint: %s:%d:%d: not fixed [%s]: %s\n", in.Path, f.Line, f.Column, f.Rule, s.Reason)
	}
	if !res.Settled {
		fmt.Fprintf(env.stderr, "mtlint: %s: the fixes did not settle after %d passes; run mtlint fix again and check the result\n", in.Path, res.Passes)
	}
	if !res.Changed() {
		return
	}
	r.files++
	r.edits += len(res.Applied)
	switch {
	case r.list:
		fmt.Fprintln(env.stdout, in.Path)
		r.code = max(r.code, exitFindings)
	case !r.write:
		if res.Transcoded {
			fmt.Fprintf(env.stderr, "mtlint: %s: read as %s; the diff shows it in UTF-8\n", in.Path, res.Encoding)
		}
		r.printDiff(fix.Unified(in.Path, in.Path, res.Original, res.Fixed, fix.DefaultContext))
		r.code = max(r.code, exitFindings)
	default:
		data, err := res.Encode()
		if err == nil {
			err = fix.WriteFile(in.File(), data)
		}
		if err != nil {
			r.files--
			r.edits -= len(res.Applied)
			msg := "not written: " + strings.TrimPrefix(err.Error(), "write "+in.File()+": ")
			if errors.Is(err, fix.ErrNotEncodable) {
				msg += fmt.Sprintf("; convert it to UTF-8 first (iconv -f %s -t UTF-8)", res.Encoding)
			}
			fail(msg)
		}
	}
}

// printDiff writes a unified diff, coloured on a terminal.
func (r *fixRun) printDiff(diff string) {
	if !r.color {
		io.WriteString(r.env.stdout, diff)
		return
	}
	head, del, ins, hunk := color.New(color.Bold), color.New(color.FgRed), color.New(color.FgGreen), color.New(color.FgCyan)
	for _, c := range []*color.Color{head, del, ins, hunk} {
		c.EnableColor()
	}
	var b strings.Builder
	for line := range strings.Lines(diff) {
		text := strings.TrimSuffix(line, "\n")
		switch {
		case strings.HasPrefix(line, "--- "), strings.HasPrefix(line, "+++ "):
			b.WriteString(head.Sprint(text))
		case strings.HasPrefix(line, "@@"):
			b.WriteString(hunk.Sprint(text))
		case strings.HasPrefix(line, "-"):
			b.WriteString(del.Sprint(text))
		case strings.HasPrefix(line, "+"):
			b.WriteString(ins.Sprint(text))
		default:
			b.WriteString(text)
		}
		b.WriteByte('\n')
	}
	io.WriteString(r.env.stdout, b.String())
}

// ask shows the change e of the file at path and reads the user's answer.
func (r *fixRun) ask(path string, text []byte, e fix.Edit) (fix.Answer, error) {
	if r.all {
		return fix.Yes, nil
	}
	if r.quit {
		return fix.Quit, nil
	}
	w := r.env.stdout
	fmt.Fprintf(w, "%s:%d:%d: [%s] %s\n", path, e.Line, e.Column, e.Rule, sanitizeLine(e.Message))
	fmt.Fprintf(w, "  %s\n", inlineChange(text, e, 100))
	for {
		fmt.Fprint(w, "Apply this fix? [y,n,a,q,?] ")
		line, err := r.answers.ReadString('\n')
		if err != nil && line == "" {
			fmt.Fprintln(w)
			r.quit = true
			return fix.Quit, nil // end of input: stop asking
		}
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "y", "yes":
			return fix.Yes, nil
		case "n", "no":
			return fix.No, nil
		case "a", "all":
			r.all = true
			return fix.Yes, nil
		case "q", "quit":
			r.quit = true
			return fix.Quit, nil
		}
		fmt.Fprintln(w, "y - apply this fix\nn - leave this text as it is\na - apply this fix and all the others\nq - apply the fixes accepted so far and stop")
	}
}

// inlineChange shows e in the line of text it falls on, cut to about width
// code points around it: "…this week[- ,-]{+,+} with…".
func inlineChange(text []byte, e fix.Edit, width int) string {
	t := e.Trim()
	start := t.Offset
	for start > 0 && text[start-1] != '\n' && text[start-1] != '\r' {
		start--
	}
	end := t.End()
	for end < len(text) && text[end] != '\n' && text[end] != '\r' {
		end++
	}
	before := []rune(string(text[start:t.Offset]))
	after := []rune(string(text[t.End():end]))
	cut := "…"
	var b strings.Builder
	if n := width / 2; len(before) > n {
		b.WriteString(cut)
		before = before[len(before)-n:]
	}
	b.WriteString(sanitizeLine(string(before)))
	if t.Old != "" {
		b.WriteString("[-" + sanitizeLine(t.Old) + "-]")
	}
	if t.New != "" {
		b.WriteString("{+" + sanitizeLine(t.New) + "+}")
	}
	if n := width / 2; len(after) > n {
		b.WriteString(sanitizeLine(string(after[:n])))
		b.WriteString(cut)
	} else {
		b.WriteString(sanitizeLine(string(after)))
	}
	return b.String()
}

// sanitizeLine replaces the control characters of s (but tab) by U+FFFD, so
// that a file's text cannot move the terminal's cursor.
func sanitizeLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' || r == 0x7F || r >= 0x80 && r < 0xA0 || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
			return utf8.RuneError
		}
		return r
	}, s)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
