"""Reprise's helper for python steps: the step's inputs, and a way to give its outputs.

    import reprise

    rows = reprise.inputs()["rows"]          # numbers, text, booleans, lists, dicts; a file is its path
    reprise.output("total", sum(rows))       # any JSON value
    reprise.output_file("report", "out.csv") # stored as a file artifact when the script ends

A step given as ``function: module:name`` gets its inputs as keyword arguments instead, and returns a dict of
its outputs (or None); files are still recorded with output_file.

Reprise puts this module on PYTHONPATH for every attempt of a python step; it needs nothing but the standard
library. Run as a program, it runs a step's code and reports an exception that code raised (see _main).
"""

import importlib
import inspect
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


def _main(argv):
    """Runs a step's code: ``script PATH`` (the step's inline script), ``file PATH`` (a script of the flow folder)
    or ``function MODULE:NAME``. An exception it raises is printed from the first frame of the step's code on
    (without these frames) to stderr, which is the attempt's log, and described in the file $REPRISE_ERROR for
    the attempt's error."""
    mode, target = argv[1], argv[2]
    folder = os.path.realpath(os.getcwd())
    # the working folder (the flow's files), not this module's, comes first on the path, as for `python -m`
    sys.path[0] = folder
    inline = os.path.realpath(target) if mode == "script" else None
    try:
        if mode == "function":
            sys.argv = [target]
            _call(target)
        else:
            script = os.path.abspath(target)
            sys.argv = [script] + argv[3:]
            runpy.run_path(script, run_name="__main__")
    except Exception as e:
        _report(e, _UserCode(folder, inline))
        sys.exit(1)


class _UserCode:
    """Which code is the step's: files of the working folder, except this module's; ``inline`` is the step's
    script, which errors call "the script"."""

    def __init__(self, folder, inline):
        self.folder = folder + os.sep
        self.inline = inline
        self.helper = os.path.realpath(os.path.dirname(os.path.abspath(__file__))) + os.sep
        self._known = {}

    def owns(self, filename):
        known = self._known.get(filename)
        if known is None:
            # frames of no file have names such as <frozen runpy> or <string>, which are no path
            path = os.path.realpath(filename) if os.path.isabs(filename) else ""
            known = path.startswith(self.folder) and not path.startswith(self.helper)
            self._known[filename] = known
        return known

    def name(self, filename):
        """None for the inline script, else the file's path in the flow folder."""
        path = os.path.realpath(filename)
        return None if path == self.inline else os.path.relpath(path, self.folder).replace(os.sep, "/")


def _call(target):
    module_name, _, name = target.partition(":")
    function = getattr(importlib.import_module(module_name), name, None)
    if function is None:
        raise AttributeError("module %s has no function %s (function: %s)" % (module_name, name, target))
    if not callable(function):
        raise TypeError("%s is a %s, not a function" % (target, type(function).__name__))
    given = inputs()
    try:
        inspect.signature(function).bind(**given)
    except TypeError as e:
        raise TypeError("%s cannot take the step's inputs as keyword arguments (%s): %s"
                        % (target, ", ".join(given) or "it has none", e)) from None
    except ValueError:
        pass  # no signature to check (a builtin): the call says what is wrong
    result = function(**given)
    if result is None:
        return
    if not isinstance(result, dict):
        raise TypeError("%s returned %s, not a dict of outputs (or None)" % (target, type(result).__name__))
    for key, value in result.items():
        output(key, value)


def _report(error, user):
    tb = error.__traceback__
    while tb is not None and not user.owns(tb.tb_frame.f_code.co_filename):
        tb = tb.tb_next
    traceback.print_exception(type(error), error, tb)
    sys.stderr.flush()
    filename, line, function = None, None, None
    for frame, lineno in traceback.walk_tb(tb):
        if user.owns(frame.f_code.co_filename):
            filename, line, function = frame.f_code.co_filename, lineno, frame.f_code.co_name
    if isinstance(error, SyntaxError) and error.filename and user.owns(error.filename):
        filename, line, function, message = error.filename, error.lineno, None, error.msg
    else:
        message = str(error)
    kind = type(error).__qualname__
    if type(error).__module__ not in ("builtins", "__main__"):
        kind = type(error).__module__ + "." + kind
    with open(_env("REPRISE_ERROR"), "w", encoding="utf-8") as f:
        json.dump({"type": kind, "message": message, "line": line,
                   "file": None if filename is None else user.name(filename),
                   "function": None if function == "<module>" else function}, f, ensure_ascii=False)


if __name__ == "__main__":
    # run by the engine as `python reprise.py MODE TARGET`: import this module by its name, so that the step's
    # `import reprise` finds the same module rather than a second copy
    import reprise

    reprise._main(sys.argv)
