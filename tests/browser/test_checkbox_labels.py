"""A checkbox sits on the line of its own label, just left of it, so no one ticks the wrong one.

Regression: the shared form layout once stretched checkboxes across the column, each centred
above its label and beside the field before it.
"""

import pytest

# Each visible checkbox, its label's box, and whether the two sit side by side.
CHECKBOXES = """
() => [...document.querySelectorAll("main input[type=checkbox]")]
  .filter((box) => box.getBoundingClientRect().width > 0)
  .map((box) => {
    const b = box.getBoundingClientRect();
    const l = box.labels[0].getBoundingClientRect();
    const sameLine = b.top < l.bottom && l.top < b.bottom;
    const justLeft = b.right <= l.left + 1 && l.left - b.right < 32;
    return { label: box.labels[0].textContent.trim(), beside: sameLine && justLeft };
  })
"""


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("critic", "/reviews/write/"),  # the shared form layout, _form.html
        ("critic", "/reviews/paste/"),
        ("reader", "/imports/"),
        ("reader", "/films/alien-1979/"),  # the diary widget's own layout
    ],
)
def test_each_checkbox_sits_beside_its_label(page, context, log_in, critic, reader, film, who, url):
    log_in(context, {"critic": critic, "reader": reader}[who])
    page.goto(url)
    for details in page.locator("main details").all():
        details.evaluate("details => { details.open = true; }")

    checkboxes = page.evaluate(CHECKBOXES)

    assert checkboxes, "no checkbox on the page"
    assert all(box["beside"] for box in checkboxes), checkboxes
