"""The Content-Security-Policy is the second wall behind escaping: in the real browser it stops
inline script, inline handlers and code compiled from strings; htmx is told not to need it.

Playwright's ``page.evaluate`` runs through the DevTools protocol, which the policy does not
govern, so the tests can inspect pages; script the page itself adds is governed.
"""

import pytest

INJECT = """
([kind]) => new Promise((resolve) => {
  document.addEventListener(
    "securitypolicyviolation",
    (event) => resolve(`blocked by ${event.effectiveDirective}`),
    { once: true },
  );
  if (kind === "script") {
    const script = document.createElement("script");
    script.textContent = "window.__ran = true";
    document.body.append(script);
  } else {
    const div = document.createElement("div");
    div.setAttribute("onclick", "window.__ran = true");
    document.body.append(div);
    div.click();
  }
  setTimeout(() => resolve(window.__ran ? "ran" : "neither ran nor was reported"), 2000);
})
"""


@pytest.fixture
def unwatched_page(new_context):
    """A page whose console may report the violations these tests cause on purpose."""
    return new_context().new_page()


def test_every_page_is_served_with_the_policy(unwatched_page, review):
    response = unwatched_page.goto(review.get_absolute_url())
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_devtools_evaluation_still_works_under_the_policy(unwatched_page, review):
    unwatched_page.goto(review.get_absolute_url())
    assert unwatched_page.evaluate("1 + 1") == 2
    assert unwatched_page.evaluate("document.querySelector('h1').textContent") == "Alien (1979)"


@pytest.mark.parametrize("kind", ["script", "handler"])
def test_inline_script_added_to_a_page_is_blocked(unwatched_page, review, kind):
    unwatched_page.goto(review.get_absolute_url())
    outcome = unwatched_page.evaluate(INJECT, [kind])
    assert outcome == "blocked by script-src-elem" if kind == "script" else "blocked by script-src"
    assert unwatched_page.evaluate("window.__ran === undefined")


def test_code_from_strings_is_refused_and_htmx_does_not_need_it(unwatched_page, review):
    unwatched_page.goto(review.get_absolute_url())
    # A string timer is compiled by the page itself, outside the DevTools call, like eval.
    outcome = unwatched_page.evaluate(
        """() => new Promise((resolve) => {
          document.addEventListener(
            "securitypolicyviolation", (event) => resolve(event.blockedURI), { once: true });
          setTimeout("window.__ran = true", 0);
          setTimeout(() => resolve(window.__ran ? "ran" : "not reported"), 2000);
        })"""
    )
    assert outcome == "eval"
    assert unwatched_page.evaluate("htmx.config.allowEval") is False
