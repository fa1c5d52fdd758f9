from tests.browser.demo_site import demo_site  # noqa: F401 - the fixture, for every browser test
