"""{% fragment name %}...{% endfragment %}: a block cached through the page's Fragments (clinic/fragments.py)."""

from django import template

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context) -> str:
        fragments = context.get("fragments")
        if fragments is None:
            return self.nodelist.render(context)
        # A node's output goes into the page as it is (only variables are escaped, inside the block), so the
        # cached text needs no marking as safe.
        html = fragments.get(self.name)
        if html is None:
            html = self.nodelist.render(context)
            fragments.set(self.name, html)
        return html


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% fragment name %} takes one name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1], nodelist)
