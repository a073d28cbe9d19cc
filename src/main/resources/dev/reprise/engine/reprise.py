"""Reprise's helper for python steps: the step's inputs, and a way to give its outputs.

    import reprise

    rows = reprise.inputs()["rows"]          # numbers, text, booleans, lists, dicts; a file is its path
    reprise.output("total", sum(rows))       # any JSON value
    reprise.output_file("report", "out.csv") # stored as a file artifact when the script ends

Reprise puts this module on PYTHONPATH for every attempt of a python step; it needs nothing but the standard
library. Run as a program, it runs a step's script and reports an exception the script raised (see _run).
"""

import json
import os
import re
import runpy
import sys
import traceback

__all__ = ["inputs", "output", "output_file"]

# the shape of an output name, so that templates can say steps.<step>.outputs.<name> (as Reprise's Ids.isName)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def inputs():
    """The step's inputs: a new dict of name to value (a file input is the path of the file, as text)."""
    with open(_env("REPRISE_INPUTS"), encoding="utf-8") as f:
        return json.load(f)


def output(name, value):
    """Records output ``name`` of the step: ``value`` must be JSON (None, bool, int, float, str, list, dict)."""
    _check_name(name)
    try:
        line = json.dumps({"name": name, "value": value}, allow_nan=False, ensure_ascii=False)
    except (TypeError, ValueError) as e:
        raise TypeError("output %r must be a JSON value (None, a bool, a number, text, or a list or dict of "
                        "them): %s" % (name, e)) from None
    _append(line)


def output_file(name, path):
    """Records the file at ``path`` as output ``name``; it is stored when the script ends, so leave it there."""
    _check_name(name)
    full = os.path.abspath(os.fspath(path))
    if not os.path.isfile(full):
        raise FileNotFoundError("output_file %r: there is no file at %s" % (name, full))
    _append(json.dumps({"name": name, "file": full}, ensure_ascii=False))


def _check_name(name):
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError("an output name is text of letters, digits and '_', not starting with a digit; got %r"
                         % (name,))


def _append(line):
    with open(_env("REPRISE_OUTPUTS"), "a", encoding="utf-8") as f:
        f.write(line + "\n")


def _env(name):
    value = os.environ.get(name)
    if not value:
        raise RuntimeError("%s is not set: the reprise module works inside a python step that Reprise runs" % name)
    return value


def _run(script):
    """Runs ``script`` as __main__; an exception it raises is printed in full (without these frames) to stderr,
    which is the attempt's log, and described in the file $REPRISE_ERROR for the attempt's error."""
    script = os.path.abspath(script)
    sys.argv = [script] + sys.argv[2:]
    # the working folder, not this module's, comes first on the path, as for `python -m`
    sys.path[0] = os.getcwd()
    try:
        runpy.run_path(script, run_name="__main__")
    except Exception as e:
        _report(e, script)
        sys.exit(1)


def _report(error, script):
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != script:
        tb = tb.tb_next
    traceback.print_exception(type(error), error, tb)
    sys.stderr.flush()
    line, function = None, None
    for frame, lineno in traceback.walk_tb(tb):
        if frame.f_code.co_filename == script:
            line, function = lineno, frame.f_code.co_name
    if isinstance(error, SyntaxError) and error.filename == script:
        line, message = error.lineno, error.msg
    else:
        message = str(error)
    kind = type(error).__qualname__
    if type(error).__module__ not in ("builtins", "__main__"):
        kind = type(error).__module__ + "." + kind
    with open(_env("REPRISE_ERROR"), "w", encoding="utf-8") as f:
        json.dump({"type": kind, "message": message, "line": line,
                   "function": None if function == "<module>" else function}, f, ensure_ascii=False)


if __name__ == "__main__":
    # run by the engine as `python reprise.py SCRIPT`: import this module by its name, so that the script's
    # `import reprise` finds the same module rather than a second copy
    import reprise

    reprise._run(sys.argv[1])
