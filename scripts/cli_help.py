"""Reads rungs' command-line interface from its own help (CLI11's layout):
the options, positionals and subcommands of `rungs --help` and of each
`rungs COMMAND --help`. Used by gen-man.py and completions.py."""
import re
import subprocess

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
