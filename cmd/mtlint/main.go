// Command mtlint finds the telltale artifacts of machine-translated and spun
// articles: stray punctuation, unbalanced quotes, doubled words, calques,
// tortured phrases, scraped page chrome. See "mtlint --help" and README.md.
//
// The command is thin: flags in, a checker.Checker over the inputs
// (checker/source finds them, checker/batch checks them concurrently in a
// stable order), a checker/report Reporter out.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/urfave/cli/v2"

	"github.com/mtlint/mtlint/internal/suggest"
	"github.com/mtlint/mtlint/rules"
	"github.com/mtlint/mtlint/rules/builtin"
)

// version is the release, set at build time with
// -ldflags "-X main.version=v1.2.3"; "dev" falls back to the module version
// that the go command recorded.
var version = "dev"

// The exit codes of DESIGN.md.
const (
	exitOK       = 0 // nothing at or above --fail-on
	exitFindings = 1 // findings at or above --fail-on
	exitUsage    = 2 // usage, configuration or input error
)

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	os.Exit(run(os.Args, os.Stdout, os.Stderr, os.Stdin))
}

// softMemoryLimit is the heap size past which the garbage collector works
// harder, unless GOMEMLIMIT says otherwise. The heap holds a few windows
// being checked and the findings (the language tables are mapped from their
// cache, outside it); left to itself it would grow to twice what is live:
// a 2.1 GB stream with 149,000 findings peaked at 322 MB resident with a
// limit of 224 MiB, 262 MB with this one and 240 MB with 128 MiB, in the
// same time. It is soft: a larger input is still checked, with more
// collection.
const softMemoryLimit = 160 << 20

// run runs mtlint with args (args[0] is the program name) and returns the
// exit code.
func run(args []string, stdout, stderr io.Writer, stdin io.Reader) int {
	return runApp(newApp(stdout, stderr, stdin), args, stderr)
}

// runApp runs app and turns what it returned into an exit code, printing
// the message of an error on stderr.
func runApp(app *cli.App, args []string, stderr io.Writer) int {
	err := app.Run(interspersed(app, args))
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintf(stderr, "mtlint: %s\n", ee.msg)
		}
		return ee.code
	}
	fmt.Fprintf(stderr, "mtlint: %v\n", err)
	return exitUsage
}

// exitError ends a command with an exit code and, unless msg is empty, a
// message for stderr.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return fmt.Sprintf("exit %d: %s", e.code, e.msg) }

// usageErrorf is a usage error of the command of c: exit code 2 and a hint
// to its help.
func usageErrorf(c *cli.Context, format string, args ...any) error {
	name := "mtlint"
	if c != nil && c.Command != nil && c.Command.HelpName != "" {
		name = c.Command.HelpName
	}
	return &exitError{code: exitUsage, msg: fmt.Sprintf(format, args...) + fmt.Sprintf("\nRun '%s --help' for usage.", name)}
}

// appEnv is everything the commands use from the outside world, so that tests
// run the whole command line in-process, with their own rules.
type appEnv struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	// rules are the rules to choose from; nil means the built-in ones.
	rules []*rules.Rule
	// getenv reads an environment variable (NO_COLOR, TERM).
	getenv func(string) string
	// isTerminal reports whether w is a terminal, for colour.
	isTerminal func(w io.Writer) bool
}

// newApp returns the mtlint command line writing to stdout and stderr and
// reading "-" from stdin. It holds no global state: each call builds its own
// flags.
func newApp(stdout, stderr io.Writer, stdin io.Reader) *cli.App {
	return newAppWith(&appEnv{
		stdout: stdout, stderr: stderr, stdin: stdin,
		getenv: os.Getenv, isTerminal: isTerminal,
	})
}

func newAppWith(env *appEnv) *cli.App {
	app := &cli.App{
		Name:    "mtlint",
		Usage:   "find the artifacts of machine translation and article spinning",
		Version: versionString(),
		UsageText: `mtlint check [options] PATH|URL ...
mtlint feed [options] SOURCE ...
mtlint fix [options] PATH ...
mtlint compare [options] ORIGINAL SUSPECT
mtlint init [--force] [DIR]
mtlint serve [--listen HOST:PORT]
mtlint rules [--format json]
mtlint explain RULE
mtlint explain-score FILE
mtlint lsp
mtlint version
mtlint help [COMMAND]`,
		Description: `mtlint reads articles (plain text, Markdown, HTML, web pages, feeds) and
reports the telltale artifacts of machine-translated and spun text, with the
offending text underlined, a suggested fix and, through 'mtlint explain', the
why.

Examples:
   mtlint check article.md                 check one article
   mtlint check docs/                      check every .txt .md .markdown .html .htm below docs/
   mtlint check https://example.org/news/a.html
   curl -s https://example.org/a.txt | mtlint check -
   mtlint check --format sarif docs/ > mtlint.sarif
   mtlint check --format html drafts/ > report.html
   mtlint feed --fetch-articles https://example.org/rss.xml
   mtlint fix --write article.md           apply the unambiguous fixes
   mtlint compare wire.txt copy.txt        what a copy changed, and its spin ratio
   mtlint init                             write a starter .mtlint.yml
   mtlint serve                            LanguageTool's API on 127.0.0.1:8081
   mtlint rules                            list every rule
   mtlint explain punctuation.space-before show one rule with live examples

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage, configuration or input error.`,
		Writer:          env.stdout,
		ErrWriter:       env.stderr,
		Reader:          env.stdin,
		HideHelpCommand: true,
		// Errors are turned into exit codes by runApp; never call os.Exit.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError:   onUsageError,
		Commands: []*cli.Command{
			checkCommand(env),
			fixCommand(env),
			compareCommand(env),
			initCommand(env),
			feedCommand(env),
			serveCommand(env),
			rulesCommand(env),
			explainCommand(env),
			explainScoreCommand(env),
			versionCommand(env),
			lspCommand(env),
		},
		Action: func(c *cli.Context) error {
			switch {
			case !c.Args().Present():
				_ = cli.ShowAppHelp(c)
				return &exitError{code: exitUsage}
			case c.Args().First() == "help":
				// urfave/cli's help command is shared by every app and
				// modified by each; this one is not.
				if c.NArg() == 1 {
					return cli.ShowAppHelp(c)
				}
				if err := cli.ShowCommandHelp(c, c.Args().Get(1)); err != nil {
					return usageErrorf(c, "no command %q%s", c.Args().Get(1), commandHint(c.App, c.Args().Get(1)))
				}
				return nil
			}
			return usageErrorf(c, "unknown command %q%s", c.Args().First(), commandHint(c.App, c.Args().First()))
		},
	}
	for _, cmd := range app.Commands {
		cmd.OnUsageError = onUsageError
		cmd.HideHelpCommand = true // or "mtlint check help" would not check a file named help
	}
	return app
}

// commandHint is what follows "unknown command" in a message: the commands
// closest to name, then every command.
func commandHint(app *cli.App, name string) string {
	var names []string
	for _, cmd := range app.Commands {
		if !cmd.Hidden {
			names = append(names, cmd.Name)
		}
	}
	names = append(names, "help")
	hint := ""
	if close := suggest.Words(name, names); len(close) > 0 {
		hint = " (did you mean " + suggest.Join(close) + "?)"
	}
	return hint + "; the commands are " + suggest.Join(names)
}

// The errors of the flag package that onUsageError rewrites.
var (
	undefinedFlag = regexp.MustCompile(`^flag provided but not defined: -+(.+)$`)
	invalidValue  = regexp.MustCompile(`^invalid value "(.*)" for flag -+([^:]+): `)
)

// onUsageError turns a flag parsing error into a usage error, with the
// flags written as they are typed (two dashes), the flags closest to an
// unknown one, and what a duration looks like.
func onUsageError(c *cli.Context, err error, _ bool) error {
	msg := err.Error()
	var flags []cli.Flag
	if c.Command != nil && c.Command.Name != "" {
		flags = c.Command.Flags
	} else if c.App != nil {
		flags = c.App.Flags
	}
	if m := undefinedFlag.FindStringSubmatch(msg); m != nil {
		return usageErrorf(c, "unknown flag %s%s", dashes(m[1]), flagHint(flags, m[1]))
	}
	if m := invalidValue.FindStringSubmatch(msg); m != nil {
		value, name := m[1], m[2]
		for _, f := range flags {
			if _, ok := f.(*cli.DurationFlag); ok && slices.Contains(f.Names(), name) {
				if _, err := strconv.ParseFloat(value, 64); err == nil {
					return usageErrorf(c, "%s %q: a duration needs a unit, such as %ss (ms, s, m, h)", dashes(name), value, value)
				}
				return usageErrorf(c, "%s %q: not a duration (want a number and a unit, such as 30s, 1m30s or 500ms)", dashes(name), value)
			}
		}
		reason := strings.TrimPrefix(msg, m[0])
		for _, f := range flags {
			if _, ok := f.(*cli.IntFlag); ok && slices.Contains(f.Names(), name) {
				reason = "want a whole number"
			}
		}
		return usageErrorf(c, "%s %q: %s", dashes(name), value, reason)
	}
	return usageErrorf(c, "%v", err)
}

// dashes writes a flag's name as it is typed: -q, --fail-on.
func dashes(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// flagHint is " (did you mean --x?)" for the flags of flags closest to
// name (--colour finds --no-color), or "".
func flagHint(flags []cli.Flag, name string) string {
	if len(name) < 3 {
		return "" // every short flag is a few edits away
	}
	var names []string
	for _, f := range flags {
		names = append(names, f.Names()...)
	}
	names = append(names, "help")
	close := suggest.Words(name, names)
	if len(close) == 0 {
		close = suggest.Words("no-"+name, names)
	}
	if len(close) == 0 {
		return ""
	}
	for i, n := range close {
		close[i] = dashes(n)
	}
	return " (did you mean " + suggest.Join(close) + "?)"
}

// allRules returns the rules to choose from.
func (env *appEnv) allRules() []*rules.Rule {
	if env.rules != nil {
		return env.rules
	}
	return builtin.Rules()
}

// useColor decides whether the text report is coloured: never with
// --no-color or NO_COLOR (https://no-color.org) or TERM=dumb, otherwise when
// standard output is a terminal.
func (env *appEnv) useColor(noColorFlag bool) bool {
	return !noColorFlag && env.getenv("NO_COLOR") == "" && env.getenv("TERM") != "dumb" && env.isTerminal(env.stdout)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// versionString is version, or the module version the binary was built
// from when version was not set at build time.
func versionString() string {
	if version != "dev" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return version
}

func versionCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "version",
		Usage:     "print mtlint's version",
		UsageText: "mtlint version",
		Description: `Prints the version, the same as 'mtlint --version'.

Example:
   $ mtlint version
   mtlint version v0.1.0`,
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usageErrorf(c, "version takes no arguments")
			}
			fmt.Fprintf(env.stdout, "mtlint version %s\n", versionString())
			return nil
		},
	}
}

// interspersed lets flags follow the arguments of a command, as in
// "mtlint check article.md --format json": urfave/cli/v2 stops reading flags
// at the first argument, so the flags after it are moved before it, and the
// arguments are put after "--" so that none of them is read as a flag.
// Arguments after a "--" of the user's stay arguments.
func interspersed(app *cli.App, args []string) []string {
	// The program's own flags (--help, --version) take no value.
	i := 1
	for i < len(args) && strings.HasPrefix(args[i], "-") && args[i] != "--" {
		i++
	}
	if i >= len(args) {
		return args
	}
	cmd := app.Command(args[i])
	if cmd == nil {
		return args
	}
	takesValue := make(map[string]bool)
	for _, f := range cmd.Flags {
		if v, ok := f.(cli.DocGenerationFlag); ok && v.TakesValue() {
			for _, n := range f.Names() {
				takesValue[n] = true
			}
		}
	}
	var flags, operands []string
	rest := args[i+1:]
	for j := 0; j < len(rest); j++ {
		a := rest[j]
		switch {
		case a == "--":
			operands = append(operands, rest[j+1:]...)
			j = len(rest)
		case a == "-" || !strings.HasPrefix(a, "-"):
			operands = append(operands, a)
		default:
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && takesValue[name] && j+1 < len(rest) {
				j++
				flags = append(flags, rest[j])
			}
		}
	}
	out := make([]string, 0, len(args)+1)
	out = append(out, args[:i+1]...)
	out = append(out, flags...)
	if len(operands) > 0 {
		out = append(out, "--")
		out = append(out, operands...)
	}
	return out
}
