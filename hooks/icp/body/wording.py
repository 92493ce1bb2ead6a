"""What the validator says of a tag or an attribute the body may not hold: templates of the
validator's table of messages (marked for the catalogues, told in the reader's language by the
form and the preview through :mod:`icp.check.said`)."""

from __future__ import annotations

from icp.body import allowlist
from icp.check.said import Said, said
from icp.i18n import N_
from icp.read.characters import excerpt

FIX_TAG = N_("a body may hold Markdown and simple HTML (tables, lists, emphasis, links, images from "
             "practices/images/), nothing that runs, embeds, styles or submits")
TAG = N_("the tag <{tag}> is not allowed; remove it ({fix})")
EVENT = N_("the event attribute {name}= on <{tag}> is not allowed; remove it (nothing in a body may run script)")
STYLE = N_("the style attribute on <{tag}> is not allowed; remove it (the site's stylesheet sets the layout)")
IMAGE_RELATIVE = N_("the image '{value}' is not a file in practices/images/; put the image in that folder "
                    "(lowercase name, .png, .jpg, .gif or .webp) and write its address as images/<name>")
IMAGE_SCHEME = N_("the image '{value}' is a '{scheme}:' address; an image comes from practices/images/: "
                  "save it there and write ![description](images/<name>.png)")
IMAGE_OTHER_HOST = N_("the image '{value}' would be fetched from another host, which the site never does; "
                      "save it in practices/images/ and write ![description](images/<name>.png)")
LINK_SCHEME = N_("the link '{value}' uses '{scheme}:'; links may only be https://, http://, mailto: or relative")
LINK_NO_SCHEME = N_("the link '{value}' leaves out the scheme; write the address in full, starting with https://")
LOADS = N_("the attribute {name}= on <{tag}> is not allowed: it would load '{value}'; remove it")
IDENTITY = N_("the attribute {name}= on <{tag}> is not allowed; remove it (the page sets its own ids and classes)")
ATTRIBUTE = N_("the attribute {name}='{value}' on <{tag}> is not allowed; remove it (allowed on <{tag}>: {allowed})")
EMPTY = N_("the text below the front matter is empty; write at least the Summary section")
_LOADING = ("src", "srcset", "poster", "background", "action", "formaction", "data", "ping", "href", "xlink:href")


def tag_problem(tag: str) -> Said:
    return said(TAG, tag=tag, fix=said(FIX_TAG))


def attribute_problem(tag: str, name: str, value: str) -> Said:
    shown = excerpt(value, 60)
    if name.startswith("on"):
        return said(EVENT, name=name, tag=tag)
    if name == "style":
        return said(STYLE, tag=tag)
    if tag == "img" and name == "src":
        if allowlist.is_relative(value):
            return said(IMAGE_RELATIVE, value=shown)
        scheme = allowlist.url_scheme(value)
        if scheme not in (None, "http", "https"):
            return said(IMAGE_SCHEME, value=shown, scheme=scheme)
        return said(IMAGE_OTHER_HOST, value=shown)
    if name == "href":
        scheme = allowlist.url_scheme(value)
        return said(LINK_SCHEME, value=shown, scheme=scheme) if scheme is not None else said(LINK_NO_SCHEME, value=shown)
    if name in _LOADING:
        return said(LOADS, name=name, tag=tag, value=shown)
    if name in ("id", "class", "name"):
        return said(IDENTITY, name=name, tag=tag)
    allowed = ", ".join(sorted(allowlist.ATTRIBUTES.get(tag, ()))) or "none"
    return said(ATTRIBUTE, name=name, value=shown, tag=tag, allowed=allowed)
