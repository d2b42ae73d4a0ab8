"""The expression language (fact sheet §11): literals, precedence, coercions, functions."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.expressions.evaluator import evaluate
from simulator.expressions.lexer import ExpressionError
from simulator.expressions.parser import parse
from simulator.expressions.template import evaluate_template, parse_condition

CTX = {
    "github": {
        "ref": "refs/heads/main",
        "event": {"workflow_run": {"conclusion": "failure"}},
        "head_ref": "",
        "run_id": "42",
    },
    "needs": {"build": {"result": "success", "outputs": {"image": "api:1"}}},
    "vars": {"Region": "eu"},
    "matrix": {"os": "linux"},
    "items": [{"name": "a", "n": 1}, {"name": "b", "n": 2}],
}


def ev(text, ctx=CTX):
    return evaluate(parse(text), ctx)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("false", False),
        ("null", None),  # §11.1
        ("711", 711),
        ("-9.2", -9.2),
        ("0xff", 255),
        ("-2.99e-2", -0.0299),
        ("'Mona the Octocat'", "Mona the Octocat"),
        ("'It''s open source!'", "It's open source!"),
        ("NaN", math.nan),
    ],
)
def test_literals(text, value):  # §11.1
    result = ev(text)
    if isinstance(value, float) and math.isnan(value):
        assert math.isnan(result)
    else:
        assert result == value and type(result) is type(value) or result == value


def test_double_quotes_are_an_error():  # §11.1
    with pytest.raises(ExpressionError, match="single quotes"):
        parse('"x"')


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 == 1 && 2 == 3 || true", True),  # && binds tighter than ||   §11.2
        ("false || true && false", False),
        ("!false == true", True),  # ! binds tighter than ==
        ("1 < 2 == true", True),  # < binds tighter than ==
        ("(1 == 1) && 'x'", "x"),  # && returns the deciding operand
        ("github.head_ref || github.run_id", "42"),  # || returns the first truthy operand
        ("'' && 'never'", ""),
        ("null || 0 || ''", ""),
        ("!'x'", False),
        ("!0", True),
    ],
)
def test_operators_and_precedence(text, value):  # §11.2
    assert ev(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("null == 0", True),
        ("true == 1", True),
        ("false == 0", True),  # §11.4 coercions
        ("'' == 0", True),
        ("'1' == 1", True),
        ("'abc' == 0", False),  # string -> NaN
        ("'0x10' == 16", True),
        ("' 12 ' == 12", True),
        ("'ABC' == 'abc'", True),
        ("'a' != 'A'", False),  # case-insensitive
        ("NaN == NaN", False),
        ("NaN < 1", False),
        ("NaN >= NaN", False),
        ("1 <= 1", True),
        ("'b' > 'A'", True),
        ("true > false", True),
        ("github == github", True),
        ("github.event == github", False),  # objects: identity
        ("null == false", True),
        ("'true' == true", False),
    ],
)
def test_loose_equality_and_comparison(text, value):  # §11.4
    assert ev(text) is value


@pytest.mark.parametrize(
    ("value", "truthy"),
    [
        ("false", False),
        ("0", False),
        ("-0", False),
        ("''", False),
        ("null", False),
        ("NaN", False),
        ("'false'", True),
        ("'0'", True),
        ("github", True),
        ("fromJSON('[]')", True),
    ],
)
def test_truthiness(value, truthy):  # §11.3
    assert ev(f"!!({value})") is truthy


def test_missing_properties_are_null_and_names_ignore_case():  # §11.2
    assert ev("github.nope.deeper") is None
    assert ev("GITHUB.REF") == "refs/heads/main"
    assert ev("vars.region") == "eu"
    assert ev("needs['build'].outputs.image") == "api:1"
    assert ev("needs.build-check.result") is None  # '-' is part of an identifier


def test_object_filters():  # §11.6
    assert ev("items.*.name") == ["a", "b"]
    assert ev("contains(items.*.name, 'B')") is True
    assert ev("needs.*.result") == ["success"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("contains('Hello world', 'LLO')", True),
        ("contains(fromJSON('[\"push\", \"pull_request\"]'), 'push')", True),
        ("startsWith('Hello world', 'he')", True),
        ("endsWith('Hello world', 'LD')", True),
        ("format('Hello {0} {1} {2}', 'Mona', 'the', 'Octocat')", "Hello Mona the Octocat"),
        ("format('{{Hello {0} {1} {2}!}}', 'Mona', 'the', 'Octocat')", "{Hello Mona the Octocat!}"),
        ("join(fromJSON('[\"a\", \"b\"]'), ', ')", "a, b"),
        ("join('abc')", "abc"),
        ("join(fromJSON('[1, true, null]'))", "1,true,"),
        ("toJSON(fromJSON('{\"a\": [1]}'))", '{\n  "a": [\n    1\n  ]\n}'),
        ("fromJSON('true')", True),
        ("fromJSON('3') == 3", True),
        ("case(1 == 2, 'a', 2 == 2, 'b', 'c')", "b"),
        ("case(false, 'a', 'default')", "default"),
        ("format('{0}', 1.5)", "1.5"),
        ("format('{0}', 3)", "3"),
    ],
)
def test_functions(text, value):  # §11.6
    assert ev(text) == value


def test_hash_files_is_stable():  # §11.6
    assert ev("hashFiles('**/package-lock.json')") == ev("hashFiles('**/package-lock.json')")
    assert ev("hashFiles('a')") != ev("hashFiles('b')")


@pytest.mark.parametrize(
    ("text", "offset", "words"),
    [
        ("github.ref = 'main'", 11, "did you mean '=='"),
        ("a & b", 2, "did you mean '&&'"),
        ("contains('a')", 0, "takes 2 argument"),
        ("nofunc()", 0, "unknown function"),
        ("github.", 7, "expected a property name"),
        ("(1 == 1", 7, "expected ')'"),
        ("'open", 0, "unterminated string"),
        ("1 ==", 4, "unexpected end"),
        ("format('{0}')", 0, "placeholder"),
    ],
)
def test_errors_have_an_offset(text, offset, words):
    with pytest.raises(ExpressionError) as err:
        evaluate(parse(text), CTX)
    assert err.value.offset == offset and words in err.value.message


def test_if_wrapping_is_optional_and_implicit_success():  # §8.3
    class Status:
        def __init__(self, ok):
            self.ok = ok

        def success(self):
            return self.ok

        def failure(self):
            return not self.ok

        def cancelled(self):
            return False

    plain = parse_condition("github.ref == 'refs/heads/main'")
    wrapped = parse_condition("${{ github.ref == 'refs/heads/main' }}")
    for cond in (plain, wrapped):
        assert cond.implicit_success
        assert cond.evaluate(CTX, Status(True)) is True
        assert cond.evaluate(CTX, Status(False)) is False  # success() && (...)
    explicit = parse_condition("failure() && github.ref == 'refs/heads/main'")
    assert not explicit.implicit_success
    assert explicit.evaluate(CTX, Status(False)) is True


def test_text_outside_expression_is_always_true():  # §8.3: `if: true && ${{ false }}`
    cond = parse_condition("true && ${{ false }}")
    assert cond.literal_text
    assert cond.evaluate(CTX, None) == "true && false"


def test_template_interpolation():
    assert evaluate_template("img-${{ matrix.os }}-${{ 1 }}", CTX) == "img-linux-1"
    assert evaluate_template("${{ fromJSON('[1]') }}", CTX) == [1]
    assert evaluate_template("${{ '}}' }}", CTX) == "}}"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab()[]!=<>&|'.,* 01xe-+_\n", max_size=40) | st.text(max_size=30))
def test_parser_returns_a_value_or_a_positioned_error(text):
    """Random input: a value or an ExpressionError with an offset inside the text."""
    try:
        evaluate(parse(text), CTX)
    except ExpressionError as exc:
        assert 0 <= exc.offset <= len(text)


def test_a_property_written_as_found_reads_that_key_before_any_other_case():  # §11.2
    ctx = {"x": {"k": 1, "K": 2, "only": 3}, "l": [{"k": 4}]}
    assert (ev("x.k", ctx), ev("x.K", ctx), ev("x.ONLY", ctx), ev("x['K']", ctx)) == (1, 2, 3, 2)
    assert (ev("l[0].K", ctx), ev("x.k.deeper", ctx), ev("x.nope", ctx)) == (4, None, None)


def test_chains_thousands_of_links_long_evaluate_without_recursion():  # §11.2
    """Member access and left-nested comparisons do not count toward GitHub's depth of 50, so
    the length limit (21,000 characters) allows chains of thousands of links."""
    from simulator.expressions.parser import property_path, property_paths, walk

    deep: dict = {"end": "x"}
    for _ in range(5_000):
        deep = {"b": deep}
    chain = parse("vars" + ".b" * 5_000 + ".END")
    assert evaluate(chain, {"vars": deep}) == "x"
    assert evaluate(parse("vars" + "['b']" * 3_000 + ".nope"), {"vars": deep}) is None
    assert evaluate(parse(" == ".join(["vars.v"] * 2_000)), {"vars": {"v": "a"}}) is False
    assert evaluate(parse(" != ".join(["vars.v"] * 2_001)), {"vars": {"v": "a"}}) is True
    assert property_path(chain) == "vars" + ".b" * 5_000 + ".END"
    assert [property_path(n) for n in property_paths(chain)] == [property_path(chain)]
    assert sum(1 for _ in walk(chain)) == 2 * 5_001 + 1  # each link: its Index and its key


def test_property_paths_of_many_chains_are_found_in_one_pass(monkeypatch):
    """1,200 chains: each path is worked out once (it was once per chain seen before it)."""
    import simulator.expressions.parser as parser

    node = parse(" || ".join(f"github.x{i}" for i in range(1_200)))
    calls = []
    real = parser.property_path
    monkeypatch.setattr(parser, "property_path", lambda n: calls.append(1) or real(n))
    assert len(parser.property_paths(node)) == 1_200
    assert len(calls) <= 2 * 1_200 + 1  # linear in the nodes, not 1,200 squared


def test_json_nested_too_deeply_is_an_expression_error_not_a_crash():  # §11.5
    deep = "[" * 6_000 + "]" * 6_000
    with pytest.raises(ExpressionError, match="fromJSON.*nested too deeply"):
        ev(f"fromJSON('{deep}')")
    readable = "[" * 900 + "]" * 900  # Python reads it; writing it back is too deep
    with pytest.raises(ExpressionError, match="toJSON.*nested too deeply"):
        ev(f"toJSON(fromJSON('{readable}'))")
    assert ev(f"fromJSON('{readable}')") == ev(f"fromJSON('{readable}')")
