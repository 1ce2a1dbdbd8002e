#!/usr/bin/env python3
"""Writes rungs' man page and bash and zsh completions from the CLI's own help.

    scripts/gen-man.py --rungs build/cli/rungs --out build/cli \
        [--replace OLD=NEW ...] [--date YYYY-MM-DD]
    scripts/gen-man.py --check build/cli --rungs build/cli/rungs

Every word of the output comes from `rungs --help` and `rungs COMMAND --help`
(CLI11's layout), so the page and the completions cannot say something the
program does not: change the help, and they follow at the next build.
Writes OUT/rungs.1, OUT/completions/rungs.bash and OUT/completions/_rungs.
--replace rewrites paths in the help (the source tree's evaluation sets as
their installed place). --check tests generated files: the page names every
subcommand, groff reads it without a warning, bash accepts the completion;
it exits 77 (CTest's skip) when groff is missing. python3 only, no packages.
"""
import argparse
import datetime
import os
import re
import shutil
import subprocess
import sys

COLUMN = 30  # CLI11 2.1's default column for option descriptions
SECTIONS = ("Positionals:", "Options:", "Subcommands:")


class Entry:
    """One line of a help section: a positional, an option or a subcommand."""

    def __init__(self, spec, desc):
        self.spec = spec  # as shown: "-o,--output TEXT", "ladder TEXT REQUIRED"
        self.desc = desc

    @property
    def names(self):
        """The option's names (`-o`, `--output`), or the positional's name."""
        return self.spec.split(" ", 1)[0].split(",")

    @property
    def value(self):
        """What follows the names: the value's type, default, `...`, REQUIRED."""
        parts = self.spec.split(" ", 1)
        return parts[1] if len(parts) > 1 else ""

    @property
    def repeatable(self):
        return "..." in self.value.split()

    @property
    def choices(self):
        m = re.search(r"\{([^}]*)\}", self.value)
        return m.group(1).split(",") if m else []

    @property
    def completes(self):
        """What the shell should offer for the value: file, dir, or nothing."""
        if (re.search(r"FILE|PATH", self.value) or re.search(r"\bfile\b", self.desc, re.I)
                or self.names[0] in ("file", "files", "path", "paths")):
            return "file"
        if re.search(r"\bdirectory\b", self.desc, re.I):
            return "dir"
        return ""


class Help:
    """The parsed help of `rungs` or of one subcommand."""

    def __init__(self, text, argv0):
        self.description, self.usage, self.footer = [], "", []
        self.sections = {s: [] for s in SECTIONS}
        section = None
        lines = text.rstrip("\n").split("\n")
        for line in lines:
            if line.startswith("Usage: ") and not self.usage:
                self.usage = "rungs" + line[len("Usage: ") + len(argv0):]
                section = "after-usage"
            elif not self.usage:
                self.description.append(line)
            elif line in SECTIONS:
                section = line
            elif section in SECTIONS and line.startswith("  "):
                self._add(section, line)
            elif section in SECTIONS and line == "":
                section = "after-usage"
            elif section == "after-usage" and (line or self.footer):
                section = "footer"
                self.footer.append(line)
            elif section == "footer":
                self.footer.append(line)

    def _add(self, section, line):
        entries = self.sections[section]
        if line.startswith(" " * COLUMN):  # a description's next line
            entries[-1].desc = (entries[-1].desc + " " + line.strip()).strip()
        elif len(line.rstrip()) > COLUMN and line[COLUMN - 1] == " ":
            entries.append(Entry(line[:COLUMN].strip(), line[COLUMN:].strip()))
        else:  # the spec fills the column: the description is on the next line
            entries.append(Entry(line.strip(), ""))

    @property
    def options(self):
        return self.sections["Options:"]

    @property
    def positionals(self):
        return self.sections["Positionals:"]


def run_help(rungs, args):
    out = subprocess.run([rungs, *args, "--help"], capture_output=True, text=True, check=True)
    return out.stdout


def read_cli(rungs, replacements):
    def fix(text):
        for old, new in replacements:
            text = text.replace(old, new)
        return text

    main = Help(fix(run_help(rungs, [])), rungs)
    commands = []
    for entry in main.sections["Subcommands:"]:
        names = [n.strip() for n in entry.spec.split(",")]
        commands.append((names, Help(fix(run_help(rungs, [names[0]])), rungs)))
    version = subprocess.run([rungs, "--version"], capture_output=True, text=True).stdout.strip()
    return main, commands, version


# ---- troff ------------------------------------------------------------------

def roff(text):
    """Text escaped for troff: backslashes, leading dots, non-ASCII as \\[uXXXX]."""
    text = text.replace("\\", "\\e")
    out = []
    for ch in text:
        if ord(ch) > 127:
            out.append("\\[u%04X]" % ord(ch))
        elif ch == "-":
            out.append("\\-")
        else:
            out.append(ch)
    text = "".join(out)
    return "\\&" + text if text.startswith((".", "'")) else text


def footer_parts(footer):
    """Splits a footer into prose, example command lines and environment."""
    prose, examples, env = [], [], ""
    in_examples = False
    for line in footer:
        if line.startswith("Environment:"):
            env, in_examples = line[len("Environment:"):].strip(), False
        elif re.match(r"Examples?:$", line):
            in_examples = True
        elif in_examples and line.startswith("  "):
            examples.append(line.strip())
        elif line.strip():
            in_examples = False
            prose.append(line.strip())
    return " ".join(prose), examples, env


def environment(env):
    """`A (what), B (what), C.` as [(name, what)]."""
    items = []
    for part in re.findall(r"([A-Z_][A-Z0-9_]*)(?:\s*\(([^)]*)\))?", env):
        items.append(part)
    return items


def exit_statements(main, commands):
    """Every sentence of the help that gives an exit status, with its command."""
    found = []
    for names, h in commands:
        prose = " ".join(footer_parts(h.footer)[0].split())
        for sentence in re.split(r"(?<=\.)\s+", prose):
            if re.search(r"\bexit\b", sentence, re.I):
                found.append(("rungs " + names[0], sentence))
        for o in h.options:
            if re.search(r"\bexit \d", o.desc, re.I):
                found.append(("rungs %s %s" % (names[0], o.names[-1]), o.desc))
    return found


def options_roff(entries):
    lines = []
    for e in entries:
        lines += [".TP", ("\\fB%s\\fR %s" % (roff(e.spec.split(" ", 1)[0]), roff(e.value))).rstrip()]
        lines.append(roff(e.desc) if e.desc else "(no description in the help)")
    return lines


def man_page(main, commands, version, date):
    _, main_examples, env = footer_parts(main.footer)
    name_line = " ".join(l.strip() for l in main.description if l.strip())
    summary = re.sub(r"^rungs:\s*", "", main.description[0]).rstrip(".")
    out = [
        '.\\" Generated by scripts/gen-man.py from `rungs --help`; do not edit.',
        '.TH RUNGS 1 "%s" "%s" "User Commands"' % (date, roff(("rungs " + version).strip())),
        ".nh",
        ".ad l",
        ".SH NAME",
        "rungs \\- " + roff(summary),
        ".SH SYNOPSIS",
        ".nf",
    ]
    out += [roff(main.usage)] + [roff(h.usage) for _, h in commands]
    out += [".fi", ".SH DESCRIPTION", roff(name_line), ".SH OPTIONS"] + options_roff(main.options)
    out.append(".SH COMMANDS")
    for names, h in commands:
        prose, examples, _ = footer_parts(h.footer) if h.footer != main.footer else ("", [], "")
        out += [".SS " + roff(h.usage), roff(" ".join(l.strip() for l in h.description if l.strip()))]
        if len(names) > 1:
            out += [".PP", "Also spelt: " + roff(", ".join("rungs " + n for n in names[1:])) + "."]
        if h.positionals:
            out += [".PP", "Arguments:", ".RS"] + options_roff(h.positionals) + [".RE"]
        if h.options:
            out += [".PP", "Options:", ".RS"] + options_roff(h.options) + [".RE"]
        if prose:
            out += [".PP", roff(prose)]
        if examples:
            out += [".PP", "Examples:", ".RS", ".nf"] + [roff(x) for x in examples] + [".fi", ".RE"]
    out += [".SH EXAMPLES", ".nf"] + [roff(x) for x in main_examples] + [".fi"]
    statuses = exit_statements(main, commands)
    if statuses:
        out.append(".SH EXIT STATUS")
        for where, sentence in statuses:
            out += [".TP", "\\fB%s\\fR" % roff(where), roff(sentence)]
    if env:
        out.append(".SH ENVIRONMENT")
        for var, what in environment(env):
            out += [".TP", "\\fB%s\\fR" % roff(var)]
            if what:
                out.append(roff(what[0].upper() + what[1:]) + ".")
            elif var == "NO_COLOR":  # named without a description: the no-color.org convention
                out.append("When set, no colour in the output (the no\\-color.org convention).")
            else:
                out.append("(named in the help without a description)")
    files = files_named(main, commands)
    if files:
        out.append(".SH FILES")
        for path, where in files.items():
            out += [".TP", "\\fI%s\\fR" % roff(path), roff("; ".join(where))]
    return "\n".join(out) + "\n"


def files_named(main, commands):
    """Paths the help names (defaults, the index's place), with the options that name them."""
    every = len(commands)
    named = {}  # path -> {(option, description): [commands]}
    for names, h in [(["rungs"], main)] + commands:
        for o in h.options:
            for path in re.findall(r"(?<![\w$])(~/[\w./-]+|/[\w.-]+(?:/[\w.-]+)+)", o.value + " " + o.desc):
                named.setdefault(path.rstrip(".)"), {}).setdefault((o.names[-1], o.desc), []).append(names[0])
    files = {}
    for path, options in named.items():
        files[path] = []
        for (option, desc), users in options.items():
            where = "every command" if len(users) == every else ", ".join("rungs " + u for u in users)
            files[path].append("%s (%s): %s" % (option, where, desc))
    return files


# ---- completions ------------------------------------------------------------

def takes_value(entry):
    return bool(entry.value)


def bash_completion(main, commands):
    cmd_names = [n for names, _ in commands for n in names]
    out = [
        "# bash completion for rungs. Generated by scripts/gen-man.py from `rungs --help`; do not edit.",
        "_rungs() {",
        "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd='' i",
        "  for ((i = 1; i < COMP_CWORD; i++)); do",
        "    case ${COMP_WORDS[i]} in",
        "      %s) cmd=${COMP_WORDS[i]}; break ;;" % "|".join(cmd_names),
        "    esac",
        "  done",
        "  local opts='' positional=''",
        "  case $cmd in",
        "    '') opts='%s'; COMPREPLY=($(compgen -W \"$opts %s\" -- \"$cur\")); return ;;"
        % (" ".join(n for o in main.options for n in o.names), " ".join(cmd_names)),
    ]
    for names, h in commands:
        opts = " ".join(n for o in h.options for n in o.names)
        value_cases = []
        for o in h.options:
            if not takes_value(o):
                continue
            pattern = "|".join(o.names)
            if o.choices:
                value_cases.append("%s) COMPREPLY=($(compgen -W '%s' -- \"$cur\")); return ;;" % (pattern, " ".join(o.choices)))
            elif o.completes == "file":
                value_cases.append("%s) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;" % pattern)
            elif o.completes == "dir":
                value_cases.append("%s) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;" % pattern)
            else:
                value_cases.append("%s) COMPREPLY=(); return ;;" % pattern)
        files = any(p.completes == "file" for p in h.positionals)
        out.append("    %s)" % "|".join(names))
        out.append("      opts='%s'" % opts)
        if value_cases:
            out.append("      case $prev in")
            out += ["        " + c for c in value_cases]
            out.append("      esac")
        out.append("      positional=%s ;;" % ("files" if files else "none"))
    out += [
        "  esac",
        "  if [[ $cur == -* || $positional == none ]]; then",
        "    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))",
        "  else",
        "    COMPREPLY=($(compgen -f -- \"$cur\"))",
        "  fi",
        "}",
        "complete -o filenames -F _rungs rungs",
    ]
    return "\n".join(out) + "\n"


def zsh_quote(text):
    return text.replace("'", "'\\''")


def zsh_desc(text):
    text = re.sub(r"\s+", " ", text)
    return zsh_quote(text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace(":", "\\:"))


def zsh_option(o):
    desc = zsh_desc(re.split(r"\.\s+(?=[A-Z])", o.desc)[0])
    names = o.names
    star = "*" if o.repeatable else ""
    exclusive = "(%s)" % " ".join(names) if len(names) > 1 and not star else ""
    action = ""
    if takes_value(o):
        if o.choices:
            action = ":%s:(%s)" % (zsh_quote(o.names[-1].lstrip("-")), " ".join(o.choices))
        elif o.completes == "file":
            action = ":file:_files"
        elif o.completes == "dir":
            action = ":directory:_files -/"
        else:
            action = ":%s: " % zsh_quote(o.names[-1].lstrip("-"))
    if o.names == ["-h", "--help"]:
        exclusive = "(- *)"
    specs = ["'%s%s%s[%s]%s'" % (exclusive, star, n, desc, action) for n in names]
    return " \\\n            ".join(specs)


def zsh_positional(p, index, last):
    action = "_files" if p.completes == "file" else " "
    if p.repeatable or (last and "..." in p.value):
        return "'*:%s:%s'" % (zsh_quote(p.names[0]), action)
    optional = "" if "REQUIRED" in p.value else ":"
    return "'%s%d:%s:%s'" % (optional, index, zsh_quote(p.names[0]), action)


def zsh_completion(main, commands):
    out = [
        "#compdef rungs",
        "# zsh completion for rungs. Generated by scripts/gen-man.py from `rungs --help`; do not edit.",
        "_rungs() {",
        "  local -a commands",
        "  commands=(",
    ]
    for names, h in commands:
        summary = " ".join(l.strip() for l in h.description if l.strip())
        out += ["    '%s:%s'" % (n, zsh_quote(summary)) for n in names]  # _describe: text as is
    out += [
        "  )",
        "  local curcontext=$curcontext state line",
        "  _arguments -C \\",
    ]
    out += ["    " + zsh_option(o) + " \\" for o in main.options]
    out += [
        "    '1: :->command' \\",
        "    '*:: :->args'",
        "  case $state in",
        "    command) _describe -t commands 'rungs command' commands ;;",
        "    args)",
        "      case $words[1] in",
    ]
    for names, h in commands:
        specs = [zsh_option(o) for o in h.options]
        specs += [zsh_positional(p, i + 1, i == len(h.positionals) - 1) for i, p in enumerate(h.positionals)]
        out.append("        %s)" % "|".join(names))
        out.append("          _arguments \\\n            " + " \\\n            ".join(specs) + " ;;")
    out += ["      esac ;;", "  esac", "}", '_rungs "$@"']
    return "\n".join(out) + "\n"


# ---- check ------------------------------------------------------------------

def check(directory, rungs):
    page = os.path.join(directory, "rungs.1")
    bash = os.path.join(directory, "completions", "rungs.bash")
    zsh = os.path.join(directory, "completions", "_rungs")
    failures = []
    text = open(page, encoding="ascii").read()  # non-ASCII must be escaped
    main, commands, _ = read_cli(rungs, [])
    for names, h in commands:
        if not re.search(r"^\.SS rungs %s\b" % re.escape(roff(names[0])), text, re.M):
            failures.append("%s: no section for `rungs %s`" % (page, names[0]))
        for o in h.options:
            if roff(o.names[-1]) not in text:
                failures.append("%s: `rungs %s %s` is not named" % (page, names[0], o.names[-1]))
        if names[0] not in open(bash).read() or names[0] not in open(zsh).read():
            failures.append("a completion script lacks `%s`" % names[0])
    syntax = subprocess.run(["bash", "-n", bash], capture_output=True, text=True)
    if syntax.returncode != 0:
        failures.append("bash -n %s: %s" % (bash, syntax.stderr.strip()))
    if shutil.which("zsh"):
        syntax = subprocess.run(["zsh", "-n", zsh], capture_output=True, text=True)
        if syntax.returncode != 0:
            failures.append("zsh -n %s: %s" % (zsh, syntax.stderr.strip()))
    if not shutil.which("groff"):
        for f in failures:
            print("FAIL:", f)
        if failures:
            return 1
        print("SKIP: groff is not installed, so the man page's troff was not checked "
              "(the subcommands and the bash completion were: %d commands)" % len(commands))
        return 77
    render = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", page], capture_output=True, text=True)
    if render.returncode != 0 or render.stderr.strip():
        failures.append("groff -man -Tutf8 -ww %s:\n%s" % (page, render.stderr.strip()))
    for f in failures:
        print("FAIL:", f)
    if not failures:
        print("ok: %s names %d commands, groff reads it without a warning; bash -n accepts %s%s"
              % (page, len(commands), bash, "; zsh -n accepts " + zsh if shutil.which("zsh") else ""))
    return 1 if failures else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rungs", required=True, help="the built rungs binary")
    ap.add_argument("--out", help="directory for rungs.1 and completions/")
    ap.add_argument("--replace", action="append", default=[], metavar="OLD=NEW",
                    help="rewrite OLD as NEW in the help (a build path as its installed path)")
    ap.add_argument("--date", help="the page's date (default: $SOURCE_DATE_EPOCH, else none)")
    ap.add_argument("--check", metavar="DIR", help="check the files generated in DIR instead")
    args = ap.parse_args()
    if args.check:
        return check(args.check, args.rungs)
    if not args.out:
        ap.error("--out or --check is required")
    replacements = [tuple(r.split("=", 1)) for r in args.replace]
    main_help, commands, version = read_cli(args.rungs, replacements)
    date = args.date or ""
    if not date and os.environ.get("SOURCE_DATE_EPOCH"):
        stamp = int(os.environ["SOURCE_DATE_EPOCH"])
        date = datetime.datetime.fromtimestamp(stamp, datetime.timezone.utc).strftime("%Y-%m-%d")
    os.makedirs(os.path.join(args.out, "completions"), exist_ok=True)
    outputs = {
        os.path.join(args.out, "rungs.1"): man_page(main_help, commands, version, date),
        os.path.join(args.out, "completions", "rungs.bash"): bash_completion(main_help, commands),
        os.path.join(args.out, "completions", "_rungs"): zsh_completion(main_help, commands),
    }
    for path, text in outputs.items():
        with open(path + ".tmp", "w", encoding="ascii" if path.endswith(".1") else "utf-8") as f:
            f.write(text)
        os.replace(path + ".tmp", path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
