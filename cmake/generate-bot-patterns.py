#!/usr/bin/env python3
"""Regenerates src/tracking/bot_patterns.inc: the user-agent patterns of the isbot package
(https://github.com/omrilotan/isbot, src/patterns.json; public domain), as tables the click
classifier matches without a regular-expression engine (SPEC §10).

    python3 cmake/generate-bot-patterns.py path/to/isbot/src/patterns.json

isbot matches each pattern case-insensitively anywhere in the user agent. Each pattern becomes
either literal entries or a shape:

- A literal entry is lower-case text with conditions on its surroundings: anchored at the start
  (`^`), a word boundary before or after (`\\b`), a digit after (`\\d`), texts that must not come
  right before or after it (look-behind and look-ahead). Escaped punctuation is read literally
  and a bracket of characters (`[ /]`) is expanded into one entry per character.
- Look-arounds and optional letters are translated by the LOOKAROUNDS table below, written by
  hand from the pattern.
- A shape is a test of the whole user agent that no literal can express (`^[^ ]{50,}$`); SHAPES
  names the C++ predicate of each (src/tracking/bot_patterns.cpp).

A pattern the script does not know how to read stops it with an error naming the pattern: a new
look-around or shape in the list needs a reviewed translation, never a guess.
"""
import json
import pathlib
import sys

# Pattern -> its literal entries: (text, dict of conditions).
LOOKAROUNDS = {
    r"(?:^|[^g])news(?!sapphire)": [("news", {"not_preceded_by": ["g"], "not_followed_by": ["sapphire"]})],
    r"(?<! (?:channel/|google/))google(?!(app|/google| pixel))": [
        ("google", {"not_preceded_by": [" channel/", " google/"], "not_followed_by": ["app", "/google", " pixel"]})
    ],
    r"(?<! cu)bots?(?:\b|_)": [
        ("bot", {"not_preceded_by": [" cu"], "after": "word_boundary_or_underscore"}),
        ("bots", {"not_preceded_by": [" cu"], "after": "word_boundary_or_underscore"}),
    ],
    r"(?<!(?:lib))http": [("http", {"not_preceded_by": ["lib"]})],
    r"(?<![hg]m)score": [("score", {"not_preceded_by": ["hm", "gm"]})],
    r"java(?!;)": [("java", {"not_followed_by": [";"]})],
}

# Pattern -> the bot_shape_kind that tests it.
SHAPES = {
    r"@[a-z][\w-]+\.": "at_domain",
    r"^[\w \.\-\(?:\):%]+(?:/v?\d+(?:\.\d+)?(?:\.\d{1,10})*?)?(?:,|$)": "name_and_version_only",
    r"^[^ ]{50,}$": "long_without_space",
    r"^\d+\b": "leading_number",
    r"^\w*search\b": "first_word_ends_in_search",
    r"^\w+/[\w\(\)]*$": "single_product_token",
    r"^mozilla/\d\.\d\s[\w\.-]+$": "mozilla_and_one_word",
    r"^mozilla/\d\.\d\s\(compatible;?(?:\s\w+\/\d+\.\d+)?\)$": "mozilla_compatible_bare",
    r"^{{.*}}$": "template_placeholder",
}

LITERAL_ESCAPES = set(".()|/-")
META = set(".*+?()|{}[]$\\^")
MAX_NOT_PRECEDED = 2
MAX_NOT_FOLLOWED = 3


def fail(pattern, why):
    sys.exit(f"generate-bot-patterns: cannot read pattern {pattern!r}: {why}; "
             "add a reviewed translation to LOOKAROUNDS or SHAPES")


def literal_entries(pattern):
    """The entries of a pattern made of literal text, brackets of characters, ^, \\b and \\d."""
    conditions = {}
    body = pattern
    if body.startswith("^"):
        conditions["at_start"] = True
        body = body[1:]
    if body.startswith(r"\b"):
        conditions["before"] = "word_boundary"
        body = body[2:]
    if body.endswith(r"\b"):
        conditions["after"] = "word_boundary"
        body = body[:-2]
    elif body.endswith(r"\d"):
        conditions["after"] = "digit"
        body = body[:-2]
    texts = [""]
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            if i + 1 >= len(body) or body[i + 1] not in LITERAL_ESCAPES:
                fail(pattern, "an escape other than escaped punctuation")
            texts = [t + body[i + 1] for t in texts]
            i += 2
        elif c == "[":
            end = body.find("]", i)
            choices = body[i + 1:end] if end > 0 else ""
            ranged = "-" in choices[1:-1]  # a range such as a-z; a - first or last is literal
            if not choices or ranged or any(ch in META for ch in choices):
                fail(pattern, "a bracket that is not a plain list of characters")
            texts = [t + ch for t in texts for ch in choices]
            i = end + 1
        elif c in META:
            fail(pattern, f"the regular-expression syntax {c!r}")
        else:
            texts = [t + c for t in texts]
            i += 1
    if not texts[0]:
        fail(pattern, "no literal text")
    return [(t, conditions) for t in texts]


def cpp_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def cpp_views(texts, size):
    padded = list(texts) + [""] * (size - len(texts))
    return "{" + ", ".join(cpp_string(t) for t in padded) + "}"


def literal_row(pattern, text, conditions):
    if text != text.lower():
        fail(pattern, "upper-case text (isbot matches case-insensitively: the list is lower case)")
    not_preceded = conditions.get("not_preceded_by", [])
    not_followed = conditions.get("not_followed_by", [])
    if len(not_preceded) > MAX_NOT_PRECEDED or len(not_followed) > MAX_NOT_FOLLOWED:
        fail(pattern, "more look-around alternatives than bot_literal holds")
    return ("    {" + ", ".join([
        cpp_string(pattern),
        cpp_string(text),
        "true" if conditions.get("at_start") else "false",
        "edge::" + conditions.get("before", "any"),
        "edge::" + conditions.get("after", "any"),
        cpp_views(not_preceded, MAX_NOT_PRECEDED),
        cpp_views(not_followed, MAX_NOT_FOLLOWED),
    ]) + "},")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: generate-bot-patterns.py path/to/isbot/src/patterns.json")
    patterns = json.loads(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))
    literals, shapes = [], []
    for pattern in patterns:
        if pattern in SHAPES:
            shapes.append(f"    {{{cpp_string(pattern)}, bot_shape_kind::{SHAPES[pattern]}}},")
            continue
        entries = LOOKAROUNDS.get(pattern) or literal_entries(pattern)
        literals += [literal_row(pattern, text, conditions) for text, conditions in entries]
    unused = (set(SHAPES) | set(LOOKAROUNDS)) - set(patterns)
    for pattern in sorted(unused):
        print(f"generate-bot-patterns: note: {pattern!r} is no longer in the list", file=sys.stderr)
    out = pathlib.Path(__file__).resolve().parent.parent / "src" / "tracking" / "bot_patterns.inc"
    out.write_text("\n".join([
        "// Generated by cmake/generate-bot-patterns.py from isbot's src/patterns.json",
        f"// ({len(patterns)} patterns: {len(literals)} literal entries, {len(shapes)} shapes). Do not edit.",
        "// clang-format off",
        "inline constexpr bot_literal isbot_literals[] = {",
        *literals,
        "};",
        "inline constexpr bot_shape isbot_shapes[] = {",
        *shapes,
        "};",
        "// clang-format on",
        "",
    ]), encoding="utf-8")
    print(f"wrote {out}: {len(literals)} literal entries, {len(shapes)} shapes")


if __name__ == "__main__":
    main()
