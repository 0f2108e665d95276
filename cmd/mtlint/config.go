package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/mtlint/mtlint/checker/config"
	"github.com/mtlint/mtlint/checker/source"
)

// configHelp is what 'mtlint check --help' says about configuration files.
const configHelp = `Configuration: each file is checked with the .mtlint.yml (or .mtlint.yaml)
files of its folder and the folders above it, up to one that says root: true;
a nearer file wins, key by key, and its overrides apply to the paths they
name. Standard input and URLs take the configuration of the current folder,
and so do --format and --fail-on when the command line does not give them.
The command line wins over the files: --enable and --disable are applied
after them. --config FILE uses FILE for every input instead (its ignore and
overrides patterns are then relative to the current folder, its packs to the
file); --no-config reads none. Files that an ignore pattern matches are not
checked, even when named on the command line (a note on stderr says so).
'mtlint init' writes a commented starter file.`

// runConfig reads the configuration of the current folder, or --config's,
// for the settings of the run as a whole: the report format and the
// severity that fails the run, unless the command line gives them.
func (env *appEnv) runConfig(c *cli.Context, o *checkOptions) error {
	if c.Bool("no-config") {
		if c.String("config") != "" {
			return usageErrorf(c, "--config and --no-config: give one or the other")
		}
		return nil
	}
	files, err := config.Current(".", c.String("config"))
	if err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	if f := config.Format(files); f != "" && !c.IsSet("format") {
		o.format = f
	}
	if sev, ok := config.FailOn(files); ok && !c.IsSet("fail-on") {
		o.failOn = sev
	}
	o.languages = config.Languages(files)
	return nil
}

// configure returns the checker of the run: a Dispatcher that checks each
// input with its configuration, the command line's settings applied last.
func (env *appEnv) configure(c *cli.Context, o *checkOptions) (*config.Dispatcher, error) {
	d, err := config.New(config.Options{Base: o.config, File: c.String("config"), NoConfig: c.Bool("no-config")})
	if err != nil {
		return nil, &exitError{code: exitUsage, msg: err.Error()}
	}
	return d, nil
}

// unignored returns args without the files that the configuration ignores,
// saying on stderr which it left out: a file named on the command line (by
// a pre-commit hook, say) that the configuration ignores is not checked,
// but silently dropping it would puzzle.
func (env *appEnv) unignored(d *config.Dispatcher, args []string) []string {
	out := args[:0:0]
	for _, a := range args {
		if a != source.StdinArg && !source.IsURL(a) {
			if fi, err := os.Stat(a); err == nil && !fi.IsDir() {
				if p, err := d.Ignored(a); err == nil && p != nil {
					fmt.Fprintf(env.stderr, "mtlint: %s: not checked: ignore pattern %q (%s)\n", a, p.Glob, p.Pos)
					continue
				}
			}
		}
		out = append(out, a)
	}
	return out
}
