"""Filter patterns: every row of the cheat sheet (fact sheet §3.2, §3.3), and the errors."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.core.patterns import PatternError, PatternList, compile_pattern, validate_list


def included(patterns, name):
    return PatternList.of(patterns).includes(name)


# §3.2 branch/tag table: (patterns, names that match)
BRANCH_ROWS = [
    (["feature/*"], ["feature/my-branch", "feature/your-branch"]),
    (
        ["feature/**"],
        ["feature/beta-a/my-branch", "feature/your-branch", "feature/mona/the/octocat"],
    ),
    (["main", "releases/mona-the-octocat"], ["main", "releases/mona-the-octocat"]),
    (["*"], ["main", "releases"]),
    (["**"], ["all/the/branches", "every/tag"]),
    (["*feature"], ["mona-feature", "feature", "ver-10-feature"]),
    (["v2*"], ["v2", "v2.0", "v2.9"]),
    (["v[12].[0-9]+.[0-9]+"], ["v1.10.1", "v2.0.0"]),
]

# §3.3 path table: (patterns, matching paths, documented non-matches)
PATH_ROWS = [
    (["*"], ["README.md", "server.rb"], []),
    (["*.jsx?"], ["page.js", "page.jsx"], []),
    (["**"], ["all/the/files.md"], []),
    (["*.js"], ["app.js", "index.js"], []),
    (["**.js"], ["index.js", "js/index.js", "src/js/app.js"], []),
    (["docs/*"], ["docs/README.md", "docs/file.txt"], []),
    (["docs/**"], ["docs/README.md", "docs/mona/octocat.txt"], []),
    (
        ["docs/**/*.md"],
        ["docs/README.md", "docs/mona/hello-world.md", "docs/a/markdown/file.md"],
        [],
    ),
    (["**/docs/**"], ["docs/hello.md", "dir/docs/my-file.txt", "space/docs/plan/space.doc"], []),
    (["**/README.md"], ["README.md", "js/README.md"], []),
    (["**/*src/**"], ["a/src/app.js", "my-src/code/js/app.js"], []),
    (["**/*-post.md"], ["my-post.md", "path/their-post.md"], []),
    (
        ["**/migrate-*.sql"],
        ["migrate-10909.sql", "db/migrate-v1.0.sql", "db/sept/migrate-v1.sql"],
        [],
    ),
    (["*.md", "!README.md"], ["hello.md"], ["README.md", "docs/hello.md"]),
    (["*.md", "!README.md", "README*"], ["hello.md", "README.md", "README.doc"], []),
]

# §3.3 "derived non-matches" and the dot/escape rules
NON_MATCHES = [
    (["*"], "path/with/slash"),
    (["docs/*"], "docs/mona/octocat.txt"),
    (["*.js"], "js/index.js"),
    ([".yml"], "fyml"),
    (["feature/*"], "feature/a/b"),
    (["v[12].[0-9]+.[0-9]+"], "v3.0.0"),
    (["v[12].[0-9]+.[0-9]+"], "v1x0.0"),
    (["*.jsx?"], "page.jsxx"),
]


@pytest.mark.parametrize(("patterns", "names"), BRANCH_ROWS)
def test_branch_cheat_sheet_rows_match(patterns, names):  # §3.2
    for name in names:
        assert included(patterns, name), (patterns, name)


@pytest.mark.parametrize(("patterns", "matching", "non_matching"), PATH_ROWS)
def test_path_cheat_sheet_rows(patterns, matching, non_matching):  # §3.3
    for path in matching:
        assert included(patterns, path), (patterns, path)
    for path in non_matching:
        assert not included(patterns, path), (patterns, path)


@pytest.mark.parametrize(("patterns", "name"), NON_MATCHES)
def test_derived_non_matches(patterns, name):  # §3.3, §3.1
    assert not included(patterns, name)


def test_star_does_not_cross_slash_but_double_star_does():  # §3.1
    assert not included(["feature/*"], "feature/a/b")
    assert included(["feature/**"], "feature/a/b")


def test_double_star_slash_matches_zero_folders():  # §3.4
    assert included(["**/README.md"], "README.md")
    assert included(["**/docs/**"], "docs/x")


def test_question_and_plus_quantify_preceding_character():  # §3.1
    assert included(["colou?r"], "color") and included(["colou?r"], "colour")
    assert not included(["colou?r"], "colouur")
    assert included(["ab+c"], "abbbc") and not included(["ab+c"], "ac")


def test_brackets_ranges_and_lists():  # §3.1
    assert included(["[CB]at"], "Cat") and included(["[CB]at"], "Bat")
    assert not included(["[CB]at"], "Hat")
    assert included(["[1-2]00"], "100") and included(["[1-2]00"], "200")
    assert not included(["[1-2]00"], "300")
    assert included(["[0-9a-z]x"], "7x") and included(["[0-9a-z]x"], "qx")


def test_backslash_escapes_special_characters():  # §3.1
    assert included(["\\!file"], "!file")
    assert included(["a\\*b"], "a*b") and not included(["a\\*b"], "axb")
    assert included(["c\\+\\+"], "c++")


def test_bang_counts_only_as_first_character():  # §3.1
    assert included(["a!b"], "a!b")


def test_last_match_wins_in_order():  # §2.3, §3.5
    patterns = ["releases/**", "!releases/**-alpha"]
    assert included(patterns, "releases/10")
    assert included(patterns, "releases/beta/mona")
    assert not included(patterns, "releases/10-alpha")
    assert not included(patterns, "releases/beta/3-alpha")
    # a later positive pattern re-includes
    assert included(["*.md", "!README.md", "README*"], "README.md")


def test_whole_string_anchored():  # §3.1 "must match the whole path"
    assert not included(["docs"], "docs/readme.md")
    assert not included(["src/*.py"], "x/src/a.py")


@pytest.mark.parametrize(
    ("pattern", "column", "words"),
    [
        ("a[]b", 2, "empty brackets"),
        ("v[z-a]", 3, "start after end"),
        ("v[a-Z]", 3, "ranges are a-z"),
        ("v[_]", 3, "only letters"),
        ("abc\\", 4, "trailing"),
        ("x[ab", 2, "missing closing"),
        ("!", 1, "excludes nothing"),
        ("", 1, "empty pattern"),
        ("!a[]", 3, "empty brackets"),
    ],
)
def test_invalid_patterns_report_the_column(pattern, column, words):  # §3.1
    with pytest.raises(PatternError) as err:
        compile_pattern(pattern)
    assert err.value.column == column
    assert words in err.value.message


def test_bang_only_list_is_reported():  # §2.3
    with pytest.raises(PatternError):
        validate_list(["!main", "!dev"])
    validate_list(["main", "!dev"])
    assert not PatternList.of(["!**"]).includes("v1.0")


@given(st.text(alphabet="ab/*?+[]!\\-.z09", max_size=12), st.text(alphabet="ab/.-z09", max_size=10))
def test_any_pattern_compiles_or_gives_a_positioned_error(pattern, name):  # §3.1
    try:
        compiled = compile_pattern(pattern)
    except PatternError as exc:
        assert 1 <= exc.column <= max(len(pattern), 1)
        return
    assert compiled.matches(name) in (True, False)
