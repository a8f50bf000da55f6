"""Every visible form control on the main pages has a name a screen reader can read out: a
label, ``aria-label`` or ``aria-labelledby`` (checked in the page), and a non-empty accessible
name in Chromium's own accessibility tree (read through Playwright's DevTools session), for
buttons and links too."""

# Controls shown on the page (closed <details> are opened first) and how each is labelled.
CONTROLS = """
() => {
  for (const details of document.querySelectorAll("details")) details.open = true;
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
  };
  const controls = [...document.querySelectorAll("input, select, textarea")]
    .filter((el) => el.type !== "hidden" && shown(el));
  return controls.map((el) => ({
    what: el.outerHTML.slice(0, 120),
    labelled: el.labels.length > 0 || el.hasAttribute("aria-label")
      || el.hasAttribute("aria-labelledby"),
  }));
}
"""
# Roles a person operates; each needs a name.
CONTROL_ROLES = {
    "button", "checkbox", "combobox", "link", "listbox", "menuitem", "radio", "searchbox",
    "slider", "spinbutton", "switch", "tab", "textbox",
}  # fmt: skip


def unnamed_controls(page) -> list[str]:
    """Controls with no label at all, then any control Chromium can give no name."""
    problems = [c["what"] for c in page.evaluate(CONTROLS) if not c["labelled"]]
    devtools = page.context.new_cdp_session(page)
    try:
        for node in devtools.send("Accessibility.getFullAXTree")["nodes"]:
            role = node.get("role", {}).get("value")
            name = str(node.get("name", {}).get("value", "")).strip()
            if role in CONTROL_ROLES and not node.get("ignored") and not name:
                html = devtools.send(
                    "DOM.getOuterHTML", {"backendNodeId": node["backendDOMNodeId"]}
                )
                problems.append(f"{role} without a name: {html['outerHTML'][:120]}")
    finally:
        devtools.detach()
    return problems


def test_every_control_on_the_main_pages_has_an_accessible_name(
    journal_with_content, new_context, open_page, log_in
):
    journal = journal_with_content
    alien = journal.reviews["Alien"]
    pages = {
        None: ["/", "/films/", "/accounts/login/", "/accounts/signup/", alien.get_absolute_url()],
        journal.reader: [
            alien.get_absolute_url(),
            journal.films["Alien"].get_absolute_url(),
            f"/u/{journal.reader.username}/diary/",
            f"/u/{journal.reader.username}/stats/",
            "/imports/",
            journal.import_job.get_absolute_url(),
        ],
        journal.critic: [
            "/reviews/write/",
            "/reviews/paste/",
            f"{alien.get_absolute_url()}edit/",
            "/reviews/mine/",
        ],
        journal.staff: ["/comments/moderation/", alien.get_absolute_url()],
    }
    problems = {}
    checked = 0
    for user, urls in pages.items():
        context = new_context()
        if user:
            log_in(context, user)
        page = open_page(context)
        for url in urls:
            assert page.goto(url).status == 200, url
            checked += len(page.evaluate(CONTROLS))
            if found := unnamed_controls(page):
                problems[f"{user or 'anonymous'} {url}"] = found

    assert checked > 40  # the pages really have forms on them
    assert not problems, problems
